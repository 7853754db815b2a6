import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { zorgvormen } from "./catalogus.ts";
import { gemeenten, regios } from "./geografie.ts";

export const URGENTIES = ["regulier", "spoed", "crisis"] as const;
export const CASUS_STATUSSEN = ["wachtend", "voorgesteld", "gereserveerd", "geplaatst", "gestopt"] as const;
export const STOPREDENEN = ["ouders-kiezen-wachten", "elders-geholpen", "verhuisd", "hulp-niet-meer-nodig", "anders"] as const;
export type CasusStatus = (typeof CASUS_STATUSSEN)[number];

/**
 * A waiting youth, pseudonymous: a reference chosen by the referrer, never a name, BSN or
 * free-text diagnosis. `organisatie` scopes the reference (access control comes later).
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
    soort: text("soort", { enum: ["aangemaakt", "status", "prioriteit"] }).notNull(),
    van: text("van"),
    naar: text("naar"),
    reden: text("reden"),
    door: text("door").notNull(),
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

export const VOORSTEL_STATUSSEN = ["open", "geaccepteerd", "afgewezen", "verlopen"] as const;
export const AFWIJSREDENEN = ["aanbieder-geen-plek", "past-niet", "ouders-kiezen-wachten", "anders"] as const;

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

export const RESERVERING_STATUSSEN = ["actief", "geplaatst", "verlopen", "ingetrokken"] as const;

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
  (t) => [index("reserveringen_actief_idx").on(t.status, t.verlooptOp), index("reserveringen_aanbod_idx").on(t.aanbodId)],
);
