import { stringify } from "csv-stringify/sync";
import type { Context } from "hono";

/** A report as a table: the same figures as its JSON, one row per line. */
export interface Tabel {
  kolommen: string[];
  rijen: (string | number | null)[][];
}

/**
 * A CSV answer that opens in Dutch Excel: `;`-separated, a header row, UTF-8 with a byte-order
 * mark, decimals with a comma, and a file name to save it under.
 */
export function csvAntwoord(c: Context, bestandsnaam: string, tabel: Tabel): Response {
  const cel = (v: string | number | null) => (v === null ? "" : typeof v === "number" ? String(v).replace(".", ",") : v);
  const tekst = stringify([tabel.kolommen, ...tabel.rijen.map((r) => r.map(cel))], {
    delimiter: ";",
    record_delimiter: "windows",
  });
  return c.body(`\uFEFF${tekst}`, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${bestandsnaam}"`,
  });
}

/** Whether the caller asked for CSV: `?formaat=csv`, or `Accept: text/csv`. */
export function wilCsv(c: Context): boolean {
  return c.req.query("formaat") === "csv" || (c.req.header("accept") ?? "").includes("text/csv");
}
