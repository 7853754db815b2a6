import { describe, expect, it } from "vitest";
import { buildRegioOverzicht } from "../../src/services/overzicht.ts";
import { maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie } from "../factories.ts";
import { makeRegister, NOW, type Register } from "../helpers.ts";
import { inloggen, inloggenAls } from "./sessie.ts";

/** A second region with one municipality (Leiden), outside the test broker's Haaglanden. */
function hollandsMidden(r: Register) {
  r.db.sqlite.prepare("INSERT INTO regios (code, naam) VALUES ('hollands-midden', 'Hollands Midden')").run();
  r.db.sqlite
    .prepare("INSERT INTO gemeenten (code, naam, regio, lat, lon) VALUES ('GM0546', 'Leiden', 'hollands-midden', 52.16, 4.49)")
    .run();
}

const aanbod = (zorgvorm: string, capaciteit: number, vrijePlekken: number) => ({
  zorgvorm,
  capaciteit,
  vrijePlekken,
  intakeStatus: vrijePlekken > 0 ? "open" : "wachtlijst",
});

/**
 * Haaglanden: 7 waiting cases over three care types (one stopped case and one in Leiden do not
 * count), 8 free places in 5 offers of three providers (one each actueel, verouderd and sterk
 * verouderd), and one offer in Leiden that must not count.
 */
async function opzet() {
  const r = await makeRegister();
  hollandsMidden(r);
  const ots = (ingangsdatum: string) => ({ maatregel: { type: "ots", ingangsdatum } });
  const casussen = [
    await maakCasus(r, { zorgvorm: "gezinshuis", geboortedatum: "2012-04-01", ...ots("2026-07-01") }), // groep 1, norm over
    await maakCasus(r, { zorgvorm: "gezinshuis", geboortedatum: "2012-04-01", ...ots("2026-10-15") }), // groep 1, in time
    await maakCasus(r, { zorgvorm: "gezinshuis", geboortedatum: "2021-03-01" }), // groep 2
    await maakCasus(r, {
      zorgvorm: "gezinshuis",
      geboortedatum: "2012-04-01",
      urgentie: "spoed",
      maatregel: { type: "voogdij", ingangsdatum: "2026-06-01" },
    }), // spoed, norm over
    await maakCasus(r, { zorgvorm: "ambulante-jggz", geboortedatum: "2012-04-01" }), // no group
    await maakCasus(r, { zorgvorm: "ambulante-jggz", geboortedatum: "2012-04-01", urgentie: "crisis" }),
    await maakCasus(r, { zorgvorm: "pleegzorg", geboortedatum: "2012-04-01" }), // set to groep 3 below
  ];
  const handmatig = casussen[6] as { id: string };
  await json(
    await r.als("zorgmakelaar")("PUT", `/v1/casussen/${handmatig.id}/prioriteit`, {
      groep: 3,
      reden: "Broer staat al op de lijst",
    }),
    200,
  );
  const gestopt = await maakCasus(r, { zorgvorm: "pleegzorg", geboortedatum: "2012-04-01", ...ots("2026-01-01") });
  await json(
    await r.als("zorgmakelaar")("PUT", `/v1/casussen/${gestopt.id}/status`, { status: "gestopt", stopreden: "verhuisd" }),
    200,
  );
  const elders = await maakCasus(
    r,
    { zorgvorm: "gezinshuis", woongemeente: "GM0546", geboortedatum: "2012-04-01", ...ots("2026-01-01") },
    r.als("verwijzer"),
  );

  // Offers created 30, 20 and 10 days ago (a confirmation 10 days ago), and today.
  r.clock.advanceDays(-30);
  const leiden = await maakLocatie(r, (await maakAanbieder(r, { naam: "Zorg Elders" })).id, {
    gemeente: "GM0546",
    plaats: "Leiden",
  });
  await maakAanbod(r, leiden.id, aanbod("gezinshuis", 9, 7));
  r.clock.advanceDays(10);
  const sterk = await maakAanbieder(r, { naam: "Zorg Sterk Verouderd" });
  const sterkLocatie = await maakLocatie(r, sterk.id);
  await maakAanbod(r, sterkLocatie.id, aanbod("pleegzorg", 3, 0));
  const verouderd = await maakAanbieder(r, { naam: "Zorg Verouderd" });
  const delft = await maakLocatie(r, verouderd.id, { gemeente: "GM0503", plaats: "Delft" });
  const ggz = await maakAanbod(r, delft.id, aanbod("ambulante-jggz", 5, 2));
  r.clock.advanceDays(10);
  const provider = r.met(await r.aanbiederToken(verouderd.id));
  await json(await provider("POST", `/v1/aanbod/${ggz.id}/bevestiging`), 200);
  r.clock.set(NOW);
  await maakAanbod(r, sterkLocatie.id, aanbod("pleegzorg", 2, 2));
  const actueel = await maakLocatie(r, (await maakAanbieder(r, { naam: "Zorg Actueel" })).id);
  await maakAanbod(r, actueel.id, aanbod("gezinshuis", 4, 1));
  await maakAanbod(r, actueel.id, aanbod("gezinshuis", 6, 3));
  return { r, casussen: [...casussen, gestopt, elders] };
}

/** The rows of the table with this caption, each as its cells' text. */
function tabel(html: string, caption: string): string[][] {
  const start = html.indexOf(`<caption class="utrecht-table__caption">${caption}</caption>`);
  expect(start, `table "${caption}"`).toBeGreaterThan(-1);
  const deel = html.slice(start, html.indexOf("</table>", start));
  return [...deel.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) =>
    [...(m[1] ?? "").matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => (c[1] ?? "").replace(/<[^>]+>/g, "").trim()),
  );
}

/** The key figures of today's state (after the month's reports, under "Stand van vandaag"). */
function kerncijfers(html: string): Record<string, number> {
  const vandaag = html.slice(html.indexOf("Stand van vandaag"));
  return Object.fromEntries([...vandaag.matchAll(/<dt>([^<]+)<\/dt><dd[^>]*>([\d.]+)<\/dd>/g)].map((m) => [m[1], Number(m[2])]));
}

describe("Overzicht (zorgmakelaar, beheerder)", () => {
  it("shows a broker's region: waiting cases per care type and group, free places, providers by freshness", async () => {
    const { r, casussen } = await opzet();
    const b = await inloggenAls(r, "zorgmakelaar");
    const res = await b.get("/overzicht");
    const html = await res.text();
    expect(res.status, html).toBe(200);
    expect(html).toContain('<h1 class="utrecht-heading-1">Overzicht Haaglanden</h1>');
    expect(kerncijfers(html)).toEqual({
      Wachtend: 7,
      "Norm overschreden": 2,
      "Vrije plekken": 8,
      "Aanbieders met verouderde gegevens": 2,
    });
    expect(tabel(html, "Wachtenden per zorgvorm en prioriteitsgroep, Haaglanden")).toEqual([
      [
        "Zorgvorm",
        "Groep 1 — gedwongen kader",
        "Groep 2 — jonger dan 7 jaar",
        "Groep 3 — derde groep (in te vullen door de regio)",
        "Geen prioriteitsgroep",
        "Spoed/crisis",
        "Totaal",
      ],
      ["Gezinshuis", "2", "1", "0", "0", "1", "4"],
      ["Ambulante jeugd-ggz", "0", "0", "0", "1", "1", "2"],
      ["Pleegzorg", "0", "0", "1", "0", "0", "1"],
      ["Totaal", "2", "1", "1", "1", "2", "7"],
    ]);
    expect(tabel(html, "Vrije plekken per zorgvorm, Haaglanden")).toEqual([
      ["Zorgvorm", "Vrije plekken", "Capaciteit", "Aantal aanbiedingen"],
      ["Gezinshuis", "4", "10", "2"],
      ["Ambulante jeugd-ggz", "2", "5", "1"],
      ["Pleegzorg", "2", "5", "2"],
      ["Totaal", "8", "20", "5"],
    ]);
    expect(tabel(html, "Aanbieders naar actualiteit, Haaglanden")).toEqual([
      ["Actualiteit", "Aanbieders"],
      ["Actueel", "1"],
      ["Verouderd", "1"],
      ["Sterk verouderd", "1"],
      ["Totaal", "3"],
    ]);
    expect(tabel(html, "Aanbieders met verouderde gegevens, langst niet bevestigd eerst")).toEqual([
      ["Aanbieder", "Oudste bevestiging", "Actualiteit"],
      ["Zorg Sterk Verouderd", "7 november 2026 (20 dagen geleden)", "Sterk verouderd"],
      ["Zorg Verouderd", "17 november 2026 (10 dagen geleden)", "Verouderd"],
    ]);
    // The charts: names from the catalogue, numbers in text, a title and description each.
    expect(html).toContain(">Ambulante jeugd-ggz</text>");
    expect(html).toContain(">Groep 1: 2 · Groep 2: 1 · Spoed/crisis: 1</text>");
    expect(html).toContain(">4 vrij van 10</text>");
    expect(html).not.toContain(">ambulante-jggz<");
    for (const id of ["grafiek-wachtenden", "grafiek-plekken", "grafiek-actualiteit"]) {
      expect(html).toContain(`role="img" aria-labelledby="${id}-titel ${id}-desc"`);
      expect(html).toMatch(new RegExp(`<title id="${id}-titel">[^<]+</title><desc id="${id}-desc">[^<]+</desc>`));
    }
    expect([...html.matchAll(/<h2 class="utrecht-heading-2"[^>]*>\s*([^<]+?)\s*<\/h2>/g)].map((m) => m[1])).toEqual([
      "Normrapportage: wachtend langer dan de norm, stand op 27 november 2026",
      "Kengetallen van december 2025 tot en met november 2026",
      "Capaciteit per week",
      "Stand van vandaag, 27 november 2026",
      "Wachtenden per zorgvorm en prioriteitsgroep",
      "Vrije plekken per zorgvorm",
      "Aanbieders naar actualiteit",
    ]);
    // Counts only: no case reference or id anywhere on the page.
    for (const c of casussen) {
      expect(html).not.toContain(String(c.referentie));
      expect(html).not.toContain(c.id);
    }
    // The broker chooses among its own regions only.
    expect([...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(["haaglanden"]);
  });

  it("counts the same figures in the service, with nothing but aggregates", async () => {
    const { r } = await opzet();
    const o = await buildRegioOverzicht({ db: r.db, clock: r.clock }, "haaglanden");
    expect(o.wachtenden.totaal).toBe(7);
    expect(o.wachtenden.normOverschreden).toBe(2);
    expect(o.wachtenden.reeksen.map((x) => x.sleutel)).toEqual(["groep-1", "groep-2", "groep-3", "geen-groep", "spoed-crisis"]);
    expect(o.wachtenden.perZorgvorm.map((z) => [z.zorgvorm, z.totaal])).toEqual([
      ["gezinshuis", 4],
      ["ambulante-jggz", 2],
      ["pleegzorg", 1],
    ]);
    expect(o.plekken).toMatchObject({ vrijePlekken: 8, capaciteit: 20, aanbod: 5 });
    expect(o.actualiteit).toEqual({
      aanbieders: 3,
      perKlasse: { actueel: 1, verouderd: 1, "sterk-verouderd": 1 },
      verouderd: [
        { naam: "Zorg Sterk Verouderd", oudsteBevestiging: "2026-11-07T09:00:00.000Z", actualiteit: "sterk-verouderd" },
        { naam: "Zorg Verouderd", oudsteBevestiging: "2026-11-17T09:00:00.000Z", actualiteit: "verouderd" },
      ],
    });
    expect(JSON.stringify(o)).not.toMatch(/TEST-\d+/);
  });

  it("counts a provider with an offer never confirmed as sterk verouderd, listed first", async () => {
    const { r } = await opzet();
    r.db.sqlite
      .prepare(
        "UPDATE aanbod SET bevestigd_op = NULL WHERE aanbieder_id = (SELECT id FROM aanbieders WHERE naam = 'Zorg Actueel') AND capaciteit = 4",
      )
      .run();
    const html = await (await (await inloggenAls(r, "zorgmakelaar")).get("/overzicht")).text();
    expect(tabel(html, "Aanbieders met verouderde gegevens, langst niet bevestigd eerst")).toEqual([
      ["Aanbieder", "Oudste bevestiging", "Actualiteit"],
      ["Zorg Actueel", "Nooit bevestigd", "Sterk verouderd"],
      ["Zorg Sterk Verouderd", "7 november 2026 (20 dagen geleden)", "Sterk verouderd"],
      ["Zorg Verouderd", "17 november 2026 (10 dagen geleden)", "Verouderd"],
    ]);
    expect(kerncijfers(html)["Aanbieders met verouderde gegevens"]).toBe(3);
  });

  it("lets the beheerder see any region; the offer and case in Leiden count there", async () => {
    const { r } = await opzet();
    const b = await inloggenAls(r, "beheerder");
    const standaard = await (await b.get("/overzicht")).text();
    expect(standaard).toContain("Overzicht Haaglanden</h1>");
    expect([...standaard.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(["haaglanden", "hollands-midden"]);
    const res = await b.get("/overzicht?regio=hollands-midden");
    const html = await res.text();
    expect(res.status, html).toBe(200);
    expect(html).toContain("Overzicht Hollands Midden</h1>");
    expect(html).toContain('<option value="hollands-midden" selected="">Hollands Midden</option>');
    expect(kerncijfers(html)).toEqual({
      Wachtend: 1,
      "Norm overschreden": 1,
      "Vrije plekken": 7,
      "Aanbieders met verouderde gegevens": 1,
    });
    // No rule set in this region: the case has no group.
    expect(tabel(html, "Wachtenden per zorgvorm en prioriteitsgroep, Hollands Midden")).toEqual([
      ["Zorgvorm", "Geen prioriteitsgroep", "Spoed/crisis", "Totaal"],
      ["Gezinshuis", "1", "0", "1"],
      ["Totaal", "1", "0", "1"],
    ]);
    expect(tabel(html, "Vrije plekken per zorgvorm, Hollands Midden")).toEqual([
      ["Zorgvorm", "Vrije plekken", "Capaciteit", "Aantal aanbiedingen"],
      ["Gezinshuis", "7", "9", "1"],
      ["Totaal", "7", "9", "1"],
    ]);
    expect(tabel(html, "Aanbieders met verouderde gegevens, langst niet bevestigd eerst")).toEqual([
      ["Aanbieder", "Oudste bevestiging", "Actualiteit"],
      ["Zorg Elders", "28 oktober 2026 (30 dagen geleden)", "Sterk verouderd"],
    ]);
  });

  it("says so when a region has nothing to show", async () => {
    const r = await makeRegister();
    hollandsMidden(r);
    const b = await inloggenAls(r, "beheerder");
    const html = await (await b.get("/overzicht?regio=hollands-midden")).text();
    expect(kerncijfers(html)).toEqual({
      Wachtend: 0,
      "Norm overschreden": 0,
      "Vrije plekken": 0,
      "Aanbieders met verouderde gegevens": 0,
    });
    expect(html).toContain("Er wachten nu geen jeugdigen in deze regio.");
    expect(html).toContain("Er is geen aanbod op locaties in deze regio.");
    expect(html).toContain("Er zijn geen aanbieders met aanbod in deze regio.");
    expect(html).not.toContain('role="img"');
  });

  it("answers 404 for a region outside the broker's, 400 for an unknown region code", async () => {
    const { r } = await opzet();
    const b = await inloggenAls(r, "zorgmakelaar");
    const ander = await b.get("/overzicht?regio=hollands-midden");
    const anderHtml = await ander.text();
    expect(ander.status).toBe(404);
    expect(anderHtml).toContain("Deze regio bestaat niet.");
    expect(anderHtml).not.toContain("Zorg Elders");
    for (const code of ["utrecht", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"]) {
      const res = await b.get(`/overzicht?regio=${code}`);
      const html = await res.text();
      expect(res.status, code).toBe(400);
      expect(html).toContain("Deze regio is onbekend.");
      expect(html).not.toContain("<script>alert");
    }
    const beheerder = await inloggenAls(r, "beheerder");
    expect((await beheerder.get("/overzicht?regio=utrecht")).status).toBe(400);
  });

  it("is refused to verwijzer and aanbieder (403) and sends a visitor without a session to sign in (303)", async () => {
    const r = await makeRegister();
    const verwijzer = await inloggenAls(r, "verwijzer");
    const geweigerd = await verwijzer.get("/overzicht");
    expect(geweigerd.status).toBe(403);
    expect(await geweigerd.text()).toContain("Geen toegang");
    const aanbieder = await maakAanbieder(r);
    const a = await inloggen(r, await r.aanbiederToken(aanbieder.id));
    expect((await a.get("/overzicht?regio=haaglanden")).status).toBe(403);
    const anoniem = await r.app.request("/overzicht?regio=haaglanden", { headers: { Accept: "text/html" } });
    expect(anoniem.status).toBe(303);
    expect(anoniem.headers.get("location")).toBe(`/inloggen?terug=${encodeURIComponent("/overzicht?regio=haaglanden")}`);
  });

  it("writes no access-log row: it shows no case", async () => {
    const { r } = await opzet();
    const voor = r.db.sqlite.prepare("SELECT count(*) AS n FROM toegangslog").get() as { n: number };
    const b = await inloggenAls(r, "zorgmakelaar");
    expect((await b.get("/overzicht")).status).toBe(200);
    const na = r.db.sqlite.prepare("SELECT count(*) AS n FROM toegangslog WHERE route LIKE '/overzicht%'").get() as { n: number };
    expect(na.n).toBe(0);
    expect(voor.n).toBeGreaterThan(0);
  });
});
