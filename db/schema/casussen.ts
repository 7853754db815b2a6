import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  CASUS_HISTORIE_SOORTEN,
  CASUS_STATUSSEN,
  RESERVERING_STATUSSEN,
  URGENTIES,
  VOORSTEL_STATUSSEN,
} from "../../src/kern/vocabulary.ts";
import { zorgvormen } from "./catalogus.ts";
import { gemeenten, regios } from "./geografie.ts";

/**
 * A waiting youth, pseudonymous: a reference chosen by the referrer, never a name, BSN or
 * free-text diagnosis. `organisatie` is the registering organisation: it scopes the reference
 * and, with the municipality's region, who may see the case.
 */
export const casussen = sqliteTable(
  "casussen",
  {
    id: text("id").primaryKey(),
    organisatie: text("organisatie").notNull().default(""),
    referentie: text("referentie").notNull(),
    geboortedatum: text("geboortedatum").notNull(),
    woongemeente: text("woongemeente")
      .notNull()
      .references(() => gemeenten.code),
    zorgvorm: text("zorgvorm")
      .notNull()
      .references(() => zorgvormen.code),
    aanmelddatum: text("aanmelddatum").notNull(),
    urgentie: text("urgentie", { enum: URGENTIES }).notNull(),
    maatregelType: text("maatregel_type"),
    maatregelIngangsdatum: text("maatregel_ingangsdatum"),
    /** Bridging care in place: the form of care that bridges. */
    overbruggingZorgvorm: text("overbrugging_zorgvorm").references(() => zorgvormen.code),
    status: text("status", { enum: CASUS_STATUSSEN }).notNull().default("wachtend"),
    stopreden: text("stopreden"),
    handmatigeGroep: integer("handmatige_groep"),
    handmatigeReden: text("handmatige_reden"),
    versie: integer("versie").notNull().default(1),
    aangemaaktOp: text("aangemaakt_op").notNull(),
    gewijzigdOp: text("gewijzigd_op").notNull(),
  },
  (t) => [
    uniqueIndex("casussen_referentie_uq").on(t.organisatie, t.referentie),
    index("casussen_status_idx").on(t.status),
    index("casussen_woongemeente_idx").on(t.woongemeente),
  ],
);

/** Every transition and override of a case: what, from → to, why, who, when. */
export const casusHistorie = sqliteTable(
  "casus_historie",
  {
    id: text("id").primaryKey(),
    casusId: text("casus_id")
      .notNull()
      .references(() => casussen.id),
    volgnummer: integer("volgnummer").notNull(),
    soort: text("soort", { enum: CASUS_HISTORIE_SOORTEN }).notNull(),
    van: text("van"),
    naar: text("naar"),
    reden: text("reden"),
    door: text("door").notNull(),
    /** The person who did it (a web session); their name is shown to those who may see it. */
    gebruikerId: text("gebruiker_id"),
    op: text("op").notNull(),
  },
  (t) => [index("casus_historie_casus_idx").on(t.casusId, t.volgnummer)],
);

/** Versioned priority rule sets per region; the one in force on a date applies. */
export const prioriteringsregels = sqliteTable(
  "prioriteringsregels",
  {
    id: text("id").primaryKey(),
    regio: text("regio")
      .notNull()
      .references(() => regios.code),
    versie: integer("versie").notNull(),
    geldigVanaf: text("geldig_vanaf").notNull(),
    groepen: text("groepen", { mode: "json" }).notNull(),
    aangemaaktOp: text("aangemaakt_op").notNull(),
  },
  (t) => [uniqueIndex("prioriteringsregels_versie_uq").on(t.regio, t.versie)],
);

/** A proposed case ↔ offer pair from one matching run, with its explanation. */
export const matchvoorstellen = sqliteTable(
  "matchvoorstellen",
  {
    id: text("id").primaryKey(),
    run: text("run").notNull(),
    casusId: text("casus_id")
      .notNull()
      .references(() => casussen.id),
    aanbodId: text("aanbod_id").notNull(),
    score: integer("score").notNull(),
    uitleg: text("uitleg", { mode: "json" }).notNull(),
    status: text("status", { enum: VOORSTEL_STATUSSEN }).notNull().default("open"),
    afwijsreden: text("afwijsreden"),
    toelichting: text("toelichting"),
    verlooptOp: text("verloopt_op").notNull(),
    aangemaaktOp: text("aangemaakt_op").notNull(),
    gewijzigdOp: text("gewijzigd_op").notNull(),
  },
  (t) => [
    index("matchvoorstellen_casus_idx").on(t.casusId, t.status),
    index("matchvoorstellen_afgewezen_idx").on(t.casusId, t.aanbodId, t.status),
  ],
);

/** A hold on one free place for one case; it expires unless the child is placed. */
export const reserveringen = sqliteTable(
  "reserveringen",
  {
    id: text("id").primaryKey(),
    /** No foreign key: like the offer history, a hold's record outlives a deleted offer. */
    aanbodId: text("aanbod_id").notNull(),
    casusId: text("casus_id")
      .notNull()
      .references(() => casussen.id),
    voorstelId: text("voorstel_id").references(() => matchvoorstellen.id),
    status: text("status", { enum: RESERVERING_STATUSSEN }).notNull().default("actief"),
    verlooptOp: text("verloopt_op").notNull(),
    aangemaaktOp: text("aangemaakt_op").notNull(),
    gewijzigdOp: text("gewijzigd_op").notNull(),
  },
  (t) => [
    index("reserveringen_actief_idx").on(t.status, t.verlooptOp),
    index("reserveringen_aanbod_idx").on(t.aanbodId, t.status),
    index("reserveringen_casus_idx").on(t.casusId, t.status),
  ],
);
