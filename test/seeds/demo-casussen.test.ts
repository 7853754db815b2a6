import { describe, expect, it } from "vitest";
import { openSqlite } from "../../db/sqlite.ts";
import { generateDemo } from "../../seeds/demo.ts";
import { maakDemoCasussen } from "../../seeds/demo-casussen.ts";
import { clearDemo, loadDemo } from "../../seeds/demo-load.ts";
import { createDemoToegang } from "../../seeds/demo-toegang.ts";
import { loadReference } from "../../seeds/reference.ts";
import { systeemActor } from "../../src/kern/actor.ts";
import { dagenTussen, leeftijdJaren } from "../../src/kern/dates.ts";
import { fixedClock } from "../../src/kern/time.ts";
import type { Maatregel } from "../../src/priority/norm.ts";

const NOW = "2026-12-02T09:00:00.000Z";
const VANDAAG = NOW.slice(0, 10);

/** The demo as `npm start` makes it: providers, demo tokens, then 40 waiting cases and their referrals. */
async function demo(seed: number) {
  const db = openSqlite(":memory:");
  await loadReference(db);
  loadDemo(db, generateDemo({ seed, aanbieders: 100, now: new Date(NOW) }));
  const deps = { db, clock: fixedClock(NOW) };
  const gi = (await createDemoToegang(deps)).find((t) => t.rol === "verwijzer");
  await maakDemoCasussen(deps, {
    seed,
    aantal: 40,
    regio: "haaglanden",
    actor: systeemActor("verwijzer", {
      organisatieId: gi?.organisatieId ?? "",
      organisatieNaam: gi?.organisatie ?? "",
      organisatieType: "gecertificeerde-instelling",
    }),
  });
  const alle = <T>(sql: string) => db.sqlite.prepare(sql).all() as T[];
  return { db, alle };
}

describe("demo cases and referrals", () => {
  for (const seed of [20261127, 42, 7]) {
    it(`shows the whole loop (seed ${seed}): referrals in every state, escalation steps A1/A2/B, parents who chose to wait`, async () => {
      const { db, alle } = await demo(seed);
      const aanmeldingen = alle<{ status: string; antwoord_voor: string; startdatum: string | null }>(
        "SELECT status, antwoord_voor, startdatum FROM aanmeldingen",
      );
      const effectief = aanmeldingen.map((a) => (a.status === "verzonden" && a.antwoord_voor <= NOW ? "verlopen" : a.status));
      for (const status of ["verzonden", "geaccepteerd", "gestart", "afgewezen", "ingetrokken", "verlopen"])
        expect(effectief, status).toContain(status);
      expect(alle<{ stap: string }>("SELECT stap FROM escalaties").map((e) => e.stap)).toEqual(
        expect.arrayContaining(["A1", "A2", "B"]),
      );
      expect(alle<{ n: number }>("SELECT count(*) AS n FROM casussen WHERE stopreden = 'ouders-kiezen-wachten'")[0]?.n).toBe(1);
      // A started case has its lead time from the ruling: a start, on or after its registration.
      const gestart = alle<{ startdatum: string; aanmelddatum: string; maatregelen: string }>(
        "SELECT startdatum, aanmelddatum, maatregelen FROM casussen WHERE status = 'geplaatst'",
      );
      expect(gestart.length).toBeGreaterThan(0);
      for (const c of gestart) {
        expect(c.startdatum >= c.aanmelddatum && c.startdatum <= VANDAAG).toBe(true);
        expect((JSON.parse(c.maatregelen) as Maatregel[]).length).toBeGreaterThan(0);
      }
      db.close();
    });
  }

  it("makes measures that fit the child: dates in the past, after birth; no youth probation or Wvggz for a young child", async () => {
    const { db, alle } = await demo(20261127);
    const casussen = alle<{ geboortedatum: string; aanmelddatum: string; maatregelen: string }>(
      "SELECT geboortedatum, aanmelddatum, maatregelen FROM casussen",
    );
    const metMaatregel = casussen.filter((c) => c.maatregelen !== "[]");
    expect(metMaatregel.length).toBeGreaterThan(5);
    for (const c of metMaatregel) {
      for (const m of JSON.parse(c.maatregelen) as Maatregel[]) {
        const datum = m.uitspraakdatum ?? m.ingangsdatum;
        expect(datum).not.toBeNull();
        expect((datum as string) >= c.geboortedatum && (datum as string) <= VANDAAG).toBe(true);
        expect((datum as string) <= c.aanmelddatum).toBe(true);
        const leeftijd = leeftijdJaren(c.geboortedatum, VANDAAG);
        if (m.type === "jeugdreclassering") expect(leeftijd).toBeGreaterThanOrEqual(12);
        if (m.type === "wvggz") expect(leeftijd).toBeGreaterThanOrEqual(16);
      }
    }
    db.close();
  });

  /**
   * What a professional reading the waiting list would not believe (issue 15). Measures by age
   * at the ruling: jeugdreclassering from 12 (criminal responsibility), a machtiging gesloten
   * jeugdzorg realistically from 12 and only with closed care, Wvggz here from 16, Wzd from 12;
   * OTS, MUHP and voogdij 0–17; a MUHP with care away from home. Care by age: no closed care
   * before 12, no (semi-)independent living before 16, no small-scale residential group before 8,
   * no gezinshuis for a baby, no youth mental health care before 4. Urgency: a crisis case needs
   * a place away from home within days, a spoed case within weeks.
   */
  const MAATREGEL_VANAF: Record<string, number> = {
    jeugdreclassering: 12,
    "machtiging-gesloten-jeugdzorg": 12,
    wvggz: 16,
    wzd: 12,
    ots: 0,
    muhp: 0,
    voogdij: 0,
  };
  const MAATREGEL_ZORG: Record<string, string[]> = {
    muhp: ["pleegzorg", "gezinshuis", "kleinschalige-woonvoorziening"],
    "machtiging-gesloten-jeugdzorg": ["gesloten-jeugdzorg"],
    jeugdreclassering: ["ambulante-jggz", "gezinsbehandeling", "kleinschalige-woonvoorziening", "begeleid-beschermd-wonen", "41"],
    wvggz: ["ambulante-jggz", "kleinschalige-woonvoorziening", "52", "54"],
    wzd: ["kleinschalige-woonvoorziening", "begeleid-beschermd-wonen", "gezinshuis"],
  };
  const ZORG_VANAF: Record<string, number> = {
    "gesloten-jeugdzorg": 12,
    "begeleid-beschermd-wonen": 16,
    "kleinschalige-woonvoorziening": 8,
    gezinshuis: 2,
    "ambulante-jggz": 4,
  };
  const CRISISZORG = ["pleegzorg", "gezinshuis", "kleinschalige-woonvoorziening", "gesloten-jeugdzorg", "46"];
  for (const seed of [20261127, 42, 7]) {
    it(`makes cases a professional would believe (seed ${seed}): measures, ages, care and urgency that go together`, async () => {
      const { db, alle } = await demo(seed);
      const casussen = alle<{
        referentie: string;
        geboortedatum: string;
        aanmelddatum: string;
        zorgvorm: string;
        urgentie: string;
        maatregelen: string;
      }>("SELECT referentie, geboortedatum, aanmelddatum, zorgvorm, urgentie, maatregelen FROM casussen ORDER BY referentie");
      const fouten: string[] = [];
      for (const c of casussen) {
        const wie = `${c.referentie} (${leeftijdJaren(c.geboortedatum, VANDAAG)} jaar, ${c.zorgvorm}, ${c.urgentie})`;
        const maatregelen = JSON.parse(c.maatregelen) as Maatregel[];
        for (const m of maatregelen) {
          const leeftijd = leeftijdJaren(c.geboortedatum, (m.uitspraakdatum ?? m.ingangsdatum) as string);
          if (leeftijd < (MAATREGEL_VANAF[m.type] ?? 0) || leeftijd > 17) fouten.push(`${wie}: ${m.type} op ${leeftijd} jaar`);
          const zorg = MAATREGEL_ZORG[m.type];
          if (zorg && !zorg.includes(c.zorgvorm)) fouten.push(`${wie}: ${m.type} met ${c.zorgvorm}`);
        }
        const leeftijd = leeftijdJaren(c.geboortedatum, c.aanmelddatum);
        if (leeftijd < (ZORG_VANAF[c.zorgvorm] ?? 0)) fouten.push(`${wie}: ${c.zorgvorm} op ${leeftijd} jaar`);
        if (c.zorgvorm === "gesloten-jeugdzorg" && !maatregelen.some((m) => m.type === "machtiging-gesloten-jeugdzorg"))
          fouten.push(`${wie}: gesloten jeugdzorg zonder machtiging`);
        if (c.zorgvorm === "overbruggingszorg") fouten.push(`${wie}: overbruggingszorg als gevraagde zorg`);
        const gewacht = dagenTussen(c.aanmelddatum, VANDAAG);
        if (c.urgentie === "crisis" && (gewacht > 7 || !CRISISZORG.includes(c.zorgvorm)))
          fouten.push(`${wie}: crisis, ${gewacht} dagen gewacht`);
        if (c.urgentie === "spoed" && gewacht > 42) fouten.push(`${wie}: spoed, ${gewacht} dagen gewacht`);
      }
      expect(fouten).toEqual([]);
      // Still a demo worth showing: measures, and now and then spoed.
      expect(casussen.filter((c) => c.maatregelen !== "[]").length).toBeGreaterThan(5);
      db.close();
    });
  }

  it("a demo reset removes the referrals with the providers; cases and escalation records stay", async () => {
    const { db, alle } = await demo(42);
    const casussen = alle<{ n: number }>("SELECT count(*) AS n FROM casussen")[0]?.n;
    clearDemo(db);
    expect(alle<{ n: number }>("SELECT count(*) AS n FROM aanmeldingen")[0]?.n).toBe(0);
    expect(alle<{ n: number }>("SELECT count(*) AS n FROM casussen")[0]?.n).toBe(casussen);
    expect(alle<{ n: number }>("SELECT count(*) AS n FROM escalaties")[0]?.n).toBeGreaterThan(0);
    expect(db.sqlite.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    db.close();
  });
});
