import { describe, expect, it } from "vitest";
import { openSqlite } from "../../db/sqlite.ts";
import { generateDemo } from "../../seeds/demo.ts";
import { maakDemoCasussen } from "../../seeds/demo-casussen.ts";
import { clearDemo, loadDemo } from "../../seeds/demo-load.ts";
import { createDemoToegang } from "../../seeds/demo-toegang.ts";
import { loadReference } from "../../seeds/reference.ts";
import { systeemActor } from "../../src/kern/actor.ts";
import { leeftijdJaren } from "../../src/kern/dates.ts";
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
