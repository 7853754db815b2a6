import { describe, expect, it } from "vitest";
import { datumTijd } from "../../src/ui/format.ts";
import { json, maakAanbieder, maakAanbiederMetAanbod, maakAanbod, maakLocatie, type Row, snapshot } from "../factories.ts";
import { makeRegister, NOW, type Register } from "../helpers.ts";
import { inloggen, inloggenAls } from "./sessie.ts";

type Historie = {
  resultaten: { soort: string; wijzigingen: { veld: string; oud: unknown; nieuw: unknown }[]; door: string; op: string }[];
};

const dagenVoor = (dagen: number) => new Date(Date.parse(NOW) - dagen * 86_400_000).toISOString();

/**
 * A provider with two locations and three offers confirmed 3, 10 and 20 days before NOW
 * (actueel, verouderd, sterk-verouderd), signed in at NOW.
 */
async function opzet() {
  const r = await makeRegister();
  const aanbieder = await maakAanbieder(r);
  const zuid = await maakLocatie(r, aanbieder.id, { naam: "Locatie Zuid" });
  const noord = await maakLocatie(r, aanbieder.id, { naam: "Locatie Noord" });
  r.clock.set(dagenVoor(3));
  const ambulant = await maakAanbod(r, zuid.id, {
    naam: "Ambulant Team",
    zorgvorm: "ambulante-jggz",
    capaciteit: 12,
    vrijePlekken: 5,
    aanmeldwachttijdWeken: null,
    behandelwachttijdWeken: null,
    intakeStatus: "na-intake",
  });
  r.clock.set(dagenVoor(10));
  const gezinshuisB = await maakAanbod(r, noord.id, { naam: "Gezinshuis B", capaciteit: 8, vrijePlekken: 2 });
  r.clock.set(dagenVoor(20));
  const gezinshuisA = await maakAanbod(r, noord.id, {
    naam: "Gezinshuis A",
    capaciteit: 4,
    vrijePlekken: 0,
    aanmeldwachttijdWeken: 7,
    behandelwachttijdWeken: 9,
    intakeStatus: "wachtlijst",
  });
  r.clock.set(NOW);
  const browser = await inloggen(r, await r.aanbiederToken(aanbieder.id));
  return { r, aanbieder, browser, ambulant, gezinshuisA, gezinshuisB };
}

async function aanbodVia(r: Register, id: string) {
  return json<Row & Record<string, unknown>>(await r.request("GET", `/v1/aanbod/${id}`), 200);
}

async function historieVia(r: Register, id: string) {
  return json<Historie>(await r.request("GET", `/v1/aanbod/${id}/historie`), 200);
}

/** The HTML of one offer's table row. */
function rij(html: string, id: string): string {
  const match = new RegExp(`<tr id="a-${id}">([\\s\\S]*?)</tr>`).exec(html);
  if (!match?.[1]) throw new Error(`no row for ${id}`);
  return match[1];
}

/** The value of a text input by id. */
function waarde(html: string, id: string): string | undefined {
  const input = new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(html)?.[0];
  return input ? /value="([^"]*)"/.exec(input)?.[1] : undefined;
}

/** The selected option of a select by id. */
function gekozen(html: string, id: string): string | undefined {
  const select = new RegExp(`<select[^>]*id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? "";
  return /<option value="([^"]*)" selected/.exec(select)?.[1];
}

/** The fields of the one weekly form as a browser would send them, with `wijzig` typed over them. */
function weekstaat(html: string, wijzig: Record<string, string> = {}): Record<string, string> {
  const form = /<form method="post" action="\/mijn-aanbod" id="weekstaat"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1];
  if (!form) throw new Error("no weekly form");
  const velden: Record<string, string> = {};
  for (const input of form.matchAll(/<input[^>]*>/g)) {
    const naam = /name="([^"]*)"/.exec(input[0])?.[1];
    if (naam) velden[naam] = /value="([^"]*)"/.exec(input[0])?.[1] ?? "";
  }
  for (const select of form.matchAll(/<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    velden[select[1] as string] = /<option value="([^"]*)" selected/.exec(select[2] ?? "")?.[1] ?? "";
  }
  delete velden._csrf;
  return { ...velden, ...wijzig };
}

const tekst = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

describe("Mijn aanbod", () => {
  it("lists every offer of the provider by location then name, with figures and freshness", async () => {
    const { browser, ambulant, gezinshuisA, gezinshuisB, r } = await opzet();
    const ander = await maakAanbiederMetAanbod(r, 1, { naam: "Aanbod van een ander" });
    const res = await browser.get("/mijn-aanbod");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1 class="utrecht-heading-1">Mijn aanbod</h1>');
    expect(html).not.toContain("Aanbod van een ander");
    expect(html).not.toContain(`a-${(ander.aanbod[0] as Row).id}`);
    const volgorde = [...html.matchAll(/<tr id="a-([0-9a-f-]{36})">/g)].map((m) => m[1]);
    expect(volgorde).toEqual([gezinshuisA.id, gezinshuisB.id, ambulant.id]);

    const a = rij(html, gezinshuisA.id);
    expect(tekst(a)).toContain(
      "Gezinshuis A Historie Gegevens wijzigen Gezinshuis Locatie Noord 4 Sterk verouderd bevestigd 20 dagen geleden",
    );
    expect(a).toContain('<span class="utrecht-status-badge utrecht-status-badge--danger">Sterk verouderd</span>');
    expect(waarde(a, `a-${gezinshuisA.id}-vrijePlekken`)).toBe("0");
    expect(waarde(a, `a-${gezinshuisA.id}-aanmeldwachttijdWeken`)).toBe("7");
    expect(waarde(a, `a-${gezinshuisA.id}-behandelwachttijdWeken`)).toBe("9");
    expect(gekozen(a, `a-${gezinshuisA.id}-intakeStatus`)).toBe("wachtlijst");
    expect(a).toContain(`<input type="hidden" name="${gezinshuisA.id}.versie" value="1"/>`);
    expect(a).toContain(`href="/mijn-aanbod/${gezinshuisA.id}/historie"`);

    const b = rij(html, gezinshuisB.id);
    expect(tekst(b)).toContain(
      "Gezinshuis B Historie Gegevens wijzigen Gezinshuis Locatie Noord 8 Verouderd bevestigd 10 dagen geleden",
    );
    expect(b).toContain("utrecht-status-badge--warning");
    expect(waarde(b, `a-${gezinshuisB.id}-vrijePlekken`)).toBe("2");

    const c = rij(html, ambulant.id);
    expect(tekst(c)).toContain("Locatie Zuid 12 Actueel bevestigd 3 dagen geleden");
    expect(c).toContain('<span class="utrecht-status-badge utrecht-status-badge--success">Actueel</span>');
    expect(waarde(c, `a-${ambulant.id}-vrijePlekken`)).toBe("5");
    expect(waarde(c, `a-${ambulant.id}-aanmeldwachttijdWeken`)).toBe("");
    expect(waarde(c, `a-${ambulant.id}-behandelwachttijdWeken`)).toBe("");
    expect(gekozen(c, `a-${ambulant.id}-intakeStatus`)).toBe("na-intake");

    expect(tekst(html)).toContain(
      "Uw aanbod staat hieronder in 3 onderdelen. 2 onderdelen zijn niet in de laatste 7 dagen bevestigd.",
    );
    expect(html).not.toContain("aanbod-regel");
    // One form, one save: no button that would throw away what was typed in another row.
    expect(html.match(/<form method="post" action="\/mijn-aanbod"/g)).toHaveLength(1);
    // Its button above the list (for a long list) belongs to the same form.
    expect(html).toContain('<button type="submit" form="weekstaat"');
    expect(html.match(/<button type="submit"[^>]*>Opslaan en bevestigen<\/button>/g)).toHaveLength(2);
    // The weekly rule, with the thresholds the code applies.
    expect(tekst(html)).toContain(
      "Na 7 dagen zonder bevestiging staat uw aanbod als “Verouderd” bij verwijzers. Na 14 dagen zien verwijzers het niet meer in hun zoekresultaten",
    );
  });

  it("shows an empty state to a provider without offers", async () => {
    const r = await makeRegister();
    const aanbieder = await maakAanbieder(r);
    const browser = await inloggen(r, await r.aanbiederToken(aanbieder.id));
    const html = await (await browser.get("/mijn-aanbod")).text();
    expect(tekst(html)).toContain("U heeft nog geen aanbod in het register.");
    expect(html).not.toContain("<table");
    expect(html).not.toContain("Opslaan en bevestigen</button>");
    expect(html).toContain('href="/mijn-aanbod/nieuw"');
  });

  it("one save with nothing typed confirms every offer without changing a figure", async () => {
    const { browser, r, ambulant, gezinshuisA, gezinshuisB } = await opzet();
    const voor = await aanbodVia(r, gezinshuisA.id);
    const res = await browser.post("/mijn-aanbod", weekstaat(await (await browser.get("/mijn-aanbod")).text()));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/mijn-aanbod?melding=opgeslagen&gewijzigd=0&bevestigd=3&al=0");
    for (const o of [ambulant, gezinshuisA, gezinshuisB]) {
      const na = await aanbodVia(r, o.id);
      expect(na).toMatchObject({ bevestigdOp: NOW, actualiteit: "actueel", versie: 2, gewijzigdOp: o.gewijzigdOp });
      const historie = await historieVia(r, o.id);
      expect(historie.resultaten.at(-1)).toMatchObject({ soort: "bevestigd", wijzigingen: [], op: NOW });
    }
    const na = await aanbodVia(r, gezinshuisA.id);
    expect({ ...na, versie: 1, bevestigdOp: voor.bevestigdOp, actualiteit: voor.actualiteit }).toEqual(voor);

    const html = await (await browser.get(res.headers.get("location") ?? "")).text();
    expect(tekst(html)).toContain("De cijfers van 3 onderdelen zijn bevestigd als ongewijzigd.");
    expect(tekst(rij(html, gezinshuisA.id))).toContain("Actueel bevestigd vandaag");
  });

  it("never loses typed input: edits in two rows are both saved, the untouched row is confirmed, each once in its history", async () => {
    const { browser, r, ambulant, gezinshuisA, gezinshuisB, aanbieder } = await opzet();
    const html = await (await browser.get("/mijn-aanbod")).text();
    const res = await browser.post(
      "/mijn-aanbod",
      weekstaat(html, {
        [`${gezinshuisB.id}.vrijePlekken`]: "3",
        [`${gezinshuisB.id}.aanmeldwachttijdWeken`]: "1",
        [`${gezinshuisB.id}.behandelwachttijdWeken`]: "",
        [`${gezinshuisB.id}.intakeStatus`]: "open",
        [`${gezinshuisA.id}.vrijePlekken`]: "1",
      }),
    );
    expect(res.status, await res.clone().text()).toBe(303);
    // Back at the top of the page, where the message is: no jump to a row.
    expect(res.headers.get("location")).toBe("/mijn-aanbod?melding=opgeslagen&gewijzigd=2&bevestigd=1&al=0");
    expect(await aanbodVia(r, gezinshuisB.id)).toMatchObject({
      vrijePlekken: 3,
      aanmeldwachttijdWeken: 1,
      behandelwachttijdWeken: null,
      intakeStatus: "open",
      versie: 2,
      gewijzigdOp: NOW,
      bevestigdOp: NOW,
    });
    expect(await aanbodVia(r, gezinshuisA.id)).toMatchObject({ vrijePlekken: 1, versie: 2, bevestigdOp: NOW });
    expect(await aanbodVia(r, ambulant.id)).toMatchObject({
      vrijePlekken: 5,
      versie: 2,
      bevestigdOp: NOW,
      gewijzigdOp: ambulant.gewijzigdOp,
    });
    const historie = await historieVia(r, gezinshuisB.id);
    expect(historie.resultaten.map((h) => h.soort)).toEqual(["aangemaakt", "gewijzigd"]);
    expect(historie.resultaten.at(-1)).toMatchObject({
      soort: "gewijzigd",
      door: `Aanbieder ${aanbieder.id} (aanbieder)`,
      wijzigingen: [
        { veld: "vrijePlekken", oud: 2, nieuw: 3 },
        { veld: "aanmeldwachttijdWeken", oud: 2, nieuw: 1 },
        { veld: "behandelwachttijdWeken", oud: 6, nieuw: null },
      ],
    });
    expect((await historieVia(r, ambulant.id)).resultaten.map((h) => h.soort)).toEqual(["aangemaakt", "bevestigd"]);
    const na = await (await browser.get(res.headers.get("location") ?? "")).text();
    expect(tekst(na)).toContain(
      "De nieuwe cijfers van 2 onderdelen van uw aanbod zijn opgeslagen. De cijfers van 1 onderdeel zijn bevestigd als ongewijzigd.",
    );
    expect(waarde(rij(na, gezinshuisB.id), `a-${gezinshuisB.id}-vrijePlekken`)).toBe("3");

    // Saving again the same day: the changed rows are not confirmed a second time, nor counted.
    r.clock.set(new Date(Date.parse(NOW) + 60_000).toISOString());
    const weer = await browser.post("/mijn-aanbod", weekstaat(na));
    expect(weer.headers.get("location")).toBe("/mijn-aanbod?melding=opgeslagen&gewijzigd=0&bevestigd=0&al=3");
    expect((await historieVia(r, gezinshuisB.id)).resultaten.map((h) => h.soort)).toEqual(["aangemaakt", "gewijzigd"]);
    expect(tekst(await (await browser.get(weer.headers.get("location") ?? "")).text())).toContain(
      "3 onderdelen waren vandaag al bevestigd en bleven zoals ze waren.",
    );
  });

  it("refuses more free places than capacity: 400, every typed value kept, message next to the field, nothing stored", async () => {
    const { browser, r, gezinshuisB, gezinshuisA } = await opzet();
    const voor = await snapshot(r);
    const res = await browser.post(
      "/mijn-aanbod",
      weekstaat(await (await browser.get("/mijn-aanbod")).text(), {
        [`${gezinshuisB.id}.vrijePlekken`]: "12",
        [`${gezinshuisB.id}.aanmeldwachttijdWeken`]: "4",
        [`${gezinshuisB.id}.behandelwachttijdWeken`]: "11",
        [`${gezinshuisB.id}.intakeStatus`]: "gesloten",
        [`${gezinshuisA.id}.aanmeldwachttijdWeken`]: "3",
      }),
    );
    expect(res.status).toBe(400);
    expect(await snapshot(r)).toEqual(voor);
    const html = await res.text();
    const b = rij(html, gezinshuisB.id);
    const id = `a-${gezinshuisB.id}-vrijePlekken`;
    expect(waarde(b, id)).toBe("12");
    expect(waarde(b, `a-${gezinshuisB.id}-aanmeldwachttijdWeken`)).toBe("4");
    expect(waarde(b, `a-${gezinshuisB.id}-behandelwachttijdWeken`)).toBe("11");
    expect(gekozen(b, `a-${gezinshuisB.id}-intakeStatus`)).toBe("gesloten");
    const melding = "Er kunnen niet meer vrije plekken (12) zijn dan de capaciteit (8).";
    expect(b).toContain(`<div class="utrecht-form-field-error-message" id="${id}-fout">${melding}</div>`);
    expect(b).toContain(`aria-describedby="${id}-fout"`);
    expect(html).toContain(`href="#${id}"`);
    expect(tekst(html)).toContain(
      `Er is niets opgeslagen; uw ingevulde cijfers staan er nog. Gezinshuis B, Vrije plekken: ${melding}`,
    );
    // What was typed in the other row is still there, without an error.
    const a = rij(html, gezinshuisA.id);
    expect(waarde(a, `a-${gezinshuisA.id}-aanmeldwachttijdWeken`)).toBe("3");
    expect(a).not.toContain("utrecht-form-field-error-message");
  });

  it("refuses a figure that is not a whole number, and an empty number of free places", async () => {
    const { browser, r, ambulant } = await opzet();
    const voor = await snapshot(r);
    const res = await browser.post(
      "/mijn-aanbod",
      weekstaat(await (await browser.get("/mijn-aanbod")).text(), {
        [`${ambulant.id}.vrijePlekken`]: "",
        [`${ambulant.id}.aanmeldwachttijdWeken`]: "twee",
        [`${ambulant.id}.behandelwachttijdWeken`]: "3",
      }),
    );
    expect(res.status).toBe(400);
    expect(await snapshot(r)).toEqual(voor);
    const c = rij(await res.text(), ambulant.id);
    expect(waarde(c, `a-${ambulant.id}-aanmeldwachttijdWeken`)).toBe("twee");
    expect(waarde(c, `a-${ambulant.id}-vrijePlekken`)).toBe("");
    expect(waarde(c, `a-${ambulant.id}-behandelwachttijdWeken`)).toBe("3");
    expect(c).toContain(`id="a-${ambulant.id}-aanmeldwachttijdWeken-fout">Vul een geheel getal in.</div>`);
    expect(c).toContain(`id="a-${ambulant.id}-vrijePlekken-fout">Vul het aantal vrije plekken in (0 als er geen plek is).</div>`);
  });

  it("refuses a form built on an older version: 409, typed values kept, nothing overwritten", async () => {
    const { browser, r, gezinshuisB, gezinshuisA } = await opzet();
    const html = await (await browser.get("/mijn-aanbod")).text();
    await json(
      await r.request("PUT", `/v1/aanbod/${gezinshuisB.id}/beschikbaarheid`, {
        vrijePlekken: 1,
        aanmeldwachttijdWeken: 2,
        behandelwachttijdWeken: 6,
        intakeStatus: "open",
      }),
      200,
    );
    await json(
      await r.request("PUT", `/v1/aanbod/${gezinshuisA.id}/beschikbaarheid`, {
        vrijePlekken: 2,
        aanmeldwachttijdWeken: 7,
        behandelwachttijdWeken: 9,
        intakeStatus: "wachtlijst",
      }),
      200,
    );
    const voor = await snapshot(r);
    const res = await browser.post("/mijn-aanbod", weekstaat(html, { [`${gezinshuisB.id}.vrijePlekken`]: "4" }));
    expect(res.status).toBe(409);
    expect(await snapshot(r)).toEqual(voor);
    const na = await res.text();
    const b = rij(na, gezinshuisB.id);
    expect(tekst(b)).toContain("Iemand anders heeft dit aanbod intussen gewijzigd.");
    expect(tekst(b)).toContain("Nu opgeslagen: 1 vrije plek, aanmeldwachttijd 2 weken, behandelwachttijd 6 weken, intake open.");
    expect(waarde(b, `a-${gezinshuisB.id}-vrijePlekken`)).toBe("4");
    // Saving again is a deliberate overwrite of the version shown now.
    expect(b).toContain(`<input type="hidden" name="${gezinshuisB.id}.versie" value="2"/>`);
    // A row left as it was shows what is stored now, so the next save cannot overwrite the other's change.
    expect(waarde(rij(na, gezinshuisA.id), `a-${gezinshuisA.id}-vrijePlekken`)).toBe("2");
  });

  it("treats another provider's offer as unknown: 404 and unchanged", async () => {
    const { browser, r } = await opzet();
    const ander = await maakAanbiederMetAanbod(r, 1);
    const id = (ander.aanbod[0] as Row).id;
    const voor = await snapshot(r);
    const res = await browser.post("/mijn-aanbod", {
      [`${id}.versie`]: "1",
      [`${id}.vrijePlekken`]: "0",
      [`${id}.aanmeldwachttijdWeken`]: "",
      [`${id}.behandelwachttijdWeken`]: "",
      [`${id}.intakeStatus`]: "gesloten",
    });
    expect(res.status).toBe(404);
    expect(await snapshot(r)).toEqual(voor);
    expect((await browser.get(`/mijn-aanbod/${id}/historie`)).status).toBe(404);
    expect((await browser.get("/mijn-aanbod/00000000-0000-4000-8000-000000000000/historie")).status).toBe(404);
  });

  it("shows an offer's history with Dutch field labels, old → new and who did it", async () => {
    const { browser, gezinshuisB, aanbieder } = await opzet();
    await browser.post(
      "/mijn-aanbod",
      weekstaat(await (await browser.get("/mijn-aanbod")).text(), {
        [`${gezinshuisB.id}.vrijePlekken`]: "3",
        [`${gezinshuisB.id}.intakeStatus`]: "wachtlijst",
      }),
    );
    const res = await browser.get(`/mijn-aanbod/${gezinshuisB.id}/historie`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1 class="utrecht-heading-1">Historie van Gezinshuis B</h1>');
    expect(tekst(html)).toContain(`Laatst bevestigd: ${datumTijd(NOW)}.`);
    expect(html).toContain(`href="/mijn-aanbod#a-${gezinshuisB.id}"`);
    const regels = [...html.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].map((m) => m[1] ?? "")[0]?.split("</tr>") ?? [];
    expect(tekst(regels[0] ?? "")).toContain(`${datumTijd(dagenVoor(10))} Aangemaakt`);
    expect(tekst(regels[0] ?? "")).toContain("Locatie: leeg → naar Locatie Noord");
    expect(tekst(regels[1] ?? "")).toBe(
      `${datumTijd(NOW)} Gewijzigd Vrije plekken: 2 → naar 3 Intakestatus: Open → naar Wachtlijst ${browser.persoon.naam}, Aanbieder ${aanbieder.id} (aanbieder)`,
    );
  });

  it("pages a long history", async () => {
    const { browser, r, ambulant } = await opzet();
    for (let i = 0; i < 30; i++) await json(await r.request("POST", `/v1/aanbod/${ambulant.id}/bevestiging`), 200);
    const eerste = await (await browser.get(`/mijn-aanbod/${ambulant.id}/historie`)).text();
    expect(tekst(eerste)).toContain("Pagina 1 van 2");
    expect(eerste.match(/Bevestigd \(ongewijzigd\)/g)?.length).toBe(24);
    const tweede = await (await browser.get(`/mijn-aanbod/${ambulant.id}/historie?pagina=2`)).text();
    expect(tweede.match(/Bevestigd \(ongewijzigd\)/g)?.length).toBe(6);
  });

  it("is for providers only: another role gets 403, no session goes to sign in", async () => {
    const { r } = await opzet();
    const verwijzer = await inloggenAls(r, "verwijzer");
    expect((await verwijzer.get("/mijn-aanbod")).status).toBe(403);
    const zonder = await r.app.request("/mijn-aanbod", { headers: { Accept: "text/html" } });
    expect(zonder.status).toBe(303);
    expect(zonder.headers.get("location")).toBe("/inloggen?terug=%2Fmijn-aanbod");
  });

  it("refuses a POST without or with a wrong CSRF token and changes nothing", async () => {
    const { browser, r, gezinshuisB } = await opzet();
    const voor = await snapshot(r);
    const velden = {
      [`${gezinshuisB.id}.versie`]: "1",
      [`${gezinshuisB.id}.vrijePlekken`]: "3",
      [`${gezinshuisB.id}.aanmeldwachttijdWeken`]: "2",
      [`${gezinshuisB.id}.behandelwachttijdWeken`]: "6",
      [`${gezinshuisB.id}.intakeStatus`]: "open",
    };
    expect((await browser.post("/mijn-aanbod", { ...velden, _csrf: "fout" })).status).toBe(403);
    const zonder = await r.app.request("/mijn-aanbod", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: `pw_sessie=${browser.cookie}`,
        Accept: "text/html",
      },
      body: new URLSearchParams(velden).toString(),
    });
    expect(zonder.status).toBe(403);
    expect(await snapshot(r)).toEqual(voor);
  });
});
