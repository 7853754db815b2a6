import { type SQL, sql } from "drizzle-orm";

/**
 * The one rule of "contracted" (DOMAIN.md, "Contracts"): an offer is contracted for a child's
 * municipality on a day when its provider has a contract, valid that day, with that
 * municipality or with the municipality's region, for the offer's care type or any form
 * above it in the catalogue. A contract for a category buys every form beneath it, at any
 * depth, because regions add their own local forms under the national ones; the view
 * `contract_dekking` (migration 0008) lists, per contract, every care type it covers.
 * Both search engines and matching read this rule; nothing else decides it.
 */
export interface Contractvraag {
  gemeente: string;
  regio: string | null;
  /** The day (yyyy-mm-dd) the contract must be valid on. */
  dag: string;
}

/** The condition on a `contract_dekking` row `d`: this municipality (or its region), valid on the day. */
export function dekkingVoor({ gemeente, regio, dag }: Contractvraag): SQL {
  const partij = regio ? sql`(d.gemeente = ${gemeente} OR d.regio = ${regio})` : sql`d.gemeente = ${gemeente}`;
  return sql`${partij} AND d.geldig_vanaf <= ${dag} AND (d.geldig_tot IS NULL OR d.geldig_tot >= ${dag})`;
}

/** Whether the offer row `z` (columns aanbieder_id, zorgvorm) is contracted for the question. */
export function gecontracteerd(vraag: Contractvraag): SQL {
  return sql`EXISTS (SELECT 1 FROM contract_dekking d
    WHERE d.aanbieder_id = z.aanbieder_id AND d.zorgvorm = z.zorgvorm AND ${dekkingVoor(vraag)})`;
}

/** The validity of a `contract_dekking` row `d` on a day, for every municipality it reaches. */
export function geldigOp(dag: string): SQL {
  return sql`d.geldig_vanaf <= ${dag} AND (d.geldig_tot IS NULL OR d.geldig_tot >= ${dag})`;
}

/**
 * `geldigOp` for a `contract_dekking` row held in memory (the in-memory search index): the
 * same rule on ISO dates (which compare as strings) or on day numbers (yyyymmdd).
 */
export function geldigOpDag<T extends string | number>(d: { geldigVanaf: T; geldigTot: T | null }, dag: T): boolean {
  return d.geldigVanaf <= dag && (d.geldigTot === null || d.geldigTot >= dag);
}
