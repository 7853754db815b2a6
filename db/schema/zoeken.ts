import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The search projection of `aanbod`: one row per offer with what search filters, sorts and
 * matches on, kept in step by triggers (migration 0001) in the same statement as every
 * change, so the embedded engine is never behind. `nr` is the FTS5 rowid.
 */
export const zoekAanbod = sqliteTable(
  "zoek_aanbod",
  {
    nr: integer("nr").primaryKey({ autoIncrement: true }),
    id: text("id").notNull().unique(),
    aanbiederId: text("aanbieder_id").notNull(),
    locatieId: text("locatie_id").notNull(),
    zorgvorm: text("zorgvorm").notNull(),
    categorie: text("categorie").notNull(),
    /** Unused since contracts are judged per row; kept because the view and triggers list it. */
    contractSleutel: text("contract_sleutel").notNull(),
    leeftijdVan: integer("leeftijd_van").notNull(),
    leeftijdTot: integer("leeftijd_tot").notNull(),
    vrijePlekken: integer("vrije_plekken").notNull(),
    /** Active holds through the register (status actief, expired or not yet finalised). */
    vastgehouden: integer("vastgehouden").notNull().default(0),
    /** The earliest end of those holds: before it, `vastgehouden` is exact without a count. */
    vastgehoudenTot: text("vastgehouden_tot"),
    intakeStatus: text("intake_status").notNull(),
    /** aanmeld- plus behandelwachttijd; null when either is unknown (crisis care). */
    totaalWachttijd: integer("totaal_wachttijd"),
    bevestigdOp: text("bevestigd_op"),
    gemeente: text("gemeente").notNull(),
    lat: real("lat"),
    lon: real("lon"),
    aanbiederNaam: text("aanbieder_naam").notNull(),
    naam: text("naam").notNull(),
    omschrijving: text("omschrijving"),
    plaats: text("plaats").notNull(),
  },
  (t) => [
    index("zoek_aanbod_zorgvorm_idx").on(t.zorgvorm),
    // The default order (wachttijd) and the vrijePlekken order, so a broad search reads only one page.
    index("zoek_aanbod_wacht_idx").on(sql`${t.totaalWachttijd} IS NULL`, t.totaalWachttijd, sql`${t.vrijePlekken} DESC`, t.id),
    index("zoek_aanbod_plekken_idx").on(sql`${t.vrijePlekken} DESC`, sql`${t.totaalWachttijd} IS NULL`, t.totaalWachttijd, t.id),
    index("zoek_aanbod_geo_idx").on(t.lat, t.lon),
    index("zoek_aanbod_aanbieder_idx").on(t.aanbiederId),
  ],
);

/**
 * Changes still to be sent to an external search engine (Meilisearch), in order. Written by
 * triggers while an external engine is switched on (`zoek_meta.outbox = 'aan'`).
 */
export const zoekOutbox = sqliteTable("zoek_outbox", {
  nr: integer("nr").primaryKey({ autoIncrement: true }),
  aanbodId: text("aanbod_id").notNull(),
  actie: text("actie", { enum: ["upsert", "delete"] }).notNull(),
});

/** Small key/value facts of the search layer: versions, the outbox switch. */
export const zoekMeta = sqliteTable("zoek_meta", {
  sleutel: text("sleutel").primaryKey(),
  waarde: text("waarde").notNull(),
});

/**
 * Every change that search in another form may need to follow, in commit order: written by
 * triggers (migration 0040) on the projection, on contracts, on the catalogue closure, on
 * municipalities and on providers' contact details (`sleutel`: the offer, the contract, the
 * care type, the municipality).
 * The in-memory engine of each process reads it from its own position on; the table keeps
 * the last 20,000 changes (`zoek_meta.wijzigingen-gewist-tot` says up to where it was trimmed).
 */
export const zoekWijzigingen = sqliteTable("zoek_wijzigingen", {
  nr: integer("nr").primaryKey({ autoIncrement: true }),
  soort: text("soort", { enum: ["aanbod", "contract", "catalogus", "gemeente"] }).notNull(),
  sleutel: text("sleutel").notNull(),
});
