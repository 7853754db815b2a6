import { index, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Jeugdzorgregio's. */
export const regios = sqliteTable("regios", {
  code: text("code").primaryKey(),
  naam: text("naam").notNull(),
});

/** Municipalities, keyed on the CBS code (GM0518); the centroid serves distance searches. */
export const gemeenten = sqliteTable(
  "gemeenten",
  {
    code: text("code").primaryKey(),
    naam: text("naam").notNull(),
    regio: text("regio").references(() => regios.code),
    lat: real("lat"),
    lon: real("lon"),
  },
  (t) => [index("gemeenten_regio_idx").on(t.regio)],
);
