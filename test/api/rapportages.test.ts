import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { percentiel } from "../../src/kern/statistiek.ts";
import { ONDER_DREMPEL, type OpenOverzicht, onderdruk, type Telling, voegSamen } from "../../src/services/open-overzicht.ts";
import { bewaarMomentopname } from "../../src/services/rapportage-momentopnames.ts";
import { maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie, names, problem, type Row } from "../factories.ts";
import { makeRegister, type Register } from "../helpers.ts";

/** Monitoring (issue 14): the monthly norm report, its denominator, KPIs, CSV and the open overview. */

type Uitsplitsing = { sleutel: string; naam: string; aantal: number; oudersKiezenWachten: number; bovenliggend?: string | null };
type NormRapport = {
  bron: string;
  totaal: number;
  oudersKiezenWachten: number;
  perZorggroep: Uitsplitsing[];
  perGi: Uitsplitsing[];
  perGemeente: Uitsplitsing[];
  perPrioriteitsgroep: Uitsplitsing[];
  perEscalatiestap: Uitsplitsing[];
  noemer: { aantal: number | null; ontbreekt: boolean; melding: string | null };
  aandeel: number | null;
  correcties: { onderdeel: string; sleutel: string; vastgesteld: number; metLatereGegevens: number }[];
};

const ots = (uitspraakdatum: string) => ({ maatregelen: [{ type: "ots", uitspraakdatum, ingangsdatum: null }] });
const rapport = async (r: Register, query = "regio=haaglanden") =>
  json<NormRapport>(await r.als("zorgmakelaar")("GET", `/v1/rapportages/norm?${query}`), 200);
/** The care groups without subgroups (the headings verblijf and ambulant are their subtotals). */
const bladen = (r: NormRapport) => r.perZorggroep.filter((u) => !r.perZorggroep.some((k) => k.bovenliggend === u.sleutel));
const som = (lijst: Uitsplitsing[]) => lijst.reduce((n, u) => n + u.aantal, 0);

describe("the norm report", () => {
  it("reproduces the Haaglanden example: 35 of 2,260 measures (1.5%), 16 for residential and 17 for ambulant care", async () => {
    const r = await makeRegister("2022-01-01T09:00:00.000Z", { als: "zorgmakelaar" });
    const verwijzer = r.als("verwijzer");
    const verdeling: [string, number][] = [
      ["gezinshuis", 4],
      ["kleinschalige-woonvoorziening", 3],
      ["begeleid-beschermd-wonen", 7],
      ["pleegzorg", 2],
      ["ambulante-jggz", 7],
      ["gezinsbehandeling", 5],
      ["opvoedondersteuning", 5],
      ["41", 1],
      ["50", 1],
    ];
    let n = 0;
    for (const [zorgvorm, aantal] of verdeling)
      for (let i = 0; i < aantal; i++)
        await maakCasus(r, { referentie: `HGL-${++n}`, zorgvorm, aanmelddatum: "2021-08-01", ...ots("2021-07-15") }, verwijzer);
    // Waiting, but within the norm; and one without a measure: not counted.
    await maakCasus(r, { referentie: "HGL-BINNEN", aanmelddatum: "2021-11-01", ...ots("2021-11-01") }, verwijzer);
    await maakCasus(r, { referentie: "HGL-ZONDER", aanmelddatum: "2021-06-01" }, verwijzer);
    await json(
      await r.request("POST", "/v1/maatregeltellingen", {
        regio: "haaglanden",
        organisatieId: r.organisaties.verwijzer.id,
        maand: "2022-01",
        aantal: 2260,
      }),
      200,
    );
    const rap = await rapport(r, "regio=haaglanden&peildatum=2022-01-01");
    expect(rap).toMatchObject({ totaal: 35, aandeel: 1.5, noemer: { aantal: 2260, ontbreekt: false } });
    const groep = (code: string) => rap.perZorggroep.find((u) => u.sleutel === code)?.aantal;
    expect([groep("verblijf"), groep("verblijf-gezinshuis"), groep("verblijf-begeleid-wonen"), groep("verblijf-overig")]).toEqual(
      [16, 7, 7, 2],
    );
    expect([groep("ambulant"), groep("ambulant-jggz"), groep("ambulant-overig")]).toEqual([17, 7, 10]);
    expect([groep("dagbehandeling"), groep("crisis"), groep("onbekend")]).toEqual([1, 0, 1]);
    // Every breakdown adds up to the total (the care groups at the level of their cells).
    for (const [naam, lijst] of Object.entries({
      zorggroepen: bladen(rap),
      gi: rap.perGi,
      gemeenten: rap.perGemeente,
      prioriteitsgroepen: rap.perPrioriteitsgroep,
      escalatiestappen: rap.perEscalatiestap,
    }))
      expect(som(lijst), naam).toBe(35);
    expect(rap.perGi).toEqual([
      { sleutel: r.organisaties.verwijzer.id, naam: "Test Jeugdbescherming", aantal: 35, oudersKiezenWachten: 0 },
    ]);
    expect(rap.perPrioriteitsgroep.map((u) => [u.naam, u.aantal])).toEqual([["Groep 1 — gedwongen kader", 35]]);
  });

  it("says when the denominator is missing, and counts parents who chose to wait apart", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const a = await maakCasus(r, { referentie: "OUD-1", ...ots("2026-06-01") });
    await maakCasus(r, { referentie: "OUD-2", ...ots("2026-06-01") });
    await json(
      await r.request("PUT", `/v1/casussen/${a.id}/status`, { status: "gestopt", stopreden: "ouders-kiezen-wachten" }),
      200,
    );
    const rap = await rapport(r);
    expect(rap).toMatchObject({ totaal: 2, oudersKiezenWachten: 1, aandeel: null, noemer: { aantal: null, ontbreekt: true } });
    expect(rap.noemer.melding).toContain("nog geen aantal lopende maatregelen");
    expect(rap.perGemeente.find((g) => g.sleutel === "GM0518")).toMatchObject({ aantal: 2, oudersKiezenWachten: 1 });
  });

  it("answers a past peildatum as the records stood then; later records show as corrections, with or without a snapshot", async () => {
    const r = await makeRegister("2026-10-01T09:00:00.000Z", { als: "zorgmakelaar" });
    const offer = await aanbodMetContract(r);
    const laat = await maakCasus(r, { referentie: "LAAT-1", aanmelddatum: "2026-06-15", ...ots("2026-06-01") });
    const gecorrigeerd = await maakCasus(r, { referentie: "CORR-1", aanmelddatum: "2026-06-15", ...ots("2026-06-01") });
    expect((await rapport(r, "regio=haaglanden&peildatum=2026-10-01")).totaal).toBe(2);
    await bewaarMomentopname({ db: r.db, clock: r.clock }, "haaglanden", "2026-10-01");

    // Later: help for LAAT-1 started on 28 September but was recorded in October; CORR-1's ruling was in fact in July.
    r.clock.set("2026-10-12T09:00:00.000Z");
    const aanbieder = r.met(await r.aanbiederToken(offer.aanbiederId as string));
    const a = await json<Row>(
      await r.request("POST", "/v1/aanmeldingen", { casusId: laat.id, aanbodId: offer.id, contactpersoon: { naam: "T. Test" } }),
      201,
    );
    r.db.sqlite.prepare("UPDATE aanmeldingen SET verzonden_op = '2026-09-20T09:00:00.000Z' WHERE id = ?").run(a.id);
    await json(await aanbieder("POST", `/v1/aanmeldingen/${a.id}/acceptatie`, { verwachteStartdatum: "2026-10-12" }), 200);
    await json(await aanbieder("POST", `/v1/aanmeldingen/${a.id}/start`, { startdatum: "2026-09-28" }), 200);
    await json(
      await r.request("PATCH", `/v1/casussen/${gecorrigeerd.id}`, { ...ots("2026-07-20") }, { "If-Match": '"v1"' }),
      200,
    );

    for (const peil of ["2026-10-01", "2026-10-02"]) {
      const toen = await rapport(r, `regio=haaglanden&peildatum=${peil}`);
      // The figure stands as it was recorded, from the snapshot of 1 October or from the history read back.
      expect(toen.bron).toBe(peil === "2026-10-01" ? "momentopname" : "herleid");
      expect(toen.totaal).toBe(2);
      expect(toen.correcties).toContainEqual({
        onderdeel: "totaal",
        sleutel: "totaal",
        naam: "Totaal",
        vastgesteld: 2,
        metLatereGegevens: 0,
      });
    }
    expect((await rapport(r)).bron).toBe("actueel");
  });

  it("serves the same figures as CSV that opens in Dutch Excel and parses back", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    await maakCasus(r, { referentie: "CSV-1", ...ots("2026-06-01") });
    const res = await r.request("GET", "/v1/rapportages/norm?regio=haaglanden&formaat=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const tekst = new TextDecoder().decode(bytes);
    expect(tekst.startsWith("regio;peildatum;onderdeel")).toBe(true);
    const rijen = parse(tekst, { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
    const jsonRap = await rapport(r);
    expect(rijen.find((x) => x.onderdeel === "totaal")?.aantal).toBe(String(jsonRap.totaal));
    for (const u of jsonRap.perGemeente)
      expect(rijen.find((x) => x.onderdeel === "gemeente" && x.sleutel === u.sleutel)?.aantal).toBe(String(u.aantal));
    const kpi = await r.request("GET", "/v1/rapportages/kpi?regio=haaglanden", undefined, { Accept: "text/csv" });
    expect(kpi.headers.get("Content-Type")).toContain("text/csv");
    expect((await kpi.text()).split("\r\n")[0]).toBe("regio;maand;kpi;sleutel;waarde");
  });
});

async function aanbodMetContract(r: Register, velden: Record<string, unknown> = {}) {
  const aanbieder = await maakAanbieder(r);
  const locatie = await maakLocatie(r, aanbieder.id);
  await json(
    await r.als("beheerder")("POST", "/v1/contracten", {
      aanbiederId: aanbieder.id,
      zorgvorm: "gezinshuis",
      gemeente: "GM0518",
      geldigVanaf: "2026-01-01",
    }),
    201,
  );
  return maakAanbod(r, locatie.id, { leeftijdVan: 0, leeftijdTot: 18, capaciteit: 5, vrijePlekken: 3, ...velden });
}

describe("the denominator (maatregeltellingen)", () => {
  it("a GI enters its own count, a CSV file enters all or nothing with every fault named by its line", async () => {
    const r = await makeRegister();
    const gi = r.organisaties.verwijzer;
    await json(
      await r.als("verwijzer")("POST", "/v1/maatregeltellingen", {
        regio: "haaglanden",
        organisatieId: gi.id,
        maand: "2026-11",
        aantal: 640,
      }),
      200,
    );
    const ander = await problem(
      await r.als("verwijzer")("POST", "/v1/maatregeltellingen", {
        regio: "haaglanden",
        organisatieId: r.organisaties.zorgmakelaar.id,
        maand: "2026-11",
        aantal: 5,
      }),
      400,
    );
    expect(names(ander)).toEqual(["organisatieId"]);
    const csv = (tekst: string) =>
      r.als("zorgmakelaar")("POST", "/v1/maatregeltellingen/bestand", tekst, { "Content-Type": "text/csv" });
    const fout = await problem(
      await csv(
        "regio;organisatie;maand;aantal\nhaaglanden;Test Jeugdbescherming;2026-10;650\nhaaglanden;Onbekende GI;2026-13;-3\n",
      ),
      400,
    );
    expect(names(fout).sort()).toEqual(["regel 3: aantal", "regel 3: maand", "regel 3: organisatie"]);
    await json(await csv("regio;organisatie;maand;aantal\nhaaglanden;Test Jeugdbescherming;2026-10;650\n"), 200);
    const lijst = await json<{ resultaten: { maand: string; aantal: number }[] }>(
      await r.als("zorgmakelaar")("GET", "/v1/maatregeltellingen?regio=haaglanden"),
      200,
    );
    expect(lijst.resultaten.map((t) => [t.maand, t.aantal])).toEqual([
      ["2026-10", 650],
      ["2026-11", 640],
    ]);
    await problem(
      await r.als("zorgmakelaar")("POST", "/v1/maatregeltellingen/bestand", "regio;organisatie", {
        "Content-Type": "application/json",
      }),
      415,
    );
  });
});

describe("KPIs", () => {
  it("median, p75 and p90 of the wait from the ruling to the start of help, as a spreadsheet computes them", async () => {
    // Hand-computed: for 10, 20, 30, 40 days PERCENTILE.INC gives 25 (median), 32.5 (p75), 37 (p90).
    expect([percentiel([40, 10, 30, 20], 0.5), percentiel([10, 20, 30, 40], 0.75), percentiel([10, 20, 30, 40], 0.9)]).toEqual([
      25, 32.5, 37,
    ]);
    const r = await makeRegister("2026-10-30T09:00:00.000Z", { als: "zorgmakelaar" });
    const offer = await aanbodMetContract(r, { vrijePlekken: 5 });
    const aanbieder = r.met(await r.aanbiederToken(offer.aanbiederId as string));
    const starts: [string, string][] = [
      ["2026-09-20", "2026-09-30"],
      ["2026-09-10", "2026-09-30"],
      ["2026-08-31", "2026-09-30"],
      ["2026-08-21", "2026-09-30"],
    ];
    let i = 0;
    for (const [uitspraak, start] of starts) {
      const c = await maakCasus(r, { referentie: `KPI-${++i}`, aanmelddatum: uitspraak, ...ots(uitspraak) });
      const a = await json<Row>(
        await r.request("POST", "/v1/aanmeldingen", {
          casusId: c.id,
          aanbodId: offer.id,
          contactpersoon: { naam: "K. Pi" },
          metReservering: true,
        }),
        201,
      );
      r.db.sqlite.prepare("UPDATE aanmeldingen SET verzonden_op = '2026-09-01T09:00:00.000Z' WHERE id = ?").run(a.id);
      await json(await aanbieder("POST", `/v1/aanmeldingen/${a.id}/acceptatie`, { verwachteStartdatum: "2026-10-30" }), 200);
      await json(await aanbieder("POST", `/v1/aanmeldingen/${a.id}/start`, { startdatum: start }), 200);
    }
    const gestopt = await maakCasus(r, { referentie: "KPI-STOP", aanmelddatum: "2026-10-02" });
    await json(await r.request("PUT", `/v1/casussen/${gestopt.id}/status`, { status: "gestopt", stopreden: "verhuisd" }), 200);
    const kpi = await json<{ maanden: Record<string, unknown>[] }>(
      await r.request("GET", "/v1/rapportages/kpi?regio=haaglanden&van=2026-08&tot=2026-10"),
      200,
    );
    const [aug, sep, okt] = kpi.maanden;
    expect(sep).toMatchObject({
      maand: "2026-09",
      doorlooptijdVanafUitspraak: { aantal: 4, mediaan: 25, p75: 32.5, p90: 37 },
      gestartBij: { gecontracteerd: 4, maatwerk: 0, nietGecontracteerd: 0 },
      instroom: 2,
      uitstroom: { hulpGestart: 4 },
      plaatsingen: 4,
    });
    expect(aug).toMatchObject({ instroom: 2, uitstroom: { hulpGestart: 0 } });
    expect(okt).toMatchObject({ instroom: 1, uitstroom: { hulpGestart: 0, gestopt: { verhuisd: 1 } } });
  });
});

describe("capacity and freshness", () => {
  it("reads free places per ISO week back from the history, and lists the providers to chase", async () => {
    const r = await makeRegister("2026-11-02T09:00:00.000Z");
    const offer = await aanbodMetContract(r, { vrijePlekken: 3 });
    r.clock.set("2026-11-11T09:00:00.000Z");
    await json(
      await r.request("PUT", `/v1/aanbod/${offer.id}/beschikbaarheid`, {
        vrijePlekken: 1,
        aanmeldwachttijdWeken: 2,
        behandelwachttijdWeken: 6,
        intakeStatus: "open",
      }),
      200,
    );
    r.clock.set("2026-11-27T09:00:00.000Z");
    const trend = await json<{ weken: { week: string; perZorgvorm: { zorgvorm: string; vrijePlekken: number }[] }[] }>(
      await r.request("GET", "/v1/rapportages/capaciteit?regio=haaglanden&van=2026-11-02&tot=2026-11-27"),
      200,
    );
    expect(trend.weken.map((w) => [w.week, w.perZorgvorm.find((z) => z.zorgvorm === "gezinshuis")?.vrijePlekken])).toEqual([
      ["2026-W45", 3],
      ["2026-W46", 1],
      ["2026-W47", 1],
      ["2026-W48", 1],
    ]);
    const actualiteit = await json<{ najagen: { aanbieder: string; aandeel: number }[] }>(
      await r.request("GET", "/v1/rapportages/actualiteit?regio=haaglanden"),
      200,
    );
    // Confirmed on 11 November: more than 7 days ago on the 27th.
    expect(actualiteit.najagen).toHaveLength(1);
    expect(actualiteit.najagen[0]?.aandeel).toBe(0);
  });
});

/** Whether a withheld cell's value follows from the published cells and totals (linear algebra over the lines). */
function berekenbaar(cellen: Telling[][], rijTotalen: Telling[], kolomTotalen: Telling[], totaal: Telling): boolean {
  const R = cellen.length;
  const C = kolomTotalen.length;
  const matrix = [...cellen.map((rij, r) => [...rij, rijTotalen[r] as Telling]), [...kolomTotalen, totaal]];
  const onbekend: [number, number][] = [];
  matrix.forEach((rij, r) => {
    rij.forEach((v, c) => {
      if (v === ONDER_DREMPEL) onbekend.push([r, c]);
    });
  });
  // Equations: every row (cells minus total) and every column sums to zero, over the unknowns.
  const vergelijkingen: number[][] = [];
  for (let r = 0; r <= R; r++) vergelijkingen.push(onbekend.map(([ur, uc]) => (ur === r ? (uc === C ? -1 : 1) : 0)));
  for (let c = 0; c <= C; c++) vergelijkingen.push(onbekend.map(([ur, uc]) => (uc === c ? (ur === R ? -1 : 1) : 0)));
  // Row-reduce; an unknown is determined when a reduced row holds it alone.
  const m = vergelijkingen.map((v) => [...v]);
  let rang = 0;
  for (let k = 0; k < onbekend.length && rang < m.length; k++) {
    const p = m.findIndex((v, i) => i >= rang && Math.abs(v[k] as number) > 1e-9);
    if (p < 0) continue;
    [m[rang], m[p]] = [m[p] as number[], m[rang] as number[]];
    for (let i = 0; i < m.length; i++)
      if (i !== rang) {
        const f = (m[i]?.[k] as number) / (m[rang]?.[k] as number);
        m[i] = (m[i] as number[]).map((x, j) => x - f * ((m[rang] as number[])[j] as number));
      }
    rang++;
  }
  return m.some((v) => v.filter((x) => Math.abs(x) > 1e-9).length === 1);
}

describe("the open overview", () => {
  it("withholds counts below 5 and, in every line, a second count so none can be computed back", () => {
    const tabel = [
      [12, 3, 20],
      [8, 9, 30],
      [15, 11, 2],
    ];
    const rij = tabel.map((r) => r.reduce((a, b) => a + b, 0));
    const kolom = [0, 1, 2].map((c) => tabel.reduce((n, r) => n + (r[c] as number), 0));
    const v = onderdruk(
      tabel,
      rij,
      kolom,
      rij.reduce((a, b) => a + b, 0),
    );
    expect(v.cellen[0]?.[1]).toBe(ONDER_DREMPEL);
    expect(v.cellen[2]?.[2]).toBe(ONDER_DREMPEL);
    // Complementary: row 0 and column 1 each lose a second count, and so on until every line is safe.
    for (const lijn of [
      ...v.cellen.map((r, i) => [...r, v.rijTotalen[i]]),
      ...[0, 1, 2].map((c) => [...v.cellen.map((r) => r[c]), v.kolomTotalen[c]]),
    ])
      expect(lijn.filter((x) => x === ONDER_DREMPEL).length).not.toBe(1);
    expect(berekenbaar(v.cellen, v.rijTotalen, v.kolomTotalen, v.totaal)).toBe(false);
    // The check can fail: with primary suppression alone a withheld cell is computable.
    const alleenPrimair = tabel.map((r) => r.map((x): Telling => (x < 5 ? ONDER_DREMPEL : x)));
    expect(
      berekenbaar(
        alleenPrimair,
        rij,
        kolom,
        rij.reduce((a, b) => a + b, 0),
      ),
    ).toBe(true);
  });

  it("is published only by a region that chooses to, without a token; merging two regions sums only what was published", async () => {
    const r = await makeRegister(undefined, { config: {} });
    await maakCasus(r, { referentie: "OPEN-1", ...ots("2026-06-01") }, r.als("zorgmakelaar"));
    await problem(await r.anoniem("GET", "/v1/open/overzicht?regio=haaglanden"), 404);
    r.db.sqlite
      .prepare(
        "INSERT INTO regio_instellingen (regio, publiek_overzicht, gewijzigd_op) VALUES ('haaglanden', 1, '2026-11-27T09:00:00.000Z')",
      )
      .run();
    const open = await json<OpenOverzicht>(await r.anoniem("GET", "/v1/open/overzicht?regio=haaglanden"), 200);
    expect(open.regio.code).toBe("haaglanden");
    expect(open.wachtendVoorbijNorm.totaal).toBe(ONDER_DREMPEL);
    expect(open.cellen.every((c) => c.wachtendVoorbijNorm === ONDER_DREMPEL || c.wachtendVoorbijNorm >= 5)).toBe(true);
    expect(JSON.stringify(open)).not.toContain("OPEN-1");

    const ander: OpenOverzicht = {
      ...open,
      regio: { code: "holland-rijnland", naam: "Holland Rijnland" },
      wachtendVoorbijNorm: { ...open.wachtendVoorbijNorm, totaal: 12, perZorggroep: { "verblijf-gezinshuis": 12 } },
    };
    const samen = voegSamen([open, ander]);
    expect(samen.regios.map((x) => x.code)).toEqual(["haaglanden", "holland-rijnland"]);
    expect(samen.wachtendVoorbijNorm.totaal).toEqual({ minimaal: 12, maximaal: 16 });
    expect(samen.cellen.filter((c) => c.regio === "holland-rijnland")).toHaveLength(open.cellen.length);
    expect(() => voegSamen([open, open])).toThrow(/twice/);
  });
});
