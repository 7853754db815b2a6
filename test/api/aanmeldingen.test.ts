import { describe, expect, it } from "vitest";
import { type Casus, maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie, names, problem, type Row } from "../factories.ts";
import { makeRegister, type Register, type RequestFn } from "../helpers.ts";

/**
 * The referral loop (issue 13): a referrer sends an aanmelding, the provider answers, help
 * starts; the norm clock runs from the court ruling to that start; escalation when nothing
 * contracted is timely. The register's clock stands on Friday 27 November 2026.
 */

type Aanmelding = Row & {
  status: string;
  casusId: string | null;
  reserveringId: string | null;
  opWachtlijst: boolean;
  antwoordVoor: string;
  verwachteStartdatum: string | null;
  leeftijd: number;
};
type CasusMetKlok = Casus & {
  wachttijd: number;
  normDatum: string | null;
  normBasis: string | null;
  startdatum: string | null;
  doorlooptijdDagen: number | null;
  escalatieNodig: boolean;
  escalatie: { nodig: boolean; reden: string | null; stap: string | null; verwachteStart: string | null };
};
type Voorstel = Row & { casusId: string; aanbodId: string; uitleg: { plek: Record<string, unknown>; samenvatting: string } };

const CONTACT = { naam: "M. de Groot", telefoon: "070 765 4321", email: "m.degroot@gi.example" };
/** An OTS ruled on 2 September 2026: the norm date is 2 December 2026. */
const OTS = { type: "ots", uitspraakdatum: "2026-09-02", ingangsdatum: "2026-09-09" };

/** A provider contracted by Den Haag for gezinshuis, with one offer (one free place, a week's wait by default). */
async function aanbod(r: Register, velden: Record<string, unknown> = {}, contract = true) {
  const aanbieder = await maakAanbieder(r);
  const locatie = await maakLocatie(r, aanbieder.id);
  if (contract)
    await json(
      await r.als("beheerder")("POST", "/v1/contracten", {
        aanbiederId: aanbieder.id,
        zorgvorm: "gezinshuis",
        gemeente: "GM0518",
        geldigVanaf: "2026-01-01",
      }),
      201,
    );
  const offer = await maakAanbod(r, locatie.id, {
    leeftijdVan: 0,
    leeftijdTot: 18,
    capaciteit: 3,
    vrijePlekken: 1,
    aanmeldwachttijdWeken: 0,
    behandelwachttijdWeken: 1,
    ...velden,
  });
  return { offer, aanbieder: r.met(await r.aanbiederToken(aanbieder.id)), aanbiederId: aanbieder.id };
}

const casusVan = async (r: Register, id: string) =>
  json<CasusMetKlok>(await r.als("verwijzer")("GET", `/v1/casussen/${id}`), 200);
const vrij = async (r: Register, id: string) => json<Row>(await r.request("GET", `/v1/aanbod/${id}`), 200);
const stuur = (door: RequestFn, body: Record<string, unknown>) =>
  door("POST", "/v1/aanmeldingen", { contactpersoon: CONTACT, ...body });

describe("the referral loop", () => {
  it("send with the place → the provider accepts → help starts: the clock stops at the start, not at the acceptance", async () => {
    const r = await makeRegister();
    const { offer, aanbieder } = await aanbod(r);
    const verwijzer = r.als("verwijzer");
    const casus = await maakCasus(r, { maatregelen: [OTS], referentie: "LUS-1" }, verwijzer);
    const res = await stuur(verwijzer, {
      casusId: casus.id,
      aanbodId: offer.id,
      metReservering: true,
      toelichting: "Graag voor de kerst",
    });
    const a = await json<Aanmelding>(res, 201);
    expect(res.headers.get("Location")).toBe(`/v1/aanmeldingen/${a.id}`);
    expect(a).toMatchObject({ status: "verzonden", opWachtlijst: false, antwoordVoor: "2026-12-04T23:59:59.999Z" });
    expect(a.reserveringId).not.toBeNull();
    expect(await vrij(r, offer.id as string)).toMatchObject({ vrijePlekken: 1, vastgehouden: 1 });
    expect((await casusVan(r, casus.id)).status).toBe("gereserveerd");

    // The provider sees the form, not the case: age, no birth date, no reference, no case id.
    const inbox = await json<{ resultaten: Aanmelding[] }>(await aanbieder("GET", "/v1/aanmeldingen"), 200);
    expect(inbox.resultaten).toHaveLength(1);
    expect(inbox.resultaten[0]).toMatchObject({
      casusId: null,
      leeftijd: 11,
      contactpersoon: CONTACT,
      toelichting: "Graag voor de kerst",
    });
    const tekst = JSON.stringify(inbox);
    for (const verborgen of ["2015-05-01", "LUS-1", casus.id]) expect(tekst).not.toContain(verborgen);

    await json(await aanbieder("POST", `/v1/aanmeldingen/${a.id}/acceptatie`, { verwachteStartdatum: "2026-12-07" }), 200);
    const geaccepteerd = await casusVan(r, casus.id);
    expect(geaccepteerd).toMatchObject({ status: "gereserveerd", startdatum: null, doorlooptijdDagen: null, wachttijd: 86 });
    // Accepting is not starting: a start before the answer day is refused, one in the future too.
    await problem(await aanbieder("POST", `/v1/aanmeldingen/${a.id}/start`, { startdatum: "2026-11-26" }), 400);
    r.clock.set("2026-12-08T09:00:00.000Z");
    await problem(await aanbieder("POST", `/v1/aanmeldingen/${a.id}/start`, { startdatum: "2026-12-09" }), 400);
    const gestart = await json<Aanmelding>(
      await aanbieder("POST", `/v1/aanmeldingen/${a.id}/start`, { startdatum: "2026-12-07" }),
      200,
    );
    expect(gestart.status).toBe("gestart");
    const klok = await casusVan(r, casus.id);
    expect(klok).toMatchObject({
      status: "geplaatst",
      startdatum: "2026-12-07",
      normBasis: "uitspraakdatum",
      normDatum: "2026-12-02",
      normOverschreden: true,
      wachttijd: 96,
      doorlooptijdDagen: 96,
    });
    // A week later the clock still stands at the start.
    r.clock.set("2026-12-15T09:00:00.000Z");
    expect((await casusVan(r, casus.id)).wachttijd).toBe(96);
    expect(await vrij(r, offer.id as string)).toMatchObject({ vrijePlekken: 0, vastgehouden: 0 });
    const historie = await json<{ resultaten: { van: string | null; naar: string; door: string }[] }>(
      await verwijzer("GET", `/v1/aanmeldingen/${a.id}/historie`),
      200,
    );
    expect(historie.resultaten.map((h) => [h.van, h.naar])).toEqual([
      [null, "verzonden"],
      ["verzonden", "geaccepteerd"],
      ["geaccepteerd", "gestart"],
    ]);
  });

  it("send → declined: the place is given back, the case waits again, matching never proposes the pair", async () => {
    const r = await makeRegister();
    const { offer, aanbieder } = await aanbod(r);
    const casus = await maakCasus(r, { aanmelddatum: "2026-11-20" }, r.als("verwijzer"));
    const a = await json<Aanmelding>(
      await stuur(r.als("verwijzer"), { casusId: casus.id, aanbodId: offer.id, metReservering: true }),
      201,
    );
    const anders = await problem(await aanbieder("POST", `/v1/aanmeldingen/${a.id}/afwijzing`, { reden: "anders" }), 400);
    expect(names(anders)).toEqual(["toelichting"]);
    const afgewezen = await json<Aanmelding>(
      await aanbieder("POST", `/v1/aanmeldingen/${a.id}/afwijzing`, { reden: "contra-indicatie" }),
      200,
    );
    expect(afgewezen).toMatchObject({ status: "afgewezen", afwijsreden: "contra-indicatie" });
    expect(await vrij(r, offer.id as string)).toMatchObject({ vrijePlekken: 1, vastgehouden: 0 });
    expect((await casusVan(r, casus.id)).status).toBe("wachtend");
    await problem(await aanbieder("POST", `/v1/aanmeldingen/${a.id}/acceptatie`, { verwachteStartdatum: "2026-12-07" }), 409);
    const run = await json<{ resultaten: Voorstel[] }>(
      await r.als("zorgmakelaar")("POST", "/v1/matchvoorstellen", { regio: "haaglanden" }),
      201,
    );
    expect(run.resultaten.filter((v) => v.casusId === casus.id)).toEqual([]);
  });

  it("no answer before the deadline: verlopen, the place back, the case waiting, and listed for the broker", async () => {
    const r = await makeRegister();
    const { offer, aanbieder } = await aanbod(r);
    const casus = await maakCasus(r, {}, r.als("verwijzer"));
    const a = await json<Aanmelding>(
      await stuur(r.als("verwijzer"), { casusId: casus.id, aanbodId: offer.id, metReservering: true }),
      201,
    );
    r.clock.set("2026-12-04T23:00:00.000Z");
    expect((await json<Aanmelding>(await aanbieder("GET", `/v1/aanmeldingen/${a.id}`), 200)).status).toBe("verzonden");
    r.clock.set("2026-12-05T00:00:00.000Z");
    // Nothing finalised it yet: reads already treat it as expired.
    expect((await json<Aanmelding>(await aanbieder("GET", `/v1/aanmeldingen/${a.id}`), 200)).status).toBe("verlopen");
    expect(await vrij(r, offer.id as string)).toMatchObject({ vastgehouden: 0 });
    expect((await casusVan(r, casus.id)).status).toBe("wachtend");
    const verlopen = await json<{ resultaten: Aanmelding[] }>(
      await r.als("zorgmakelaar")("GET", "/v1/aanmeldingen?status=verlopen"),
      200,
    );
    expect(verlopen.resultaten.map((x) => x.id)).toEqual([a.id]);
    await problem(await aanbieder("POST", `/v1/aanmeldingen/${a.id}/acceptatie`, { verwachteStartdatum: "2026-12-07" }), 409);
    expect((await json<Aanmelding>(await aanbieder("GET", `/v1/aanmeldingen/${a.id}`), 200)).status).toBe("verlopen");
  });

  it("without a free place the aanmelding goes on the provider's waiting list, with today plus both waiting times", async () => {
    const r = await makeRegister();
    const { offer } = await aanbod(r, {
      vrijePlekken: 0,
      intakeStatus: "wachtlijst",
      aanmeldwachttijdWeken: 2,
      behandelwachttijdWeken: 3,
    });
    const casus = await maakCasus(r, {}, r.als("verwijzer"));
    const a = await json<Aanmelding>(
      await stuur(r.als("verwijzer"), { casusId: casus.id, aanbodId: offer.id, metReservering: true }),
      201,
    );
    expect(a).toMatchObject({ opWachtlijst: true, reserveringId: null, verwachteStartdatum: "2027-01-01" });
    expect((await casusVan(r, casus.id)).status).toBe("aangemeld");
    // One in play per case and offer.
    const dubbel = await problem(await stuur(r.als("verwijzer"), { casusId: casus.id, aanbodId: offer.id }), 409);
    expect(names(dubbel)).toEqual(["aanbodId"]);
  });

  it("several providers at once; the acceptance the referrer confirms withdraws the others and gives their places back", async () => {
    const r = await makeRegister();
    const een = await aanbod(r);
    const twee = await aanbod(r);
    const drie = await aanbod(r, { vrijePlekken: 0, intakeStatus: "wachtlijst" });
    const verwijzer = r.als("verwijzer");
    const casus = await maakCasus(r, {}, verwijzer);
    const a1 = await json<Aanmelding>(
      await stuur(verwijzer, { casusId: casus.id, aanbodId: een.offer.id, metReservering: true }),
      201,
    );
    // A second hold for the same case is refused; without it the referral goes out.
    await problem(await stuur(verwijzer, { casusId: casus.id, aanbodId: twee.offer.id, metReservering: true }), 409);
    const a2 = await json<Aanmelding>(await stuur(verwijzer, { casusId: casus.id, aanbodId: twee.offer.id }), 201);
    const a3 = await json<Aanmelding>(await stuur(verwijzer, { casusId: casus.id, aanbodId: drie.offer.id }), 201);
    await json(await twee.aanbieder("POST", `/v1/aanmeldingen/${a2.id}/acceptatie`, { verwachteStartdatum: "2026-12-14" }), 200);
    await problem(await verwijzer("POST", `/v1/aanmeldingen/${a1.id}/bevestiging`), 409);
    const bevestigd = await json<Aanmelding>(await verwijzer("POST", `/v1/aanmeldingen/${a2.id}/bevestiging`), 200);
    expect(bevestigd.bevestigdOp).toBe("2026-11-27T09:00:00.000Z");
    const stand = async (id: string) => (await json<Aanmelding>(await verwijzer("GET", `/v1/aanmeldingen/${id}`), 200)).status;
    expect([await stand(a1.id), await stand(a2.id), await stand(a3.id)]).toEqual(["ingetrokken", "geaccepteerd", "ingetrokken"]);
    expect(await vrij(r, een.offer.id as string)).toMatchObject({ vastgehouden: 0 });
    expect((await casusVan(r, casus.id)).status).toBe("aangemeld");
    // Withdrawing the remaining one (by the referrer, with a reason) puts the case back on the list.
    await problem(await verwijzer("POST", `/v1/aanmeldingen/${a2.id}/intrekking`, {}), 400);
    await json(await verwijzer("POST", `/v1/aanmeldingen/${a2.id}/intrekking`, { reden: "Gezin verhuist naar Delft" }), 200);
    expect((await casusVan(r, casus.id)).status).toBe("wachtend");
  });

  it("two referrers race for the last place: one holds it, never two holds (the other waits on the list)", async () => {
    const r = await makeRegister();
    const { offer } = await aanbod(r, { vrijePlekken: 1, capaciteit: 1 });
    const gi = r.als("verwijzer");
    const makelaar = r.als("zorgmakelaar");
    const a = await maakCasus(r, { referentie: "RACE-GI" }, gi);
    const b = await maakCasus(r, { referentie: "RACE-ZM" }, makelaar);
    const antwoorden = await Promise.all([
      stuur(gi, { casusId: a.id, aanbodId: offer.id, metReservering: true }),
      stuur(makelaar, { casusId: b.id, aanbodId: offer.id, metReservering: true }),
    ]);
    const statussen = antwoorden.map((x) => x.status).sort();
    // On one process the second sees no free place left and goes on the waiting list; never two holds.
    expect(statussen[0]).toBe(201);
    const lijst = await json<{ resultaten: Aanmelding[] }>(await makelaar("GET", `/v1/aanmeldingen?aanbodId=${offer.id}`), 200);
    expect(lijst.resultaten.filter((x) => x.reserveringId !== null)).toHaveLength(1);
    expect(await vrij(r, offer.id as string)).toMatchObject({ vrijePlekken: 1, vastgehouden: 1 });
  });

  it("scope: a referrer refers its own organisation's cases, a broker those of its regions; others do not exist", async () => {
    const r = await makeRegister();
    const { offer, aanbieder } = await aanbod(r);
    const vanGi = await maakCasus(r, {}, r.als("verwijzer"));
    const vanMakelaar = await maakCasus(r, {}, r.als("zorgmakelaar"));
    await problem(await stuur(r.als("verwijzer"), { casusId: vanMakelaar.id, aanbodId: offer.id }), 404);
    await json(await stuur(r.als("zorgmakelaar"), { casusId: vanGi.id, aanbodId: offer.id }), 201);
    await problem(
      await aanbieder("POST", "/v1/aanmeldingen", { casusId: vanGi.id, aanbodId: offer.id, contactpersoon: CONTACT }),
      403,
    );
    const ander = await aanbod(r);
    expect((await json<{ totaal: number }>(await ander.aanbieder("GET", "/v1/aanmeldingen"), 200)).totaal).toBe(0);
    const bad = await problem(
      await stuur(r.als("verwijzer"), {
        casusId: vanGi.id,
        aanbodId: ander.offer.id,
        hulpvraagCategorieen: ["gedrag", "astrologie"],
        toelichting: "x".repeat(2001),
      }),
      400,
    );
    expect(names(bad).sort()).toEqual(["toelichting"]);
    const onbekend = await problem(
      await stuur(r.als("verwijzer"), {
        casusId: vanGi.id,
        aanbodId: ander.offer.id,
        hulpvraagCategorieen: ["gedrag", "astrologie"],
      }),
      400,
    );
    expect(names(onbekend)).toEqual(["hulpvraagCategorieen[1]"]);
  });
});

describe("the norm clock on a case", () => {
  it("runs from the ruling, or from the start of the measure when the ruling date is unknown, and says which", async () => {
    const r = await makeRegister();
    const uitspraak = await maakCasus(r, { maatregelen: [OTS] }, r.als("verwijzer"));
    expect(await casusVan(r, uitspraak.id)).toMatchObject({
      normBasis: "uitspraakdatum",
      normDatum: "2026-12-02",
      wachttijd: 86,
    });
    const ingang = await maakCasus(r, { maatregel: { type: "ots", ingangsdatum: "2026-09-09" } }, r.als("verwijzer"));
    expect(await casusVan(r, ingang.id)).toMatchObject({ normBasis: "ingangsdatum", normDatum: "2026-12-09", wachttijd: 79 });
    const zonder = await problem(
      await r.als("verwijzer")("POST", "/v1/casussen", {
        referentie: "ZONDER-DATUM",
        geboortedatum: "2015-05-01",
        woongemeente: "GM0518",
        zorgvorm: "gezinshuis",
        aanmelddatum: "2026-09-01",
        urgentie: "regulier",
        maatregel: { type: "ots" },
      }),
      400,
    );
    expect(names(zonder)).toEqual(["maatregel.uitspraakdatum"]);
  });

  it("within a group, days since the ruling order the cases: an older OTS past the norm before a newer one registered earlier", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const ouder = await maakCasus(r, {
      referentie: "OTS-OUD",
      aanmelddatum: "2026-11-01",
      maatregelen: [{ type: "ots", uitspraakdatum: "2026-07-01", ingangsdatum: null }],
    });
    const nieuwer = await maakCasus(r, {
      referentie: "OTS-NIEUW",
      aanmelddatum: "2026-08-01",
      maatregelen: [{ type: "ots", uitspraakdatum: "2026-07-25", ingangsdatum: null }],
    });
    const lijst = await json<{ resultaten: (Casus & { positie: number })[] }>(
      await r.request("GET", "/v1/wachtlijst?regio=haaglanden"),
      200,
    );
    expect(lijst.resultaten.map((x) => x.id)).toEqual([ouder.id, nieuwer.id]);
    // A region may order by registration instead.
    await json(
      await r.als("beheerder")("POST", "/v1/prioriteringsregels", {
        regio: "haaglanden",
        versie: 2,
        geldigVanaf: "2026-11-01",
        volgorde: "sinds-aanmelding",
        groepen: [{ nummer: 1, naam: "gedwongen kader", voorwaarde: { veld: "maatregel.type", in: ["ots"] } }],
      }),
      201,
    );
    const anders = await json<{ resultaten: Casus[] }>(await r.request("GET", "/v1/wachtlijst?regio=haaglanden"), 200);
    expect(anders.resultaten.map((x) => x.id)).toEqual([nieuwer.id, ouder.id]);
  });

  it("parents who choose to wait still count as waiting past the norm, shown apart; another stop ends the count", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const ouders = await maakCasus(r, { maatregelen: [{ type: "ots", uitspraakdatum: "2026-06-01", ingangsdatum: null }] });
    const elders = await maakCasus(r, { maatregelen: [{ type: "ots", uitspraakdatum: "2026-06-01", ingangsdatum: null }] });
    const stop = (id: string, stopreden: string) =>
      r.request("PUT", `/v1/casussen/${id}/status`, { status: "gestopt", stopreden });
    await json(await stop(ouders.id, "ouders-kiezen-wachten"), 200);
    await json(await stop(elders.id, "elders-geholpen"), 200);
    r.clock.set("2026-12-10T09:00:00.000Z");
    const lijst = await json<{ resultaten: Casus[]; oudersKiezenWachten: CasusMetKlok[] }>(
      await r.request("GET", "/v1/wachtlijst?regio=haaglanden"),
      200,
    );
    expect(lijst.resultaten).toEqual([]);
    expect(lijst.oudersKiezenWachten.map((x) => [x.id, x.stopreden, x.normOverschreden, x.wachttijd])).toEqual([
      [ouders.id, "ouders-kiezen-wachten", true, 192],
    ]);
    // Helped elsewhere on 27 November: the wait ended then (179 days, past the norm), it does not go on.
    expect(await json<CasusMetKlok>(await r.request("GET", `/v1/casussen/${elders.id}`), 200)).toMatchObject({
      wachttijd: 179,
      normOverschreden: true,
    });
  });

  it("a correction (PATCH, If-Match) by the registering organisation: every change in the history, a stale version 412", async () => {
    const r = await makeRegister();
    const verwijzer = r.als("verwijzer");
    const casus = await maakCasus(r, { referentie: "CORR-1" }, verwijzer);
    await problem(await verwijzer("PATCH", `/v1/casussen/${casus.id}`, { maatregelen: [OTS] }, { "If-Match": '"v9"' }), 412);
    const res = await verwijzer("PATCH", `/v1/casussen/${casus.id}`, { maatregelen: [OTS] }, { "If-Match": '"v1"' });
    const gecorrigeerd = await json<CasusMetKlok>(res, 200);
    expect(res.headers.get("ETag")).toBe('"v2"');
    expect(gecorrigeerd).toMatchObject({ normDatum: "2026-12-02", prioriteit: { groep: 1 } });
    const historie = await json<{ resultaten: { soort: string; reden: string }[] }>(
      await verwijzer("GET", `/v1/casussen/${casus.id}/historie`),
      200,
    );
    expect(historie.resultaten.at(-1)).toMatchObject({ soort: "correctie", reden: "gecorrigeerd: maatregelen" });
    // The broker of the region may correct too; the provider may not.
    await json(await r.als("zorgmakelaar")("PATCH", `/v1/casussen/${casus.id}`, { zorgvorm: "pleegzorg" }), 200);
    await problem(await r.als("verwijzer")("PATCH", `/v1/casussen/${casus.id}`, {}), 400);
  });
});

describe("escalation when nothing contracted is timely", () => {
  it("flags a case without an eligible offer, records A1/A2/B, and under A1 matching proposes non-contracted care, saying so", async () => {
    const r = await makeRegister();
    const verwijzer = r.als("verwijzer");
    const nietGecontracteerd = await aanbod(r, { behandelwachttijdWeken: 0 }, false);
    const casus = await maakCasus(r, { maatregelen: [OTS] }, verwijzer);
    const voor = await casusVan(r, casus.id);
    expect(voor).toMatchObject({ escalatieNodig: true, escalatie: { nodig: true, stap: null } });
    expect(voor.escalatie.reden).toContain("Geen passend gecontracteerd aanbod");
    const makelaar = r.als("zorgmakelaar");
    expect(
      (await json<{ resultaten: Voorstel[] }>(await makelaar("POST", "/v1/matchvoorstellen", { regio: "haaglanden" }), 201))
        .resultaten,
    ).toEqual([]);

    const a2 = await problem(
      await verwijzer("POST", `/v1/casussen/${casus.id}/escalaties`, { stap: "A2", datum: "2026-11-26" }),
      400,
    );
    expect(names(a2).sort()).toEqual(["aanbiederId", "besluitdatum"]);
    const stap = await verwijzer("POST", `/v1/casussen/${casus.id}/escalaties`, {
      stap: "A1",
      datum: "2026-11-26",
      uitkomst: "Gemeente Den Haag zoekt mee buiten de contracten",
    });
    expect(stap.status).toBe(201);
    const na = await casusVan(r, casus.id);
    expect(na.escalatie).toMatchObject({ nodig: false, stap: "A1", verwachteStart: "2026-11-27" });
    const run = await json<{ resultaten: Voorstel[] }>(
      await makelaar("POST", "/v1/matchvoorstellen", { regio: "haaglanden" }),
      201,
    );
    expect(run.resultaten.map((v) => [v.casusId, v.aanbodId])).toEqual([[casus.id, nietGecontracteerd.offer.id]]);
    expect(run.resultaten[0]?.uitleg.plek).toMatchObject({ gecontracteerd: false });
    expect(run.resultaten[0]?.uitleg.samenvatting).toContain("niet gecontracteerd");
    const stappen = await json<{ resultaten: { stap: string; door: string }[] }>(
      await verwijzer("GET", `/v1/casussen/${casus.id}/escalaties`),
      200,
    );
    expect(stappen.resultaten.map((s) => s.stap)).toEqual(["A1"]);
  });

  it("timeliness is part of eligibility: no 33-week wait for a child under a measure; a waiting list that starts in time is proposed", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const traag = await aanbod(r, { aanmeldwachttijdWeken: 13, behandelwachttijdWeken: 20 });
    const casus = await maakCasus(r, { maatregelen: [OTS], aanmelddatum: "2026-08-20" });
    let run = await json<{ resultaten: Voorstel[] }>(
      await r.request("POST", "/v1/matchvoorstellen", { regio: "haaglanden" }),
      201,
    );
    expect(run.resultaten).toEqual([]);
    const c = await json<CasusMetKlok>(await r.request("GET", `/v1/casussen/${casus.id}`), 200);
    expect(c.escalatie).toMatchObject({ nodig: true, verwachteStart: "2027-07-16" });
    expect(c.escalatie.reden).toContain("ligt na de normdatum");
    expect(traag.offer.id).toBeDefined();

    const wachtlijst = await aanbod(r, {
      vrijePlekken: 0,
      intakeStatus: "wachtlijst",
      aanmeldwachttijdWeken: 0,
      behandelwachttijdWeken: 0,
    });
    run = await json<{ resultaten: Voorstel[] }>(await r.request("POST", "/v1/matchvoorstellen", { regio: "haaglanden" }), 201);
    expect(run.resultaten.map((v) => [v.casusId, v.aanbodId])).toEqual([[casus.id, wachtlijst.offer.id]]);
    expect(run.resultaten[0]?.uitleg.plek).toMatchObject({
      wachtlijst: true,
      verwachteStart: "2026-11-27",
      uiterlijkeStart: "2026-12-02",
    });
    // Accepting sends an aanmelding for the waiting list, without a hold.
    const a = await json<Aanmelding>(await r.request("POST", `/v1/matchvoorstellen/${run.resultaten[0]?.id}/acceptatie`), 201);
    expect(a).toMatchObject({ opWachtlijst: true, reserveringId: null, status: "verzonden" });
  });
});
