import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { gemeenten } from "./geografie.ts";

/** Providers (jeugdhulpaanbieders). */
export const aanbieders = sqliteTable(
  "aanbieders",
  {
    id: text("id").primaryKey(),
    naam: text("naam").notNull(),
    agbCode: text("agb_code"),
    kvkNummer: text("kvk_nummer"),
    website: text("website"),
    telefoon: text("telefoon"),
    email: text("email"),
    versie: integer("versie").notNull().default(1),
    aangemaaktOp: text("aangemaakt_op").notNull(),
    gewijzigdOp: text("gewijzigd_op").notNull(),
  },
  (t) => [index("aanbieders_naam_idx").on(t.naam)],
);

/** A provider's sites. */
export const locaties = sqliteTable(
  "locaties",
  {
    id: text("id").primaryKey(),
    aanbiederId: text("aanbieder_id")
      .notNull()
      .references(() => aanbieders.id),
    naam: text("naam").notNull(),
    adres: text("adres").notNull(),
    postcode: text("postcode").notNull(),
    plaats: text("plaats").notNull(),
    gemeente: text("gemeente")
      .notNull()
      .references(() => gemeenten.code),
    lat: real("lat"),
    lon: real("lon"),
    versie: integer("versie").notNull().default(1),
    aangemaaktOp: text("aangemaakt_op").notNull(),
    gewijzigdOp: text("gewijzigd_op").notNull(),
  },
  (t) => [index("locaties_aanbieder_idx").on(t.aanbiederId), index("locaties_gemeente_idx").on(t.gemeente)],
);
