import { sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Facts about the register itself, set once: `demo` = `ja` marks a database that was created
 * with demo data (never decided from names, which a real register may share).
 */
export const registerGegevens = sqliteTable("register_gegevens", {
  sleutel: text("sleutel").primaryKey(),
  waarde: text("waarde").notNull(),
});
