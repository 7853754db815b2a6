import { type SQL, sql } from "drizzle-orm";
import type { aanbod } from "../db/schema/index.ts";

/**
 * What a search answer shows of one offer: the offer as stored (with the places held on it
 * through the register), its provider's contact details, its location and its coordinates.
 * An engine that carries this in its hits spares the service a hydration query.
 */
export interface ZoekDocument {
  /** The intake procedure and contact are the offer page's, not the index's (read the offer itself). */
  aanbod: Omit<typeof aanbod.$inferSelect, "intakeProcedure" | "intakeContact"> & { vastgehouden: number };
  aanbieder: { id: string; naam: string; telefoon: string | null; email: string | null; website: string | null };
  locatie: { naam: string; plaats: string; gemeente: string };
  lat: number | null;
  lon: number | null;
}

/** One row of `documentRows`, as SQLite answers it. */
export interface DocumentRij {
  id: string;
  aanbieder_id: string;
  locatie_id: string;
  zorgvorm: string;
  naam: string;
  omschrijving: string | null;
  leeftijd_van: number;
  leeftijd_tot: number;
  capaciteit: number;
  vrije_plekken: number;
  aanmeldwachttijd_weken: number | null;
  behandelwachttijd_weken: number | null;
  intake_status: string;
  overbrugging: number;
  versie: number;
  aangemaakt_op: string;
  gewijzigd_op: string;
  bevestigd_op: string | null;
  vastgehouden: number;
  aanbieder_naam: string;
  telefoon: string | null;
  email: string | null;
  website: string | null;
  locatie_naam: string;
  plaats: string;
  gemeente: string;
  lat: number | null;
  lon: number | null;
}

/**
 * The documents of the offers whose ids `ids` (a JSON array parameter) names. `vastgehouden`
 * counts the active holds that have not ended at `nu`; without `nu` every active hold (an
 * external index refreshes a document when a hold is finalised, not when its time is up).
 */
export function documentRows(ids: unknown, nu?: unknown): SQL {
  const nog = nu === undefined ? sql`` : sql` AND +r.verloopt_op > ${nu}`;
  return sql`SELECT a.id, a.aanbieder_id, a.locatie_id, a.zorgvorm, a.naam, a.omschrijving, a.leeftijd_van, a.leeftijd_tot,
      a.capaciteit, a.vrije_plekken, a.aanmeldwachttijd_weken, a.behandelwachttijd_weken, a.intake_status, a.overbrugging,
      a.versie, a.aangemaakt_op, a.gewijzigd_op, a.bevestigd_op,
      (SELECT count(*) FROM reserveringen r WHERE r.aanbod_id = a.id AND +r.status = 'actief'${nog}) AS vastgehouden,
      p.naam AS aanbieder_naam, p.telefoon, p.email, p.website, l.naam AS locatie_naam, l.plaats, l.gemeente,
      COALESCE(l.lat, g.lat) AS lat, COALESCE(l.lon, g.lon) AS lon
    FROM aanbod a
    JOIN aanbieders p ON p.id = a.aanbieder_id
    JOIN locaties l ON l.id = a.locatie_id
    LEFT JOIN gemeenten g ON g.code = l.gemeente
    WHERE a.id IN (SELECT value FROM json_each(${ids}))`;
}

export function toZoekDocument(r: DocumentRij): ZoekDocument {
  return {
    aanbod: {
      id: r.id,
      aanbiederId: r.aanbieder_id,
      locatieId: r.locatie_id,
      zorgvorm: r.zorgvorm,
      naam: r.naam,
      omschrijving: r.omschrijving,
      leeftijdVan: r.leeftijd_van,
      leeftijdTot: r.leeftijd_tot,
      capaciteit: r.capaciteit,
      vrijePlekken: r.vrije_plekken,
      aanmeldwachttijdWeken: r.aanmeldwachttijd_weken,
      behandelwachttijdWeken: r.behandelwachttijd_weken,
      intakeStatus: r.intake_status as ZoekDocument["aanbod"]["intakeStatus"],
      overbrugging: r.overbrugging === 1,
      versie: r.versie,
      aangemaaktOp: r.aangemaakt_op,
      gewijzigdOp: r.gewijzigd_op,
      bevestigdOp: r.bevestigd_op,
      vastgehouden: Number(r.vastgehouden),
    },
    aanbieder: { id: r.aanbieder_id, naam: r.aanbieder_naam, telefoon: r.telefoon, email: r.email, website: r.website },
    locatie: { naam: r.locatie_naam, plaats: r.plaats, gemeente: r.gemeente },
    lat: r.lat,
    lon: r.lon,
  };
}
