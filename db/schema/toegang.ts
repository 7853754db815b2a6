import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ORGANISATIE_TYPES, ROLLEN } from "../../src/kern/vocabulary.ts";
import { aanbieders } from "./aanbieders.ts";

/** A party that uses the register: a provider, a GI, a municipality or a region's serviceteam. */
export const organisaties = sqliteTable(
  "organisaties",
  {
    id: text("id").primaryKey(),
    naam: text("naam").notNull(),
    type: text("type", { enum: ORGANISATIE_TYPES }).notNull(),
    /** Only for type `aanbieder`: the provider whose offers it maintains. */
    aanbiederId: text("aanbieder_id").references(() => aanbieders.id),
    /** JSON array of region codes: whose waiting list a zorgmakelaar keeps. */
    regios: text("regios").notNull().default("[]"),
    aangemaaktOp: text("aangemaakt_op").notNull(),
  },
  (t) => [uniqueIndex("organisaties_naam_idx").on(t.naam)],
);

/** API tokens. Only a SHA-256 of the token is kept; the token itself is shown once. */
export const tokens = sqliteTable(
  "tokens",
  {
    id: text("id").primaryKey(),
    organisatieId: text("organisatie_id")
      .notNull()
      .references(() => organisaties.id),
    rol: text("rol", { enum: ROLLEN }).notNull(),
    omschrijving: text("omschrijving"),
    hash: text("hash").notNull(),
    verlooptOp: text("verloopt_op").notNull(),
    ingetrokkenOp: text("ingetrokken_op"),
    laatstGebruiktOp: text("laatst_gebruikt_op"),
    aangemaaktOp: text("aangemaakt_op").notNull(),
    aangemaaktDoor: text("aangemaakt_door").notNull(),
  },
  (t) => [uniqueIndex("tokens_hash_idx").on(t.hash), index("tokens_organisatie_idx").on(t.organisatieId)],
);

/**
 * The one-time view of a new token on the web pages (POST, redirect, GET): the token encrypted
 * with a key derived from the creating session's cookie (which the register never stores), so
 * this row alone reveals nothing. The first view wipes it; a reload finds nothing to show.
 */
export const tokenWeergaven = sqliteTable("token_weergaven", {
  id: text("id").primaryKey(),
  tokenId: text("token_id")
    .notNull()
    .references(() => tokens.id),
  gebruikerId: text("gebruiker_id").notNull(),
  versleuteld: text("versleuteld"),
  verlooptOp: text("verloopt_op").notNull(),
  getoondOp: text("getoond_op"),
});

/**
 * Who touched which case data, when, on whose behalf (NEN 7513). Append-only: triggers refuse
 * UPDATE and DELETE, and no route writes to it except by appending.
 */
export const toegangslog = sqliteTable(
  "toegangslog",
  {
    volgnummer: integer("volgnummer").primaryKey({ autoIncrement: true }),
    op: text("op").notNull(),
    /** Token id, the person's id for a web session, or `anoniem` when no valid credential came with the request. */
    actor: text("actor").notNull(),
    rol: text("rol", { enum: ROLLEN }),
    organisatieId: text("organisatie_id"),
    actie: text("actie").notNull(),
    route: text("route").notNull(),
    /** The HTTP status the request was answered with. */
    resultaat: integer("resultaat").notNull(),
    /** Made by the server; the id a client sent, if any, is kept apart in `clientRequestId`. */
    requestId: text("request_id").notNull(),
    clientRequestId: text("client_request_id"),
    clientadres: text("clientadres"),
    /** A grant (actie `toekenning`): the organisation a credential for case data was issued to, and its role. */
    toegekendAan: text("toegekend_aan"),
    toegekendeRol: text("toegekende_rol", { enum: ROLLEN }),
    /** The signed-in person (a web session); null for a token (a koppeling) and for anonymous attempts. */
    gebruikerId: text("gebruiker_id"),
  },
  (t) => [
    index("toegangslog_op_idx").on(t.op),
    index("toegangslog_actor_idx").on(t.actor, t.op),
    index("toegangslog_toegekend_idx").on(t.toegekendAan),
    index("toegangslog_gebruiker_idx").on(t.gebruikerId, t.op),
  ],
);

/** The cases one access-log row touched; a table of its own so the log can be searched by case. */
export const toegangslogCasussen = sqliteTable(
  "toegangslog_casussen",
  {
    volgnummer: integer("volgnummer")
      .notNull()
      .references(() => toegangslog.volgnummer),
    casusId: text("casus_id").notNull(),
  },
  (t) => [index("toegangslog_casussen_casus_idx").on(t.casusId, t.volgnummer)],
);

/**
 * Rate-limit counters shared by every process or isolate that serves the register (Workers:
 * counters in one isolate's memory are not enough). One fixed window per key, started at its
 * first hit; a timer deletes windows that have ended.
 */
export const limietTellers = sqliteTable("limiet_tellers", {
  sleutel: text("sleutel").primaryKey(),
  /** Start of the current window, in milliseconds since the epoch. */
  vensterStart: integer("venster_start").notNull(),
  aantal: integer("aantal").notNull(),
});
