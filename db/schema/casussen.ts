import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  AANMELDING_AFWIJSREDENEN,
  AANMELDING_STATUSSEN,
  CASUS_HISTORIE_SOORTEN,
  CASUS_STATUSSEN,
  ESCALATIE_STAPPEN,
  RESERVERING_STATUSSEN,
  URGENTIES,
  VOORSTEL_STATUSSEN,
} from "../../src/kern/vocabulary.ts";
import type { Maatregel } from "../../src/priority/norm.ts";
import { aanbieders } from "./aanbieders.ts";
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
    /** The measures of the case: type, court ruling and start date (JSON, see src/priority/norm.ts). */
    maatregelen: text("maatregelen", { mode: "json" }).$type<Maatregel[]>().notNull().default([]),
    /** The day help started (for residential care the placement): the norm clock stops here. */
    startdatum: text("startdatum"),
    /** The day the case was stopped; with `ouders-kiezen-wachten` it keeps counting as waiting. */
    gestoptOp: text("gestopt_op"),
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
    /** The set's choices: measures under the norm, order within a group, the date age counts on. */
    opties: text("opties", { mode: "json" }).$type<RegelsetOpties>(),
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

export interface RegelsetOpties {
  normMaatregelen?: string[];
  volgorde?: string;
  leeftijdOp?: string;
}

/** Per region: how long a provider has to answer an aanmelding, and the longest acceptable wait without a measure. */
export const regioInstellingen = sqliteTable("regio_instellingen", {
  regio: text("regio")
    .primaryKey()
    .references(() => regios.code),
  antwoordtermijnWerkdagen: integer("antwoordtermijn_werkdagen").notNull().default(5),
  maxWachttijdWeken: integer("max_wachttijd_weken").notNull().default(14),
  /** The region publishes its aggregate, anonymous overview (GET /v1/open/overzicht, /open). */
  publiekOverzicht: integer("publiek_overzicht", { mode: "boolean" }).notNull().default(false),
  gewijzigdOp: text("gewijzigd_op").notNull(),
});

/** The kinds of help asked on the standard referral form, kept as data. */
export const hulpvraagcategorieen = sqliteTable("hulpvraagcategorieen", {
  code: text("code").primaryKey(),
  naam: text("naam").notNull(),
  volgorde: integer("volgorde").notNull(),
});

/**
 * A referral of a case to one offer: the standard referral form as structured, pseudonymous
 * fields (no name, no BSN, no documents), answered by the provider. At most one in play
 * (verzonden, geaccepteerd) per case and offer.
 */
export const aanmeldingen = sqliteTable(
  "aanmeldingen",
  {
    id: text("id").primaryKey(),
    casusId: text("casus_id")
      .notNull()
      .references(() => casussen.id),
    /** No foreign key, as for holds: the referral's record outlives a deleted offer. */
    aanbodId: text("aanbod_id").notNull(),
    aanbiederId: text("aanbieder_id")
      .notNull()
      .references(() => aanbieders.id),
    /** The organisation that sent it. */
    organisatie: text("organisatie").notNull(),
    status: text("status", { enum: AANMELDING_STATUSSEN }).notNull().default("verzonden"),
    zorgvorm: text("zorgvorm")
      .notNull()
      .references(() => zorgvormen.code),
    hulpvraagCategorieen: text("hulpvraag_categorieen", { mode: "json" }).$type<string[]>().notNull().default([]),
    gewensteStartdatum: text("gewenste_startdatum"),
    maatregelen: text("maatregelen", { mode: "json" }).$type<Maatregel[]>().notNull().default([]),
    urgentie: text("urgentie", { enum: URGENTIES }).notNull(),
    contactpersoon: text("contactpersoon", { mode: "json" })
      .$type<{ naam: string; telefoon: string | null; email: string | null }>()
      .notNull(),
    toelichting: text("toelichting"),
    /** The hold taken with it, when the referrer asked for the place and one was free. */
    reserveringId: text("reservering_id").references(() => reserveringen.id),
    voorstelId: text("voorstel_id").references(() => matchvoorstellen.id),
    /** No place was free (or asked for): the referral is on the provider's waiting list. */
    opWachtlijst: integer("op_wachtlijst", { mode: "boolean" }).notNull().default(false),
    antwoordVoor: text("antwoord_voor").notNull(),
    /** Estimated at sending (today + both waiting times), set by the provider on acceptance. */
    verwachteStartdatum: text("verwachte_startdatum"),
    startdatum: text("startdatum"),
    afwijsreden: text("afwijsreden", { enum: AANMELDING_AFWIJSREDENEN }),
    /** Why it was declined (with `anders`) or withdrawn. */
    reden: text("reden"),
    /** The referrer confirmed this acceptance: the case's other referrals were withdrawn. */
    bevestigdOp: text("bevestigd_op"),
    verzondenOp: text("verzonden_op").notNull(),
    gewijzigdOp: text("gewijzigd_op").notNull(),
    versie: integer("versie").notNull().default(1),
  },
  (t) => [
    uniqueIndex("aanmeldingen_actief_uq").on(t.casusId, t.aanbodId).where(sql`status IN ('verzonden', 'geaccepteerd')`),
    index("aanmeldingen_aanbieder_idx").on(t.aanbiederId, t.status),
    index("aanmeldingen_casus_idx").on(t.casusId, t.status),
    index("aanmeldingen_verloop_idx").on(t.status, t.antwoordVoor),
  ],
);

/** Every transition of an aanmelding: from → to, why, who, when. */
export const aanmeldingHistorie = sqliteTable(
  "aanmelding_historie",
  {
    id: text("id").primaryKey(),
    aanmeldingId: text("aanmelding_id")
      .notNull()
      .references(() => aanmeldingen.id),
    volgnummer: integer("volgnummer").notNull(),
    van: text("van", { enum: AANMELDING_STATUSSEN }),
    naar: text("naar", { enum: AANMELDING_STATUSSEN }).notNull(),
    reden: text("reden"),
    door: text("door").notNull(),
    op: text("op").notNull(),
  },
  (t) => [index("aanmelding_historie_idx").on(t.aanmeldingId, t.volgnummer)],
);

/** A step taken when nothing contracted is timely: A1, A2 (with the maatwerk provider) or B. */
export const escalaties = sqliteTable(
  "escalaties",
  {
    id: text("id").primaryKey(),
    casusId: text("casus_id")
      .notNull()
      .references(() => casussen.id),
    stap: text("stap", { enum: ESCALATIE_STAPPEN }).notNull(),
    datum: text("datum").notNull(),
    uitkomst: text("uitkomst"),
    /** A2: the non-contracted provider and the municipality's decision date. */
    aanbiederId: text("aanbieder_id").references(() => aanbieders.id),
    besluitdatum: text("besluitdatum"),
    door: text("door").notNull(),
    op: text("op").notNull(),
  },
  (t) => [index("escalaties_casus_idx").on(t.casusId, t.datum)],
);
