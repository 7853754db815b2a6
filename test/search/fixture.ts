import { json, maakAanbieder, maakAanbod, maakLocatie, type Row } from "../factories.ts";
import type { Register } from "../helpers.ts";

/**
 * A small, hand-made register where every search answer is known in advance:
 * - P1 De Linde: contract with Den Haag (gemeente) for gezinshuis only;
 * - P2 Horizon Café: contract with region Haaglanden for category 45 (and all forms beneath);
 * - P3 Kompas: no contract; P4 Oud: a contract with Den Haag that has expired.
 */
export async function buildFixture(r: Register) {
  const start = r.clock.now().toISOString();
  const p1 = await maakAanbieder(r, { naam: "Stichting De Linde", telefoon: "070 123 4567", email: "info@delinde.example" });
  const p2 = await maakAanbieder(r, { naam: "Horizon Café Jeugdhulp" });
  const p3 = await maakAanbieder(r, { naam: "Kompas Zorggroep" });
  const p4 = await maakAanbieder(r, { naam: "Oud Aanbod" });

  const denHaag = await maakLocatie(r, p1.id, {
    naam: "Linde Centrum",
    plaats: "Den Haag",
    gemeente: "GM0518",
    lat: 52.0705,
    lon: 4.3007,
  });
  const delft = await maakLocatie(r, p2.id, {
    naam: "Horizon Delft",
    plaats: "Delft",
    gemeente: "GM0503",
    postcode: "2611 AA",
    lat: 52.0115,
    lon: 4.3571,
  });
  const westland = await maakLocatie(r, p2.id, {
    naam: "Horizon Westland",
    plaats: "Naaldwijk",
    gemeente: "GM1783",
    postcode: "2671 AA",
  });
  const zoetermeer = await maakLocatie(r, p3.id, {
    naam: "Kompas Zoetermeer",
    plaats: "Zoetermeer",
    gemeente: "GM0637",
    postcode: "2711 AA",
    lat: 52.0575,
    lon: 4.4931,
  });
  const oud = await maakLocatie(r, p4.id, {
    naam: "Oud Haagse Hout",
    plaats: "Den Haag",
    gemeente: "GM0518",
    lat: 52.08,
    lon: 4.31,
  });

  const contract = async (body: Record<string, unknown>) => json(await r.request("POST", "/v1/contracten", body), 201);
  await contract({ aanbiederId: p1.id, zorgvorm: "gezinshuis", gemeente: "GM0518", geldigVanaf: "2026-01-01" });
  await contract({ aanbiederId: p2.id, zorgvorm: "45", regio: "haaglanden", geldigVanaf: "2025-01-01", geldigTot: "2027-12-31" });
  await contract({
    aanbiederId: p4.id,
    zorgvorm: "gezinshuis",
    gemeente: "GM0518",
    geldigVanaf: "2024-01-01",
    geldigTot: "2026-01-01",
  });
  await contract({ aanbiederId: p3.id, zorgvorm: "gezinshuis", gemeente: "GM0518", geldigVanaf: "2027-01-01" });

  const offer = (locatieId: string, body: Record<string, unknown>) => maakAanbod(r, locatieId, body);
  // Created 20 and 10 days ago: strongly stale and stale.
  r.clock.advanceDays(-20);
  const o8 = await offer(denHaag.id, {
    zorgvorm: "gezinshuis",
    naam: "Gezinshuis De Linde Oost",
    omschrijving: "Warm gezin",
    leeftijdVan: 0,
    leeftijdTot: 18,
    capaciteit: 2,
    vrijePlekken: 1,
    aanmeldwachttijdWeken: 0,
    behandelwachttijdWeken: 0,
    intakeStatus: "open",
  });
  r.clock.advanceDays(10);
  const o9 = await offer(delft.id, {
    zorgvorm: "ambulante-jggz",
    naam: "Jeugd-ggz Delft",
    omschrijving: "Ambulante behandeling",
    leeftijdVan: 12,
    leeftijdTot: 23,
    capaciteit: 20,
    vrijePlekken: 0,
    aanmeldwachttijdWeken: 2,
    behandelwachttijdWeken: 6,
    intakeStatus: "wachtlijst",
  });
  r.clock.set(start);
  const o1 = await offer(denHaag.id, {
    zorgvorm: "gezinshuis",
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
  const o2 = await offer(denHaag.id, {
    zorgvorm: "kleinschalige-woonvoorziening",
    naam: "Woongroep De Linde",
    omschrijving: "Wonen met behandeling",
    leeftijdVan: 12,
    leeftijdTot: 18,
    capaciteit: 8,
    vrijePlekken: 0,
    aanmeldwachttijdWeken: 8,
    behandelwachttijdWeken: 10,
    intakeStatus: "wachtlijst",
  });
  const o3 = await offer(delft.id, {
    zorgvorm: "gezinsbehandeling",
    naam: "Gezinsbehandeling Horizon",
    omschrijving: "Behandeling thuis in het gezin",
    leeftijdVan: 0,
    leeftijdTot: 18,
    capaciteit: 40,
    vrijePlekken: 5,
    aanmeldwachttijdWeken: 1,
    behandelwachttijdWeken: 2,
    intakeStatus: "open",
  });
  const o4 = await offer(westland.id, {
    zorgvorm: "opvoedondersteuning",
    naam: "Opvoedsteun Westland",
    omschrijving: "Steun bij opvoeden",
    leeftijdVan: 0,
    leeftijdTot: 12,
    capaciteit: 30,
    vrijePlekken: 2,
    aanmeldwachttijdWeken: 3,
    behandelwachttijdWeken: 0,
    intakeStatus: "open",
  });
  const o5 = await offer(zoetermeer.id, {
    zorgvorm: "gezinshuis",
    naam: "Gezinshuis Kompas",
    omschrijving: "Kleinschalig en dichtbij",
    leeftijdVan: 0,
    leeftijdTot: 18,
    capaciteit: 2,
    vrijePlekken: 2,
    aanmeldwachttijdWeken: 0,
    behandelwachttijdWeken: 1,
    intakeStatus: "open",
  });
  const o6 = await offer(oud.id, {
    zorgvorm: "gezinshuis",
    naam: "Gezinshuis Haagse Hout",
    omschrijving: "Rustig gelegen",
    leeftijdVan: 6,
    leeftijdTot: 14,
    capaciteit: 4,
    vrijePlekken: 1,
    aanmeldwachttijdWeken: 1,
    behandelwachttijdWeken: 1,
    intakeStatus: "open",
  });
  const o7 = await offer(zoetermeer.id, {
    zorgvorm: "46",
    naam: "Crisisopvang Kompas",
    omschrijving: "Direct plaatsen bij crisis",
    leeftijdVan: 0,
    leeftijdTot: 18,
    capaciteit: 5,
    vrijePlekken: 1,
    aanmeldwachttijdWeken: null,
    behandelwachttijdWeken: null,
    intakeStatus: "open",
  });
  await r.sync();
  const o = { o1, o2, o3, o4, o5, o6, o7, o8, o9 } satisfies Record<string, Row>;
  /** Offer ids by name, and the reverse for readable failures. */
  const name = new Map(Object.entries(o).map(([k, v]) => [v.id, k]));
  return { o, p: { p1, p2, p3, p4 }, names: (ids: string[]) => ids.map((id) => name.get(id) ?? id) };
}
export type Fixture = Awaited<ReturnType<typeof buildFixture>>;
