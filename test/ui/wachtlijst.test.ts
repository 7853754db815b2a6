import { describe, expect, it } from "vitest";
import { createOrganisatie, createToken } from "../../src/services/toegang.ts";
import { readToegangslog } from "../../src/services/toegangslog.ts";
import { type Casus, maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie, type Row, snapshot } from "../factories.ts";
import { makeRegister, type Register } from "../helpers.ts";
import { csrfUit, inloggen, inloggenAls } from "./sessie.ts";

const tekst = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

/** The body rows of the table whose caption starts with `caption`: the row's class and each cell's text. */
function tabel(html: string, caption: string) {
  const start = html.indexOf(`<caption class="utrecht-table__caption">${caption}`);
  expect(start, `table "${caption}"`).toBeGreaterThan(-1);
  const deel = html.slice(html.indexOf("<tbody", start), html.indexOf("</table>", start));
  return [...deel.matchAll(/<tr class="([^"]*)">([\s\S]*?)<\/tr>/g)].map(([, klasse, rij]) => ({
    klasse: klasse ?? "",
    cellen: [...(rij ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cel]) => tekst(cel ?? "")),
  }));
}

const referenties = (html: string) => tabel(html, "Wachtlijst Haaglanden").map((r) => r.cellen[1]);

/**
 * Haaglanden on 2026-11-27: two cases in the gedwongen kader (one past the three-month norm),
 * two children under 7, one regular case without a group, one crisis case.
 */
async function opzet() {
  const r = await makeRegister();
  const casussen = {
    kader: await maakCasus(r, { referentie: "WL-KADER", maatregel: { type: "ots", ingangsdatum: "2026-06-01" } }),
    kaderVers: await maakCasus(r, {
      referentie: "WL-KADER-VERS",
      aanmelddatum: "2026-10-05",
      maatregel: { type: "voogdij", ingangsdatum: "2026-10-01" },
    }),
    jong: await maakCasus(r, {
      referentie: "WL-JONG",
      geboortedatum: "2021-01-15",
      aanmelddatum: "2026-10-01",
      zorgvorm: "pleegzorg",
      woongemeente: "GM0503",
    }),
    jongLang: await maakCasus(r, { referentie: "WL-JONG-LANG", geboortedatum: "2022-03-01", aanmelddatum: "2026-07-01" }),
    regulier: await maakCasus(r, { referentie: "WL-REGULIER", aanmelddatum: "2026-08-01" }),
    crisis: await maakCasus(r, { referentie: "WL-CRISIS", urgentie: "crisis", aanmelddatum: "2026-11-20" }),
  };
  const b = await inloggenAls(r, "zorgmakelaar");
  return { r, b, ...casussen, ids: Object.values(casussen).map((c) => c.id) };
}

/** A second region with one municipality (reference data has no API, so it is inserted directly). */
function hollandsMidden(r: Register) {
  r.db.sqlite.prepare("INSERT INTO regios (code, naam) VALUES ('hollands-midden', 'Hollands Midden')").run();
  r.db.sqlite
    .prepare("INSERT INTO gemeenten (code, naam, regio, lat, lon) VALUES ('GM0546', 'Leiden', 'hollands-midden', 52.16, 4.49)")
    .run();
}

async function logregels(r: Register) {
  return (await readToegangslog({ db: r.db, clock: r.clock }, {}, { pagina: 1, perPagina: 100 })).resultaten;
}

const casusVia = async (r: Register, id: string) =>
  json<Casus & { prioriteit: { handmatig: { groep: number; reden: string } | null } }>(
    await r.als("zorgmakelaar")("GET", `/v1/casussen/${id}`),
    200,
  );

describe("wachtlijst (zorgmakelaar)", () => {
  it("shows the ranked list: exact order, groups with reasons, age not birth date, norm breaches, crisis apart above", async () => {
    const { b } = await opzet();
    const res = await b.get("/wachtlijst");
    expect(res.status).toBe(200);
    const html = await res.text();

    const rijen = tabel(html, "Wachtlijst Haaglanden op 27 november 2026: 5 wachtend");
    expect(rijen.map((r) => r.cellen.slice(0, 6))).toEqual([
      ["1", "WL-KADER", "11 jaar", "Gezinshuis", "Den Haag", "87"],
      ["2", "WL-KADER-VERS", "11 jaar", "Gezinshuis", "Den Haag", "53"],
      ["3", "WL-JONG-LANG", "4 jaar", "Gezinshuis", "Den Haag", "149"],
      ["4", "WL-JONG", "5 jaar", "Pleegzorg", "Delft", "57"],
      ["5", "WL-REGULIER", "11 jaar", "Gezinshuis", "Den Haag", "118"],
    ]);
    expect(rijen.map((r) => r.cellen[6])).toEqual([
      "Groep 1 — gedwongen kader Groep 1 — gedwongen kader: OTS sinds 1 juni 2026",
      "Groep 1 — gedwongen kader Groep 1 — gedwongen kader: voogdij sinds 1 oktober 2026",
      "Groep 2 — jonger dan 7 jaar Groep 2 — jonger dan 7 jaar: 4 jaar oud bij aanmelding",
      "Groep 2 — jonger dan 7 jaar Groep 2 — jonger dan 7 jaar: 5 jaar oud bij aanmelding",
      "Geen groep Geen prioriteitsgroep: wacht 118 dagen",
    ]);
    // The norm breach stands out by class and by text; a measure within the norm says so.
    expect(rijen.map((r) => r.klasse.includes("pw-norm"))).toEqual([true, false, false, false, false]);
    // No offer in this register: nothing contracted can start in time, so every case needs escalation.
    expect(rijen.map((r) => r.cellen[7])).toEqual([
      "Norm overschreden normdatum 1 september 2026 Escalatie nodig",
      "Binnen de norm, normdatum 1 januari 2027 Escalatie nodig",
      "Geen maatregel Escalatie nodig",
      "Geen maatregel Escalatie nodig",
      "Geen maatregel Escalatie nodig",
    ]);
    expect(html).toContain('<span class="utrecht-status-badge utrecht-status-badge--danger">Norm overschreden</span>');
    expect(tekst(html)).toContain("1 kind wacht langer dan de norm van 3 maanden.");
    expect(html).not.toContain("Handmatig</span>");

    // Crisis apart, in its own table under its own heading, above the ranked list.
    const crisis = tabel(html, "Spoed en crisis in Haaglanden: 1");
    expect(crisis.map((r) => r.cellen.slice(0, 7))).toEqual([
      ["Crisis", "WL-CRISIS", "11 jaar", "Gezinshuis", "Den Haag", "7", "Crisis: buiten het afwegingskader"],
    ]);
    const spoedKop = html.indexOf('<h2 class="utrecht-heading-2">Spoed en crisis, buiten de rangschikking</h2>');
    expect(spoedKop).toBeGreaterThan(-1);
    expect(spoedKop).toBeLessThan(html.indexOf('<h2 class="utrecht-heading-2">Gerangschikte wachtlijst</h2>'));

    // Rule set and reference date; the pseudonymous reference links to the case; no birth date anywhere.
    expect(tekst(html)).toContain(
      "Peildatum 27 november 2026. Gerangschikt volgens het afwegingskader van regio Haaglanden, regelset versie 1, geldig vanaf 1 januari 2025.",
    );
    expect(html).toMatch(/<a class="utrecht-link utrecht-link--html-a" href="\/wachtlijst\/casus\/[0-9a-f-]{36}">WL-KADER<\/a>/);
    for (const geboren of ["2015-05-01", "1 mei 2015", "2021-01-15", "15 januari 2021"]) expect(html).not.toContain(geboren);
    expect(html).toMatch(/<option value="haaglanden" selected="">Haaglanden<\/option>/);
  });

  it("filters by care type and norm breach in the URL; a malformed filter is a 400 next to the field", async () => {
    const { b } = await opzet();
    const pleeg = await (await b.get("/wachtlijst?regio=haaglanden&zorgvorm=pleegzorg")).text();
    expect(tabel(pleeg, "Wachtlijst Haaglanden").map((r) => r.cellen.slice(0, 2))).toEqual([["1", "WL-JONG"]]);
    expect(pleeg).toContain('<option value="pleegzorg" selected="">');
    expect(tekst(pleeg)).toContain("Geen spoed- of crisiscasussen die aan de filters voldoen.");

    const norm = await (await b.get("/wachtlijst?regio=haaglanden&normOverschreden=ja")).text();
    // The position stays the one in the whole ranking.
    expect(tabel(norm, "Wachtlijst Haaglanden").map((r) => r.cellen.slice(0, 2))).toEqual([["1", "WL-KADER"]]);
    expect(norm).toMatch(/id="normOverschreden" name="normOverschreden" value="ja" checked=""/);

    const leeg = await (await b.get("/wachtlijst?zorgvorm=47")).text();
    expect(tekst(leeg)).toContain("Geen wachtende kinderen die aan de filters voldoen.");

    const fout = await b.get("/wachtlijst?zorgvorm=Niet%20geldig");
    expect(fout.status).toBe(400);
    const foutHtml = await fout.text();
    expect(foutHtml).toContain(
      '<div class="utrecht-form-field-error-message" id="zorgvorm-fout">Moet een zorgvormcode zijn, zoals 43 of gezinshuis.</div>',
    );
    expect(foutHtml).not.toContain("WL-KADER");
  });

  it("an empty region says so", async () => {
    const r = await makeRegister();
    const html = await (await (await inloggenAls(r, "zorgmakelaar")).get("/wachtlijst")).text();
    expect(tekst(html)).toContain("Er wachten geen kinderen in deze regio.");
    expect(tekst(html)).toContain("Geen spoed- of crisiscasussen.");
    expect(tekst(html)).toContain("Geen kind wacht langer dan de norm van 3 maanden.");
  });

  it("logs every page with case data (NEN 7513): the list with exactly the shown cases, the case page, the override", async () => {
    const { r, b, ids, kader } = await opzet();
    hollandsMidden(r);
    const elders = await maakCasus(r, { referentie: "WL-LEIDEN", woongemeente: "GM0546" }, r.als("verwijzer"));
    expect((await b.get("/wachtlijst")).status).toBe(200);
    const [lijst] = await logregels(r);
    expect(lijst).toMatchObject({
      actor: b.persoon.id,
      gebruikerId: b.persoon.id,
      rol: "zorgmakelaar",
      actie: "lijst",
      route: "/wachtlijst",
      resultaat: 200,
    });
    expect([...(lijst?.casusIds ?? [])].sort()).toEqual([...ids].sort());
    expect(lijst?.casusIds).not.toContain(elders.id);

    expect((await b.get(`/wachtlijst/casus/${kader.id}`)).status).toBe(200);
    expect((await logregels(r))[0]).toMatchObject({
      actie: "lezen",
      route: "/wachtlijst/casus/:id",
      casusIds: [kader.id],
      resultaat: 200,
    });

    // A refused override is logged too.
    expect((await b.post(`/wachtlijst/casus/${kader.id}/prioriteit`, { groep: "2", reden: "" })).status).toBe(400);
    expect((await logregels(r))[0]).toMatchObject({
      actie: "wijzigen",
      route: "/wachtlijst/casus/:id/prioriteit",
      casusIds: [kader.id],
      resultaat: 400,
    });

    // Another region's case: the attempt is logged, without the case it may not see.
    expect((await b.get(`/wachtlijst/casus/${elders.id}`)).status).toBe(404);
    expect((await logregels(r))[0]).toMatchObject({ actie: "lezen", casusIds: [], resultaat: 404 });
  });

  it("the case page shows the case, its priority and norm, the override form and the history", async () => {
    const { b, kader, crisis } = await opzet();
    const res = await b.get(`/wachtlijst/casus/${kader.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const t = tekst(html);
    expect(html).toContain('<h1 class="utrecht-heading-1">Casus WL-KADER</h1>');
    for (const regel of [
      "Referentie WL-KADER",
      "Leeftijd 11 jaar",
      "Woongemeente Den Haag (GM0518)",
      "Zorgvorm Gezinshuis",
      "Aanmelddatum 1 september 2026",
      "Urgentie Regulier",
      "Maatregel OTS: datum van de uitspraak onbekend, ingang 1 juni 2026",
      "Status Wachtend",
      "Wachttijd 179 dagen sinds de ingang van de maatregel op 1 juni 2026",
      "Normdatum 1 september 2026 (3 maanden na de ingangsdatum van de maatregel; de datum van de uitspraak is onbekend) Norm overschreden",
      "Groep 1 — gedwongen kader Groep 1 — gedwongen kader: OTS sinds 1 juni 2026",
    ])
      expect(t).toContain(regel);
    expect(html).not.toContain("2015-05-01");
    expect(html).toContain(`action="/wachtlijst/casus/${kader.id}/prioriteit"`);
    expect(html).toContain('<option value="1" selected="">Groep 1 — gedwongen kader</option>');
    expect(html).toContain('<option value="">Terug naar de berekende groep (groep 1 — gedwongen kader)</option>');
    expect(tabel(html, "Historie van casus WL-KADER").map((r) => r.cellen)).toEqual([
      ["27 nov 2026, 10:00", "Aangemaakt", "—", "Wachtend", "—", "Test Serviceteam Haaglanden (zorgmakelaar)"],
    ]);

    // Spoed and crisis stay outside the framework: no override form, and a post is a conflict.
    const crisisHtml = await (await b.get(`/wachtlijst/casus/${crisis.id}`)).text();
    expect(crisisHtml).not.toContain(`action="/wachtlijst/casus/${crisis.id}/prioriteit"`);
    expect(tekst(crisisHtml)).toContain("valt buiten het afwegingskader");
    const conflict = await b.post(`/wachtlijst/casus/${crisis.id}/prioriteit`, { groep: "1", reden: "Toch voorrang geven" });
    expect(conflict.status).toBe(409);
    expect(tekst(await conflict.text())).toContain("heeft urgentie crisis: buiten het afwegingskader");
  });

  it("refuses an override without a reason: 400, the typed values kept, the message at the field, nothing changed", async () => {
    const { r, b, regulier } = await opzet();
    const voor = await snapshot(r);
    const res = await b.post(`/wachtlijst/casus/${regulier.id}/prioriteit`, { groep: "2", reden: "kort" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<option value="2" selected="">Groep 2 — jonger dan 7 jaar</option>');
    expect(html).not.toContain('<option value="1" selected="">');
    expect(html).toMatch(/<textarea[^>]*id="reden"[^>]*aria-invalid="true"[^>]*>\s*kort<\/textarea>/);
    expect(html).toContain(
      '<div class="utrecht-form-field-error-message" id="reden-fout">Geef een reden van minstens 5 tekens.</div>',
    );
    expect(html).toContain(
      '<a class="utrecht-link utrecht-link--html-a" href="#reden">Reden: Geef een reden van minstens 5 tekens.</a>',
    );
    expect(await snapshot(r)).toEqual(voor);
    expect((await casusVia(r, regulier.id)).prioriteit.handmatig).toBeNull();
  });

  it("an override with a reason changes the order, shows the badge and lands in the history; it can be undone", async () => {
    const { r, b, regulier } = await opzet();
    const res = await b.post(`/wachtlijst/casus/${regulier.id}/prioriteit`, {
      groep: "1",
      reden: "Thuissituatie ernstig verslechterd",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/wachtlijst/casus/${regulier.id}?melding=prioriteit`);
    expect((await casusVia(r, regulier.id)).prioriteit.handmatig).toEqual({
      groep: 1,
      reden: "Thuissituatie ernstig verslechterd",
    });

    const lijst = await (await b.get("/wachtlijst")).text();
    // Within group 1 the OTS case counts from its measure (1 June, 179 days): before the override's 118 days.
    expect(referenties(lijst)).toEqual(["WL-KADER", "WL-REGULIER", "WL-KADER-VERS", "WL-JONG-LANG", "WL-JONG"]);
    const [, tweede] = tabel(lijst, "Wachtlijst Haaglanden");
    expect(tweede?.cellen[6]).toBe(
      "Groep 1 — gedwongen kader Handmatig Handmatig in groep 1 gezet: Thuissituatie ernstig verslechterd Geen prioriteitsgroep: wacht 118 dagen",
    );

    const pagina = await (await b.get(`/wachtlijst/casus/${regulier.id}?melding=prioriteit`)).text();
    expect(tekst(pagina)).toContain("De prioriteit is opgeslagen. De reden staat in de historie van de casus.");
    expect(pagina).toContain('<span class="utrecht-status-badge utrecht-status-badge--warning">Handmatig</span>');
    expect(tabel(pagina, "Historie van casus WL-REGULIER").map((x) => x.cellen.slice(1))).toEqual([
      ["Aangemaakt", "—", "Wachtend", "—", "Test Serviceteam Haaglanden (zorgmakelaar)"],
      [
        "Prioriteitsgroep",
        "berekende groep",
        "groep 1",
        "Thuissituatie ernstig verslechterd",
        // A colleague of the broker's own organisation: the person, by name.
        `${b.persoon.naam}, Test Serviceteam Haaglanden (zorgmakelaar)`,
      ],
    ]);

    // Back to the computed group: the empty choice clears the override (groep null in the API).
    const terug = await b.post(`/wachtlijst/casus/${regulier.id}/prioriteit`, { groep: "", reden: "Situatie weer stabiel" });
    expect(terug.status).toBe(303);
    expect((await casusVia(r, regulier.id)).prioriteit.handmatig).toBeNull();
    expect(referenties(await (await b.get("/wachtlijst")).text())).toEqual([
      "WL-KADER",
      "WL-KADER-VERS",
      "WL-JONG-LANG",
      "WL-JONG",
      "WL-REGULIER",
    ]);
  });

  it("keeps to the broker's regions: another region's cases and list are 404 and never shown", async () => {
    const { r, b, kader } = await opzet();
    hollandsMidden(r);
    const elders = await maakCasus(r, { referentie: "WL-LEIDEN", woongemeente: "GM0546" }, r.als("verwijzer"));

    expect(await (await b.get("/wachtlijst")).text()).not.toContain("WL-LEIDEN");
    expect((await b.get(`/wachtlijst/casus/${elders.id}`)).status).toBe(404);
    expect((await b.get("/wachtlijst?regio=hollands-midden")).status).toBe(404);
    const voor = await snapshot(r);
    expect((await b.post(`/wachtlijst/casus/${elders.id}/prioriteit`, { groep: "1", reden: "Geen toegang hier" })).status).toBe(
      404,
    );
    expect(await snapshot(r)).toEqual(voor);

    // A broker of Hollands Midden sees its own list only.
    const hm = await createOrganisatie(r.beheer, {
      naam: "Serviceteam Hollands Midden",
      type: "regio",
      regios: ["hollands-midden"],
    });
    const hmb = await inloggen(r, (await createToken(r.beheer, { organisatieId: hm.id, rol: "zorgmakelaar" })).token);
    const html = await (await hmb.get("/wachtlijst")).text();
    expect(html).toMatch(/<option value="hollands-midden" selected="">Hollands Midden<\/option>/);
    expect(tabel(html, "Wachtlijst Hollands Midden").map((x) => x.cellen.slice(0, 5))).toEqual([
      ["1", "WL-LEIDEN", "11 jaar", "Gezinshuis", "Leiden"],
    ]);
    expect(html).not.toContain("WL-KADER");
    expect((await hmb.get(`/wachtlijst/casus/${kader.id}`)).status).toBe(404);
    expect((await hmb.get("/wachtlijst?regio=haaglanden")).status).toBe(404);
  });

  it("another role gets 403, no session is sent to sign in, and a post without the session's CSRF token changes nothing", async () => {
    const { r, b, kader } = await opzet();
    const verwijzer = await inloggenAls(r, "verwijzer");
    expect((await verwijzer.get("/wachtlijst")).status).toBe(403);
    expect((await verwijzer.get(`/wachtlijst/casus/${kader.id}`)).status).toBe(403);
    const voor = await snapshot(r);
    expect((await verwijzer.post(`/wachtlijst/casus/${kader.id}/prioriteit`, { groep: "2", reden: "Geen broker" })).status).toBe(
      403,
    );

    const anoniem = await r.app.request("/wachtlijst?regio=haaglanden", { headers: { Accept: "text/html" } });
    expect(anoniem.status).toBe(303);
    expect(anoniem.headers.get("location")).toBe(`/inloggen?terug=${encodeURIComponent("/wachtlijst?regio=haaglanden")}`);
    const anoniemPost = await r.app.request(`/wachtlijst/casus/${kader.id}/prioriteit`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
      body: new URLSearchParams({ groep: "2", reden: "Zonder sessie" }).toString(),
    });
    expect(anoniemPost.status).toBe(303);
    expect(anoniemPost.headers.get("location")).toBe("/inloggen");

    const zonder = await r.app.request(`/wachtlijst/casus/${kader.id}/prioriteit`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `pw_sessie=${b.cookie}`, Accept: "text/html" },
      body: new URLSearchParams({ groep: "2", reden: "Zonder CSRF-token" }).toString(),
    });
    expect(zonder.status).toBe(403);
    expect(tekst(await zonder.text())).toContain("Er is niets opgeslagen.");
    const fout = await b.post(`/wachtlijst/casus/${kader.id}/prioriteit`, {
      _csrf: "pw_verkeerd",
      groep: "2",
      reden: "Verkeerd token",
    });
    expect(fout.status).toBe(403);
    expect(await snapshot(r)).toEqual(voor);
    expect((await casusVia(r, kader.id)).prioriteit.handmatig).toBeNull();
    // The session's own token is the one on the case page's form.
    expect(csrfUit(await (await b.get(`/wachtlijst/casus/${kader.id}`)).text())).toBe(b.csrf);
  });
});

/** A contracted gezinshuis in Den Haag with free places (as in the matching tests). */
async function gezinshuis(r: Register) {
  const aanbieder = await maakAanbieder(r, { naam: "Stichting Lijstzorg" });
  const locatie = await maakLocatie(r, aanbieder.id, { naam: "Huize Lijst", lat: 52.07, lon: 4.3 });
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
    naam: "Gezinshuis Lijst",
    zorgvorm: "gezinshuis",
    leeftijdVan: 0,
    leeftijdTot: 18,
    capaciteit: 10,
    vrijePlekken: 8,
    aanmeldwachttijdWeken: 0,
    behandelwachttijdWeken: 1,
  });
}

/** The "Loopt nu" cell (the last) of each row of the ranked list, by reference. */
const lopend = (html: string) =>
  new Map(tabel(html, "Wachtlijst Haaglanden").map((r) => [r.cellen[1] ?? "", r.cellen.at(-1) ?? ""]));

describe("wachtlijst: what is in play per case (issue 15)", () => {
  it("shows on every row whether the case has an open proposal, a held place or an aanmelding", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const offer = await gezinshuis(r);
    const voorstel = await maakCasus(r, { referentie: "LOOP-VOORSTEL", geboortedatum: "2012-01-01" });
    const hold = await maakCasus(r, { referentie: "LOOP-HOLD", geboortedatum: "2012-01-01", zorgvorm: "pleegzorg" });
    const aanmelding = await maakCasus(r, { referentie: "LOOP-AANMELDING", geboortedatum: "2012-01-01", zorgvorm: "pleegzorg" });
    await maakCasus(r, { referentie: "LOOP-NIETS", geboortedatum: "2012-01-01", zorgvorm: "ambulante-jggz" });
    await json(await r.request("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: hold.id }), 201);
    await json(
      await r.request("POST", "/v1/aanmeldingen", {
        casusId: aanmelding.id,
        aanbodId: offer.id,
        contactpersoon: { naam: "M. de Groot", telefoon: "070 765 4321", email: "m.degroot@gi.example" },
        metReservering: false,
      }),
      201,
    );
    const b = await inloggenAls(r, "zorgmakelaar");
    // Matching proposes the gezinshuis to the one waiting case that asks for it and has nothing in play.
    await b.post("/matching/uitvoeren", { regio: "haaglanden" });
    const [v] = (await json<{ resultaten: Row[] }>(await r.request("GET", "/v1/matchvoorstellen?status=open"), 200)).resultaten;
    expect(v).toMatchObject({ casusId: voorstel.id });

    const html = await (await b.get("/wachtlijst")).text();
    expect(tabel(html, "Wachtlijst Haaglanden")).toBeDefined();
    expect(html).toContain('<th class="utrecht-table__header-cell" scope="col">Loopt nu</th>');
    const cellen = lopend(html);
    expect(cellen.get("LOOP-VOORSTEL")).toMatch(/^Open voorstel : Gezinshuis Lijst \(Stichting Lijstzorg\); vervalt op /);
    expect(cellen.get("LOOP-HOLD")).toMatch(/^Plek vastgehouden : Gezinshuis Lijst \(Stichting Lijstzorg\), tot /);
    expect(cellen.get("LOOP-AANMELDING")).toBe(
      "Aanmelding verstuurd : Gezinshuis Lijst (Stichting Lijstzorg); antwoord uiterlijk op 4 december 2026",
    );
    expect(cellen.get("LOOP-NIETS")).toBe("Niets lopend");
  });

  it("reads what is in play for the whole list at once: the number of queries does not grow with the rows", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const offer = await gezinshuis(r);
    const b = await inloggenAls(r, "zorgmakelaar");
    const metHold = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const c = await maakCasus(r, { referentie: `N1-${Math.random().toString(36).slice(2, 8)}`, zorgvorm: "pleegzorg" });
        await json(await r.request("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: c.id }), 201);
      }
    };
    /** Statements run for the page: the connection keeps statements prepared, so runs are counted, not prepares. */
    const tel = async () => {
      const statement = Object.getPrototypeOf(r.db.sqlite.prepare("SELECT 1")) as Record<string, (...a: unknown[]) => unknown>;
      const echt = Object.fromEntries(["run", "get", "all", "iterate"].map((m) => [m, statement[m]]));
      let n = 0;
      for (const [m, f] of Object.entries(echt)) {
        statement[m] = function (this: unknown, ...a: unknown[]) {
          n++;
          return f?.apply(this, a);
        };
      }
      try {
        expect((await b.get("/wachtlijst")).status).toBe(200);
      } finally {
        Object.assign(statement, echt);
      }
      return n;
    };
    await metHold(2);
    const weinig = await tel();
    // The count sees the page's queries at all.
    expect(weinig).toBeGreaterThan(5);
    await metHold(4);
    expect(await tel()).toBe(weinig);
    expect(lopend(await (await b.get("/wachtlijst")).text()).size).toBe(6);
  });

  it("shows only priority groups that have a condition: no placeholder group on the list or in the override", async () => {
    const { b, regulier } = await opzet();
    const html = await (await b.get("/wachtlijst")).text();
    expect(tekst(html)).toContain("Groep 1: gedwongen kader");
    expect(tekst(html)).toContain("Groep 2: jonger dan 7 jaar");
    expect(html).not.toContain("in te vullen door de regio");
    const casus = await (await b.get(`/wachtlijst/casus/${regulier.id}`)).text();
    expect(casus).toContain("Groep 2 — jonger dan 7 jaar</option>");
    expect(casus).not.toContain("in te vullen door de regio");
    // The overview's table of waiting children per group: no column for the placeholder either.
    const overzicht = await (await b.get("/overzicht")).text();
    expect(overzicht).toContain("Groep 2 — jonger dan 7 jaar");
    expect(overzicht).not.toContain("in te vullen door de regio");
  });

  it("says history lines written with ids in words: no proposal, hold or aanmelding id on the case page", async () => {
    const { r, b, regulier } = await opzet();
    const id = "0b5e8f52-1c1e-4b7a-9d43-5a3f0e6c2d11";
    const oud = r.db.sqlite.prepare(
      `INSERT INTO casus_historie (id, casus_id, volgnummer, soort, van, naar, reden, door, gebruiker_id, op)
       VALUES (?, ?, ?, 'status', 'wachtend', 'voorgesteld', ?, 'Test', NULL, '2026-11-27T10:00:00.000Z')`,
    );
    const redenen = [
      `voorstel ${id}`,
      `voorstel ${id} verlopen`,
      `reservering ${id}`,
      `aanmelding ${id} afgewezen`,
      "voorstel afgewezen: past-niet",
    ];
    for (const [i, reden] of redenen.entries()) oud.run(`00000000-0000-4000-8000-00000000000${i}`, regulier.id, 10 + i, reden);
    const html = await (await b.get(`/wachtlijst/casus/${regulier.id}`)).text();
    const redenCellen = tabel(html, "Historie van casus WL-REGULIER").map((x) => x.cellen[4]);
    expect(redenCellen.slice(-5)).toEqual([
      "matchvoorstel",
      "matchvoorstel verlopen",
      "plek vastgehouden",
      "aanmelding afgewezen",
      "matchvoorstel afgewezen: De plek past niet bij de jeugdige",
    ]);
    expect(html).not.toContain(id);
  });
});
