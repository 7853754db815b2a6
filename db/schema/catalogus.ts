import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

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
    /** The reporting axis of the monitoring (verblijf, ambulant, …); null: the form above it decides. */
    rapportagegroep: text("rapportagegroep").references((): AnySQLiteColumn => rapportagegroepen.code),
  },
  (t) => [index("zorgvormen_bovenliggend_idx").on(t.bovenliggend), index("zorgvormen_categorie_idx").on(t.categorie)],
);

/**
 * The catalogue as a closure: every care type with itself and every form above it, kept by
 * triggers on `zorgvormen` (migration 0008). A contract for a form covers every form beneath
 * it, at any depth; the view `contract_dekking` joins this to the contracts, and both search
 * engines and matching read that one rule (db/dekking.ts).
 */
export const zorgvormVoorouders = sqliteTable(
  "zorgvorm_voorouders",
  {
    code: text("code").notNull(),
    voorouder: text("voorouder").notNull(),
  },
  (t) => [primaryKey({ columns: [t.code, t.voorouder] }), index("zorgvorm_voorouders_voorouder_idx").on(t.voorouder)],
);

/**
 * The reporting axis of the monthly norm report, kept as data: verblijf (gezinshuis and
 * kleinschalig wonen, begeleid and beschermd wonen, other), ambulant (j-GGZ, other),
 * dagbehandeling, crisis, onbekend.
 */
export const rapportagegroepen = sqliteTable("rapportagegroepen", {
  code: text("code").primaryKey(),
  naam: text("naam").notNull(),
  bovenliggend: text("bovenliggend").references((): AnySQLiteColumn => rapportagegroepen.code),
  volgorde: integer("volgorde").notNull(),
});
