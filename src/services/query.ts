import type { SQL } from "drizzle-orm";
import type { Page, Paging } from "../kern/page.ts";

/** Runs a paged query and its count, and maps rows to the API form. */
export async function paged<Row, Out>(
  paging: Paging,
  rows: (limit: number, offset: number) => Promise<Row[]>,
  count: () => Promise<{ n: number }[]>,
  map: (row: Row) => Out,
): Promise<Page<Out>> {
  const [items, [total]] = await Promise.all([rows(paging.perPagina, (paging.pagina - 1) * paging.perPagina), count()]);
  return {
    resultaten: items.map(map),
    totaal: total?.n ?? 0,
    pagina: paging.pagina,
    perPagina: paging.perPagina,
  };
}

/** Drops undefined filters so that `and(...)` gets only real conditions. */
export function conditions(...parts: (SQL | undefined | false)[]): SQL[] {
  return parts.filter((p): p is SQL => p !== undefined && p !== false);
}

/** One JSON parameter instead of one per id: D1 binds at most 100 parameters. */
export function jsonIds(ids: readonly string[]): string {
  return JSON.stringify([...new Set(ids)]);
}
