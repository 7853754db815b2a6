import { getTableColumns, getTableName, is, SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { aanbieders, aanbod, aanbodHistorie, contracten, locaties } from "../db/schema/index.ts";
import type { SqliteDatabase } from "../db/sqlite.ts";
import type { DemoData } from "./demo.ts";

export interface DemoCounts {
  aanbieders: number;
  locaties: number;
  aanbod: number;
  contracten: number;
  historie: number;
}

/**
 * Inserts demo rows in one better-sqlite3 transaction with raw prepared statements (drizzle's
 * per-row query building is too slow for 100k offers); a failure keeps nothing. Column names
 * and value mapping (booleans as 0/1, JSON) come from the drizzle schema, so the statements
 * follow db/schema. Reference data must be loaded first; parents go before children.
 */
export function loadDemo(db: SqliteDatabase, data: DemoData): DemoCounts {
  const steps = [
    insertAll(db, aanbieders, data.aanbieders),
    insertAll(db, locaties, data.locaties),
    insertAll(db, aanbod, data.aanbod),
    insertAll(db, contracten, data.contracten),
    insertAll(db, aanbodHistorie, data.historie),
  ];
  db.sqlite.transaction(() => {
    for (const step of steps) step();
  })();
  db.sqlite.exec("ANALYZE"); // fresh statistics for the search indexes
  return {
    aanbieders: data.aanbieders.length,
    locaties: data.locaties.length,
    aanbod: data.aanbod.length,
    contracten: data.contracten.length,
    historie: data.historie.length,
  };
}

function insertAll(db: SqliteDatabase, table: SQLiteTable, rows: readonly object[]): () => void {
  const columns = Object.entries(getTableColumns(table));
  const names = columns.map(([, c]) => `"${c.name}"`).join(", ");
  const statement = db.sqlite.prepare(
    `INSERT INTO "${getTableName(table)}" (${names}) VALUES (${columns.map(() => "?").join(", ")})`,
  );
  return () => {
    for (const row of rows as Record<string, unknown>[]) {
      const values = columns.map(([key, column]) => {
        const value = row[key] ?? column.default ?? column.defaultFn?.();
        if (is(value, SQL)) throw new Error(`${getTableName(table)}.${column.name} needs a value: its default is SQL`);
        return value == null ? null : column.mapToDriverValue(value);
      });
      statement.run(values);
    }
  };
}

/** Deletes all providers and everything that hangs off them (demo reset), referrals included; reference data and cases stay. */
export function clearDemo(db: SqliteDatabase): void {
  db.sqlite.transaction(() => {
    // Provider organisations and their tokens go with their providers.
    db.sqlite
      .prepare("DELETE FROM tokens WHERE organisatie_id IN (SELECT id FROM organisaties WHERE aanbieder_id IS NOT NULL)")
      .run();
    db.sqlite.prepare("DELETE FROM organisaties WHERE aanbieder_id IS NOT NULL").run();
    // Referrals to the providers go with them; an escalation step keeps its record without the provider it named.
    db.sqlite.prepare("DELETE FROM aanmelding_historie").run();
    db.sqlite.prepare("DELETE FROM aanmeldingen").run();
    db.sqlite.prepare("UPDATE escalaties SET aanbieder_id = NULL WHERE aanbieder_id IS NOT NULL").run();
    for (const table of ["aanbod_historie", "aanbod", "contracten", "locaties", "aanbieders"]) {
      db.sqlite.prepare(`DELETE FROM ${table}`).run();
    }
  })();
}
