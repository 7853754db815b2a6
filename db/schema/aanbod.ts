import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { HISTORIE_SOORTEN, INTAKE_STATUSSEN, type Wijziging } from "../../src/kern/vocabulary.ts";
import { aanbieders, locaties } from "./aanbieders.ts";
import { zorgvormen } from "./catalogus.ts";

/**
 * One care type at one location (HSDS service_at_location + service_capacity).
 * `capaciteit` (maximum) and `vrijePlekken` (available) stay separate: an empty bed is not
 * always an available one. `gewijzigdOp` moves when a value changes, `bevestigdOp` when a
 * person confirms the figures; staleness is judged on `bevestigdOp` only.
 */
export const aanbod = sqliteTable(
  "aanbod",
  {
    id: text("id").primaryKey(),
    aanbiederId: text("aanbieder_id")
      .notNull()
      .references(() => aanbieders.id),
    locatieId: text("locatie_id")
      .notNull()
      .references(() => locaties.id),
    zorgvorm: text("zorgvorm")
      .notNull()
      .references(() => zorgvormen.code),
    naam: text("naam").notNull(),
    omschrijving: text("omschrijving"),
    /** How to refer: the steps of the intake, in the provider's words. */
    intakeProcedure: text("intake_procedure"),
    /** Whom a referrer contacts for an intake (name, phone, e-mail). */
    intakeContact: text("intake_contact"),
    leeftijdVan: integer("leeftijd_van").notNull(),
    leeftijdTot: integer("leeftijd_tot").notNull(),
    capaciteit: integer("capaciteit").notNull(),
    vrijePlekken: integer("vrije_plekken").notNull(),
    aanmeldwachttijdWeken: integer("aanmeldwachttijd_weken"),
    behandelwachttijdWeken: integer("behandelwachttijd_weken"),
    intakeStatus: text("intake_status", { enum: INTAKE_STATUSSEN }).notNull(),
    overbrugging: integer("overbrugging", { mode: "boolean" }).notNull().default(false),
    versie: integer("versie").notNull().default(1),
    aangemaaktOp: text("aangemaakt_op").notNull(),
    gewijzigdOp: text("gewijzigd_op").notNull(),
    bevestigdOp: text("bevestigd_op"),
  },
  (t) => [
    index("aanbod_aanbieder_idx").on(t.aanbiederId),
    index("aanbod_locatie_idx").on(t.locatieId),
    index("aanbod_zorgvorm_idx").on(t.zorgvorm),
    check("aanbod_vrije_plekken_ck", sql`${t.vrijePlekken} >= 0 AND ${t.vrijePlekken} <= ${t.capaciteit}`),
    check("aanbod_leeftijd_ck", sql`${t.leeftijdVan} >= 0 AND ${t.leeftijdVan} <= ${t.leeftijdTot} AND ${t.leeftijdTot} <= 23`),
  ],
);

/**
 * Every change and every confirmation of an offer. No foreign key to `aanbod`: the history
 * of a deleted offer is kept.
 */
export const aanbodHistorie = sqliteTable(
  "aanbod_historie",
  {
    id: text("id").primaryKey(),
    aanbodId: text("aanbod_id").notNull(),
    soort: text("soort", { enum: HISTORIE_SOORTEN }).notNull(),
    /** JSON array of { veld, oud, nieuw }; empty for a confirmation. */
    wijzigingen: text("wijzigingen", { mode: "json" }).$type<Wijziging[]>().notNull(),
    door: text("door").notNull(),
    /** The person who did it (a web session); their name is shown to those who may see it. */
    gebruikerId: text("gebruiker_id"),
    op: text("op").notNull(),
    /** Insertion order within one timestamp. */
    volgnummer: integer("volgnummer").notNull(),
  },
  (t) => [index("aanbod_historie_aanbod_idx").on(t.aanbodId, t.volgnummer)],
);
