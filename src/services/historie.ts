import { asc, count, eq, sql } from "drizzle-orm";
import { type AtomicStep, templateWrite } from "../../db/database.ts";
import { aanbodHistorie } from "../../db/schema/index.ts";
import { newId } from "../kern/ids.ts";
import type { Paging } from "../kern/page.ts";
import type { HistorieSoort, Wijziging } from "../kern/vocabulary.ts";
import type { Deps } from "./context.ts";
import { paged } from "./query.ts";

/** The insert of one history row, to be written in the same atomic step as the change itself. */
export function historieStep(
  { db }: Deps,
  entry: {
    aanbodId: string;
    soort: HistorieSoort;
    wijzigingen: Wijziging[];
    door: string;
    gebruikerId?: string | null;
    op: string;
  },
): AtomicStep {
  const p = (name: keyof typeof entry | "id") => sql.placeholder(name);
  return {
    query: templateWrite(
      "aanbod_historie: een regel",
      () =>
        db.orm.insert(aanbodHistorie).values({
          id: p("id"),
          aanbodId: p("aanbodId"),
          soort: p("soort"),
          wijzigingen: p("wijzigingen"),
          door: p("door"),
          gebruikerId: p("gebruikerId"),
          op: p("op"),
          volgnummer: sql`(SELECT COALESCE(MAX(volgnummer), 0) + 1 FROM aanbod_historie WHERE aanbod_id = ${p("aanbodId")})`,
        }),
      { id: newId(), gebruikerId: null, ...entry },
    ),
  };
}

/** The differences between two versions of the same fields, in the order of `fields`. */
export function diff<T extends Record<string, unknown>>(before: T, after: T, fields: readonly (keyof T & string)[]): Wijziging[] {
  return fields
    .filter((f) => before[f] !== after[f])
    .map((veld) => ({ veld, oud: before[veld] ?? null, nieuw: after[veld] ?? null }));
}

type HistorieRow = typeof aanbodHistorie.$inferSelect;

export function toHistorie(row: HistorieRow) {
  return {
    id: row.id,
    aanbodId: row.aanbodId,
    volgnummer: row.volgnummer,
    soort: row.soort,
    wijzigingen: row.wijzigingen,
    door: row.door,
    gebruikerId: row.gebruikerId,
    op: row.op,
  };
}

/** An offer's history, oldest first; kept after the offer itself is deleted. */
export async function listHistorie({ db }: Deps, aanbodId: string, paging: Paging) {
  const where = eq(aanbodHistorie.aanbodId, aanbodId);
  return paged(
    paging,
    (limit, offset) =>
      db.orm.select().from(aanbodHistorie).where(where).orderBy(asc(aanbodHistorie.volgnummer)).limit(limit).offset(offset),
    () => db.orm.select({ n: count() }).from(aanbodHistorie).where(where),
    toHistorie,
  );
}
