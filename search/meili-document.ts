import type { ZoekDocument } from "./document.ts";
import { ONBEKENDE_WACHTTIJD } from "./meili-settings.ts";

/** One row of the search projection as the Meilisearch engine reads it (with `vastgehouden` counted). */
export interface ZoekRij {
  nr: number;
  id: string;
  aanbieder_id: string;
  locatie_id: string;
  zorgvorm: string;
  categorie: string;
  leeftijd_van: number;
  leeftijd_tot: number;
  vrije_plekken: number;
  vastgehouden: number;
  intake_status: string;
  totaal_wachttijd: number | null;
  bevestigd_op: string | null;
  gemeente: string;
  lat: number | null;
  lon: number | null;
  aanbieder_naam: string;
  naam: string;
  omschrijving: string | null;
  plaats: string;
}

/**
 * One search document, built from the same projection the SQLite engine searches, carrying
 * what an answer shows (`weergave`, only displayed), so that a search needs no query on SQLite.
 */
export function toDocument(r: ZoekRij, gecontracteerdVoor: readonly string[], weergave: ZoekDocument | undefined) {
  return {
    id: r.id,
    weergave,
    aanbiederId: r.aanbieder_id,
    locatieId: r.locatie_id,
    zorgvorm: r.zorgvorm,
    categorie: r.categorie,
    /** Municipalities with a valid contract for this offer today, directly or through their region. */
    gecontracteerdVoor,
    leeftijdVan: r.leeftijd_van,
    leeftijdTot: r.leeftijd_tot,
    /** Free places no hold through the register counts on (an expired hold counts until it is finalised). */
    vrijePlekken: Math.max(0, r.vrije_plekken - r.vastgehouden),
    intakeStatus: r.intake_status,
    totaalWachttijd: r.totaal_wachttijd ?? ONBEKENDE_WACHTTIJD,
    bevestigdOp: r.bevestigd_op ? Date.parse(r.bevestigd_op) : 0,
    gemeente: r.gemeente,
    ...(r.lat != null && r.lon != null ? { _geo: { lat: r.lat, lng: r.lon } } : {}),
    aanbiederNaam: r.aanbieder_naam,
    naam: r.naam,
    omschrijving: r.omschrijving ?? "",
    plaats: r.plaats,
  };
}
