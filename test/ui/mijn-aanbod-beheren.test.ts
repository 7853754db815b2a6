import { describe, expect, it } from "vitest";
import { json, maakAanbieder, maakAanbiederMetAanbod, maakAanbod, maakLocatie, type Row, snapshot } from "../factories.ts";
import { makeRegister, NOW } from "../helpers.ts";
import { inloggen } from "./sessie.ts";

const tekst = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

async function opzet() {
  const r = await makeRegister();
  const aanbieder = await maakAanbieder(r, { telefoon: "070 111 2222" });
  const locatie = await maakLocatie(r, aanbieder.id, { naam: "De Linde" });
  const aanbod = await maakAanbod(r, locatie.id, { naam: "Gezinshuis De Linde", capaciteit: 4, vrijePlekken: 1 });
  const browser = await inloggen(r, await r.aanbiederToken(aanbieder.id));
  return { r, aanbieder, locatie, aanbod, browser };
}

const aanbodVia = async (r: Awaited<ReturnType<typeof opzet>>["r"], id: string) =>
  json<Row & Record<string, unknown>>(await r.request("GET", `/v1/aanbod/${id}`), 200);

describe("a provider keeps its own offers on Mijn aanbod", () => {
  it("adds an offer with its age range, description, intake procedure and contact", async () => {
    const { r, browser, locatie, aanbieder } = await opzet();
    const pagina = await (await browser.get("/mijn-aanbod/nieuw")).text();
    expect(pagina).toContain('<h1 class="utrecht-heading-1">Aanbod toevoegen</h1>');
    expect(pagina).toContain(`<option value="${locatie.id}">De Linde, Den Haag</option>`);
    const res = await browser.post("/mijn-aanbod/nieuw", {
      naam: "Ambulant team De Linde",
      locatieId: locatie.id,
      zorgvorm: "gezinshuis",
      leeftijdVan: "4",
      leeftijdTot: "12",
      capaciteit: "6",
      omschrijving: "Kleinschalig.",
      intakeProcedure: "Bel het intaketeam; daarna een kennismaking.",
      intakeContact: "Intaketeam, 070 123 4567",
      vrijePlekken: "2",
      aanmeldwachttijdWeken: "3",
      behandelwachttijdWeken: "",
      intakeStatus: "open",
    });
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get("location")).toBe("/mijn-aanbod?melding=toegevoegd");
    const lijst = await json<{ resultaten: Row[] }>(await r.request("GET", `/v1/aanbod?aanbiederId=${aanbieder.id}`), 200);
    const nieuw = lijst.resultaten.find((a) => a.naam === "Ambulant team De Linde");
    expect(nieuw).toBeDefined();
    expect(await aanbodVia(r, nieuw?.id as string)).toMatchObject({
      leeftijdVan: 4,
      leeftijdTot: 12,
      capaciteit: 6,
      vrijePlekken: 2,
      omschrijving: "Kleinschalig.",
      intakeProcedure: "Bel het intaketeam; daarna een kennismaking.",
      intakeContact: "Intaketeam, 070 123 4567",
      bevestigdOp: NOW,
    });
    expect(tekst(await (await browser.get("/mijn-aanbod?melding=toegevoegd")).text())).toContain("Het aanbod is toegevoegd.");
  });

  it("refuses an incomplete new offer with plain messages and keeps what was typed", async () => {
    const { r, browser } = await opzet();
    const voor = await snapshot(r);
    const res = await browser.post("/mijn-aanbod/nieuw", {
      naam: "Half ingevuld",
      locatieId: "",
      zorgvorm: "",
      leeftijdVan: "12",
      leeftijdTot: "4",
      capaciteit: "6",
      intakeProcedure: "Eerst bellen.",
      vrijePlekken: "",
      intakeStatus: "open",
    });
    expect(res.status).toBe(400);
    expect(await snapshot(r)).toEqual(voor);
    const html = await res.text();
    expect(tekst(html)).toContain("Locatie: Kies een locatie.");
    expect(tekst(html)).toContain("Zorgvorm: Kies een zorgvorm.");
    expect(tekst(html)).toContain("Vrije plekken: Vul het aantal vrije plekken in (0 als er geen plek is).");
    expect(html).toContain('value="Half ingevuld"');
    expect(html).toContain(">Eerst bellen.</textarea>");
  });

  it("changes an offer's details, and ends it only after one confirmation", async () => {
    const { r, browser, aanbod, locatie } = await opzet();
    const pagina = await (await browser.get(`/mijn-aanbod/${aanbod.id}/gegevens`)).text();
    expect(pagina).toContain('<h1 class="utrecht-heading-1">Gegevens van Gezinshuis De Linde</h1>');
    const res = await browser.post(`/mijn-aanbod/${aanbod.id}/gegevens`, {
      versie: "1",
      naam: "Gezinshuis De Linde",
      locatieId: locatie.id,
      zorgvorm: "gezinshuis",
      leeftijdVan: "6",
      leeftijdTot: "14",
      capaciteit: "4",
      omschrijving: "",
      intakeProcedure: "Mail het intaketeam.",
      intakeContact: "intake@linde.example",
    });
    expect(res.status, await res.clone().text()).toBe(303);
    expect(await aanbodVia(r, aanbod.id)).toMatchObject({
      leeftijdVan: 6,
      leeftijdTot: 14,
      intakeProcedure: "Mail het intaketeam.",
      intakeContact: "intake@linde.example",
      versie: 2,
    });

    // Ending asks once, without JavaScript; the first post changes nothing.
    const voor = await snapshot(r);
    const vraag = await browser.post(`/mijn-aanbod/${aanbod.id}/beeindigen`, { versie: "2" });
    expect(vraag.status).toBe(200);
    const html = await vraag.text();
    expect(tekst(html)).toContain("Weet u het zeker?");
    expect(tekst(html)).toContain("Dit kunt u niet ongedaan maken");
    expect(html).toContain('name="bevestigd" value="ja"');
    expect(await snapshot(r)).toEqual(voor);
    const ja = await browser.post(`/mijn-aanbod/${aanbod.id}/beeindigen`, { versie: "2", bevestigd: "ja" });
    expect(ja.status).toBe(303);
    expect(ja.headers.get("location")).toBe("/mijn-aanbod?melding=beeindigd");
    expect((await r.request("GET", `/v1/aanbod/${aanbod.id}`)).status).toBe(404);
    const h = await json<{ resultaten: { soort: string }[] }>(await r.request("GET", `/v1/aanbod/${aanbod.id}/historie`), 200);
    expect(h.resultaten.map((x) => x.soort)).toEqual(["aangemaakt", "gewijzigd", "verwijderd"]);
  });

  it("cannot open, change or end another provider's offer", async () => {
    const { r, browser, locatie } = await opzet();
    const ander = await maakAanbiederMetAanbod(r, 1);
    const id = (ander.aanbod[0] as Row).id;
    const voor = await snapshot(r);
    expect((await browser.get(`/mijn-aanbod/${id}/gegevens`)).status).toBe(404);
    const velden = {
      versie: "1",
      naam: "Overgenomen",
      locatieId: locatie.id,
      zorgvorm: "gezinshuis",
      leeftijdVan: "0",
      leeftijdTot: "18",
      capaciteit: "4",
    };
    expect((await browser.post(`/mijn-aanbod/${id}/gegevens`, velden)).status).toBe(404);
    expect((await browser.post(`/mijn-aanbod/${id}/beeindigen`, { versie: "1", bevestigd: "ja" })).status).toBe(404);
    expect(await snapshot(r)).toEqual(voor);
  });

  it("keeps the provider's contact details; name, AGB and KvK stay as they were", async () => {
    const { r, browser, aanbieder } = await opzet();
    const pagina = await (await browser.get("/mijn-aanbod/contactgegevens")).text();
    expect(pagina).toContain('value="070 111 2222"');
    const fout = await browser.post("/mijn-aanbod/contactgegevens", { versie: "1", telefoon: "bel me", email: "", website: "" });
    expect(fout.status).toBe(400);
    expect(await fout.text()).toContain('value="bel me"');
    const res = await browser.post("/mijn-aanbod/contactgegevens", {
      versie: "1",
      telefoon: "070 765 4321",
      email: "intake@linde.example",
      website: "https://linde.example",
    });
    expect(res.status, await res.clone().text()).toBe(303);
    expect(await json(await r.request("GET", `/v1/aanbieders/${aanbieder.id}`), 200)).toMatchObject({
      naam: aanbieder.naam,
      telefoon: "070 765 4321",
      email: "intake@linde.example",
      website: "https://linde.example",
      versie: 2,
    });
  });
});
