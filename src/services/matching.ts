import { and, asc, count, eq, gt, gte, inArray, sql } from "drizzle-orm";
import { aanbod, casussen, gemeenten, matchvoorstellen, zoekAanbod } from "../../db/schema/index.ts";
import { ApiError, ErrorCode } from "../lib/errors.ts";
import { newId } from "../lib/ids.ts";
import { DAY_MS, HIDDEN_AFTER_DAYS, isoTimestamp } from "../lib/time.ts";
import { leeftijdJaren } from "../priority/dates.ts";
import { type MatchAanbod, type MatchCasus, matchCasussen } from "../priority/matching.ts";
import { assertOvergang, casusHistorieStep, getCasus, statusStep } from "./casussen.ts";
import { getRegio } from "./catalogus.ts";
import { conditions, type Paging, paged } from "./common.ts";
import { catalogueTree, contractSleutels } from "./contractsleutels.ts";
import { instellingen, type ServiceDeps } from "./deps.ts";
import { type Prioriteit, prioriteitContext } from "./prioritering.ts";
import { reserveer, verwerkVerlopen } from "./reserveringen.ts";
import { HEEL_REGISTER, koppelingInScope, koppelingWhere, type Scope } from "./scope.ts";

export type VoorstelRow = typeof matchvoorstellen.$inferSelect;

export interface Uitleg {
  casus: { groep: number | null; redenen: string[]; wachtdagen: number };
  plek: { zorgvorm: string; naam: string; afstandKm: number | null; wachttijdWeken: number | null; gecontracteerd: true };
  samenvatting: string;
}

export function toVoorstel(row: VoorstelRow) {
  return {
    id: row.id,
    casusId: row.casusId,
    aanbodId: row.aanbodId,
    score: row.score,
    uitleg: row.uitleg as Uitleg,
    status: row.status,
    afwijsreden: row.afwijsreden,
    toelichting: row.toelichting,
    verlooptOp: row.verlooptOp,
    aangemaaktOp: row.aangemaaktOp,
  };
}

/** Higher for a higher group and longer waiting: the order in which the engine served cases. */
function score(p: Prioriteit): number {
  return (p.groep === null ? 0 : Math.max(0, 10 - p.groep)) * 100_000 + Math.min(p.wachtdagen, 99_999);
}

function samenvatting(p: Prioriteit, offer: { naam: string }, afstandKm: number | null, wacht: number | null): string {
  const waarom = p.groep === null ? "geen prioriteitsgroep" : `groep ${p.groep}`;
  const waar = afstandKm === null ? "afstand onbekend" : `${afstandKm.toFixed(1).replace(".", ",")} km van de woongemeente`;
  const wanneer = wacht === null ? "wachttijd onbekend" : `${wacht} weken wachttijd`;
  return `${waarom}, ${p.wachtdagen} dagen wachtend; ${offer.naam}: gecontracteerd, ${waar}, ${wanneer}.`;
}

/**
 * One matching run for a region: the waiting cases inside the framework (regulier, status
 * wachtend, no open proposal) against open, not strongly stale offers with free places.
 * Optimal per the lexicographic objective of `matchCasussen`; every proposal explained.
 */
export async function runMatching(deps: ServiceDeps, input: { regio: string; zorgvorm?: string }, door: string) {
  await verwerkVerlopen(deps);
  if (!(await getRegio(deps, input.regio))) {
    throw ApiError.invalid([{ name: "regio", code: "onbekende-code", reason: `Regio ${input.regio} is onbekend.` }]);
  }
  const tree = await catalogueTree(deps);
  if (input.zorgvorm && !tree.known.has(input.zorgvorm)) {
    throw ApiError.invalid([
      { name: "zorgvorm", code: "onbekende-code", reason: `Zorgvorm ${input.zorgvorm} staat niet in de catalogus.` },
    ]);
  }
  const now = deps.clock.now();
  const ctx = await prioriteitContext(deps);
  const gms = await deps.db.orm.select().from(gemeenten).where(eq(gemeenten.regio, input.regio));
  const gemeente = new Map(gms.map((g) => [g.code, g]));
  const binnen = input.zorgvorm ? new Set(tree.subtree(input.zorgvorm)) : undefined;
  const rows = (
    await deps.db.orm
      .select()
      .from(casussen)
      .where(
        and(
          eq(casussen.status, "wachtend"),
          eq(casussen.urgentie, "regulier"),
          inArray(casussen.woongemeente, [...gemeente.keys()]),
        ),
      )
  ).filter((c) => !binnen || binnen.has(c.zorgvorm));

  const afgewezen = new Map<string, Set<string>>();
  if (rows.length > 0) {
    const declined = await deps.db.orm
      .select({ casusId: matchvoorstellen.casusId, aanbodId: matchvoorstellen.aanbodId })
      .from(matchvoorstellen)
      .where(
        and(
          eq(matchvoorstellen.status, "afgewezen"),
          // One JSON parameter instead of one per case: D1 binds at most 100 parameters.
          sql`${matchvoorstellen.casusId} IN (SELECT value FROM json_each(${JSON.stringify(rows.map((r) => r.id))}))`,
        ),
      );
    for (const d of declined) afgewezen.set(d.casusId, (afgewezen.get(d.casusId) ?? new Set()).add(d.aanbodId));
  }
  const sleutels = new Map<string, Set<string>>();
  for (const g of gms) sleutels.set(g.code, new Set(await contractSleutels(deps, g.code, g.regio, ctx.opDatum, tree.subtree)));

  const prio = new Map(rows.map((r) => [r.id, ctx.prioriteit(r)]));
  const cases: MatchCasus[] = rows.map((r) => {
    const g = gemeente.get(r.woongemeente);
    return {
      id: r.id,
      groep: prio.get(r.id)?.groep ?? null,
      wachtdagen: prio.get(r.id)?.wachtdagen ?? 0,
      lat: g?.lat ?? null,
      lon: g?.lon ?? null,
      zorgvormen: new Set(tree.subtree(r.zorgvorm)),
      leeftijdJaren: leeftijdJaren(r.geboortedatum, ctx.opDatum),
      contractSleutels: sleutels.get(r.woongemeente) ?? new Set(),
      afgewezen: afgewezen.get(r.id),
    };
  });
  const cutoff = new Date(now.getTime() - HIDDEN_AFTER_DAYS * DAY_MS).toISOString();
  const offers = await deps.db.orm
    .select({ a: aanbod, lat: zoekAanbod.lat, lon: zoekAanbod.lon })
    .from(aanbod)
    .innerJoin(zoekAanbod, eq(zoekAanbod.id, aanbod.id))
    .where(and(eq(aanbod.intakeStatus, "open"), gt(aanbod.vrijePlekken, 0), gte(aanbod.bevestigdOp, cutoff)));
  const byOffer = new Map(offers.map((o) => [o.a.id, o.a]));
  const places: MatchAanbod[] = offers.map(({ a, lat, lon }) => ({
    id: a.id,
    aanbiederId: a.aanbiederId,
    zorgvorm: a.zorgvorm,
    leeftijdVan: a.leeftijdVan,
    leeftijdTot: a.leeftijdTot,
    capaciteit: a.vrijePlekken,
    wachttijdWeken:
      a.aanmeldwachttijdWeken === null || a.behandelwachttijdWeken === null
        ? null
        : a.aanmeldwachttijdWeken + a.behandelwachttijdWeken,
    lat,
    lon,
  }));

  const { voorstellen } = matchCasussen(cases, places);
  const caseById = new Map(rows.map((r) => [r.id, r]));
  const placeById = new Map(places.map((p) => [p.id, p]));
  const run = newId();
  const op = isoTimestamp(now);
  const verlooptOp = isoTimestamp(new Date(now.getTime() + instellingen(deps).voorstelUren * 3_600_000));
  const created: VoorstelRow[] = [];
  const steps = voorstellen.flatMap((v) => {
    const casus = caseById.get(v.casusId) as (typeof rows)[number];
    const offer = byOffer.get(v.aanbodId) as typeof aanbod.$inferSelect;
    const p = prio.get(v.casusId) as Prioriteit;
    const place = placeById.get(v.aanbodId) as MatchAanbod;
    const afstandKm = v.afstandKm === null ? null : Math.round(v.afstandKm * 10) / 10;
    const uitleg: Uitleg = {
      casus: { groep: p.groep, redenen: p.redenen, wachtdagen: p.wachtdagen },
      plek: { zorgvorm: offer.zorgvorm, naam: offer.naam, afstandKm, wachttijdWeken: place.wachttijdWeken, gecontracteerd: true },
      samenvatting: samenvatting(p, offer, afstandKm, place.wachttijdWeken),
    };
    const row: VoorstelRow = {
      id: newId(),
      run,
      casusId: v.casusId,
      aanbodId: v.aanbodId,
      score: score(p),
      uitleg,
      status: "open",
      afwijsreden: null,
      toelichting: null,
      verlooptOp,
      aangemaaktOp: op,
      gewijzigdOp: op,
    };
    created.push(row);
    return [
      { query: deps.db.orm.insert(matchvoorstellen).values(row) },
      statusStep(deps, casus, "voorgesteld", op),
      casusHistorieStep(deps, {
        casusId: casus.id,
        soort: "status",
        van: "wachtend",
        naar: "voorgesteld",
        reden: `voorstel ${row.id}`,
        door,
        op,
      }),
    ];
  });
  await deps.db.atomic(steps);
  return {
    run,
    voorstellen: created,
    casussen: rows.length,
    casusIds: rows.map((r) => r.id),
    plekken: places.reduce((n, p) => n + p.capaciteit, 0),
  };
}

/** A proposal, or 404 when it does not exist or lies outside the caller's scope. */
export async function getVoorstel(deps: ServiceDeps, id: string, scope: Scope = HEEL_REGISTER): Promise<VoorstelRow> {
  const [row] = await deps.db.orm.select().from(matchvoorstellen).where(eq(matchvoorstellen.id, id));
  if (!row || !(await koppelingInScope(deps, scope, row))) throw ApiError.notFound(`Matchvoorstel ${id}`);
  return row;
}

export async function listVoorstellen(
  deps: ServiceDeps,
  filter: { casusId?: string; status?: VoorstelRow["status"] },
  paging: Paging,
  scope: Scope,
) {
  const where = and(
    ...conditions(
      koppelingWhere(deps, scope, matchvoorstellen),
      filter.casusId ? eq(matchvoorstellen.casusId, filter.casusId) : undefined,
      filter.status ? eq(matchvoorstellen.status, filter.status) : undefined,
    ),
  );
  return paged(
    paging,
    (limit, offset) =>
      deps.db.orm
        .select()
        .from(matchvoorstellen)
        .where(where)
        .orderBy(asc(matchvoorstellen.aangemaaktOp), asc(matchvoorstellen.id))
        .limit(limit)
        .offset(offset),
    () => deps.db.orm.select({ n: count() }).from(matchvoorstellen).where(where),
    (row) => row,
  );
}

function assertOpen(row: VoorstelRow): void {
  if (row.status !== "open") throw new ApiError(ErrorCode.conflict, `Matchvoorstel ${row.id} is ${row.status}, niet meer open.`);
}

/** Accepting turns the proposal into a hold that takes the place atomically (409 when it is gone). */
export async function accepteer(deps: ServiceDeps, id: string, door: string) {
  await verwerkVerlopen(deps);
  const voorstel = await getVoorstel(deps, id);
  assertOpen(voorstel);
  const op = isoTimestamp(deps.clock.now());
  return reserveer(deps, { aanbodId: voorstel.aanbodId, casusId: voorstel.casusId, voorstelId: id }, door, [
    {
      query: deps.db.orm
        .update(matchvoorstellen)
        .set({ status: "geaccepteerd", gewijzigdOp: op })
        .where(and(eq(matchvoorstellen.id, id), eq(matchvoorstellen.status, "open"))),
      expectChanges: 1,
      onMismatch: () => new ApiError(ErrorCode.conflict, `Matchvoorstel ${id} is intussen afgehandeld.`),
    },
  ]);
}

/** Declining needs a reason; the pair is never proposed again. */
export async function wijsAf(deps: ServiceDeps, id: string, input: { reden: string; toelichting?: string | null }, door: string) {
  await verwerkVerlopen(deps);
  const voorstel = await getVoorstel(deps, id);
  assertOpen(voorstel);
  const casus = await getCasus(deps, voorstel.casusId);
  assertOvergang(casus, "wachtend");
  const op = isoTimestamp(deps.clock.now());
  await deps.db.atomic([
    {
      query: deps.db.orm
        .update(matchvoorstellen)
        .set({ status: "afgewezen", afwijsreden: input.reden, toelichting: input.toelichting ?? null, gewijzigdOp: op })
        .where(and(eq(matchvoorstellen.id, id), eq(matchvoorstellen.status, "open"))),
      expectChanges: 1,
      onMismatch: () => new ApiError(ErrorCode.conflict, `Matchvoorstel ${id} is intussen afgehandeld.`),
    },
    statusStep(deps, casus, "wachtend", op),
    casusHistorieStep(deps, {
      casusId: casus.id,
      soort: "status",
      van: casus.status,
      naar: "wachtend",
      reden: `voorstel afgewezen: ${input.reden}`,
      door,
      op,
    }),
  ]);
  return {
    ...voorstel,
    status: "afgewezen" as const,
    afwijsreden: input.reden,
    toelichting: input.toelichting ?? null,
    gewijzigdOp: op,
  };
}
