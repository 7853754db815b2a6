import { type AnySQLiteColumn, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Care-type catalogue: iJw categories (JZ020, 40–55) with finer regional forms beneath them. */
export const zorgvormen = sqliteTable(
  "zorgvormen",
  {
    code: text("code").primaryKey(),
    naam: text("naam").notNull(),
    categorie: text("categorie").notNull(),
    bovenliggend: text("bovenliggend").references((): AnySQLiteColumn => zorgvormen.code),
    omschrijving: text("omschrijving"),
    actief: integer("actief", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("zorgvormen_bovenliggend_idx").on(t.bovenliggend), index("zorgvormen_categorie_idx").on(t.categorie)],
);
