import { describe, expect, it } from "vitest";
import { type Casus, maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie, names, problem, type Row } from "../factories.ts";
import { makeRegister, type Register } from "../helpers.ts";

type Voorstel = Row & {
  casusId: string;
  aanbodId: string;
  score: number;
  status: string;
  uitleg: {
    casus: { groep: number | null; redenen: string[]; wachtdagen: number };
    plek: Record<string, unknown>;
    samenvatting: string;
  };
};
type Run = { run: string; resultaten: Voorstel[]; casussen: number; plekken: number };

const OTS = { type: "ots", ingangsdatum: "2026-06-01" };

/** A provider contracted by Den Haag for `zorgvorm`, with one location at `lat,lon` and one offer. */
async function plek(
  r: Register,
  aanbod: Record<string, unknown> = {},
  opties: { contract?: Record<string, unknown> | null; lat?: number; lon?: number } = {},
) {
  const aanbieder = await maakAanbieder(r);
  const locatie = await maakLocatie(r, aanbieder.id, { lat: opties.lat ?? 52.07, lon: opties.lon ?? 4.3 });
  const zorgvorm = (aanbod.zorgvorm as string | undefined) ?? "gezinshuis";
  if (opties.contract !== null) {
    await json(
      await r.als("beheerder")("POST", "/v1/contracten", {
        aanbiederId: aanbieder.id,
        zorgvorm,
        gemeente: "GM0518",
        geldigVanaf: "2026-01-01",
        ...opties.contract,
      }),
      201,
    );
  }
  // A week's wait: help starts in time for a case registered in September (Treeknorm, 14 weeks).
  return maakAanbod(r, locatie.id, {
    zorgvorm,
    leeftijdVan: 0,
    leeftijdTot: 18,
    capaciteit: 2,
    vrijePlekken: 1,
    aanmeldwachttijdWeken: 0,
    behandelwachttijdWeken: 1,
    ...aanbod,
  });
}

const run = async (r: Register, body: Record<string, unknown> = { regio: "haaglanden" }) =>
  json<Run>(await r.request("POST", "/v1/matchvoorstellen", body), 201);
const pairs = (x: Run) => x.resultaten.map((v) => [v.casusId, v.aanbodId]);

describe("matching eligibility", () => {
  it("proposes a contracted, open, current offer of the right form and age, and explains why", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const offer = await plek(r);
    const casus = await maakCasus(r, { geboortedatum: "2012-01-01", maatregel: OTS });
    const result = await run(r);
    expect(pairs(result)).toEqual([[casus.id, offer.id]]);
    const [v] = result.resultaten;
    expect(v?.uitleg.casus).toMatchObject({
      groep: 1,
      redenen: ["Groep 1 — gedwongen kader: OTS sinds 1 juni 2026"],
      wachtdagen: 87,
    });
    expect(v?.uitleg.plek).toMatchObject({
      zorgvorm: "gezinshuis",
      gecontracteerd: true,
      wachttijdWeken: 1,
      afstandKm: 0.1,
      verwachteStart: "2026-12-04",
      wachtlijst: false,
    });
    expect(v?.uitleg.samenvatting).toContain("groep 1");
    expect((await json<Casus>(await r.request("GET", `/v1/casussen/${casus.id}`), 200)).status).toBe("voorgesteld");
    // At most one open proposal per case: a second run leaves it alone.
    expect((await run(r)).resultaten).toEqual([]);
  });

  it.each([
    ["another form of care", { zorgvorm: "ambulante-jggz" }, {}],
    ["an age out of range", { leeftijdVan: 15 }, {}],
    ["no contract", {}, { contract: null }],
    ["an expired contract", {}, { contract: { geldigVanaf: "2025-01-01", geldigTot: "2026-06-30" } }],
    ["a contract with another municipality", {}, { contract: { gemeente: "GM0503" } }],
    ["intake status wachtlijst", { intakeStatus: "wachtlijst" }, {}],
    ["no free place", { vrijePlekken: 0 }, {}],
  ])("never proposes an offer with %s", async (_, aanbod, opties) => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    await plek(r, aanbod, opties);
    await maakCasus(r, { geboortedatum: "2012-01-01", maatregel: OTS });
    expect((await run(r)).resultaten).toEqual([]);
  });

  it("never proposes a strongly stale offer, and leaves spoed and crisis out", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    r.clock.advanceDays(-15);
    await plek(r);
    r.clock.advanceDays(15);
    const gewoon = await maakCasus(r, { geboortedatum: "2012-01-01" });
    expect((await run(r)).resultaten).toEqual([]);
    // Spoed and crisis cases wait longer here, yet the only fresh place goes to the regular case.
    await maakCasus(r, { urgentie: "spoed", aanmelddatum: "2025-01-01" });
    await maakCasus(r, { urgentie: "crisis", aanmelddatum: "2025-01-01" });
    const fresh = await plek(r);
    expect(pairs(await run(r))).toEqual([[gewoon.id, fresh.id]]);
    await problem(await r.request("POST", "/v1/matchvoorstellen", { regio: "nergens" }), 400);
  });

  it("is optimal, not greedy: a group-1 child with an alternative leaves the only fitting place to another", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    // X is nearest for both, fits ages 0-18; Y fits 0-12 and lies farther away.
    const x = await plek(r, { leeftijdVan: 0, leeftijdTot: 18 }, { lat: 52.0705, lon: 4.3007 });
    const y = await plek(r, { leeftijdVan: 0, leeftijdTot: 12 }, { lat: 52.15, lon: 4.45 });
    const a = await maakCasus(r, { referentie: "A-10", geboortedatum: "2016-01-01", aanmelddatum: "2026-01-01", maatregel: OTS });
    const b = await maakCasus(r, { referentie: "B-15", geboortedatum: "2011-01-01", aanmelddatum: "2026-10-01", maatregel: OTS });
    expect(pairs(await run(r)).sort()).toEqual(
      [
        [a.id, y.id],
        [b.id, x.id],
      ].sort(),
    );
  });

  it("places the most group-1 cases before any group-2 case", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const only = await plek(r);
    await maakCasus(r, { referentie: "GRP-2", geboortedatum: "2022-01-01", aanmelddatum: "2025-01-01" });
    const g1 = await maakCasus(r, {
      referentie: "GRP-1",
      geboortedatum: "2012-01-01",
      aanmelddatum: "2026-11-01",
      maatregel: OTS,
    });
    expect(pairs(await run(r))).toEqual([[g1.id, only.id]]);
  });
});

describe("proposals, holds and places", () => {
  it("a declined pair is never proposed again; 'anders' needs an explanation", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const near = await plek(r, {}, { lat: 52.0705, lon: 4.3007 });
    const far = await plek(r, {}, { lat: 52.15, lon: 4.45 });
    const casus = await maakCasus(r, { geboortedatum: "2012-01-01" });
    const [first] = (await run(r)).resultaten;
    expect(first?.aanbodId).toBe(near.id);
    expect(
      names(await problem(await r.request("POST", `/v1/matchvoorstellen/${first?.id}/afwijzing`, { reden: "anders" }), 400)),
    ).toEqual(["toelichting"]);
    const declined = await json<Voorstel>(
      await r.request("POST", `/v1/matchvoorstellen/${first?.id}/afwijzing`, { reden: "past-niet" }),
      200,
    );
    expect(declined).toMatchObject({ status: "afgewezen", afwijsreden: "past-niet" });
    await problem(await r.request("POST", `/v1/matchvoorstellen/${first?.id}/afwijzing`, { reden: "past-niet" }), 409);
    expect((await json<Casus>(await r.request("GET", `/v1/casussen/${casus.id}`), 200)).status).toBe("wachtend");
    expect(pairs(await run(r))).toEqual([[casus.id, far.id]]);
  });

  it("accepting sends an aanmelding that holds the place atomically; the provider's start takes it; search sees it taken", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const offer = await plek(r);
    const casus = await maakCasus(r, { geboortedatum: "2012-01-01" });
    const [v] = (await run(r)).resultaten;
    const res = await r.request("POST", `/v1/matchvoorstellen/${v?.id}/acceptatie`);
    const aanmelding = await json<Row & { status: string; reserveringId: string; antwoordVoor: string }>(res, 201);
    expect(res.headers.get("Location")).toBe(`/v1/aanmeldingen/${aanmelding.id}`);
    expect(aanmelding).toMatchObject({
      status: "verzonden",
      casusId: casus.id,
      aanbodId: offer.id,
      opWachtlijst: false,
      // Five working days from Friday 27 November.
      antwoordVoor: "2026-12-04T23:59:59.999Z",
    });
    const hold = await json<Row>(await r.request("GET", `/v1/reserveringen/${aanmelding.reserveringId}`), 200);
    expect(hold).toMatchObject({ status: "actief", verlooptOp: aanmelding.antwoordVoor, voorstelId: v?.id });
    // The provider still has the place free, and it is held for this child: no one else gets it.
    expect(await json<Row>(await r.request("GET", `/v1/aanbod/${offer.id}`), 200)).toMatchObject({
      vrijePlekken: 1,
      vastgehouden: 1,
    });
    const search = await json<{ resultaten: Row[] }>(await r.request("GET", "/v1/aanbod?alleenVrij=true"), 200);
    expect(search.resultaten).toEqual([]);
    await problem(await r.request("POST", `/v1/matchvoorstellen/${v?.id}/acceptatie`), 409);
    expect((await json<Casus>(await r.request("GET", `/v1/casussen/${casus.id}`), 200)).status).toBe("gereserveerd");
    // The hold belongs to the aanmelding: the provider records the start there.
    await problem(await r.request("POST", `/v1/reserveringen/${hold.id}/plaatsing`), 409);
    const aanbieder = r.met(await r.aanbiederToken(offer.aanbiederId as string));
    await json(
      await aanbieder("POST", `/v1/aanmeldingen/${aanmelding.id}/acceptatie`, { verwachteStartdatum: "2026-11-30" }),
      200,
    );
    r.clock.advanceDays(3);
    await json(await aanbieder("POST", `/v1/aanmeldingen/${aanmelding.id}/start`, { startdatum: "2026-11-30" }), 200);
    expect(await json<Casus>(await r.request("GET", `/v1/casussen/${casus.id}`), 200)).toMatchObject({
      status: "geplaatst",
      startdatum: "2026-11-30",
    });
    expect(await json<Row>(await r.request("GET", `/v1/aanbod/${offer.id}`), 200)).toMatchObject({
      vrijePlekken: 0,
      vastgehouden: 0,
    });
    expect((await json<Row>(await r.request("GET", `/v1/reserveringen/${hold.id}`), 200)).status).toBe("geplaatst");
    const historie = await json<{ resultaten: { wijzigingen: { veld: string; oud: number; nieuw: number }[] }[] }>(
      await r.request("GET", `/v1/aanbod/${offer.id}/historie`),
      200,
    );
    expect(historie.resultaten.at(-1)?.wijzigingen).toEqual([{ veld: "vrijePlekken", oud: 1, nieuw: 0 }]);
  });

  it("a hold that expires gives the place back before anything reads it; withdrawing does too", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const offer = await plek(r, { vrijePlekken: 1 });
    const casus = await maakCasus(r, { geboortedatum: "2012-01-01" });
    const hold = await json<Row>(await r.request("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: casus.id }), 201);
    const vastgehouden = async () => (await json<Row>(await r.request("GET", `/v1/aanbod/${offer.id}`), 200)).vastgehouden;
    expect(await vastgehouden()).toBe(1);
    r.clock.advanceDays(2.9);
    expect(await vastgehouden()).toBe(1);
    r.clock.advanceDays(0.2);
    // Nothing finalised the expiry yet (no timer in a test): the reads already treat it as ended.
    expect(await vastgehouden()).toBe(0);
    expect((await json<Row>(await r.request("GET", `/v1/reserveringen/${hold.id}`), 200)).status).toBe("verlopen");
    expect((await json<Casus>(await r.request("GET", `/v1/casussen/${casus.id}`), 200)).status).toBe("wachtend");

    const again = await json<Row>(await r.request("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: casus.id }), 201);
    expect((await json<Row>(await r.request("POST", `/v1/reserveringen/${again.id}/intrekking`), 200)).status).toBe(
      "ingetrokken",
    );
    expect(await json<Row>(await r.request("GET", `/v1/aanbod/${offer.id}`), 200)).toMatchObject({
      vrijePlekken: 1,
      vastgehouden: 0,
    });
  });

  it("an open proposal expires after a week and the case waits again", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    await plek(r);
    const casus = await maakCasus(r, { geboortedatum: "2012-01-01" });
    const [v] = (await run(r)).resultaten;
    r.clock.advanceDays(7.01);
    expect((await json<Voorstel>(await r.request("GET", `/v1/matchvoorstellen/${v?.id}`), 200)).status).toBe("verlopen");
    expect((await json<Casus>(await r.request("GET", `/v1/casussen/${casus.id}`), 200)).status).toBe("wachtend");
    await problem(await r.request("POST", `/v1/matchvoorstellen/${v?.id}/acceptatie`), 409);
  });

  it("twenty requests for the last place at once: one wins, nineteen get 409, never more held than free", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const offer = await plek(r, { vrijePlekken: 1, capaciteit: 1 });
    const cases = [];
    for (let i = 0; i < 20; i++) cases.push(await maakCasus(r, { referentie: `RACE-${i}`, geboortedatum: "2012-01-01" }));
    const answers = await Promise.all(
      cases.map((c) => r.request("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: c.id })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(await json<Row>(await r.request("GET", `/v1/aanbod/${offer.id}`), 200)).toMatchObject({
      vrijePlekken: 1,
      vastgehouden: 1,
    });
    const active = await json<{ totaal: number }>(
      await r.request("GET", `/v1/reserveringen?aanbodId=${offer.id}&status=actief`),
      200,
    );
    expect(active.totaal).toBe(1);
    const waiting = await json<{ totaal: number }>(await r.request("GET", "/v1/casussen?status=wachtend"), 200);
    expect(waiting.totaal).toBe(19);
  });

  it("stopping a case gives its held place back", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const offer = await plek(r, { vrijePlekken: 1 });
    const casus = await maakCasus(r, { geboortedatum: "2012-01-01" });
    await json(await r.request("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: casus.id }), 201);
    await json(await r.request("PUT", `/v1/casussen/${casus.id}/status`, { status: "gestopt", stopreden: "verhuisd" }), 200);
    expect(await json<Row>(await r.request("GET", `/v1/aanbod/${offer.id}`), 200)).toMatchObject({
      vrijePlekken: 1,
      vastgehouden: 0,
    });
  });
});
