import { and, count, desc, eq, getTableColumns, gte, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { AtomicStep } from "../../db/database.ts";
import { gebruikers, organisaties, toegangslog, toegangslogCasussen } from "../../db/schema/index.ts";
import type { Actor } from "../kern/actor.ts";
import { PagingQuery, timestamp, uuidParam } from "../kern/fields.ts";
import type { Paging } from "../kern/page.ts";
import { isoTimestamp } from "../kern/time.ts";
import { type Actie, ROLLEN, type Rol } from "../kern/vocabulary.ts";
import { type Ctx, type Deps, useCase } from "./context.ts";
import { conditions, jsonIds, paged } from "./query.ts";

export interface ToegangslogEntry {
  actor: Actor | undefined;
  actie: Actie;
  route: string;
  casusIds: readonly string[];
  resultaat: number;
  requestId: string;
  clientRequestId?: string | null;
  clientadres: string | null;
  /** A grant: the organisation a credential for case data was issued to, and its role. */
  toekenning?: { organisatieId: string; rol: Rol };
}

/** The steps that append one row with the cases it touched; written in the same atomic write as a change. */
export function toegangslogSteps(deps: Deps, entry: ToegangslogEntry): AtomicStep[] {
  const { db } = deps;
  const ids = [...new Set(entry.casusIds)];
  return [
    {
      query: db.orm.insert(toegangslog).values({
        op: isoTimestamp(deps.clock.now()),
        actor: entry.actor?.tokenId ?? "anoniem",
        rol: entry.actor?.rol ?? null,
        organisatieId: entry.actor?.organisatieId ?? null,
        actie: entry.actie,
        route: entry.route,
        resultaat: entry.resultaat,
        requestId: entry.requestId,
        clientRequestId: entry.clientRequestId ?? null,
        clientadres: entry.clientadres,
        toegekendAan: entry.toekenning?.organisatieId ?? null,
        toegekendeRol: entry.toekenning?.rol ?? null,
        gebruikerId: entry.actor?.gebruikerId ?? null,
      }),
    },
    ...(ids.length > 0
      ? [
          {
            query: db.orm.insert(toegangslogCasussen).select(
              // The row just appended: the batch runs in one transaction, so it is the newest.
              sql`SELECT (SELECT MAX(volgnummer) FROM toegangslog), value FROM json_each(${jsonIds(ids)})`,
            ),
          },
        ]
      : []),
  ];
}

/** Appends one row, with the cases it touched, in one atomic write. */
export async function schrijfToegangslog(deps: Deps, entry: ToegangslogEntry): Promise<void> {
  await deps.db.atomic(toegangslogSteps(deps, entry));
}

/**
 * A change to case data and its access-log row in one atomic write (NEN 7513): a crash can never
 * leave the change without its row. Outside a request (CLI, timers) there is no row to write.
 */
export async function atomicMetLog(ctx: Ctx, steps: AtomicStep[], casusIds: readonly string[]): Promise<number[]> {
  const result = await ctx.deps.db.atomic([...steps, ...(ctx.audit?.steps({ casusIds }) ?? [])]);
  ctx.audit?.geschreven();
  return result;
}

export const ToegangslogQuery = PagingQuery.extend({
  casusId: uuidParam.optional(),
  actor: z.string().max(64).optional().meta({ description: "Id van het token of de gebruiker, of anoniem" }),
  gebruikerId: uuidParam.optional().meta({ description: "Alleen wat deze persoon deed" }),
  van: timestamp.optional().meta({ description: "Vanaf dit moment (inclusief)" }),
  tot: timestamp.optional().meta({ description: "Tot dit moment (exclusief)" }),
});
export type ToegangslogFilter = Omit<z.output<typeof ToegangslogQuery>, "pagina" | "perPagina">;

/** The access log, newest first, filtered by case, actor (token id) and period. */
export async function readToegangslog({ db }: Deps, filter: ToegangslogFilter, paging: Paging) {
  const where = and(
    ...conditions(
      filter.casusId
        ? inArray(
            toegangslog.volgnummer,
            db.orm
              .select({ v: toegangslogCasussen.volgnummer })
              .from(toegangslogCasussen)
              .where(eq(toegangslogCasussen.casusId, filter.casusId)),
          )
        : undefined,
      filter.actor ? eq(toegangslog.actor, filter.actor) : undefined,
      filter.gebruikerId ? eq(toegangslog.gebruikerId, filter.gebruikerId) : undefined,
      filter.van ? gte(toegangslog.op, filter.van) : undefined,
      filter.tot ? lt(toegangslog.op, filter.tot) : undefined,
    ),
  );
  const page = await paged(
    paging,
    (limit, offset) =>
      db.orm
        .select({ ...getTableColumns(toegangslog), gebruiker: gebruikers.naam })
        .from(toegangslog)
        .leftJoin(gebruikers, eq(gebruikers.id, toegangslog.gebruikerId))
        .where(where)
        .orderBy(desc(toegangslog.volgnummer))
        .limit(limit)
        .offset(offset),
    () => db.orm.select({ n: count() }).from(toegangslog).where(where),
    (row) => row,
  );
  const nummers = page.resultaten.map((r) => r.volgnummer);
  const links =
    nummers.length === 0
      ? []
      : await db.orm
          .select()
          .from(toegangslogCasussen)
          .where(sql`${toegangslogCasussen.volgnummer} IN (SELECT value FROM json_each(${JSON.stringify(nummers)}))`);
  const perRij = new Map<number, string[]>();
  for (const l of links) perRij.set(l.volgnummer, [...(perRij.get(l.volgnummer) ?? []), l.casusId]);
  return {
    ...page,
    resultaten: page.resultaten.map((r) => ({
      volgnummer: r.volgnummer,
      op: r.op,
      actor: r.actor,
      gebruikerId: r.gebruikerId,
      gebruiker: r.gebruiker,
      rol: r.rol,
      organisatieId: r.organisatieId,
      actie: r.actie,
      route: r.route,
      casusIds: perRij.get(r.volgnummer) ?? [],
      resultaat: r.resultaat,
      requestId: r.requestId,
      clientRequestId: r.clientRequestId,
      clientadres: r.clientadres,
      toegekendAan: r.toegekendAan,
      toegekendeRol: r.toegekendeRol,
    })),
  };
}

/** GET /toegangslog: who touched which case when, for the beheerder. */
export const listToegangslog = useCase(["beheerder"], async ({ deps }, input: Paging & ToegangslogFilter) => {
  const { pagina, perPagina, van, tot, ...filter } = input;
  const normal = (t?: string) => (t ? isoTimestamp(new Date(t)) : undefined);
  return readToegangslog(deps, { ...filter, van: normal(van), tot: normal(tot) }, { pagina, perPagina });
});

/**
 * The grants of credentials that see case data to the actor's own organisation: who issued
 * which role, when. Every organisation can see who was given access in its name.
 */
export const listToekenningen = useCase(ROLLEN, async ({ deps, actor }, paging: Paging) => {
  const where = and(eq(toegangslog.actie, "toekenning"), eq(toegangslog.toegekendAan, actor.organisatieId));
  return paged(
    paging,
    (limit, offset) =>
      deps.db.orm
        .select({
          volgnummer: toegangslog.volgnummer,
          op: toegangslog.op,
          rol: toegangslog.toegekendeRol,
          door: organisaties.naam,
          doorRol: toegangslog.rol,
        })
        .from(toegangslog)
        .leftJoin(organisaties, eq(organisaties.id, toegangslog.organisatieId))
        .where(where)
        .orderBy(desc(toegangslog.volgnummer))
        .limit(limit)
        .offset(offset),
    () => deps.db.orm.select({ n: count() }).from(toegangslog).where(where),
    (r) => ({ volgnummer: r.volgnummer, op: r.op, rol: r.rol, door: r.door ?? "onbekend", doorRol: r.doorRol }),
  );
});
