import { and, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { aanbieders, aanbod, aanmeldingen, casussen, gemeenten, matchvoorstellen, reserveringen } from "../../db/schema/index.ts";
import { regioCode, zorgvormCode } from "../kern/fields.ts";
import { isoTimestamp } from "../kern/time.ts";
import { STOPREDENEN_WACHTEND } from "../kern/vocabulary.ts";
import { rangschik } from "../priority/rules.ts";
import { type CasusRow, readCasussen } from "./casus-overgangen.ts";
import { catalogueTree, requireRegio } from "./catalogus.ts";
import type { Deps } from "./context.ts";
import { noteer, useCase } from "./context.ts";
import { beoordeelEscalatie } from "./escalaties.ts";
import { loadPrioriteitContext, type Prioriteit } from "./prioriteringsregels.ts";
import { jsonIds } from "./query.ts";
import { requireRegioInScope } from "./scope.ts";

const WACHTEND = ["wachtend", "voorgesteld", "aangemeld", "gereserveerd"] as const;

export const WachtlijstQuery = z.object({
  regio: regioCode,
  normOverschreden: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .meta({ type: "boolean" }),
  zorgvorm: zorgvormCode.optional(),
});

/**
 * The ranked waiting list of a region: the framework's groups in order, longest waiting
 * first within a group, spoed and crisis apart; every rank explained.
 */
export async function rankWachtlijst(deps: Deps, filter: { regio: string; normOverschreden?: boolean; zorgvorm?: string }) {
  await requireRegio(deps, filter.regio);
  const ctx = await loadPrioriteitContext(deps);
  // The statuses that wait: an expired hold or proposal leaves its case among them, as `wachtend`.
  const alle = await readCasussen(
    deps,
    and(
      // Parents who chose to wait for a particular provider still wait: shown apart.
      or(
        inArray(casussen.status, [...WACHTEND]),
        and(eq(casussen.status, "gestopt"), inArray(casussen.stopreden, [...STOPREDENEN_WACHTEND])),
      ),
      inArray(
        casussen.woongemeente,
        deps.db.orm.select({ code: gemeenten.code }).from(gemeenten).where(eq(gemeenten.regio, filter.regio)),
      ),
      filter.zorgvorm ? inArray(casussen.zorgvorm, (await catalogueTree(deps)).subtree(filter.zorgvorm)) : undefined,
    ),
  );
  const rows = alle.filter((r) => r.status !== "gestopt");
  const byId = new Map(alle.map((r) => [r.id, r]));
  const eigen = new Map(alle.map((r) => [r.id, ctx.berekend(r)]));
  const prios = new Map(alle.map((r) => [r.id, ctx.prioriteit(r, eigen.get(r.id))]));
  const keep = (id: string) => !filter.normOverschreden || prios.get(id)?.normOverschreden === true;
  const escalatie = await beoordeelEscalatie(
    deps,
    alle.filter((r) => keep(r.id)).map((row) => ({ row, klok: (prios.get(row.id) as Prioriteit).klok })),
  );
  const regel = (id: string) => ({
    id,
    row: byId.get(id) as CasusRow,
    prioriteit: prios.get(id) as Prioriteit,
    escalatie: escalatie.get(id),
  });
  const ranked = rangschik(
    rows.map((r) => ({
      feiten: ctx.feiten(r),
      prioriteit: eigen.get(r.id) as ReturnType<typeof ctx.berekend>,
      handmatig: prios.get(r.id)?.handmatig,
      volgordeDagen: prios.get(r.id)?.volgordeDagen,
    })),
    ctx.opDatum,
  );
  return {
    regio: filter.regio,
    peildatum: ctx.opDatum,
    regelset: ctx.regelsetVoor(filter.regio),
    resultaten: ranked.resultaten.filter((x) => keep(x.id)).map((x) => ({ positie: x.positie, ...regel(x.id) })),
    buitenKader: ranked.buitenKader.filter((x) => keep(x.id)).map((x) => regel(x.id)),
    /** Parents chose to wait for a particular provider: still counted as waiting, shown apart with the reason. */
    oudersKiezenWachten: alle.filter((r) => r.status === "gestopt" && keep(r.id)).map((r) => regel(r.id)),
  };
}

/** What is in play for a case on the list: an open proposal, a held place, or a referral awaiting or having an answer. */
export interface Lopend {
  soort: "voorstel" | "reservering" | "aanmelding";
  /** For a referral: verzonden or geaccepteerd. */
  status: string | null;
  /** Until when: the proposal's or hold's end, the referral's answer deadline. */
  tot: string;
  aanbod: string | null;
  aanbieder: string | null;
  /** A referral that holds a place. */
  metPlek: boolean;
}

/**
 * What is in play for each of these cases, read in one query for the whole list (no query per
 * row): open proposals, holds of their own (a hold taken with a referral shows as that referral)
 * and referrals in play, each as it stands at `now` (what has expired is left out).
 */
export async function lopendPerCasus(deps: Deps, casusIds: readonly string[]): Promise<Map<string, Lopend[]>> {
  const out = new Map<string, Lopend[]>();
  if (casusIds.length === 0) return out;
  const now = isoTimestamp(deps.clock.now());
  const ids = jsonIds([...casusIds]);
  const rows = await deps.db.orm.all<{
    soort: Lopend["soort"];
    casus: string;
    status: string | null;
    tot: string;
    aanbod: string | null;
    aanbieder: string | null;
    metPlek: number;
  }>(sql`SELECT x.soort, x.casus, x.status, x.tot, a.naam AS aanbod, ab.naam AS aanbieder, x.metPlek
    FROM (
      SELECT 'voorstel' AS soort, ${matchvoorstellen.casusId} AS casus, NULL AS status, ${matchvoorstellen.verlooptOp} AS tot,
        ${matchvoorstellen.aanbodId} AS aanbodId, 0 AS metPlek
      FROM ${matchvoorstellen}
      WHERE ${matchvoorstellen.status} = 'open' AND ${matchvoorstellen.verlooptOp} > ${now}
        AND ${matchvoorstellen.casusId} IN (SELECT value FROM json_each(${ids}))
      UNION ALL
      SELECT 'reservering', ${reserveringen.casusId}, NULL, ${reserveringen.verlooptOp}, ${reserveringen.aanbodId}, 1
      FROM ${reserveringen}
      WHERE ${reserveringen.status} = 'actief' AND ${reserveringen.verlooptOp} > ${now}
        AND ${reserveringen.casusId} IN (SELECT value FROM json_each(${ids}))
        AND NOT EXISTS (SELECT 1 FROM ${aanmeldingen} WHERE ${aanmeldingen.reserveringId} = ${reserveringen.id})
      UNION ALL
      SELECT 'aanmelding', ${aanmeldingen.casusId}, ${aanmeldingen.status}, ${aanmeldingen.antwoordVoor}, ${aanmeldingen.aanbodId},
        ${aanmeldingen.reserveringId} IS NOT NULL
      FROM ${aanmeldingen}
      WHERE (${aanmeldingen.status} = 'geaccepteerd' OR (${aanmeldingen.status} = 'verzonden' AND ${aanmeldingen.antwoordVoor} > ${now}))
        AND ${aanmeldingen.casusId} IN (SELECT value FROM json_each(${ids}))
    ) x
    LEFT JOIN ${aanbod} a ON a.id = x.aanbodId
    LEFT JOIN ${aanbieders} ab ON ab.id = a.aanbieder_id
    ORDER BY x.casus, x.tot`);
  for (const r of rows) {
    const lijst = out.get(r.casus) ?? [];
    lijst.push({
      soort: r.soort,
      status: r.status,
      tot: r.tot,
      aanbod: r.aanbod,
      aanbieder: r.aanbieder,
      metPlek: Boolean(r.metPlek),
    });
    out.set(r.casus, lijst);
  }
  return out;
}

/** GET /wachtlijst: a broker's ranked list of one of its regions; another region "does not exist". */
export const getWachtlijst = useCase(["zorgmakelaar"], async (ctx, filter: z.output<typeof WachtlijstQuery>) => {
  await requireRegioInScope(ctx.deps, ctx.actor, filter.regio);
  const lijst = await rankWachtlijst(ctx.deps, filter);
  const ids = [...lijst.resultaten, ...lijst.buitenKader, ...lijst.oudersKiezenWachten].map((x) => x.id);
  noteer(ctx, ids);
  return { ...lijst, lopend: await lopendPerCasus(ctx.deps, ids) };
});
