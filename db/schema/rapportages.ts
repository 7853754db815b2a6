import { integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { regios } from "./geografie.ts";
import { organisaties } from "./toegang.ts";

/**
 * The denominator of the norm report: active child-protection measures per region, GI and
 * month, entered by the GI or the region (the register does not hold them: most never wait).
 */
export const maatregeltellingen = sqliteTable(
  "maatregeltellingen",
  {
    id: text("id").primaryKey(),
    regio: text("regio")
      .notNull()
      .references(() => regios.code),
    organisatie: text("organisatie")
      .notNull()
      .references(() => organisaties.id),
    /** yyyy-mm */
    maand: text("maand").notNull(),
    aantal: integer("aantal").notNull(),
    ingevoerdDoor: text("ingevoerd_door").notNull(),
    ingevoerdOp: text("ingevoerd_op").notNull(),
  },
  (t) => [uniqueIndex("maatregeltellingen_uq").on(t.regio, t.organisatie, t.maand)],
);

/**
 * The norm report as it stood on a peildatum, taken on the first of each month and kept: a past
 * month is answered from it, and what later records would change shows as a correction.
 */
export const normMomentopnames = sqliteTable(
  "norm_momentopnames",
  {
    regio: text("regio")
      .notNull()
      .references(() => regios.code),
    peildatum: text("peildatum").notNull(),
    rapport: text("rapport", { mode: "json" }).notNull(),
    gemaaktOp: text("gemaakt_op").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regio, t.peildatum] })],
);
