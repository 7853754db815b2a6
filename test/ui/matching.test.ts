import { describe, expect, it } from "vitest";
import { createOrganisatie, createToken } from "../../src/services/toegang.ts";
import { datumTijd } from "../../src/ui/format.ts";
import { type Casus, maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie, type Row, snapshot } from "../factories.ts";
import { makeRegister, type Register } from "../helpers.ts";
import { type Browser, inloggen, inloggenAls } from "./sessie.ts";

type Voorstel = Row & {
  casusId: string;
  aanbodId: string;
  status: string;
  afwijsreden: string | null;
  toelichting: string | null;
};
type Hold = Row & { casusId: string; aanbodId: string; status: string; verlooptOp: string };
type Aanmelding = Row & { status: string; reserveringId: string | null; antwoordVoor: string; opWachtlijst: boolean };
type Pagina<T> = { resultaten: T[]; totaal: number };
type LogRegel = { actie: string; route: string; casusIds: string[]; resultaat: number; rol: string | null };

const OTS = { type: "ots", ingangsdatum: "2026-06-01" };

/** A provider contracted by Den Haag for gezinshuis, with one location and one offer (as in test/api/matching). */
async function plek(r: Register, aanbod: Record<string, unknown> = {}) {
  const aanbieder = await maakAanbieder(r, { naam: "Stichting Matchzorg" });
  const locatie = await maakLocatie(r, aanbieder.id, { naam: "Huize Duin", lat: 52.07, lon: 4.3 });
  await json(
    await r.als("beheerder")("POST", "/v1/contracten", {
      aanbiederId: aanbieder.id,
      zorgvorm: "gezinshuis",
      gemeente: "GM0518",
      geldigVanaf: "2026-01-01",
    }),
    201,
  );
  return maakAanbod(r, locatie.id, {
    naam: "Gezinshuis Zeezicht",
    zorgvorm: "gezinshuis",
    leeftijdVan: 0,
    leeftijdTot: 18,
    capaciteit: 3,
    vrijePlekken: 2,
    // A week's wait: help starts in time for a case registered in September (Treeknorm, 14 weeks).
    aanmeldwachttijdWeken: 0,
    behandelwachttijdWeken: 1,
    ...aanbod,
  });
}

/** A register with one fitting place and one group-1 case, and the broker signed in. */
async function opzet() {
  const r = await makeRegister(undefined, { als: "zorgmakelaar" });
  const offer = await plek(r);
  const casus = await maakCasus(r, { referentie: "MATCH-1", geboortedatum: "2012-01-01", maatregel: OTS });
  const b = await inloggenAls(r, "zorgmakelaar");
  return { r, offer, casus, b };
}

/** Places another referrer can still get: the provider's free places minus those held through the register. */
const vrij = async (r: Register, id: string) => {
  const a = await json<{ vrijePlekken: number; vastgehouden: number }>(await r.request("GET", `/v1/aanbod/${id}`), 200);
  return a.vrijePlekken - a.vastgehouden;
};
const voorstellen = async (r: Register, query = "") =>
  (await json<Pagina<Voorstel>>(await r.request("GET", `/v1/matchvoorstellen${query}`), 200)).resultaten;
const holds = async (r: Register, query = "") =>
  (await json<Pagina<Hold>>(await r.request("GET", `/v1/reserveringen${query}`), 200)).resultaten;
const aanmelding = async (r: Register, id: string) =>
  json<Aanmelding>(await r.als("zorgmakelaar")("GET", `/v1/aanmeldingen/${id}`), 200);
/** The aanmelding an accept redirected with (only its id travels in the address). */
const aanmeldingUit = (location: string | null) => /[?&]aanmelding=([0-9a-f-]{36})$/.exec(location ?? "")?.[1] ?? "";
const casusStatus = async (r: Register, id: string) =>
  (await json<Casus>(await r.request("GET", `/v1/casussen/${id}`), 200)).status;
const log = async (r: Register) =>
  (await json<Pagina<LogRegel>>(await r.als("beheerder")("GET", "/v1/toegangslog?perPagina=100"), 200)).resultaten.reverse();

/** Runs matching from the page and returns the one open proposal. */
async function draai(b: Browser, r: Register): Promise<Voorstel> {
  const res = await b.post("/matching/uitvoeren", { regio: "haaglanden" });
  expect(res.status).toBe(303);
  const [v] = await voorstellen(r, "?status=open");
  if (!v) throw new Error("no proposal");
  return v;
}

/** The part of the page from a proposal's card to the end of that card. */
function kaart(html: string, id: string): string {
  const start = html.indexOf(`<article class="pw-kaart" aria-labelledby="kop-${id}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</article>", start));
}

/** The rows of the table with this caption. */
function tabel(html: string, caption: string): string {
  const start = html.indexOf(`<caption>${caption}</caption>`);
  expect(start, `table ${caption}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</table>", start));
}

describe("matching page", () => {
  it("runs matching and shows each proposal with its explanation in Dutch", async () => {
    const { r, offer, casus, b } = await opzet();
    const leeg = await b.get("/matching");
    expect(leeg.status).toBe(200);
    const html0 = await leeg.text();
    expect(html0).toContain('<h1 class="utrecht-heading-1">Matching: open voorstellen</h1>');
    // One region only: no choice to make, so no region form.
    expect(html0).not.toContain('name="regio" required');
    expect(html0).toContain("Er zijn geen open voorstellen in Haaglanden.");

    // A care type outside the catalogue is refused next to the field, as the API refuses it.
    const onbekend = await b.post("/matching/uitvoeren", { regio: "haaglanden", zorgvorm: "bestaat-niet" });
    expect(onbekend.status).toBe(400);
    expect(await onbekend.text()).toContain(
      '<div class="utrecht-form-field-error-message" id="run-zorgvorm-fout">Zorgvorm bestaat-niet staat niet in de catalogus.</div>',
    );
    expect(await voorstellen(r)).toEqual([]);

    // Another care type: nothing fits, and the page says so.
    const niets = await b.post("/matching/uitvoeren", { regio: "haaglanden", zorgvorm: "ambulante-jggz" });
    expect(niets.status).toBe(303);
    expect(niets.headers.get("location")).toBe("/matching?regio=haaglanden&melding=matching&aantal=0");

    const res = await b.post("/matching/uitvoeren", { regio: "haaglanden", zorgvorm: "" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/matching?regio=haaglanden&melding=matching&aantal=1");
    const [v] = await voorstellen(r, "?status=open");
    expect(v).toMatchObject({ casusId: casus.id, aanbodId: offer.id });
    const html = await (await b.get(res.headers.get("location") ?? "")).text();
    expect(html).toContain("De matching is uitgevoerd: 1 nieuw voorstel.");
    expect(html).toContain("Open voorstellen (1)");
    const k = kaart(html, v?.id ?? "");
    expect(k).toContain("Casus MATCH-1 — Gezinshuis Zeezicht bij Stichting Matchzorg, Huize Duin (Den Haag)");
    for (const zin of [
      "Valt in prioriteitsgroep 1 van het afwegingskader schadelijk wachten.",
      "Reden: Groep 1 — gedwongen kader: OTS sinds 1 juni 2026.",
      "Wacht 87 dagen sinds de aanmelding.",
      "Zorgvorm: Gezinshuis, passend bij de gevraagde zorg.",
      "Leeftijd: de jeugdige is 14 jaar; dit aanbod is er voor 0 tot en met 18 jaar.",
      "Afstand: 0,1 km van de woongemeente.",
      "Wachttijd: 1 week van aanmelding tot start van de zorg.",
      "Verwachte start: 4 december 2026 (vandaag plus beide wachttijden); de uiterste datum (1 september 2026) is al voorbij: dit is de vroegst mogelijke start.",
      "Gecontracteerd: de woongemeente koopt deze zorg bij deze aanbieder in.",
      "Samenvatting: groep 1, 179 dagen wachtend sinds de uitspraak; Gezinshuis Zeezicht: gecontracteerd, vrije plek, 0,1 km van de woongemeente, 1 week wachttijd; verwachte start 4 december 2026; de normdatum (1 september 2026) is al voorbij, dit is de eerst mogelijke start.",
      `Dit voorstel vervalt op ${datumTijd("2026-12-04T09:00:00.000Z")}`,
      'aria-label="Accepteren en aanmelden (plek vasthouden) voor casus MATCH-1"',
      'aria-label="Afwijzen: voorstel voor casus MATCH-1"',
      `<label class="utrecht-form-label" for="afw-${v?.id}-reden">Reden van afwijzen</label>`,
    ])
      expect(k).toContain(zin);
    // Reloading the message is harmless: only the number travels in the query.
    expect(await (await b.get("/matching?melding=matching&aantal=%3Cb%3E")).text()).not.toContain("De matching is uitgevoerd");
  });

  it("accepting sends an aanmelding that holds the place until the answer; the provider's start moves the hold to the ended table", async () => {
    const { r, offer, casus, b } = await opzet();
    const v = await draai(b, r);
    expect(await vrij(r, offer.id)).toBe(2);
    const res = await b.post(`/matching/voorstellen/${v.id}/acceptatie`, { regio: "haaglanden" });
    expect(res.status).toBe(303);
    const id = aanmeldingUit(res.headers.get("location"));
    expect(res.headers.get("location")).toBe(`/matching?regio=haaglanden&melding=aangemeld&aanmelding=${id}`);
    const a = await aanmelding(r, id);
    // Five working days from Friday 27 November; the hold lasts exactly as long.
    expect(a).toMatchObject({ status: "verzonden", opWachtlijst: false, antwoordVoor: "2026-12-04T23:59:59.999Z" });
    expect(await vrij(r, offer.id)).toBe(1);
    const [hold] = await holds(r, "?status=actief");
    expect(hold).toMatchObject({ id: a.reserveringId, casusId: casus.id, aanbodId: offer.id, verlooptOp: a.antwoordVoor });
    expect(await casusStatus(r, casus.id)).toBe("gereserveerd");

    const html = await (await b.get(res.headers.get("location") ?? "")).text();
    expect(html).toContain(
      "Aanmelding verstuurd naar Stichting Matchzorg (Gezinshuis Zeezicht); de plek wordt vastgehouden tot het antwoord (uiterlijk op 4 december 2026). Verwachte start volgens de wachttijden: 4 december 2026.",
    );
    expect(html).toContain("Er zijn geen open voorstellen in Haaglanden.");
    const holdsHtml = await (await b.get("/matching/reserveringen")).text();
    const actief = tabel(holdsHtml, "Actieve reserveringen");
    expect(actief).toContain('<th scope="row">MATCH-1</th>');
    expect(actief).toContain("<td>Gezinshuis Zeezicht bij Stichting Matchzorg, Huize Duin (Den Haag)</td>");
    expect(actief).toContain(`<td>${datumTijd(a.antwoordVoor)}</td>`);
    // The hold follows its aanmelding: no buttons to place or withdraw it on its own.
    expect(actief).toContain(
      "Hoort bij een aanmelding (antwoord uiterlijk op 4 december 2026): de aanbieder legt de start vast.",
    );
    expect(actief).toContain(`href="/wachtlijst/casus/${casus.id}#aanmeldingen-kop"`);
    expect(actief).not.toContain(`/matching/reserveringen/${hold?.id}/`);
    expect(tabel(await (await b.get("/matching/afgehandeld")).text(), "Afgehandelde voorstellen (nieuwste eerst)")).toContain(
      "Geaccepteerd: aanmelding verstuurd</span>",
    );

    // Posting the old form anyway: the register refuses (409) and says why; nothing changes.
    const voor = await snapshot(r);
    const zelf = await b.post(`/matching/reserveringen/${hold?.id}/plaatsing`, { regio: "haaglanden", bevestigd: "ja" });
    expect(zelf.status).toBe(409);
    const zelfHtml = await zelf.text();
    expect(zelfHtml).toContain("Reservering voor casus MATCH-1: deze reservering hoort bij een aanmelding.");
    // The broker's words, no ids.
    expect(zelfHtml).not.toContain(`${id}:`);
    expect(zelfHtml).not.toContain(`Reservering ${hold?.id}`);
    expect(await snapshot(r)).toEqual(voor);

    // The provider accepts and, once help started, records the start: the hold becomes a placement.
    const aanbieder = r.met(await r.aanbiederToken(offer.aanbiederId as string));
    await json(await aanbieder("POST", `/v1/aanmeldingen/${id}/acceptatie`, { verwachteStartdatum: "2026-11-30" }), 200);
    r.clock.advanceDays(3);
    await json(await aanbieder("POST", `/v1/aanmeldingen/${id}/start`, { startdatum: "2026-11-30" }), 200);
    expect((await holds(r))[0]?.status).toBe("geplaatst");
    expect(await casusStatus(r, casus.id)).toBe("geplaatst");
    expect(await vrij(r, offer.id)).toBe(1);
    // A session lasts 8 hours: the broker signs in again.
    const na = await (await (await inloggenAls(r, "zorgmakelaar")).get("/matching/reserveringen")).text();
    expect(na).toContain("Er zijn geen actieve reserveringen.");
    const afgerond = tabel(na, "Afgeronde reserveringen (nieuwste eerst)");
    expect(afgerond).toContain('<th scope="row">MATCH-1</th>');
    expect(afgerond).toContain('<span class="utrecht-status-badge utrecht-status-badge--success">Geplaatst</span>');
  });

  it("a hold of its own is placed or withdrawn on the page; an aanmelding's hold goes back when the aanmelding is withdrawn", async () => {
    const { r, offer, casus, b } = await opzet();
    // A place held directly (after a phone call), not through an aanmelding.
    const ander = await maakCasus(r, { referentie: "BEL-1", geboortedatum: "2012-01-01" });
    const eigen = await json<Hold>(await r.request("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: ander.id }), 201);
    const html0 = await (await b.get("/matching/reserveringen")).text();
    expect(tabel(html0, "Actieve reserveringen")).toContain(`action="/matching/reserveringen/${eigen.id}/plaatsing"`);
    expect(await vrij(r, offer.id)).toBe(1);
    const res = await b.post(`/matching/reserveringen/${eigen.id}/intrekking`, { regio: "haaglanden", bevestigd: "ja" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/matching/reserveringen?regio=haaglanden&melding=ingetrokken");
    expect(await vrij(r, offer.id)).toBe(2);
    expect(await casusStatus(r, ander.id)).toBe("wachtend");
    const html = await (await b.get("/matching/reserveringen?melding=ingetrokken")).text();
    expect(html).toContain("De reservering is ingetrokken. De plek is weer vrij.");
    expect(tabel(html, "Afgeronde reserveringen (nieuwste eerst)")).toContain(">Ingetrokken</span>");

    // Accepting a proposal holds a place with the aanmelding; withdrawing the aanmelding gives it back.
    const v = await draai(b, r);
    const id = aanmeldingUit(
      (await b.post(`/matching/voorstellen/${v.id}/acceptatie`, { regio: "haaglanden" })).headers.get("location"),
    );
    expect(await vrij(r, offer.id)).toBe(1);
    const intrekken = await b.get(`/wachtlijst/casus/${v.casusId}/aanmeldingen/${id}/intrekken`);
    expect(intrekken.status).toBe(200);
    expect(await intrekken.text()).toContain("De vastgehouden plek komt weer vrij.");
    const weg = await b.post(`/wachtlijst/casus/${v.casusId}/aanmeldingen/${id}/intrekking`, { reden: "Andere plek gevonden" });
    expect(weg.status).toBe(303);
    expect(weg.headers.get("location")).toBe(`/wachtlijst/casus/${v.casusId}?melding=ingetrokken`);
    expect(await vrij(r, offer.id)).toBe(2);
    expect(await casusStatus(r, v.casusId)).toBe("wachtend");
    expect((await aanmelding(r, id)).status).toBe("ingetrokken");

    // A hold left alone expires after 72 hours and the page shows it ended.
    await json(await r.request("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: casus.id }), 201);
    r.clock.advanceDays(3.1);
    // A session lasts 8 hours: the broker signs in again.
    const later = await (await (await inloggenAls(r, "zorgmakelaar")).get("/matching/reserveringen")).text();
    expect(later).toContain("Er zijn geen actieve reserveringen.");
    expect(tabel(later, "Afgeronde reserveringen (nieuwste eerst)")).toContain(
      '<span class="utrecht-status-badge utrecht-status-badge--warning">Verlopen</span>',
    );
    expect(await vrij(r, offer.id)).toBe(2);
  });

  it("declining needs a reason: refused with the explanation kept, then gone from the open list", async () => {
    const { r, casus, b } = await opzet();
    const v = await draai(b, r);
    const voor = await snapshot(r);
    const zonder = await b.post(`/matching/voorstellen/${v.id}/afwijzing`, {
      regio: "haaglanden",
      reden: "",
      toelichting: "Plek ligt te ver van school",
    });
    expect(zonder.status).toBe(400);
    const k = kaart(await zonder.text(), v.id);
    expect(k).toContain(
      `<div class="utrecht-form-field-error-message" id="afw-${v.id}-reden-fout">Kies de reden waarom u dit voorstel afwijst.</div>`,
    );
    expect(k).toContain(`href="#afw-${v.id}-reden"`);
    expect(k).toMatch(new RegExp(`id="afw-${v.id}-toelichting"[^>]*>Plek ligt te ver van school</textarea>`));
    expect(await snapshot(r)).toEqual(voor);

    // 'anders' needs an explanation, as on the API; the choice stays selected.
    const anders = await b.post(`/matching/voorstellen/${v.id}/afwijzing`, {
      regio: "haaglanden",
      reden: "anders",
      toelichting: " ",
    });
    expect(anders.status).toBe(400);
    const ka = kaart(await anders.text(), v.id);
    expect(ka).toContain(`id="afw-${v.id}-toelichting-fout"`);
    expect(ka).toContain('<option value="anders" selected="">');
    expect(await snapshot(r)).toEqual(voor);

    const res = await b.post(`/matching/voorstellen/${v.id}/afwijzing`, {
      regio: "haaglanden",
      reden: "past-niet",
      toelichting: "Plek ligt te ver van school",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/matching?regio=haaglanden&melding=afgewezen");
    expect((await voorstellen(r))[0]).toMatchObject({
      status: "afgewezen",
      afwijsreden: "past-niet",
      toelichting: "Plek ligt te ver van school",
    });
    expect(await casusStatus(r, casus.id)).toBe("wachtend");
    const html = await (await b.get("/matching?melding=afgewezen")).text();
    expect(html).toContain("Open voorstellen (0)");
    expect(html).not.toContain(`kop-${v.id}`);
    expect(tabel(await (await b.get("/matching/afgehandeld")).text(), "Afgehandelde voorstellen (nieuwste eerst)")).toContain(
      "De plek past niet bij de jeugdige: Plek ligt te ver van school",
    );
  });

  it("pages through many proposals; a refusal on page 2 is shown at that proposal", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    await plek(r, { capaciteit: 30, vrijePlekken: 30 });
    for (let i = 1; i <= 11; i++) await maakCasus(r, { referentie: `VEEL-${i}`, geboortedatum: "2012-01-01" });
    const b = await inloggenAls(r, "zorgmakelaar");
    expect((await b.post("/matching/uitvoeren", { regio: "haaglanden" })).headers.get("location")).toContain("aantal=11");
    const html = await (await b.get("/matching")).text();
    expect(html).toContain("Open voorstellen (11)");
    // Ten a page: each card carries its full explanation.
    expect(html.match(/<article class="pw-kaart"/g)).toHaveLength(10);
    expect(html).toContain("Pagina 1 van 2");
    // Page 2 holds the case last on the waiting list.
    const tweede = await (await b.get("/matching?pagina=2")).text();
    expect(tweede).toContain("Positie 11 op de wachtlijst.");
    const id = /aria-labelledby="kop-([0-9a-f-]{36})"/.exec(tweede)?.[1] ?? "";
    const laatste = (await voorstellen(r, "?status=open&perPagina=100")).find((x) => x.id === id) as Voorstel;
    expect(laatste).toBeDefined();
    expect(html).not.toContain(`kop-${laatste.id}`);
    const res = await b.post(`/matching/voorstellen/${laatste.id}/afwijzing`, {
      regio: "haaglanden",
      toelichting: "Nog overleggen",
    });
    expect(res.status).toBe(400);
    const k = kaart(await res.text(), laatste.id);
    expect(k).toContain(`id="afw-${laatste.id}-reden-fout"`);
    expect(k).toContain(">Nog overleggen</textarea>");
  });

  it("a place taken meanwhile: the aanmelding goes to the waiting list, and the confirmation says no place is held", async () => {
    const { r, offer, b } = await opzet();
    const v = await draai(b, r);
    // Both free places go to other children by phone before the broker accepts.
    for (const ref of ["BEL-1", "BEL-2"]) {
      const ander = await maakCasus(r, { referentie: ref, geboortedatum: "2012-01-01" });
      await json(await r.request("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: ander.id }), 201);
    }
    const res = await b.post(`/matching/voorstellen/${v.id}/acceptatie`, { regio: "haaglanden" });
    expect(res.status).toBe(303);
    const a = await aanmelding(r, aanmeldingUit(res.headers.get("location")));
    expect(a).toMatchObject({ status: "verzonden", reserveringId: null, opWachtlijst: true });
    expect(await vrij(r, offer.id)).toBe(0);
    const html = await (await b.get(res.headers.get("location") ?? "")).text();
    expect(html).toContain(
      "Aanmelding verstuurd naar Stichting Matchzorg (Gezinshuis Zeezicht), op de wachtlijst van de aanbieder; er wordt geen plek vastgehouden. Antwoord uiterlijk op 4 december 2026.",
    );
  });

  it("a waiting-list offer is proposed when help still starts in time; accepting holds no place", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const offer = await plek(r, { vrijePlekken: 0, intakeStatus: "wachtlijst" });
    await maakCasus(r, { referentie: "AMB-1", geboortedatum: "2012-01-01" });
    const b = await inloggenAls(r, "zorgmakelaar");
    const v = await draai(b, r);
    const k = kaart(await (await b.get("/matching")).text(), v.id);
    expect(k).toContain(
      "Verwachte start: 4 december 2026 (vandaag plus beide wachttijden); op tijd, want uiterlijk 8 december 2026",
    );
    expect(k).toContain("Geen vrije plek: de aanbieder heeft een open wachtlijst.");
    expect(k).toContain('aria-label="Accepteren en aanmelden (wachtlijst) voor casus AMB-1"');
    const res = await b.post(`/matching/voorstellen/${v.id}/acceptatie`, { regio: "haaglanden" });
    expect(res.status).toBe(303);
    expect(await aanmelding(r, aanmeldingUit(res.headers.get("location")))).toMatchObject({
      reserveringId: null,
      opWachtlijst: true,
    });
    expect(await holds(r)).toEqual([]);
    expect(await vrij(r, offer.id)).toBe(0);
  });

  it("logs the page view, the run and an accept (NEN 7513)", async () => {
    const { r, casus, b } = await opzet();
    const ander = await maakCasus(r, { referentie: "MATCH-2", geboortedatum: "2010-01-01", zorgvorm: "ambulante-jggz" });
    const start = (await log(r)).length;
    await b.post("/matching/uitvoeren", { regio: "haaglanden" });
    const [v] = await voorstellen(r, "?status=open");
    expect((await b.get("/matching")).status).toBe(200);
    await b.post(`/matching/voorstellen/${v?.id}/acceptatie`, { regio: "haaglanden" });
    const rows = (await log(r)).slice(start).filter((x) => x.route.startsWith("/matching"));
    expect(rows.map((x) => [x.actie, x.route, [...x.casusIds].sort(), x.resultaat, x.rol])).toEqual([
      ["matching", "/matching/uitvoeren", [casus.id, ander.id].sort(), 303, "zorgmakelaar"],
      ["lijst", "/matching", [casus.id], 200, "zorgmakelaar"],
      ["wijzigen", "/matching/voorstellen/:id/acceptatie", [casus.id], 303, "zorgmakelaar"],
    ]);
  });
});

describe("matching pages (issue 15)", () => {
  it("shows open proposals in the order of the waiting list, each with its position", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    await plek(r, { capaciteit: 10, vrijePlekken: 10 });
    // Registered later but in group 1 (a measure): first on the waiting list; the others by how long they wait.
    const dagen = ["2026-09-20", "2026-09-05", "2026-09-25", "2026-09-10"];
    for (const [i, d] of dagen.entries())
      await maakCasus(r, { referentie: `RANG-${i + 1}`, geboortedatum: "2012-01-01", aanmelddatum: d });
    await maakCasus(r, { referentie: "RANG-OTS", geboortedatum: "2012-01-01", aanmelddatum: "2026-10-01", maatregel: OTS });
    const b = await inloggenAls(r, "zorgmakelaar");
    await b.post("/matching/uitvoeren", { regio: "haaglanden" });
    const html = await (await b.get("/matching")).text();
    const kaarten = [
      ...html.matchAll(
        />Casus (RANG-[A-Z0-9]+) — [^<]*<\/h3><p class="utrecht-paragraph pw-positie">Positie (\d+) op de wachtlijst\.</g,
      ),
    ];
    expect(kaarten.map((k) => [k[1], k[2]])).toEqual([
      ["RANG-OTS", "1"],
      ["RANG-2", "2"],
      ["RANG-4", "3"],
      ["RANG-1", "4"],
      ["RANG-3", "5"],
    ]);
    // The same positions as the waiting list itself.
    const lijst = await (await b.get("/wachtlijst")).text();
    const rijen = [
      ...lijst.matchAll(
        /<td class="utrecht-table__cell">(\d+)<\/td><th class="utrecht-table__header-cell" scope="row"><a[^>]*>(RANG-[A-Z0-9]+)</g,
      ),
    ];
    expect(rijen.map((k) => [k[2], k[1]])).toEqual(kaarten.map((k) => [k[1], k[2]]));
  });

  it("proposals, holds and decided proposals each have their own page and address; holds are paged", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const offer = await plek(r, { capaciteit: 30, vrijePlekken: 30 });
    for (let i = 1; i <= 21; i++) {
      const c = await maakCasus(r, { referentie: `HOLD-${i}`, geboortedatum: "2012-01-01" });
      await json(await r.request("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: c.id }), 201);
    }
    const b = await inloggenAls(r, "zorgmakelaar");
    const voorstellenHtml = await (await b.get("/matching")).text();
    expect(voorstellenHtml).toContain('<a href="/matching?regio=haaglanden" aria-current="page">Open voorstellen</a>');
    expect(voorstellenHtml).toContain('<a href="/matching/reserveringen?regio=haaglanden">Reserveringen</a>');
    expect(voorstellenHtml).not.toContain("Actieve reserveringen");
    expect(voorstellenHtml).not.toContain("Afgehandelde voorstellen (nieuwste eerst)");

    const holdsHtml = await (await b.get("/matching/reserveringen?regio=haaglanden")).text();
    expect(holdsHtml).toContain('<h1 class="utrecht-heading-1">Matching: reserveringen</h1>');
    expect(holdsHtml).toContain('aria-current="page">Reserveringen</a>');
    expect(holdsHtml).toContain("Actieve reserveringen (21)");
    expect(holdsHtml.match(/action="\/matching\/reserveringen\/[0-9a-f-]{36}\/plaatsing"/g)).toHaveLength(20);
    expect(holdsHtml).toContain("Pagina 1 van 2");
    expect(holdsHtml).toContain('href="/matching/reserveringen?regio=haaglanden&amp;pagina=2"');
    expect((await (await b.get("/matching/reserveringen?pagina=2")).text()).match(/\/plaatsing"/g)).toHaveLength(1);

    const afgehandeld = await b.get("/matching/afgehandeld");
    expect(afgehandeld.status).toBe(200);
    expect(await afgehandeld.text()).toContain("Er zijn nog geen afgehandelde voorstellen.");
  });

  it("placing and withdrawing a hold ask once, without script; cancelling changes nothing", async () => {
    const { r, offer, b } = await opzet();
    const eigen = [];
    for (const ref of ["BEL-1", "BEL-2"]) {
      const c = await maakCasus(r, { referentie: ref, geboortedatum: "2012-01-01" });
      eigen.push(await json<Hold>(await r.request("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: c.id }), 201));
    }
    const [een, twee] = eigen as [Hold, Hold];
    const voor = await snapshot(r);
    const vraag = await b.post(`/matching/reserveringen/${een.id}/plaatsing`, { regio: "haaglanden" });
    expect(vraag.status).toBe(200);
    const html = await vraag.text();
    expect(html).toContain("Weet u het zeker?");
    expect(html).toContain(
      "U legt vast dat casus BEL-1 is geplaatst bij Gezinshuis Zeezicht bij Stichting Matchzorg, Huize Duin (Den Haag).",
    );
    expect(html).toContain(`action="/matching/reserveringen/${een.id}/plaatsing"`);
    expect(html).toContain('name="bevestigd" value="ja"');
    expect(html).toContain(">Ja, plaatsing vastleggen</button>");
    expect(html).toContain('href="/matching/reserveringen?regio=haaglanden">Annuleren</a>');
    expect(await snapshot(r)).toEqual(voor);

    const ja = await b.post(`/matching/reserveringen/${een.id}/plaatsing`, { regio: "haaglanden", bevestigd: "ja" });
    expect(ja.status).toBe(303);
    expect(ja.headers.get("location")).toBe("/matching/reserveringen?regio=haaglanden&melding=geplaatst");
    expect((await holds(r)).find((h) => h.id === een.id)?.status).toBe("geplaatst");

    const voor2 = await snapshot(r);
    const intrek = await b.post(`/matching/reserveringen/${twee.id}/intrekking`, { regio: "haaglanden" });
    expect(intrek.status).toBe(200);
    const ih = await intrek.text();
    expect(ih).toContain("U trekt de reservering voor casus BEL-2 bij Gezinshuis Zeezicht");
    expect(ih).toContain(">Ja, reservering intrekken</button>");
    expect(await snapshot(r)).toEqual(voor2);
  });

  it("says a location named like its provider once, and 'anders' is kept as the reason with the explanation beside it", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const aanbieder = await maakAanbieder(r, { naam: "Open Haven Jeugd & Gezin" });
    const locatie = await maakLocatie(r, aanbieder.id, { naam: "Open Haven Jeugd & Gezin", lat: 52.07, lon: 4.3 });
    await json(
      await r.als("beheerder")("POST", "/v1/contracten", {
        aanbiederId: aanbieder.id,
        zorgvorm: "gezinshuis",
        gemeente: "GM0518",
        geldigVanaf: "2026-01-01",
      }),
      201,
    );
    await maakAanbod(r, locatie.id, {
      naam: "Gezinshuis Haven",
      zorgvorm: "gezinshuis",
      leeftijdVan: 0,
      leeftijdTot: 18,
      capaciteit: 3,
      vrijePlekken: 2,
      aanmeldwachttijdWeken: 0,
      behandelwachttijdWeken: 1,
    });
    const casus = await maakCasus(r, { referentie: "HAVEN-1", geboortedatum: "2012-01-01" });
    const b = await inloggenAls(r, "zorgmakelaar");
    const v = await draai(b, r);
    const html = await (await b.get("/matching")).text();
    expect(html).toContain("Casus HAVEN-1 — Gezinshuis Haven bij Open Haven Jeugd &amp; Gezin (Den Haag)</h3>");
    expect(html).not.toContain("Open Haven Jeugd &amp; Gezin, Open Haven Jeugd &amp; Gezin");

    const res = await b.post(`/matching/voorstellen/${v.id}/afwijzing`, {
      regio: "haaglanden",
      reden: "anders",
      toelichting: "Jeugdige wil in de eigen wijk blijven",
    });
    expect(res.status).toBe(303);
    expect((await voorstellen(r))[0]).toMatchObject({
      afwijsreden: "anders",
      toelichting: "Jeugdige wil in de eigen wijk blijven",
    });
    const afgehandeld = await (await b.get("/matching/afgehandeld")).text();
    expect(tabel(afgehandeld, "Afgehandelde voorstellen (nieuwste eerst)")).toContain(
      "<td>Anders: Jeugdige wil in de eigen wijk blijven</td>",
    );
    expect(afgehandeld).not.toContain("toelichting verplicht):");

    // The case history says what happened in the broker's words: no ids, no codes.
    const geschiedenis = await (await b.get(`/wachtlijst/casus/${casus.id}`)).text();
    const historie = geschiedenis.slice(geschiedenis.indexOf("Historie van casus HAVEN-1"));
    expect(historie).toContain("matchvoorstel: Gezinshuis Haven");
    expect(historie).toContain("matchvoorstel afgewezen: Anders: Jeugdige wil in de eigen wijk blijven");
    expect(historie).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });
});

describe("matching wording (issue 15)", () => {
  it("says one day in the singular, and a broker of two regions picks one with 'Toon regio' that stays on the page", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    await plek(r);
    await maakCasus(r, { referentie: "GISTER-1", geboortedatum: "2012-01-01", aanmelddatum: "2026-11-26" });
    r.db.sqlite.prepare("INSERT INTO regios (code, naam) VALUES ('hollands-midden', 'Hollands Midden')").run();
    const org = await createOrganisatie(r.beheer, {
      naam: "Serviceteam Twee",
      type: "regio",
      regios: ["haaglanden", "hollands-midden"],
    });
    const b = await inloggen(r, (await createToken(r.beheer, { organisatieId: org.id, rol: "zorgmakelaar" })).token);
    await b.post("/matching/uitvoeren", { regio: "haaglanden" });
    const html = await (await b.get("/matching?regio=haaglanden")).text();
    expect(html).toContain("Samenvatting: geen prioriteitsgroep, 1 dag wachtend;");
    expect(html).toContain("Wacht 1 dag sinds de aanmelding.");
    expect(html).not.toContain("1 dagen");
    expect(html).toContain('<form method="get" action="/matching" class="pw-filters">');
    expect(html).toContain(">Toon regio</button>");
    expect(html).not.toContain("Regio tonen");
    const holds = await (await b.get("/matching/reserveringen?regio=hollands-midden")).text();
    expect(holds).toContain('<form method="get" action="/matching/reserveringen" class="pw-filters">');
    expect(holds).toContain('<option value="hollands-midden" selected="">Hollands Midden</option>');
    expect(holds).toContain('href="/matching?regio=hollands-midden"');
  });
});

describe("matching page access", () => {
  it("another region's broker sees nothing of Haaglanden and gets 404 on its proposals and holds", async () => {
    const { r, b } = await opzet();
    const v = await draai(b, r);
    r.db.sqlite.prepare("INSERT INTO regios (code, naam) VALUES ('hollands-midden', 'Hollands Midden')").run();
    const hm = await createOrganisatie(r.beheer, { naam: "Serviceteam HM", type: "regio", regios: ["hollands-midden"] });
    const elders = await inloggen(r, (await createToken(r.beheer, { organisatieId: hm.id, rol: "zorgmakelaar" })).token);
    const html = await (await elders.get("/matching")).text();
    expect(html).toContain("Er zijn geen open voorstellen in Hollands Midden.");
    expect(html).not.toContain("MATCH-1");
    expect((await elders.get("/matching?regio=haaglanden")).status).toBe(404);
    expect((await b.get("/matching?regio=hollands-midden")).status).toBe(404);
    const voor = await snapshot(r);
    expect((await elders.post(`/matching/voorstellen/${v.id}/acceptatie`, { regio: "hollands-midden" })).status).toBe(404);
    expect((await elders.post(`/matching/voorstellen/${v.id}/afwijzing`, { reden: "past-niet" })).status).toBe(404);
    expect((await elders.post("/matching/uitvoeren", { regio: "haaglanden" })).status).toBe(404);
    expect(await snapshot(r)).toEqual(voor);
    await b.post(`/matching/voorstellen/${v.id}/acceptatie`, { regio: "haaglanden" });
    const [hold] = await holds(r);
    const voorHold = await snapshot(r);
    expect((await elders.post(`/matching/reserveringen/${hold?.id}/intrekking`, {})).status).toBe(404);
    expect((await elders.post(`/matching/reserveringen/${hold?.id}/plaatsing`, {})).status).toBe(404);
    expect(await snapshot(r)).toEqual(voorHold);
  });

  it("a referrer gets 403, no session is sent to sign in, a form without its CSRF token changes nothing", async () => {
    const { r, b } = await opzet();
    const v = await draai(b, r);
    const verwijzer = await inloggenAls(r, "verwijzer");
    expect((await verwijzer.get("/matching")).status).toBe(403);
    expect((await verwijzer.post(`/matching/voorstellen/${v.id}/acceptatie`, {})).status).toBe(403);

    const anoniem = await r.app.request("/matching?regio=haaglanden", { headers: { Accept: "text/html" } });
    expect(anoniem.status).toBe(303);
    expect(anoniem.headers.get("location")).toBe(`/inloggen?terug=${encodeURIComponent("/matching?regio=haaglanden")}`);

    const voor = await snapshot(r);
    const zonder = await r.app.request(`/matching/voorstellen/${v.id}/acceptatie`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `pw_sessie=${b.cookie}`, Accept: "text/html" },
      body: new URLSearchParams({ regio: "haaglanden" }).toString(),
    });
    expect(zonder.status).toBe(403);
    expect((await b.post(`/matching/voorstellen/${v.id}/acceptatie`, { _csrf: "verkeerd" })).status).toBe(403);
    expect((await b.post("/matching/uitvoeren", { _csrf: "verkeerd", regio: "haaglanden" })).status).toBe(403);
    expect(await snapshot(r)).toEqual(voor);
    expect((await voorstellen(r, "?status=open")).map((x) => x.id)).toEqual([v.id]);
  });
});
