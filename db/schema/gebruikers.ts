import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ACCOUNT_WIJZIGINGEN, GEBRUIKER_STATUSSEN, ROLLEN } from "../../src/kern/vocabulary.ts";
import { organisaties } from "./toegang.ts";

/**
 * People who sign in as themselves: one organisation, one role that fits it, a status. The
 * TOTP secret is kept to check codes; everything else a person proves is kept only as a hash.
 */
export const gebruikers = sqliteTable(
  "gebruikers",
  {
    id: text("id").primaryKey(),
    naam: text("naam").notNull(),
    /** Work e-mail address, lower case; unique over the register. */
    email: text("email").notNull(),
    organisatieId: text("organisatie_id")
      .notNull()
      .references(() => organisaties.id),
    rol: text("rol", { enum: ROLLEN }).notNull(),
    status: text("status", { enum: GEBRUIKER_STATUSSEN }).notNull(),
    /** Base32 TOTP secret (RFC 6238); null until the second factor is set up. */
    totpGeheim: text("totp_geheim"),
    /** The last time step a TOTP code was accepted for: a code is never accepted twice. */
    totpStap: integer("totp_stap"),
    totpSinds: text("totp_sinds"),
    /** Failed sign-in steps (a wrong code or TOTP) in the current window, and when it began. */
    misluktAantal: integer("mislukt_aantal").notNull().default(0),
    misluktVanaf: text("mislukt_vanaf"),
    /** Locked out of signing in until then, after too many failures. */
    vergrendeldTot: text("vergrendeld_tot"),
    aangemaaktOp: text("aangemaakt_op").notNull(),
    gewijzigdOp: text("gewijzigd_op").notNull(),
    geactiveerdOp: text("geactiveerd_op"),
    laatstIngelogdOp: text("laatst_ingelogd_op"),
  },
  (t) => [uniqueIndex("gebruikers_email_uq").on(t.email), index("gebruikers_organisatie_idx").on(t.organisatieId, t.naam)],
);

/**
 * One-time secrets sent by mail: an invitation link (72 h), a sign-in link and a sign-in code
 * (15 min). Only a SHA-256 is kept; using one is a conditional update, so it works once.
 */
export const eenmaligeCodes = sqliteTable(
  "eenmalige_codes",
  {
    hash: text("hash").primaryKey(),
    soort: text("soort", { enum: ["uitnodiging", "aanmeldlink", "aanmeldcode"] }).notNull(),
    gebruikerId: text("gebruiker_id")
      .notNull()
      .references(() => gebruikers.id),
    verlooptOp: text("verloopt_op").notNull(),
    gebruiktOp: text("gebruikt_op"),
    aangemaaktOp: text("aangemaakt_op").notNull(),
  },
  (t) => [index("eenmalige_codes_gebruiker_idx").on(t.gebruikerId, t.soort)],
);

/** Recovery codes for a lost authenticator: shown once, kept as SHA-256, each usable once. */
export const herstelcodes = sqliteTable(
  "herstelcodes",
  {
    hash: text("hash").primaryKey(),
    gebruikerId: text("gebruiker_id")
      .notNull()
      .references(() => gebruikers.id),
    gebruiktOp: text("gebruikt_op"),
    aangemaaktOp: text("aangemaakt_op").notNull(),
  },
  (t) => [index("herstelcodes_gebruiker_idx").on(t.gebruikerId)],
);

/**
 * A sign-in in progress in one browser (a cookie whose SHA-256 is the key): which step comes
 * next, the CSRF token of its forms, an enrolment secret not yet confirmed, or the state of a
 * round trip to the organisation's OpenID Connect provider.
 */
export const inlogpogingen = sqliteTable("inlogpogingen", {
  hash: text("hash").primaryKey(),
  /** Null for an address that belongs to nobody: the pages answer exactly the same. */
  gebruikerId: text("gebruiker_id").references(() => gebruikers.id),
  stap: text("stap", { enum: ["code", "tweede-factor", "inschrijven", "sso"] }).notNull(),
  csrf: text("csrf").notNull(),
  totpKandidaat: text("totp_kandidaat"),
  ssoOrganisatieId: text("sso_organisatie_id"),
  ssoState: text("sso_state"),
  ssoNonce: text("sso_nonce"),
  ssoVerifier: text("sso_verifier"),
  /** The page to go back to after signing in (a local path). */
  terug: text("terug"),
  verlooptOp: text("verloopt_op").notNull(),
  aangemaaktOp: text("aangemaakt_op").notNull(),
});

/**
 * Sign-in sessions of the web pages: a random cookie value whose SHA-256 is kept, belonging to
 * one person. Blocking the person ends them at once; the person sees and ends their own.
 */
export const sessies = sqliteTable(
  "sessies",
  {
    hash: text("hash").primaryKey(),
    /** A public id, so a person can end one of their sessions without its cookie. */
    id: text("id").notNull(),
    gebruikerId: text("gebruiker_id")
      .notNull()
      .references(() => gebruikers.id),
    /** The synchronizer token every form of this session must carry (CSRF). */
    csrf: text("csrf").notNull(),
    /** How the person signed in: mail and second factor, their organisation's SSO, or the demo button. */
    via: text("via", { enum: ["mail", "sso", "demo"] }).notNull(),
    clientadres: text("clientadres"),
    apparaat: text("apparaat"),
    aangemaaktOp: text("aangemaakt_op").notNull(),
    laatstGezienOp: text("laatst_gezien_op").notNull(),
    verlooptOp: text("verloopt_op").notNull(),
  },
  (t) => [index("sessies_gebruiker_idx").on(t.gebruikerId), uniqueIndex("sessies_id_uq").on(t.id)],
);

/**
 * How an organisation's people sign in: a second factor for every role (it is always required
 * for roles that see case data), and optionally its own OpenID Connect provider.
 */
export const inlogbeleid = sqliteTable("inlogbeleid", {
  organisatieId: text("organisatie_id")
    .primaryKey()
    .references(() => organisaties.id),
  tweedeFactorVerplicht: integer("tweede_factor_verplicht", { mode: "boolean" }).notNull().default(false),
  ssoIssuer: text("sso_issuer"),
  ssoClientId: text("sso_client_id"),
  ssoClientSecret: text("sso_client_secret"),
  gewijzigdOp: text("gewijzigd_op").notNull(),
});

/**
 * Every change to an account (invited, role changed, blocked, second factor reset…), by whom,
 * when. Append-only: triggers refuse UPDATE and DELETE.
 */
export const accountlog = sqliteTable(
  "accountlog",
  {
    volgnummer: integer("volgnummer").primaryKey({ autoIncrement: true }),
    op: text("op").notNull(),
    /** Whose account; null for a change to the organisation's sign-in policy. */
    gebruikerId: text("gebruiker_id"),
    organisatieId: text("organisatie_id").notNull(),
    soort: text("soort", { enum: ACCOUNT_WIJZIGINGEN }).notNull(),
    van: text("van"),
    naar: text("naar"),
    /** Token id, person id or `systeem`. */
    doorActor: text("door_actor").notNull(),
    doorGebruikerId: text("door_gebruiker_id"),
    /** Organisation and role of who did it, as histories show it. */
    door: text("door").notNull(),
  },
  (t) => [
    index("accountlog_organisatie_idx").on(t.organisatieId, t.volgnummer),
    index("accountlog_gebruiker_idx").on(t.gebruikerId),
  ],
);
