import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isDataTable, SEEDED_BY_MIGRATIONS } from "../../db/sql-dump.ts";

/**
 * A dump loads into a D1 with the migrations applied: a data table a migration fills must be
 * replaced, not inserted into again, or loading the demo and restoring an export fail.
 */
describe("the SQL dump and the migrations", () => {
  it("replaces the rows of every data table a migration inserts into", () => {
    const dir = new URL("../../db/migrations/", import.meta.url);
    const seeded = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql"))) {
      for (const match of readFileSync(new URL(file, dir), "utf8").matchAll(/INSERT\s+(?:OR\s+\w+\s+)?INTO\s+[`"]?(\w+)/gi)) {
        const table = match[1] as string;
        if (isDataTable(table, null)) seeded.add(table);
      }
    }
    expect([...seeded].sort()).toEqual([...SEEDED_BY_MIGRATIONS].sort());
  });
});
