import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "./schema/index.ts";

/**
 * The register's rows as INSERT statements: to move a SQLite register (or the demo) into D1, and
 * to export a D1 database (`wrangler d1 export` refuses databases with an FTS5 table). Data
 * tables only, parents first, many rows per statement but below D1's limit on statement length.
 * Restore into an empty database with the migrations applied: the triggers rebuild what is left
 * out (search projection, care-type closure).
 */

/** D1 refuses statements longer than 100,000 bytes; stay well below. */
const MAX_STATEMENT_BYTES = 50_000;

/** Tables that are not data of their own: bookkeeping, projections kept by triggers (search, the care-type closure), counters. */
const NOT_DATA = /^(sqlite_|__drizzle|d1_migrations|_cf_|zoek_|zorgvorm_voorouders$|limiet_tellers$)/;

/**
 * Data tables whose reference rows a migration inserts (0011: the help-question categories, 0012:
 * the report groups): the target has them already, so the register's own version of those rows
 * replaces them. Every other table is inserted plainly, so loading into a D1 that is not empty
 * fails instead of overwriting. (test/seeds/sql-dump.test.ts checks this list against the migrations.)
 */
export const SEEDED_BY_MIGRATIONS: ReadonlySet<string> = new Set(["hulpvraagcategorieen", "rapportagegroepen"]);

export function isDataTable(name: string, sql: string | null): boolean {
  return !NOT_DATA.test(name) && !(sql ?? "").startsWith("CREATE VIRTUAL");
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString("hex")}'`;
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** The tables in an order where every table comes after the tables its foreign keys point to (from db/schema). */
export function parentsFirst(names: readonly string[]): string[] {
  const parents = new Map<string, string[]>();
  for (const table of Object.values(schema)) {
    if (!(table instanceof SQLiteTable)) continue;
    const config = getTableConfig(table);
    parents.set(
      config.name,
      config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name).filter((p) => p !== config.name),
    );
  }
  const order: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (order.includes(name) || path.has(name) || !names.includes(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) visit(parent, path);
    order.push(name);
  };
  for (const name of [...names].sort()) visit(name, new Set());
  return order;
}

/** INSERT statements for rows of one table (values in column order). */
export function insertStatements(table: string, columns: readonly string[], rows: readonly unknown[][]): string[] {
  const statements: string[] = [];
  const insert = SEEDED_BY_MIGRATIONS.has(table) ? "INSERT OR REPLACE" : "INSERT";
  const head = `${insert} INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES\n`;
  let values: string[] = [];
  let bytes = head.length;
  for (const row of rows) {
    const tuple = `(${row.map(literal).join(", ")})`;
    if (values.length > 0 && bytes + tuple.length + 2 > MAX_STATEMENT_BYTES) {
      statements.push(`${head}${values.join(",\n")};`);
      values = [];
      bytes = head.length;
    }
    values.push(tuple);
    bytes += tuple.length + 2;
  }
  if (values.length > 0) statements.push(`${head}${values.join(",\n")};`);
  return statements;
}

/** Something that answers SQL with rows, synchronously (better-sqlite3) or not (D1). */
export interface RowSource {
  tables(): Promise<{ name: string; sql: string | null }[]>;
  /** Rows after `afterRowid` in rowid order, at most `limit`, each with its rowid as `__rowid`. */
  rows(table: string, afterRowid: number, limit: number): Promise<Record<string, unknown>[]>;
}

/** Every data row of a register, as INSERT statements, in pages; answers the rows per table. */
export async function dumpRows(
  source: RowSource,
  write: (statement: string) => void,
  page = 2_000,
): Promise<Record<string, number>> {
  const tables = (await source.tables()).filter((t) => isDataTable(t.name, t.sql)).map((t) => t.name);
  const counts: Record<string, number> = {};
  for (const table of parentsFirst(tables)) {
    counts[table] = 0;
    for (let after = 0; ; ) {
      const rows = await source.rows(table, after, page);
      if (rows.length === 0) break;
      const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== "__rowid");
      for (const statement of insertStatements(
        table,
        columns,
        rows.map((row) => columns.map((c) => row[c])),
      ))
        write(statement);
      counts[table] += rows.length;
      after = Number(rows.at(-1)?.__rowid);
    }
  }
  return counts;
}

/** A better-sqlite3 register as a row source. */
export function sqliteRows(sqlite: { prepare(sql: string): { all(...params: unknown[]): unknown[] } }): RowSource {
  return {
    async tables() {
      return sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[];
    },
    async rows(table, after, limit) {
      return sqlite
        .prepare(`SELECT rowid AS __rowid, * FROM "${table}" WHERE rowid > ? ORDER BY rowid LIMIT ?`)
        .all(after, limit) as Record<string, unknown>[];
    },
  };
}
