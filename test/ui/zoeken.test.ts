import { describe, expect, it } from "vitest";
import { haversineKm } from "../../search/engine.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie, type Row } from "../factories.ts";
import { makeRegister, NOW } from "../helpers.ts";
import { type Browser, inloggen, inloggenAls } from "./sessie.ts";

/** Visible text of an HTML fragment: tags out, entities decoded, whitespace collapsed. */
function tekst(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;|&#160;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
const ontsnapt = (s: string) => s.replace(/&amp;/g, "&");

/** The result cards in order: the offer's id, its name and the card's text. */
function kaarten(html: string) {
  return [...html.matchAll(/<article class="pw-kaart" data-aanbod="([^"]+)">([\s\S]*?)<\/article>/g)].map((m) => ({
    id: m[1] ?? "",
    naam: tekst(/<h3[^>]*>([\s\S]*?)<\/h3>/.exec(m[2] ?? "")?.[1] ?? ""),
    tekst: tekst(m[2] ?? ""),
    html: m[2] ?? "",
  }));
}

/** One form field's block (label, description, error, input) by the field's id. */
function veld(html: string, id: string): string {
  const start = html.indexOf(`for="${id}"`);
  expect(start, `field ${id}`).toBeGreaterThan(-1);
  const buiten = '<div class="utrecht-form-field utrecht-form-field--';
  const begin = html.lastIndexOf(buiten, start);
  const eind = html.indexOf(buiten, start);
  return html.slice(begin, eind === -1 ? undefined : eind);
}

function opties(html: string, id: string): { waarde: string; tekst: string; gekozen: boolean }[] {
  const select = new RegExp(`<select[^>]*id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? "";
  return [...select.matchAll(/<option value="([^"]*)"( selected="")?>([^<]*)<\/option>/g)].map((m) => ({
    waarde: m[1] ?? "",
    gekozen: m[2] !== undefined,
    tekst: tekst(m[3] ?? ""),
  }));
}

/**
 * Two providers in Haaglanden. De Linde (Den Haag) has a contract with Den Haag for gezinshuis;
 * Kompas (Zoetermeer) has none. One offer was confirmed 10 days ago, one 3 days ago.
 */
async function opzet() {
  const r = await makeRegister();
  const linde = await maakAanbieder(r, {
    naam: "Stichting De Linde",
    telefoon: "070 123 4567",
    email: "info@delinde.example",
    website: "https://delinde.example",
  });
  const kompas = await maakAanbieder(r, { naam: "Kompas Zorggroep" });
  const centrum = await maakLocatie(r, linde.id, {
    naam: "Linde Centrum",
    adres: "Lindelaan 8",
    postcode: "2511 AB",
    plaats: "Den Haag",
    gemeente: "GM0518",
    lat: 52.0705,
    lon: 4.3007,
  });
  const zoetermeer = await maakLocatie(r, kompas.id, {
    naam: "Kompas Zoetermeer",
    plaats: "Zoetermeer",
    gemeente: "GM0637",
    postcode: "2711 AA",
    lat: 52.0575,
    lon: 4.4931,
  });
  await json(
    await r.request("POST", "/v1/contracten", {
      aanbiederId: linde.id,
      zorgvorm: "gezinshuis",
      gemeente: "GM0518",
      geldigVanaf: "2026-01-01",
    }),
    201,
  );
  r.clock.advanceDays(-10);
  const oost = await maakAanbod(r, centrum.id, {
    naam: "Gezinshuis De Linde Oost",
    leeftijdVan: 0,
    leeftijdTot: 18,
    capaciteit: 2,
    vrijePlekken: 1,
    aanmeldwachttijdWeken: 0,
    behandelwachttijdWeken: 0,
  });
  r.clock.advanceDays(7);
  const gezinshuis = await maakAanbod(r, centrum.id, {
    naam: "Gezinshuis De Linde",
    omschrijving: "Warm gezin voor jonge kinderen",
    leeftijdVan: 4,
    leeftijdTot: 12,
    capaciteit: 3,
    vrijePlekken: 1,
    aanmeldwachttijdWeken: 2,
    behandelwachttijdWeken: 4,
    intakeStatus: "open",
  });
  r.clock.set(NOW);
  const woongroep = await maakAanbod(r, centrum.id, {
    zorgvorm: "kleinschalige-woonvoorziening",
    naam: "Woongroep De Linde",
    leeftijdVan: 12,
    leeftijdTot: 18,
    capaciteit: 8,
    vrijePlekken: 0,
    aanmeldwachttijdWeken: 8,
    behandelwachttijdWeken: 10,
    intakeStatus: "wachtlijst",
  });
  const opvoedsteun = await maakAanbod(r, centrum.id, {
    zorgvorm: "opvoedondersteuning",
    naam: "Opvoedsteun De Linde",
    capaciteit: 30,
    vrijePlekken: 5,
    aanmeldwachttijdWeken: 3,
    behandelwachttijdWeken: 0,
  });
  const kompasHuis = await maakAanbod(r, zoetermeer.id, {
    naam: "Gezinshuis Kompas",
    leeftijdVan: 0,
    leeftijdTot: 18,
    capaciteit: 2,
    vrijePlekken: 2,
    aanmeldwachttijdWeken: 1,
    behandelwachttijdWeken: 1,
  });
  const o = { oost, gezinshuis, woongroep, opvoedsteun, kompasHuis } satisfies Record<string, Row>;
  return { r, linde, kompas, centrum, o, browser: await inloggenAls(r, "verwijzer") };
}

async function pagina(browser: Browser, pad: string, status = 200) {
  const res = await browser.get(pad);
  const html = await res.text();
  expect(res.status, html.slice(0, 400)).toBe(status);
  return html;
}

describe("Zoeken (page)", () => {
  it("shows the filter form with the catalogue and the municipalities, and runs no search on the bare page", async () => {
    const { browser } = await opzet();
    const html = await pagina(browser, "/zoeken");
    expect(html).toContain('<h1 class="utrecht-heading-1">Zoeken</h1>');
    expect(html).toContain('<form method="get" action="/zoeken"');
    const zorgvormen = opties(html, "zorgvorm");
    expect(zorgvormen[0]).toEqual({ waarde: "", tekst: "Alle zorgvormen", gekozen: false });
    expect(zorgvormen.map((z) => z.waarde)).toContain("gezinshuis");
    // Plain names grouped by kind of care, no codes; the GI's own tasks (47, 48) are no care to search.
    expect(zorgvormen.find((z) => z.waarde === "43")?.tekst).toBe("Jeugdhulp verblijf (incl. behandeling) (alle vormen)");
    expect(zorgvormen.find((z) => z.waarde === "gezinshuis")?.tekst).toBe("Gezinshuis");
    expect(zorgvormen.filter((z) => /^\d/.test(z.tekst))).toEqual([]);
    expect(zorgvormen.map((z) => z.waarde)).not.toContain("47");
    expect(zorgvormen.map((z) => z.waarde)).not.toContain("48");
    const groepen = [...html.matchAll(/<optgroup label="([^"]+)">/g)].map((m) => m[1]);
    expect(groepen.slice(0, 3)).toEqual(["Wonen en verblijf", "Hulp thuis en ambulant", "Jeugd-ggz"]);
    expect(groepen).not.toContain("Jeugdreclassering en jeugdbescherming");
    // The codes are kept in a detail, for who works with them.
    expect(tekst(/<details class="pw-uitklap">([\s\S]*?)<\/details>/.exec(html)?.[1] ?? "")).toContain(
      "43 Jeugdhulp verblijf (incl. behandeling)",
    );
    expect(opties(html, "gemeente").map((g) => g.tekst)).toEqual([
      "Geen gemeente (alle contracten)",
      "Delft",
      "Den Haag",
      "Leidschendam-Voorburg",
      "Midden-Delfland",
      "Pijnacker-Nootdorp",
      "Rijswijk",
      "Wassenaar",
      "Westland",
      "Zoetermeer",
    ]);
    expect(opties(html, "sorteer").map((s) => s.waarde)).toEqual(["", "wachttijd", "relevantie", "afstand", "vrijePlekken"]);
    for (const naam of ["ookNietGecontracteerd", "alleenVrij", "inclusiefVerouderd"]) {
      expect(html).toContain(`type="checkbox" id="${naam}" name="${naam}" value="true"`);
    }
    for (const naam of ["leeftijd", "maxWachttijd", "nabij", "straal", "q"]) expect(html).toContain(`name="${naam}"`);
    expect(html).not.toContain("pw-kaart");
    expect(html).not.toContain("Link naar deze zoekopdracht");
  });

  it("finds exactly the contracted offers of a care type for the child's municipality, with their figures", async () => {
    const { browser, o } = await opzet();
    const html = await pagina(browser, "/zoeken?zorgvorm=gezinshuis&gemeente=GM0518");
    expect(html).toContain(">2 resultaten</h2>");
    expect(html).toContain("Alleen aanbod dat Den Haag vandaag heeft gecontracteerd.");
    const k = kaarten(html);
    expect(k.map((x) => x.id)).toEqual([o.oost.id, o.gezinshuis.id]);
    expect(k[1]?.naam).toBe("Gezinshuis De Linde");
    expect(k[1]?.html).toContain(`href="/zoeken/aanbod/${o.gezinshuis.id}?terug=zorgvorm%3Dgezinshuis%26gemeente%3DGM0518"`);
    expect(k[1]?.tekst).toBe(
      "Gezinshuis De Linde Stichting De Linde — Linde Centrum, Den Haag Gecontracteerd Zorgvorm Gezinshuis " +
        "Vrije plekken 1 plek van 3 Aanmeldwachttijd 2 weken Behandelwachttijd 4 weken Intake Open " +
        "Leeftijd 4 tot en met 12 jaar Actualiteit Bevestigd 3 dagen geleden " +
        "Contact 070 123 4567 · info@delinde.example · delinde.example Aanmelden",
    );
    // A referrer refers a case to this offer from here: the standard form for the offer.
    expect(k[1]?.html).toContain(`href="/aanmelden?aanbod=${o.gezinshuis.id}" aria-label="Aanmelden bij Gezinshuis De Linde"`);
    expect(k[1]?.html).toContain('<span class="utrecht-status-badge utrecht-status-badge--success">Gecontracteerd</span>');
    expect(k[1]?.html).toContain('href="tel:0701234567"');
    expect(k[1]?.html).toContain('href="mailto:info@delinde.example"');
    expect(k[1]?.html).toContain('href="https://delinde.example" aria-label="Website van Stichting De Linde: delinde.example"');
    expect(k[0]?.tekst).toContain("Vrije plekken 1 plek van 2 Aanmeldwachttijd 0 weken Behandelwachttijd 0 weken");
    expect(k[0]?.tekst).toContain("Bevestigd 10 dagen geleden Verouderd");
    expect(k[0]?.html).toContain('<span class="utrecht-status-badge utrecht-status-badge--warning">Verouderd</span>');
    expect(html).not.toContain("Gezinshuis Kompas");
    expect(html).not.toContain("Afstand");
  });

  it("adds non-contracted offers after the contracted ones, and the distance with nabij", async () => {
    const { browser, o } = await opzet();
    const html = await pagina(browser, "/zoeken?zorgvorm=gezinshuis&gemeente=GM0518&ookNietGecontracteerd=true&nabij=GM0518");
    const k = kaarten(html);
    expect(k.map((x) => x.id)).toEqual([o.oost.id, o.gezinshuis.id, o.kompasHuis.id]);
    expect(k[2]?.html).toContain('<span class="utrecht-status-badge utrecht-status-badge--warning">Niet gecontracteerd</span>');
    const km = (Math.round(haversineKm(52.0705, 4.3007, 52.0575, 4.4931) * 10) / 10).toString().replace(".", ",");
    expect(km).toMatch(/^13,\d$/);
    expect(k[2]?.tekst).toContain(`Afstand ${km} km`);
    expect(k[0]?.tekst).toContain("Afstand 0 km");
    expect(html).toContain('type="checkbox" id="ookNietGecontracteerd" name="ookNietGecontracteerd" value="true" checked=""');
  });

  it("filters on free places with the checkbox's value true, as the API does", async () => {
    const { browser, o } = await opzet();
    const html = await pagina(browser, "/zoeken?alleenVrij=true&zorgvorm=43");
    expect(kaarten(html).map((x) => x.id)).toEqual([o.oost.id, o.kompasHuis.id, o.gezinshuis.id]);
  });

  it("shows facet counts as links that add the filter to the current query", async () => {
    const { browser } = await opzet();
    const html = await pagina(browser, "/zoeken?pagina=1");
    expect(html).toContain(">5 resultaten</h2>");
    const facet = (naam: string) =>
      tekst(new RegExp(`<h3 class="utrecht-heading-3">${naam}</h3>([\\s\\S]*?)</ul>`).exec(html)?.[1] ?? "");
    expect(facet("Soort zorg")).toBe("Jeugdhulp verblijf (incl. behandeling) (4) Jeugdhulp ambulant (1)");
    expect(facet("Intakestatus")).toBe("Open (4) Wachtlijst (1)");
    expect(facet("Gemeente van de locatie")).toBe("Den Haag (4) Zoetermeer (1)");
    expect(facet("Actualiteit")).toBe("Actueel (4) Verouderd (1)");
    expect(html).toContain('<a class="utrecht-link utrecht-link--html-a" href="/zoeken?zorgvorm=45">Jeugdhulp ambulant</a> (1)');
    expect(html).toContain('href="/zoeken?intakeStatus=wachtlijst">Wachtlijst</a> (1)');
    expect(html).toContain('href="/zoeken?inclusiefVerouderd=true">Toon ook sterk verouderd aanbod</a>');

    const verfijnd = await pagina(browser, "/zoeken?zorgvorm=45");
    expect(kaarten(verfijnd).map((x) => x.naam)).toEqual(["Opvoedsteun De Linde"]);
    expect(verfijnd).toContain("<span>Jeugdhulp ambulant</span> (1) — gekozen");
  });

  it("pages through the results with links that keep the query, and the form keeps the page size", async () => {
    const { browser } = await opzet();
    const eerste = await pagina(browser, "/zoeken?zorgvorm=43&perPagina=2");
    expect(kaarten(eerste).map((x) => x.naam)).toEqual(["Gezinshuis De Linde Oost", "Gezinshuis Kompas"]);
    expect(tekst(eerste)).toContain("Pagina 1 van 2");
    expect(eerste).toContain('href="/zoeken?zorgvorm=43&amp;perPagina=2&amp;pagina=2" rel="next"');
    expect(eerste).not.toContain('rel="prev"');
    expect(eerste).toContain('<input type="hidden" name="perPagina" value="2"/>');
    const tweede = await pagina(browser, "/zoeken?zorgvorm=43&perPagina=2&pagina=2");
    expect(kaarten(tweede).map((x) => x.naam)).toEqual(["Gezinshuis De Linde", "Woongroep De Linde"]);
    expect(tweede).toContain('href="/zoeken?zorgvorm=43&amp;perPagina=2&amp;pagina=1" rel="prev"');
    expect(tweede).not.toContain('rel="next"');
  });

  it("offers the search as a link to share: the request's own path and query, with a copy button for the script", async () => {
    const { browser } = await opzet();
    // The form sends its empty fields too; the page moves to the address with only the filters set.
    const formulier = await browser.get("/zoeken?zorgvorm=gezinshuis&gemeente=GM0518&leeftijd=&q=linde+gezin&sorteer=");
    expect(formulier.status).toBe(303);
    const pad = "/zoeken?zorgvorm=gezinshuis&gemeente=GM0518&q=linde+gezin";
    expect(formulier.headers.get("location")).toBe(pad);
    const html = await pagina(browser, pad);
    expect(html).toContain('<label class="utrecht-form-label" for="zoeklink">');
    const waarde = /id="zoeklink" type="text" readonly="" value="([^"]*)"/.exec(html)?.[1];
    expect(ontsnapt(waarde ?? "")).toBe(pad);
    expect(html).toContain('data-kopieer="" hidden="">Kopieer link</button>');
  });

  it("refuses an invalid age with 400, keeping every value and the Dutch message next to the field", async () => {
    const { browser } = await opzet();
    for (const [leeftijd, melding] of [
      ["abc", "Moet een getal zijn."],
      ["99", "Moet 23 of minder zijn."],
    ] as const) {
      const html = await pagina(browser, `/zoeken?zorgvorm=gezinshuis&gemeente=GM0518&alleenVrij=true&leeftijd=${leeftijd}`, 400);
      const blok = veld(html, "leeftijd");
      expect(blok).toContain(`<div class="utrecht-form-field-error-message" id="leeftijd-fout">${melding}</div>`);
      expect(blok).toContain(`value="${leeftijd}" aria-invalid="true" aria-describedby="leeftijd-fout"`);
      expect(html).toContain(`href="#leeftijd">Leeftijd van de jeugdige (jaren): ${melding}</a>`);
      expect(opties(html, "zorgvorm").find((z) => z.gekozen)?.waarde).toBe("gezinshuis");
      expect(opties(html, "gemeente").find((g) => g.gekozen)?.waarde).toBe("GM0518");
      expect(html).toContain('id="alleenVrij" name="alleenVrij" value="true" checked=""');
      expect(kaarten(html)).toEqual([]);
    }
  });

  it("shows the search service's refusals next to their fields, with the typed values kept", async () => {
    const { browser } = await opzet();
    const onbekend = await pagina(browser, "/zoeken?gemeente=GM9999&straal=5", 400);
    expect(veld(onbekend, "gemeente")).toContain('id="gemeente-fout">Gemeente GM9999 is onbekend.</div>');
    expect(opties(onbekend, "gemeente").find((g) => g.gekozen)).toEqual({
      waarde: "GM9999",
      tekst: "GM9999 (onbekend)",
      gekozen: true,
    });
    expect(veld(onbekend, "straal")).toContain(
      'id="straal-fout">Een straal werkt alleen met een plaats, gemeente of postcode om vanaf te meten.</div>',
    );
    expect(veld(onbekend, "straal")).toContain('value="5"');

    const zonderGemeente = await pagina(browser, "/zoeken?ookNietGecontracteerd=true&nabij=Atlantis", 400);
    expect(zonderGemeente).toContain(
      'id="ookNietGecontracteerd-fout">Zonder gemeente van de jeugdige is er geen onderscheid in contracten.</div>',
    );
    expect(veld(zonderGemeente, "nabij")).toContain(
      "Het register kent geen plaats of gemeente &quot;Atlantis&quot;. Controleer de spelling, of vul een postcode in (zoals 2611 AB).",
    );
    expect(veld(zonderGemeente, "nabij")).toContain('value="Atlantis"');
    // No message names an internal parameter.
    expect(tekst(zonderGemeente + onbekend)).not.toMatch(/\bnabij\b|ookNietGecontracteerd|aanbiederId/);

    const pagina0 = await pagina(browser, "/zoeken?zorgvorm=gezinshuis&pagina=0", 400);
    expect(pagina0).toContain("De zoekopdracht in de link klopt niet (de pagina: Moet 1 of meer zijn.).");
  });

  it("shows a change saved through the API at once in the next search", async () => {
    const { r, browser, linde, o } = await opzet();
    const voor = kaarten(await pagina(browser, "/zoeken?zorgvorm=gezinshuis&gemeente=GM0518")).find((k) => k.id === o.oost.id);
    expect(voor?.tekst).toContain("Vrije plekken 1 plek van 2");
    const aanbieder = r.met(await r.aanbiederToken(linde.id));
    await json(
      await aanbieder("PUT", `/v1/aanbod/${o.oost.id}/beschikbaarheid`, {
        vrijePlekken: 2,
        aanmeldwachttijdWeken: 1,
        behandelwachttijdWeken: 3,
        intakeStatus: "open",
      }),
      200,
    );
    const k = kaarten(await pagina(browser, "/zoeken?zorgvorm=gezinshuis&gemeente=GM0518"));
    expect(k.map((x) => x.id)).toEqual([o.oost.id, o.gezinshuis.id]);
    expect(k[0]?.tekst).toContain(
      "Vrije plekken 2 plekken van 2 Aanmeldwachttijd 1 week Behandelwachttijd 3 weken Intake Open Leeftijd 0 tot en met 18 jaar Actualiteit Bevestigd vandaag Contact",
    );
    expect(k[0]?.html).not.toContain("Verouderd");
  });

  it("opens one offer with all its details and a way back to the same search", async () => {
    const { browser, o } = await opzet();
    const html = await pagina(browser, `/zoeken/aanbod/${o.gezinshuis.id}?terug=zorgvorm%3Dgezinshuis%26gemeente%3DGM0518`);
    expect(html).toContain('<h1 class="utrecht-heading-1">Gezinshuis De Linde</h1>');
    expect(html).toContain(
      '<a class="utrecht-link utrecht-link--html-a" href="/zoeken?zorgvorm=gezinshuis&amp;gemeente=GM0518">Terug naar de resultaten</a>',
    );
    const t = tekst(html);
    expect(t).toContain(
      "Beschikbaarheid Vrije plekken 1 plek Capaciteit 3 plekken Aanmeldwachttijd 2 weken Behandelwachttijd 4 weken " +
        "Wachttijd samen 6 weken Intake Open Overbruggingszorg Nee",
    );
    expect(t).toContain(
      "Actualiteit Bevestigd 3 dagen geleden, op 24 nov 2026, 10:00 Laatst gewijzigd 24 nov 2026, 10:00 Over dit aanbod",
    );
    expect(t).toContain(
      "Over dit aanbod Zorgvorm Gezinshuis Leeftijd 4 tot en met 12 jaar Omschrijving Warm gezin voor jonge kinderen",
    );
    expect(t).toContain("Locatie Naam Linde Centrum Adres Lindelaan 8, 2511 AB Den Haag Gemeente Den Haag");
    expect(t).toContain(
      "Contact Aanbieder Stichting De Linde Telefoon 070 123 4567 E-mail info@delinde.example Website delinde.example",
    );
    expect(html).toContain('href="tel:0701234567"');
  });

  it("never follows a return address that is not a plain search query", async () => {
    const { browser, o } = await opzet();
    for (const terug of ["https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "javascript%3Aalert(1)"]) {
      const html = await pagina(browser, `/zoeken/aanbod/${o.gezinshuis.id}?terug=${terug}`);
      expect(html).toContain('<a class="utrecht-link utrecht-link--html-a" href="/zoeken">Naar zoeken</a>');
      expect(html).not.toContain("evil.example");
      expect(html).not.toContain("Terug naar de resultaten");
    }
  });

  it("answers 404 for an offer that does not exist", async () => {
    const { browser } = await opzet();
    const html = await pagina(browser, "/zoeken/aanbod/0b8a3c1e-6f0e-4c57-9a55-2f1f3f0e7a10", 404);
    expect(html).toContain("Aanbod 0b8a3c1e-6f0e-4c57-9a55-2f1f3f0e7a10");
    await pagina(browser, "/zoeken/aanbod/geen-uuid", 404);
  });

  it("is open to every role, and sends a visitor without a session to sign in, keeping the query", async () => {
    const { r, linde } = await opzet();
    const pad = "/zoeken?zorgvorm=gezinshuis&gemeente=GM0518";
    const res = await r.app.request(pad);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/inloggen?terug=${encodeURIComponent(pad)}`);
    const detail = await r.app.request("/zoeken/aanbod/0b8a3c1e-6f0e-4c57-9a55-2f1f3f0e7a10");
    expect(detail.status).toBe(303);

    for (const [browser, aanmelden] of [
      [await inloggenAls(r, "zorgmakelaar"), true],
      [await inloggenAls(r, "beheerder"), false],
      [await inloggen(r, await r.aanbiederToken(linde.id)), false],
    ] as const) {
      const html = await pagina(browser, pad);
      expect(kaarten(html)).toHaveLength(2);
      // Only who may refer a case (a referrer or a broker) gets the button.
      expect(html.includes('href="/aanmelden?aanbod=')).toBe(aanmelden);
    }
  });
});
