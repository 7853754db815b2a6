import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../src/kern/time.ts";
import { hashToken } from "../../src/services/authenticatie.ts";
import { datum, datumTijd } from "../../src/ui/format.ts";
import { json, maakAanbieder, snapshot } from "../factories.ts";
import { makeRegister, NOW, type Register } from "../helpers.ts";
import { inloggenAls } from "./sessie.ts";

const tekst = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

/** The body rows of the table with this caption, each cell as plain text. */
function rijen(html: string, caption: string): string[][] {
  const start = html.indexOf(`<caption class="utrecht-table__caption">${caption}</caption>`);
  if (start < 0) return [];
  const tabel = html.slice(start, html.indexOf("</table>", start));
  const body = tabel.slice(tabel.indexOf("<tbody"));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((tr) =>
    [...(tr[1] ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((td) => tekst(td[1] ?? "")),
  );
}

/** The message shown next to a field (`<prefix><naam>-fout`). */
function foutBij(html: string, id: string): string | undefined {
  const m = new RegExp(`id="${id}-fout">([\\s\\S]*?)</`).exec(html);
  return m?.[1] ? tekst(m[1]) : undefined;
}

async function pagina(res: Response | Promise<Response>, status: number): Promise<string> {
  const r = await res;
  const html = await r.text();
  expect(r.status, html.slice(0, 2000)).toBe(status);
  return html;
}

async function contractVia(r: Register, velden: Record<string, unknown>) {
  return json<{ id: string }>(await r.request("POST", "/v1/contracten", velden), 201);
}

describe("Beheer pages", () => {
  it("the index links to every part", async () => {
    const r = await makeRegister();
    const b = await inloggenAls(r, "beheerder");
    const html = await pagina(b.get("/beheer"), 200);
    expect(html).toContain('<h1 class="utrecht-heading-1">Beheer</h1>');
    for (const pad of ["catalogus", "contracten", "prioriteringsregels", "organisaties", "tokens"])
      expect(html).toContain(`href="/beheer/${pad}"`);
    expect(html).toContain('aria-current="page"');
  });

  it("the catalogue shows care types beneath their category, the regions and their municipalities", async () => {
    const r = await makeRegister();
    const b = await inloggenAls(r, "beheerder");
    const html = await pagina(b.get("/beheer/catalogus"), 200);
    expect(html).toContain("npm run import:cbs");
    const cat43 = html.slice(html.indexOf("<code>43</code>"), html.indexOf("<code>44</code>"));
    expect(tekst(cat43)).toBe(
      "43 Jeugdhulp verblijf (incl. behandeling) gesloten-jeugdzorg Gesloten jeugdzorg (JeugdzorgPlus) gezinshuis Gezinshuis kleinschalige-woonvoorziening Kleinschalige woonvoorziening",
    );
    expect(rijen(html, "Jeugdzorgregio&#39;s")).toEqual([["haaglanden", "Haaglanden", "9"]]);
    expect(rijen(html, "Gemeenten in Haaglanden")).toEqual([
      ["GM0503", "Delft"],
      ["GM0518", "Den Haag"],
      ["GM1916", "Leidschendam-Voorburg"],
      ["GM1842", "Midden-Delfland"],
      ["GM1926", "Pijnacker-Nootdorp"],
      ["GM0603", "Rijswijk"],
      ["GM0629", "Wassenaar"],
      ["GM1783", "Westland"],
      ["GM0637", "Zoetermeer"],
    ]);
  });

  it("lists, filters, creates and deletes contracts", async () => {
    const r = await makeRegister();
    const alfa = await maakAanbieder(r, { naam: "Stichting Alfa" });
    const beta = await maakAanbieder(r, { naam: "Stichting Beta" });
    await contractVia(r, {
      aanbiederId: alfa.id,
      zorgvorm: "gezinshuis",
      gemeente: "GM0518",
      geldigVanaf: "2026-01-01",
      geldigTot: "2026-12-31",
    });
    await contractVia(r, { aanbiederId: beta.id, zorgvorm: "45", regio: "haaglanden", geldigVanaf: "2026-03-01" });
    const b = await inloggenAls(r, "beheerder");

    const lijst = await pagina(b.get("/beheer/contracten"), 200);
    expect(rijen(lijst, "Gevonden contracten")).toEqual([
      ["Stichting Alfa", "Gezinshuis", "Gemeente Den Haag", "1 januari 2026 – 31 december 2026", "Verwijderen"],
      ["Stichting Beta", "Jeugdhulp ambulant", "Regio Haaglanden", "vanaf 1 maart 2026", "Verwijderen"],
    ]);
    expect(lijst).toContain(
      'aria-label="Verwijderen: contract van Stichting Alfa voor Gezinshuis, Gemeente Den Haag, 1 januari 2026 – 31 december 2026"',
    );
    const gefilterd = await pagina(b.get(`/beheer/contracten?aanbiederId=${beta.id}&zorgvorm=`), 200);
    expect(rijen(gefilterd, "Gevonden contracten").map((rij) => rij[0])).toEqual(["Stichting Beta"]);

    const res = await b.post("/beheer/contracten", {
      aanbiederId: alfa.id,
      zorgvorm: "pleegzorg",
      gemeente: "",
      regio: "haaglanden",
      geldigVanaf: "2027-01-01",
      geldigTot: "",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/beheer/contracten?melding=aangemaakt");
    const api = await json<{ resultaten: Record<string, unknown>[] }>(
      await r.request("GET", `/v1/contracten?aanbiederId=${alfa.id}&zorgvorm=pleegzorg`),
      200,
    );
    expect(api.resultaten).toEqual([
      expect.objectContaining({
        zorgvorm: "pleegzorg",
        gemeente: null,
        regio: "haaglanden",
        geldigVanaf: "2027-01-01",
        geldigTot: null,
      }),
    ]);
    expect(await pagina(b.get("/beheer/contracten?melding=aangemaakt"), 200)).toContain("Het contract is vastgelegd.");

    const id = api.resultaten[0]?.id as string;
    const weg = await b.post(`/beheer/contracten/${id}/verwijderen`, {});
    expect(weg.status).toBe(303);
    expect((await r.request("GET", `/v1/contracten/${id}`)).status).toBe(404);
    await pagina(b.post(`/beheer/contracten/${id}/verwijderen`, {}), 404);
  });

  it("pages the contract list", async () => {
    const r = await makeRegister();
    const alfa = await maakAanbieder(r, { naam: "Stichting Alfa" });
    for (let i = 1; i <= 27; i++)
      await contractVia(r, {
        aanbiederId: alfa.id,
        zorgvorm: "45",
        gemeente: "GM0518",
        geldigVanaf: `2026-01-${String(i).padStart(2, "0")}`,
      });
    const b = await inloggenAls(r, "beheerder");
    const eerste = await pagina(b.get(`/beheer/contracten?aanbiederId=${alfa.id}`), 200);
    expect(rijen(eerste, "Gevonden contracten")).toHaveLength(25);
    expect(tekst(eerste)).toContain("27 contracten");
    expect(eerste).toContain(`href="/beheer/contracten?aanbiederId=${alfa.id}&amp;pagina=2"`);
    const tweede = await pagina(b.get(`/beheer/contracten?aanbiederId=${alfa.id}&pagina=2`), 200);
    expect(rijen(tweede, "Gevonden contracten").map((rij) => rij[3])).toEqual(["vanaf 26 januari 2026", "vanaf 27 januari 2026"]);
    await pagina(b.get("/beheer/contracten?pagina=nul"), 400);
  });

  it("refuses a contract with an invalid period or an unknown provider, keeping what was typed", async () => {
    const r = await makeRegister();
    const alfa = await maakAanbieder(r, { naam: "Stichting Alfa" });
    const b = await inloggenAls(r, "beheerder");
    const voor = await snapshot(r);

    const periode = await pagina(
      b.post("/beheer/contracten", {
        aanbiederId: alfa.id,
        zorgvorm: "gezinshuis",
        gemeente: "GM0503",
        regio: "",
        geldigVanaf: "2027-06-01",
        geldigTot: "2027-01-01",
      }),
      400,
    );
    expect(foutBij(periode, "nieuw-geldigTot")).toBe("Geldig tot mag niet vóór Geldig vanaf liggen.");
    expect(periode).toContain('value="2027-06-01"');
    expect(periode).toContain('value="2027-01-01"');
    expect(periode).toMatch(new RegExp(`<option value="${alfa.id}" selected="">`));
    expect(periode).toContain('<option value="GM0503" selected="">');
    expect(periode).toContain("data-foutsamenvatting");

    const onbekend = "0b8a3c1e-6f0e-4c57-9a55-2f1f3f0e7a10";
    const aanbieder = await pagina(
      b.post("/beheer/contracten", {
        aanbiederId: onbekend,
        zorgvorm: "gezinshuis",
        gemeente: "",
        regio: "",
        geldigVanaf: "2026-13-01",
      }),
      400,
    );
    expect(foutBij(aanbieder, "nieuw-aanbiederId")).toBeUndefined();
    expect(foutBij(aanbieder, "nieuw-geldigVanaf")).toBe("Moet een geldige datum zijn (jjjj-mm-dd).");
    expect(foutBij(aanbieder, "nieuw-gemeente")).toBe("Kies precies één: een gemeente óf een regio.");
    expect(aanbieder).toContain('value="2026-13-01"');
    // A missing field stops zod before the object's own rules: the page still judges them, as the API does.
    const leeg = await pagina(
      b.post("/beheer/contracten", { aanbiederId: "", zorgvorm: "45", gemeente: "GM0518", regio: "haaglanden" }),
      400,
    );
    expect([foutBij(leeg, "nieuw-aanbiederId"), foutBij(leeg, "nieuw-geldigVanaf"), foutBij(leeg, "nieuw-gemeente")]).toEqual([
      "Dit veld is verplicht.",
      "Dit veld is verplicht.",
      "Kies precies één: een gemeente óf een regio.",
    ]);
    expect(leeg).toContain('<option value="haaglanden" selected="">');

    const service = await pagina(
      b.post("/beheer/contracten", {
        aanbiederId: onbekend,
        zorgvorm: "gezinshuis",
        gemeente: "GM0518",
        geldigVanaf: "2026-01-01",
      }),
      400,
    );
    expect(foutBij(service, "nieuw-aanbiederId")).toBe(`Aanbieder ${onbekend} bestaat niet.`);
    expect(service).toContain('value="2026-01-01"');
    expect(await snapshot(r)).toEqual(voor);
  });

  it("shows the rule-set versions and one version in words and as JSON", async () => {
    const r = await makeRegister();
    const b = await inloggenAls(r, "beheerder");
    const lijst = await pagina(b.get("/beheer/prioriteringsregels"), 200);
    expect(rijen(lijst, "Versies per regio")).toEqual([
      ["Haaglanden", "Versie 1", "1 januari 2025", "In gebruik", datumTijd("2025-01-01T00:00:00.000Z"), "Bekijken"],
    ]);
    const id = /href="\/beheer\/prioriteringsregels\/([0-9a-f-]{36})"/.exec(lijst)?.[1];
    const detail = tekst(await pagina(b.get(`/beheer/prioriteringsregels/${id}`), 200));
    expect(detail).toContain(
      "Groep 1: gedwongen kader de maatregel is een van: OTS, machtiging uithuisplaatsing, voogdij, jeugdreclassering, machtiging gesloten jeugdzorg, Wvggz, Wzd",
    );
    expect(detail).toContain("Groep 2: jonger dan 7 jaar de leeftijd in jaren is kleiner dan 7");
    expect(detail).toContain("Groep 3: derde groep (in te vullen door de regio) Geen voorwaarde");
    expect(detail).toContain('"geldigVanaf": "2025-01-01"');
    await pagina(b.get("/beheer/prioriteringsregels/geen-id"), 404);
  });

  it("adds a rule-set version from the prefilled JSON; refuses bad JSON and bad rules with the text kept", async () => {
    const r = await makeRegister();
    const b = await inloggenAls(r, "beheerder");
    const voor = await snapshot(r);
    const kapot = '{ "versie": 2, "groepen": [ }';
    const fout = await pagina(b.post("/beheer/prioriteringsregels", { regio: "haaglanden", regelset: kapot }), 400);
    expect(foutBij(fout, "nieuw-regelset")).toBe("Geen geldige JSON: onverwacht teken ‘}’ op regel 1, kolom 29.");
    expect(fout).toContain("{ &quot;versie&quot;: 2, &quot;groepen&quot;: [ }</textarea>");

    const genest = JSON.stringify({
      versie: 2,
      geldigVanaf: "2026-12-01",
      groepen: [
        { nummer: 1, naam: "gedwongen kader", voorwaarde: { veld: "maatregel.type", in: ["ots"] } },
        { nummer: 2, naam: "jong", voorwaarde: { veld: "leeftijdJaren", in: ["7"] } },
      ],
    });
    const regels = await pagina(b.post("/beheer/prioriteringsregels", { regio: "haaglanden", regelset: genest }), 400);
    expect(regels).toContain('href="#nieuw-groepen-1--voorwaarde-op"');
    expect(regels).toContain('id="nieuw-groepen-1--voorwaarde-op"');
    expect(tekst(regels)).toContain("groepen[1].voorwaarde.in : Hoort niet bij veld leeftijdJaren.");
    expect(await snapshot(r)).toEqual(voor);

    const conflict = await pagina(
      b.post("/beheer/prioriteringsregels", {
        regio: "haaglanden",
        regelset: genest.replace('"versie":2', '"versie":1').replace('"in":["7"]', '"op":"<","waarde":7'),
      }),
      409,
    );
    expect(conflict).toContain("Regio haaglanden heeft al een versie 1");

    const leeg = await pagina(b.get("/beheer/prioriteringsregels?regio=haaglanden"), 200);
    const begin = /<textarea[^>]*name="regelset"[^>]*>([\s\S]*?)<\/textarea>/.exec(leeg)?.[1] ?? "";
    const vooraf = JSON.parse(tekst(begin));
    expect(vooraf).toMatchObject({ versie: 2, geldigVanaf: "2026-11-27" });
    vooraf.groepen[2].voorwaarde = { veld: "wachtdagen", op: ">=", waarde: 90 };
    const res = await b.post("/beheer/prioriteringsregels", { regio: "haaglanden", regelset: JSON.stringify(vooraf) });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/beheer\/prioriteringsregels\/[0-9a-f-]{36}\?melding=toegevoegd$/);
    const nieuw = await pagina(b.get(res.headers.get("location") ?? ""), 200);
    expect(tekst(nieuw)).toContain("Groep 3: derde groep (in te vullen door de regio) het aantal dagen wachten is minstens 90");
    const lijst = await pagina(b.get("/beheer/prioriteringsregels"), 200);
    expect(rijen(lijst, "Versies per regio").map((rij) => rij.slice(0, 4))).toEqual([
      ["Haaglanden", "Versie 1", "1 januari 2025", "Vervangen"],
      ["Haaglanden", "Versie 2", "27 november 2026", "In gebruik"],
    ]);
    const api = await json<{ resultaten: { versie: number }[] }>(
      await r.request("GET", "/v1/prioriteringsregels?regio=haaglanden"),
      200,
    );
    expect(api.resultaten.map((x) => x.versie)).toEqual([1, 2]);
  });

  it("lists and creates organisations; refuses a provider organisation without its provider", async () => {
    const r = await makeRegister();
    const alfa = await maakAanbieder(r, { naam: "Stichting Alfa" });
    const b = await inloggenAls(r, "beheerder");
    const aangemaakt = datumTijd(NOW);
    expect(rijen(await pagina(b.get("/beheer/organisaties"), 200), "Organisaties")).toEqual([
      ["Beheer Plekwijzer", "Regio", "—", aangemaakt],
      ["Test Jeugdbescherming", "Gecertificeerde instelling", "—", aangemaakt],
      ["Test Serviceteam Haaglanden", "Regio", "Haaglanden", aangemaakt],
    ]);

    const voor = await snapshot(r);
    const fout = await pagina(
      b.post("/beheer/organisaties", { naam: "Alfa planning", type: "aanbieder", aanbiederId: "", "regio-haaglanden": "ja" }),
      400,
    );
    expect(foutBij(fout, "aanbiederId")).toBe("Een aanbieder-organisatie noemt haar aanbieder.");
    expect(fout).toContain('value="Alfa planning"');
    expect(fout).toContain('<option value="aanbieder" selected="">');
    expect(fout).toMatch(/id="regio-haaglanden" name="regio-haaglanden" value="ja" checked=""/);
    const dubbel = await pagina(b.post("/beheer/organisaties", { naam: "Test Jeugdbescherming", type: "gemeente" }), 409);
    expect(dubbel).toContain("Er is al een organisatie met de naam Test Jeugdbescherming.");
    expect(await snapshot(r)).toEqual(voor);

    const res = await b.post("/beheer/organisaties", { naam: "Alfa planning", type: "aanbieder", aanbiederId: alfa.id });
    expect(res.status).toBe(303);
    const res2 = await b.post("/beheer/organisaties", { naam: "Gemeente Delft", type: "gemeente", "regio-haaglanden": "ja" });
    expect(res2.status).toBe(303);
    const api = await json<{ resultaten: Record<string, unknown>[] }>(
      await r.request("GET", "/v1/organisaties?perPagina=100"),
      200,
    );
    expect(api.resultaten.filter((o) => ["Alfa planning", "Gemeente Delft"].includes(o.naam as string))).toEqual([
      expect.objectContaining({ naam: "Alfa planning", type: "aanbieder", aanbiederId: alfa.id, regios: [] }),
      expect.objectContaining({ naam: "Gemeente Delft", type: "gemeente", aanbiederId: null, regios: ["haaglanden"] }),
    ]);
    expect(rijen(await pagina(b.get("/beheer/organisaties?type=aanbieder"), 200), "Organisaties")).toEqual([
      ["Alfa planning", "Aanbieder", "Stichting Alfa", aangemaakt],
    ]);
  });

  it("issues a token once (201, never in a URL), lists it without secret and revokes it", async () => {
    const r = await makeRegister();
    const b = await inloggenAls(r, "beheerder");
    const gi = r.organisaties.verwijzer.id;
    const lijst = await pagina(b.get(`/beheer/tokens?organisatieId=${gi}`), 200);
    expect(rijen(lijst, "Tokens")).toEqual([
      [
        "Test Jeugdbescherming",
        "Verwijzer",
        "—",
        "Actief",
        datumTijd(new Date(Date.parse(NOW) + 90 * DAY_MS).toISOString()),
        "nooit",
        "Intrekken",
      ],
    ]);
    expect(lijst).not.toContain(await hashToken(r.tokens.verwijzer));
    expect(lijst).not.toContain(r.tokens.verwijzer);

    const voor = await snapshot(r);
    const fout = await pagina(
      b.post("/beheer/tokens", { organisatieId: gi, rol: "beheerder", omschrijving: "Piet", geldigheidDagen: "400" }),
      400,
    );
    expect(foutBij(fout, "geldigheidDagen")).toBe("Een token geldt hoogstens 366 dagen.");
    expect(fout).toContain('value="Piet"');
    const alles = await pagina(
      b.post("/beheer/tokens", { organisatieId: "", rol: "", omschrijving: "Jan", geldigheidDagen: "twee" }),
      400,
    );
    expect([foutBij(alles, "organisatieId"), foutBij(alles, "rol"), foutBij(alles, "geldigheidDagen")]).toEqual([
      "Dit veld is verplicht.",
      "Dit veld is verplicht.",
      "Vul een geheel aantal dagen in, 1 of meer.",
    ]);
    expect(alles).toContain('value="twee"');
    expect(alles).toContain('value="Jan"');
    const rol = await pagina(
      b.post("/beheer/tokens", { organisatieId: gi, rol: "beheerder", omschrijving: "Piet", geldigheidDagen: "30" }),
      400,
    );
    expect(foutBij(rol, "rol")).toBe(
      "Een organisatie van het type gecertificeerde-instelling kan alleen verwijzer, organisatiebeheerder aanwijzen.",
    );
    expect(await snapshot(r)).toEqual(voor);

    const res = await b.post("/beheer/tokens", {
      organisatieId: gi,
      rol: "verwijzer",
      omschrijving: "Piet",
      geldigheidDagen: "30",
    });
    const html = await pagina(res, 201);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("no-store");
    const token = /<p class="pw-eenmalig">(pw_[A-Za-z0-9_-]+)<\/p>/.exec(html)?.[1] ?? "";
    expect(token).toMatch(/^pw_/);
    expect(html.split(token).length - 1).toBe(1);
    expect(tekst(html)).toContain("Het wordt alleen nu getoond");
    expect((await r.met(token)("GET", "/v1/zorgvormen")).status).toBe(200);

    const na = await pagina(b.get(`/beheer/tokens?organisatieId=${gi}`), 200);
    expect(na).not.toContain(token);
    const piet = rijen(na, "Tokens").find((rij) => rij[2] === "Piet");
    expect(piet?.slice(0, 5)).toEqual([
      "Test Jeugdbescherming",
      "Verwijzer",
      "Piet",
      "Actief",
      datumTijd(new Date(Date.parse(NOW) + 30 * DAY_MS).toISOString()),
    ]);
    expect(na).toContain('aria-label="Intrekken: token van Test Jeugdbescherming, Piet"');

    const tokens = await json<{ resultaten: { id: string; omschrijving: string | null }[] }>(
      await r.request("GET", `/v1/tokens?organisatieId=${gi}`),
      200,
    );
    const id = tokens.resultaten.find((t) => t.omschrijving === "Piet")?.id;
    // Revoking asks once, without JavaScript: the first post shows what will happen and changes nothing.
    const vraag = await pagina(b.post(`/beheer/tokens/${id}/intrekken`, {}), 200);
    expect(vraag).toContain("U trekt het token van Test Jeugdbescherming in");
    expect(vraag).toContain('name="bevestigd" value="ja"');
    expect((await r.met(token)("GET", "/v1/zorgvormen")).status).toBe(200);
    const weg = await b.post(`/beheer/tokens/${id}/intrekken`, { bevestigd: "ja" });
    expect(weg.status).toBe(303);
    expect(weg.headers.get("location")).toBe("/beheer/tokens?melding=ingetrokken");
    expect((await r.met(token)("GET", "/v1/zorgvormen")).status).toBe(401);
    const ingetrokken = await pagina(b.get(`/beheer/tokens?organisatieId=${gi}`), 200);
    expect(rijen(ingetrokken, "Tokens").find((rij) => rij[2] === "Piet")?.[3]).toBe("Ingetrokken");
    expect(ingetrokken).not.toContain("Intrekken: token van Test Jeugdbescherming, Piet");
  });

  it("is for the beheerder only: another role gets 403, no session is sent to sign in", async () => {
    const r = await makeRegister();
    const zm = await inloggenAls(r, "zorgmakelaar");
    for (const pad of ["/beheer", "/beheer/catalogus", "/beheer/contracten", "/beheer/tokens"]) await pagina(zm.get(pad), 403);
    const voor = await snapshot(r);
    await pagina(zm.post("/beheer/organisaties", { naam: "Stiekem", type: "gemeente" }), 403);
    expect(await snapshot(r)).toEqual(voor);

    const anoniem = await r.app.request("/beheer/contracten", { headers: { Accept: "text/html" } });
    expect(anoniem.status).toBe(303);
    expect(anoniem.headers.get("location")).toBe("/inloggen?terug=%2Fbeheer%2Fcontracten");
    const post = await r.app.request("/beheer/tokens", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
      body: new URLSearchParams({
        organisatieId: r.organisaties.verwijzer.id,
        rol: "verwijzer",
        geldigheidDagen: "30",
      }).toString(),
    });
    expect(post.status).toBe(303);
    expect(await snapshot(r)).toEqual(voor);
  });

  it("refuses a POST without or with a wrong CSRF token and changes nothing", async () => {
    const r = await makeRegister();
    const alfa = await maakAanbieder(r, { naam: "Stichting Alfa" });
    const b = await inloggenAls(r, "beheerder");
    const voor = await snapshot(r);
    const zonder = await r.app.request("/beheer/contracten", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `pw_sessie=${b.cookie}`, Accept: "text/html" },
      body: new URLSearchParams({
        aanbiederId: alfa.id,
        zorgvorm: "gezinshuis",
        gemeente: "GM0518",
        geldigVanaf: "2026-01-01",
      }).toString(),
    });
    expect(zonder.status).toBe(403);
    await pagina(
      b.post("/beheer/tokens", {
        _csrf: "fout",
        organisatieId: r.organisaties.verwijzer.id,
        rol: "verwijzer",
        geldigheidDagen: "30",
      }),
      403,
    );
    const bestaand = await json<{ resultaten: { id: string }[] }>(
      await r.request("GET", `/v1/tokens?organisatieId=${r.organisaties.verwijzer.id}`),
      200,
    );
    await pagina(b.post(`/beheer/tokens/${bestaand.resultaten[0]?.id}/intrekken`, { _csrf: "fout" }), 403);
    await pagina(b.post("/beheer/prioriteringsregels", { _csrf: "", regio: "haaglanden", regelset: "{}" }), 403);
    expect(await snapshot(r)).toEqual(voor);
    expect((await r.als("verwijzer")("GET", "/v1/zorgvormen")).status).toBe(200);
    expect(datum("2026-11-27")).toBe("27 november 2026");
  });
});
