import { sql } from "drizzle-orm";
import { casussen } from "../../db/schema/index.ts";
import { isoDate } from "../lib/time.ts";
import { leeftijdJaren } from "../priority/dates.ts";
import type { ServiceDeps } from "./deps.ts";
import { toVoorstel, type Uitleg, type VoorstelRow } from "./matching.ts";
import { type ReserveringRow, toReservering } from "./reserveringen.ts";
import type { Scope } from "./scope.ts";

async function leeftijden(deps: ServiceDeps, casusIds: string[]): Promise<Map<string, number>> {
  if (casusIds.length === 0) return new Map();
  const vandaag = isoDate(deps.clock.now());
  const rows = await deps.db.orm
    .select({ id: casussen.id, geboortedatum: casussen.geboortedatum })
    .from(casussen)
    // One JSON parameter: D1 binds at most 100 parameters.
    .where(sql`${casussen.id} IN (SELECT value FROM json_each(${JSON.stringify([...new Set(casusIds)])}))`);
  return new Map(rows.map((r) => [r.id, leeftijdJaren(r.geboortedatum, vandaag)]));
}

/**
 * Proposals as the caller may see them. A provider learns the child's age and nothing else:
 * no case id to link with, no priority reasons (they can name a protection measure).
 */
export async function voorstellenVoor(deps: ServiceDeps, scope: Scope, rows: VoorstelRow[]) {
  const ages = await leeftijden(
    deps,
    rows.map((r) => r.casusId),
  );
  return rows.map((row) => {
    const v = toVoorstel(row);
    const leeftijd = ages.get(row.casusId) ?? null;
    if (scope.aanbiederId === undefined) return { ...v, leeftijd };
    const uitleg: Omit<Uitleg, "casus"> & { casus: null } = { ...v.uitleg, casus: null };
    return { ...v, casusId: null, uitleg, leeftijd };
  });
}

/** Holds as the caller may see them; a provider gets the child's age instead of the case id. */
export async function reserveringenVoor(deps: ServiceDeps, scope: Scope, rows: ReserveringRow[]) {
  const ages = await leeftijden(
    deps,
    rows.map((r) => r.casusId),
  );
  return rows.map((row) => {
    const r = toReservering(row);
    const leeftijd = ages.get(row.casusId) ?? null;
    return scope.aanbiederId === undefined ? { ...r, leeftijd } : { ...r, casusId: null, leeftijd };
  });
}
