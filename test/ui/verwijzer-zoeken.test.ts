import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haversineKm } from "../../src/kern/geo.ts";
import { WOONPLAATSEN } from "../../src/kern/plaatsen.ts";
import { pdokGeocoder } from "../../src/services/geocoder.ts";
import { maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie } from "../factories.ts";
import { makeRegister, type RegisterOptions } from "../helpers.ts";
import { pdokServer } from "../support/pdok.ts";
import { type Browser, inloggenAls } from "./sessie.ts";

/** Issue 15, the referrer's part: where to search from, care types in words, the table, the offer page, an empty result. */

function tekst(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/\u00ad/g, "")
    .replace(/&nbsp;|&#160;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
const km = (lat1: number, lon1: number, lat2: number, lon2: number) =>
  `${(Math.round(haversineKm(lat1, lon1, lat2, lon2) * 10) / 10).toString().replace(".", ",")} km`;

/** The rows of the results table: the offer id and the cells' text. */
function tabel(html: string) {
  const t = /<div class="pw-tabel-wrap pw-resultaten-tabel">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "";
  return {
    koppen: [...t.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => tekst(m[1] ?? "")),
    rijen: [...t.matchAll(/<tr data-aanbod="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => ({
      id: m[1] ?? "",
      cellen: [...(m[2] ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => tekst(c[1] ?? "")),
    })),
  };
}

/** De Linde in Den Haag (contracted by Den Haag for gezinshuis) and Kompas in Zoetermeer (no contract). */
async function opzet(options: RegisterOptions = {}) {
  const r = await makeRegister(undefined, options);
  const linde = await maakAanbieder(r, { naam: "Stichting De Linde", telefoon: "070 123 4567", email: "info@delinde.example" });
  const kompas = await maakAanbieder(r, { naam: "Kompas Zorggroep" });
  const centrum = await maakLocatie(r, linde.id, {
    naam: "Linde Centrum",
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
  const linde1 = await maakAanbod(r, centrum.id, {
    naam: "Gezinshuis De Linde",
    vrijePlekken: 1,
    capaciteit: 3,
    aanmeldwachttijdWeken: 2,
    behandelwachttijdWeken: 4,
  });
  const kompas1 = await maakAanbod(r, zoetermeer.id, {
    naam: "Gezinshuis Kompas",
    vrijePlekken: 0,
    capaciteit: 2,
    aanmeldwachttijdWeken: null,
    behandelwachttijdWeken: null,
    intakeStatus: "na-intake",
  });
  return { r, linde1, kompas1, browser: await inloggenAls(r, "verwijzer") };
}

async function pagina(browser: Browser, pad: string, status = 200) {
  const res = await browser.get(pad);
  const html = await res.text();
  expect(res.status, tekst(html).slice(0, 600)).toBe(status);
  return html;
}

const fout = (html: string) => tekst(/id="nabij-fout">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "");

describe("In de buurt van: a place, a municipality or a postcode", () => {
  it("measures from a municipality or a place by name, offline, as typed (any case)", async () => {
    const { browser, linde1, kompas1 } = await opzet();
    const naaldwijk = WOONPLAATSEN.find((w) => w.naam === "Naaldwijk");
    if (!naaldwijk) throw new Error("Naaldwijk in the reference");
    const html = await pagina(browser, "/zoeken?zorgvorm=gezinshuis&nabij=Naaldwijk&sorteer=afstand");
    expect(tekst(html)).toContain("Afstand gemeten vanaf Naaldwijk.");
    const { rijen } = tabel(html);
    expect(rijen.map((x) => x.id)).toEqual([linde1.id, kompas1.id]);
    expect(rijen[0]?.cellen[2]).toBe(km(naaldwijk.lat, naaldwijk.lon, 52.0705, 4.3007));

    const zoetermeer = await pagina(browser, "/zoeken?zorgvorm=gezinshuis&nabij=zoetermeer&straal=5");
    expect(tekst(zoetermeer)).toContain("Afstand gemeten vanaf Zoetermeer, binnen 5 km.");
    expect(tabel(zoetermeer).rijen.map((x) => x.id)).toEqual([kompas1.id]);
    // The API takes the same words under its own parameter name.
    const { r } = await opzet();
    const api = await json<{ resultaten: { afstandKm: number }[] }>(await r.request("GET", "/v1/aanbod?nabij=Den%20Haag"), 200);
    expect(api.resultaten.map((x) => x.afstandKm)).toContain(0);
  });

  it("without a geocoder, a postcode counts as its municipality, and the page says so", async () => {
    const { browser } = await opzet();
    const html = await pagina(browser, "/zoeken?zorgvorm=gezinshuis&nabij=2611ab");
    expect(tekst(html)).toContain(
      "Postcode 2611 AB ligt in Delft. De afstand is gemeten vanaf het midden van Delft, want het register kan postcodes niet precies opzoeken.",
    );
    expect(tabel(html).rijen[0]?.cellen[2]).toBe(km(52.0015, 4.3625, 52.0705, 4.3007));

    const onbekend = await pagina(browser, "/zoeken?zorgvorm=gezinshuis&nabij=9711%20AA", 400);
    expect(fout(onbekend)).toBe(
      "Postcode 9711 AA kan het register niet op de kaart vinden. Vul de plaats of gemeente in, zoals Delft of Naaldwijk.",
    );
    expect(onbekend).toContain('value="9711 AA"');
  });

  describe("with a geocoder (a real HTTP server answering like PDOK)", () => {
    let pdok: Awaited<ReturnType<typeof pdokServer>>;
    beforeAll(async () => {
      pdok = await pdokServer({
        "2611AB": { lon: 4.3571, lat: 52.0116, naam: "2611AB, Delft" },
        "9711AA": { lon: 6.5665, lat: 53.2194, naam: "9711AA, Groningen" },
        Leiden: { lon: 4.4937, lat: 52.1601, naam: "Leiden, Leiden, Zuid-Holland" },
      });
    });
    afterAll(() => pdok.close());

    it("finds a postcode and a place the reference does not hold; falls back to the municipality when it fails", async () => {
      pdok.zet("goed");
      const { browser } = await opzet({ geocoder: pdokGeocoder(pdok.url, { timeoutMs: 300 }) });
      const html = await pagina(browser, "/zoeken?zorgvorm=gezinshuis&nabij=2611%20AB");
      expect(tekst(html)).toContain("Afstand gemeten vanaf postcode 2611 AB.");
      expect(tekst(html)).not.toContain("ligt in Delft");
      expect(tabel(html).rijen[0]?.cellen[2]).toBe(km(52.0116, 4.3571, 52.0705, 4.3007));
      expect(pdok.vragen.at(-1)?.searchParams.get("fq")).toBe("type:postcode");

      const groningen = await pagina(browser, "/zoeken?zorgvorm=gezinshuis&nabij=9711AA");
      expect(tekst(groningen)).toContain("Afstand gemeten vanaf postcode 9711 AA.");
      const leiden = await pagina(browser, "/zoeken?zorgvorm=gezinshuis&nabij=Leiden");
      expect(tekst(leiden)).toContain("Afstand gemeten vanaf Leiden, Leiden, Zuid-Holland.");
      expect(pdok.vragen.at(-1)?.searchParams.get("fq")).toBe("type:woonplaats");

      pdok.zet("kapot");
      const terug = await pagina(browser, "/zoeken?zorgvorm=gezinshuis&nabij=2611%20AB");
      expect(tekst(terug)).toContain(
        "Postcode 2611 AB ligt in Delft. De afstand is gemeten vanaf het midden van Delft, want de postcodezoeker gaf nu geen antwoord.",
      );
      pdok.zet("traag");
      const traag = await pagina(browser, "/zoeken?zorgvorm=gezinshuis&nabij=9711AA", 400);
      expect(fout(traag)).toBe(
        "De postcodezoeker is nu niet bereikbaar, en postcode 9711 AA kent het register zelf niet. Vul de plaats of gemeente in, zoals Delft of Naaldwijk.",
      );
    });
  });
});

describe("Results as a table to compare, and a way forward when there are none", () => {
  it("shows one row per offer with place, distance, free places, both waits, intake, freshness and contract", async () => {
    const { browser, linde1, kompas1 } = await opzet();
    const html = await pagina(browser, "/zoeken?zorgvorm=gezinshuis&gemeente=GM0518&ookNietGecontracteerd=true&nabij=Den%20Haag");
    const { koppen, rijen } = tabel(html);
    expect(koppen).toEqual([
      "Aanbod",
      "Plaats",
      "Afstand",
      "Vrije plekken",
      "Aanmeldwachttijd",
      "Behandelwachttijd",
      "Intake",
      "Bevestigd",
      "Contract",
      "Aanmelden",
    ]);
    expect(rijen).toEqual([
      {
        id: linde1.id,
        cellen: [
          "Gezinshuis De Linde Stichting De Linde",
          "Den Haag",
          "0 km",
          "1",
          "2 weken",
          "4 weken",
          "Open",
          "vandaag",
          "Gecontracteerd",
          "Aanmelden",
        ],
      },
      {
        id: kompas1.id,
        cellen: [
          "Gezinshuis Kompas Kompas Zorggroep",
          "Zoetermeer",
          km(52.0705, 4.3007, 52.0575, 4.4931),
          "0",
          "onbekend",
          "onbekend",
          "Na intake",
          "vandaag",
          "Niet gecontracteerd",
          "Aanmelden",
        ],
      },
    ]);
    // The cards stay, for a narrow screen; "na intake" is explained where it appears.
    expect(html).toContain('<div class="pw-resultaten-kaarten"><article class="pw-kaart"');
    expect(tekst(html)).toContain("Na intake: de aanbieder kan pas na een intakegesprek");
  });

  it("offers to widen the search and says how to reach the region's zorgmakelaar", async () => {
    const { browser } = await opzet();
    const html = await pagina(
      browser,
      "/zoeken?zorgvorm=gezinshuis&gemeente=GM0637&nabij=Delft&straal=5&maxWachttijd=3&alleenVrij=true",
    );
    expect(html).toContain(">Geen resultaten</h2>");
    const links = [
      ...html.matchAll(
        /<li class="utrecht-unordered-list__item"><a class="utrecht-link utrecht-link--html-a" href="([^"]+)">([^<]+)<\/a>/g,
      ),
    ].map((m) => [m[1]?.replace(/&amp;/g, "&"), m[2]]);
    expect(links).toEqual([
      [
        "/zoeken?zorgvorm=gezinshuis&gemeente=GM0637&nabij=Delft&straal=5&maxWachttijd=3&alleenVrij=true&ookNietGecontracteerd=true",
        "Zoek ook aanbod dat Zoetermeer niet heeft gecontracteerd",
      ],
      [
        "/zoeken?zorgvorm=gezinshuis&gemeente=GM0637&nabij=Delft&straal=15&maxWachttijd=3&alleenVrij=true",
        "Zoek binnen 15 km in plaats van 5 km",
      ],
      [
        "/zoeken?zorgvorm=gezinshuis&gemeente=GM0637&nabij=Delft&straal=5&alleenVrij=true",
        "Zoek zonder maximale wachttijd (nu 3 weken)",
      ],
      [
        "/zoeken?zorgvorm=gezinshuis&gemeente=GM0637&nabij=Delft&straal=5&maxWachttijd=3",
        "Zoek ook aanbod zonder vrije plek of met een wachtlijst",
      ],
      [
        "/zoeken?zorgvorm=gezinshuis&gemeente=GM0637&nabij=Delft&straal=5&maxWachttijd=3&alleenVrij=true&inclusiefVerouderd=true",
        "Zoek ook aanbod dat 14 dagen of langer niet is bevestigd",
      ],
    ]);
    expect(tekst(html)).toContain(
      "Registreer de jeugdige als casus ( Nieuwe casus ): de casus staat dan op de wachtlijst van de regio, waar de zorgmakelaar van regio Haaglanden hem ziet en meezoekt",
    );
    expect(html).toContain('href="/mijn-casussen/nieuw"');
  });
});

describe("The offer page: contract, how to refer, na intake", () => {
  it("says whether the offer is contracted for the municipality of the search, or of one chosen on the page", async () => {
    const { browser, linde1 } = await opzet();
    const vanZoeken = await pagina(browser, `/zoeken/aanbod/${linde1.id}?terug=zorgvorm%3Dgezinshuis%26gemeente%3DGM0518`);
    expect(tekst(vanZoeken)).toContain(
      "Contract Gecontracteerd Den Haag heeft dit aanbod vandaag gecontracteerd (zelf of via de regio).",
    );
    expect(vanZoeken).toContain('<option value="GM0518" selected="">Den Haag</option>');
    expect(vanZoeken).toContain('<input type="hidden" name="terug" value="zorgvorm=gezinshuis&amp;gemeente=GM0518"/>');

    const zoetermeer = await pagina(browser, `/zoeken/aanbod/${linde1.id}?gemeente=GM0637`);
    expect(tekst(zoetermeer)).toContain(
      "Niet gecontracteerd Zoetermeer heeft dit aanbod niet gecontracteerd. Verwijzen kan dan alleen als de gemeente er een maatwerkafspraak over maakt",
    );
    const zonder = await pagina(browser, `/zoeken/aanbod/${linde1.id}`);
    expect(tekst(zonder)).toContain(
      "Kies de woongemeente van de jeugdige: dan ziet u of die gemeente dit aanbod heeft gecontracteerd.",
    );
  });

  it("says how to refer: the standard form, the region's answer time, whom to ask about the intake; explains na intake", async () => {
    const { browser, linde1, kompas1 } = await opzet();
    const html = await pagina(browser, `/zoeken/aanbod/${linde1.id}?gemeente=GM0518`);
    const t = tekst(html);
    expect(t).toContain(
      "Zo meldt u aan Meld de jeugdige aan met het standaardaanmeldformulier in Plekwijzer: u kiest de casus en beschrijft de hulpvraag; een eigen formulier van de aanbieder is niet nodig. Stichting De Linde antwoordt binnen 5 werkdagen (de termijn van de regio van Den Haag)",
    );
    expect(t).toContain("Vragen over de intake of de aanmelding: 070 123 4567 · info@delinde.example");
    expect(html).toContain(`href="/aanmelden?aanbod=${linde1.id}"`);

    const naIntake = tekst(await pagina(browser, `/zoeken/aanbod/${kompas1.id}`));
    expect(naIntake).toContain("Intake Na intake");
    expect(naIntake).toContain(
      "Na intake: de aanbieder kan pas na een intakegesprek met de jeugdige en de ouders zeggen of en wanneer er een plek is.",
    );
    expect(naIntake).toContain("Van Kompas Zorggroep zijn geen contactgegevens bekend.");
  });
});

describe("Care types in one label style on every page", () => {
  const zorgvormOpties = (html: string, id: string) => {
    const select = new RegExp(`<select[^>]*id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? "";
    return [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => tekst(m[2] ?? ""));
  };
  it("shows names without codes, grouped by kind, on search, cases, waiting list, matching and contracts", async () => {
    const { r } = await opzet();
    const verwijzer = await inloggenAls(r, "verwijzer");
    const makelaar = await inloggenAls(r, "zorgmakelaar");
    const beheerder = await inloggenAls(r, "beheerder");
    const paginas: [Browser, string, string][] = [
      [verwijzer, "/zoeken", "zorgvorm"],
      [verwijzer, "/mijn-casussen/nieuw", "zorgvorm"],
      [makelaar, "/wachtlijst?regio=haaglanden", "zorgvorm"],
      [makelaar, "/matching?regio=haaglanden", "run-zorgvorm"],
      [beheerder, "/beheer/contracten", "nieuw-zorgvorm"],
    ];
    for (const [wie, pad, id] of paginas) {
      const html = await pagina(wie, pad);
      const opties = zorgvormOpties(html, id).slice(1);
      expect(opties.length, pad).toBeGreaterThan(10);
      // One style: "Jeugdhulp verblijf (incl. behandeling) (alle vormen)", forms indented by name beneath it.
      expect(opties, pad).toContain("Jeugdhulp verblijf (incl. behandeling) (alle vormen)");
      expect(opties, pad).toContain("Gezinshuis");
      expect(
        opties.filter((o) => /^\d|—|›|\(onder /.test(o)),
        pad,
      ).toEqual([]);
      expect(html, pad).toContain('<optgroup label="Wonen en verblijf">');
    }
  });

  it("names care types in a case's correction history, not their codes", async () => {
    const { r } = await opzet();
    const casus = await maakCasus(r, { zorgvorm: "gezinshuis" });
    await json(await r.als("zorgmakelaar")("PATCH", `/v1/casussen/${casus.id}`, { zorgvorm: "pleegzorg" }), 200);
    const html = await pagina(await inloggenAls(r, "zorgmakelaar"), `/wachtlijst/casus/${casus.id}`);
    expect(tekst(html)).toContain("zorgvorm: Gezinshuis zorgvorm: Pleegzorg");
    expect(tekst(html)).not.toContain("zorgvorm: pleegzorg");
  });
});
