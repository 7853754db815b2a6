import { and, eq, inArray, or } from "drizzle-orm";
import { z } from "zod";
import { casussen, gemeenten } from "../../db/schema/index.ts";
import { regioCode, zorgvormCode } from "../kern/fields.ts";
import { STOPREDENEN_WACHTEND } from "../kern/vocabulary.ts";
import { rangschik } from "../priority/rules.ts";
import { type CasusRow, readCasussen } from "./casus-overgangen.ts";
import { catalogueTree, requireRegio } from "./catalogus.ts";
import type { Deps } from "./context.ts";
import { noteer, useCase } from "./context.ts";
import { beoordeelEscalatie } from "./escalaties.ts";
import { loadPrioriteitContext, type Prioriteit } from "./prioriteringsregels.ts";
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

/** GET /wachtlijst: a broker's ranked list of one of its regions; another region "does not exist". */
export const getWachtlijst = useCase(["zorgmakelaar"], async (ctx, filter: z.output<typeof WachtlijstQuery>) => {
  await requireRegioInScope(ctx.deps, ctx.actor, filter.regio);
  const lijst = await rankWachtlijst(ctx.deps, filter);
  noteer(
    ctx,
    [...lijst.resultaten, ...lijst.buitenKader, ...lijst.oudersKiezenWachten].map((x) => x.id),
  );
  return lijst;
});
