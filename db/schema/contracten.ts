import { sql } from "drizzle-orm";
import { check, index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { aanbieders } from "./aanbieders.ts";
import { zorgvormen } from "./catalogus.ts";
import { gemeenten, regios } from "./geografie.ts";

/** Which municipality (or a region on its behalf) buys which care type from which provider. */
export const contracten = sqliteTable(
  "contracten",
  {
    id: text("id").primaryKey(),
    aanbiederId: text("aanbieder_id")
      .notNull()
      .references(() => aanbieders.id),
    zorgvorm: text("zorgvorm")
      .notNull()
      .references(() => zorgvormen.code),
    gemeente: text("gemeente").references(() => gemeenten.code),
    regio: text("regio").references(() => regios.code),
    geldigVanaf: text("geldig_vanaf").notNull(),
    geldigTot: text("geldig_tot"),
    aangemaaktOp: text("aangemaakt_op").notNull(),
    gewijzigdOp: text("gewijzigd_op").notNull(),
  },
  (t) => [
    index("contracten_aanbieder_idx").on(t.aanbiederId, t.zorgvorm),
    index("contracten_gemeente_idx").on(t.gemeente, t.zorgvorm),
    index("contracten_regio_idx").on(t.regio, t.zorgvorm),
    check("contracten_partij_ck", sql`(${t.gemeente} IS NULL) <> (${t.regio} IS NULL)`),
    check("contracten_periode_ck", sql`${t.geldigTot} IS NULL OR ${t.geldigVanaf} <= ${t.geldigTot}`),
  ],
);
