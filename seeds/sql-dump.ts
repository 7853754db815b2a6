import type BetterSqlite3 from "better-sqlite3";

/** D1 refuses statements longer than 100,000 bytes; stay well below. */
const MAX_STATEMENT_BYTES = 50_000;

/** Tables that are not data of their own: migration bookkeeping, projections kept by triggers (search, the care-type closure) and counters. */
const NOT_DATA = /^(sqlite_|__drizzle|d1_migrations|zoek_|zorgvorm_voorouders$|limiet_tellers$|_cf_)/;

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString("hex")}'`;
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** The data tables, parents before the tables that refer to them. */
function tablesInOrder(sqlite: BetterSqlite3.Database): string[] {
  const names = (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter((name) => !NOT_DATA.test(name));
  const parents = new Map(
    names.map((name) => [
      name,
      (sqlite.prepare(`SELECT DISTINCT "table" AS parent FROM pragma_foreign_key_list(?)`).all(name) as { parent: string }[])
        .map((f) => f.parent)
        .filter((p) => p !== name),
    ]),
  );
  const order: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (order.includes(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) if (parents.has(parent)) visit(parent, path);
    order.push(name);
  };
  for (const name of [...names].sort()) visit(name, new Set());
  return order;
}

/**
 * The rows of a SQLite register as INSERT statements for D1 (`wrangler d1 execute --file`):
 * data tables only, parents first, many rows per statement but below D1's statement limit.
 * Search projections are left out: the triggers of the migrations build them as rows arrive.
 */
export function dumpInserts(sqlite: BetterSqlite3.Database): string[] {
  const statements: string[] = [];
  for (const table of tablesInOrder(sqlite)) {
    const rows = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw(true).all() as unknown[][];
    if (rows.length === 0) continue;
    const columns = (sqlite.prepare(`SELECT * FROM "${table}" LIMIT 0`).columns() as { name: string }[])
      .map((c) => `"${c.name}"`)
      .join(", ");
    const head = `INSERT INTO "${table}" (${columns}) VALUES\n`;
    let values: string[] = [];
    let bytes = head.length;
    const flush = () => {
      if (values.length > 0) statements.push(`${head}${values.join(",\n")};`);
      values = [];
      bytes = head.length;
    };
    for (const row of rows) {
      const tuple = `(${row.map(literal).join(", ")})`;
      if (bytes + tuple.length + 2 > MAX_STATEMENT_BYTES) flush();
      values.push(tuple);
      bytes += tuple.length + 2;
    }
    flush();
  }
  return statements;
}
