import { sql } from "drizzle-orm";
import { gebruikers } from "../../db/schema/index.ts";
import type { Actor } from "../kern/actor.ts";
import type { Deps } from "./context.ts";
import { jsonIds } from "./query.ts";

/**
 * History lines with the person who did each: their name for those who may see it (their own
 * organisation's people, and the register's beheerder where `beheerderZiet`), the
 * organisation (`door`) for everyone else. The person's id never leaves the register.
 */
export async function metPersoon<T extends { gebruikerId?: string | null }>(
  deps: Deps,
  actor: Actor,
  rows: readonly T[],
  { beheerderZiet = false }: { beheerderZiet?: boolean } = {},
): Promise<(Omit<T, "gebruikerId"> & { doorPersoon: string | null })[]> {
  const ids = [...new Set(rows.map((r) => r.gebruikerId).filter((i): i is string => typeof i === "string"))];
  const personen =
    ids.length === 0
      ? []
      : await deps.db.orm
          .select({ id: gebruikers.id, naam: gebruikers.naam, organisatieId: gebruikers.organisatieId })
          .from(gebruikers)
          .where(sql`${gebruikers.id} IN (SELECT value FROM json_each(${jsonIds(ids)}))`);
  const perId = new Map(personen.map((p) => [p.id, p]));
  return rows.map(({ gebruikerId, ...rest }) => {
    const p = gebruikerId ? perId.get(gebruikerId) : undefined;
    const ziet = p !== undefined && (p.organisatieId === actor.organisatieId || (beheerderZiet && actor.rol === "beheerder"));
    return { ...rest, doorPersoon: ziet ? (p?.naam ?? null) : null };
  });
}
