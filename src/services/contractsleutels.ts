import { and, eq, gte, isNull, lte, or } from "drizzle-orm";
import { contracten } from "../../db/schema/index.ts";
import type { Deps } from "./context.ts";

/** Contract keys (`aanbiederId|zorgvorm`) for the municipality, directly or via its region, valid on `dag`. */
export async function contractSleutels(
  deps: Deps,
  gemeente: string,
  regio: string | null,
  dag: string,
  subtree: (c: string) => string[],
) {
  const rows = await deps.db.orm
    .select({ aanbiederId: contracten.aanbiederId, zorgvorm: contracten.zorgvorm })
    .from(contracten)
    .where(
      and(
        regio ? or(eq(contracten.gemeente, gemeente), eq(contracten.regio, regio)) : eq(contracten.gemeente, gemeente),
        lte(contracten.geldigVanaf, dag),
        or(isNull(contracten.geldigTot), gte(contracten.geldigTot, dag)),
      ),
    );
  const keys = new Set<string>();
  for (const r of rows) for (const code of subtree(r.zorgvorm)) keys.add(`${r.aanbiederId}|${code}`);
  return [...keys].sort();
}
