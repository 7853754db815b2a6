import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { gecontracteerd } from "../../db/dekking.ts";
import { aanbieders, aanmeldingen, escalaties } from "../../db/schema/index.ts";
import { door } from "../kern/actor.ts";
import { datumLang, leeftijdJaren, plusDagen } from "../kern/dates.ts";
import { datum } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import { DAY_MS, HIDDEN_AFTER_DAYS, isoDate, isoTimestamp } from "../kern/time.ts";
import { Violations } from "../kern/violations.ts";
import { ESCALATIE_STAPPEN, type EscalatieStap } from "../kern/vocabulary.ts";
import { type NormKlok, uiterlijkeStart } from "../priority/norm.ts";
import { type CasusRow, casusHistorieStep, requireCasus } from "./casus-overgangen.ts";
import { catalogueTree, findGemeente } from "./catalogus.ts";
import { type ActorCtx, type Deps, noteer, useCase } from "./context.ts";
import { jsonIds } from "./query.ts";
import { regioInstellingenVoor } from "./regio-instellingen.ts";
import { scopeOf } from "./scope.ts";
import { atomicMetLog } from "./toegangslog.ts";

/**
 * Escalation when nothing contracted is timely (DOMAIN.md, the referral process, step 6): a
 * case whose expected start lies past its deadline, or for which no eligible offer exists, is
 * flagged with the reason; people record the steps A1 (looking outside contracted care with
 * the municipality), A2 (a maatwerk contract with a non-contracted provider) and B (the
 * regional expert team).
 */

export const EscalatieInput = z
  .strictObject({
    stap: z.enum(ESCALATIE_STAPPEN, { message: `Kies uit ${ESCALATIE_STAPPEN.join(", ")}.` }),
    datum,
    uitkomst: z.string().trim().max(500, { message: "Mag hoogstens 500 tekens zijn." }).optional(),
    aanbiederId: z
      .uuid({ message: "Moet een UUID zijn." })
      .optional()
      .meta({ description: "A2: de niet-gecontracteerde aanbieder" }),
    besluitdatum: datum.optional().meta({ description: "A2: de datum van het besluit van de gemeente" }),
  })
  .meta({ id: "EscalatieInput" });

export type EscalatieRow = typeof escalaties.$inferSelect;

export interface Escalatie {
  /** Nothing contracted is timely: the case needs an escalation step. */
  nodig: boolean;
  reden: string | null;
  /** The expected start this judgement rests on (an accepted referral, else the best eligible offer). */
  verwachteStart: string | null;
  /** The latest start in time: the norm date, else registration plus the region's maximum wait. */
  uiterlijkeStart: string;
  /** The latest step recorded. */
  stap: EscalatieStap | null;
}

/** The steps recorded per case, oldest first. */
export async function readEscalaties(deps: Deps, casusIds: readonly string[]): Promise<Map<string, EscalatieRow[]>> {
  const out = new Map<string, EscalatieRow[]>();
  if (casusIds.length === 0) return out;
  const rows = await deps.db.orm
    .select()
    .from(escalaties)
    .where(sql`${escalaties.casusId} IN (SELECT value FROM json_each(${jsonIds(casusIds)}))`)
    .orderBy(asc(escalaties.datum), asc(escalaties.op));
  for (const r of rows) out.set(r.casusId, [...(out.get(r.casusId) ?? []), r]);
  return out;
}

/** Whether a case may be helped outside contracted care: the municipality is looking (A1) or arranging maatwerk (A2). */
export function buitenContract(stappen: readonly Pick<EscalatieRow, "stap">[] | undefined): boolean {
  return (stappen ?? []).some((s) => s.stap === "A1" || s.stap === "A2");
}

/**
 * The offers eligible for cases of one municipality and care type, with the weeks until help
 * could start on the providers' own figures: an offer with a free place (open intake) or an
 * open waiting list, not strongly stale, contracted for the municipality unless escalation
 * allows otherwise. The age is checked per case.
 */
async function kandidaten(
  deps: Deps,
  vraag: { gemeente: string; regio: string | null; zorgvorm: string; vandaag: string; ookNietGecontracteerd: boolean },
): Promise<{ van: number; tot: number; weken: number }[]> {
  const tree = await catalogueTree(deps);
  const cutoff = new Date(deps.clock.now().getTime() - HIDDEN_AFTER_DAYS * DAY_MS).toISOString();
  const contract = vraag.ookNietGecontracteerd
    ? sql`1`
    : gecontracteerd({ gemeente: vraag.gemeente, regio: vraag.regio, dag: vraag.vandaag });
  const rows = await deps.db.orm.all<{ van: number; tot: number; weken: number | null }>(sql`SELECT z.leeftijd_van AS van,
      z.leeftijd_tot AS tot, CASE WHEN z.intake_status = 'open' AND z.vrije_plekken > z.vastgehouden
        THEN coalesce(z.totaal_wachttijd, 0) ELSE z.totaal_wachttijd END AS weken
    FROM zoek_aanbod z
    WHERE z.zorgvorm IN (SELECT value FROM json_each(${jsonIds(tree.subtree(vraag.zorgvorm))}))
      AND z.bevestigd_op >= ${cutoff}
      AND ((z.intake_status = 'open' AND z.vrije_plekken > z.vastgehouden) OR z.intake_status = 'wachtlijst')
      AND ${contract}`);
  return rows.filter((r) => r.weken !== null).map((r) => ({ van: r.van, tot: r.tot, weken: Number(r.weken) }));
}

/**
 * The escalation judgement for cases, each with its norm clock. Only cases still waiting are
 * judged; an accepted referral's expected start counts before any offer found.
 */
export async function beoordeelEscalatie(
  deps: Deps,
  cases: readonly { row: CasusRow; klok: NormKlok }[],
): Promise<Map<string, Escalatie>> {
  const out = new Map<string, Escalatie>();
  if (cases.length === 0) return out;
  const vandaag = isoDate(deps.clock.now());
  const ids = cases.map((c) => c.row.id);
  const stappen = await readEscalaties(deps, ids);
  const geaccepteerd = new Map<string, string>();
  for (const a of await deps.db.orm
    .select({ casusId: aanmeldingen.casusId, start: aanmeldingen.verwachteStartdatum })
    .from(aanmeldingen)
    .where(
      and(
        eq(aanmeldingen.status, "geaccepteerd"),
        sql`${aanmeldingen.casusId} IN (SELECT value FROM json_each(${jsonIds(ids)}))`,
      ),
    )) {
    if (a.start && (!geaccepteerd.has(a.casusId) || a.start < (geaccepteerd.get(a.casusId) as string)))
      geaccepteerd.set(a.casusId, a.start);
  }
  const regios = new Map<string, { regio: string | null; maxWeken: number }>();
  const aanbod = new Map<string, { van: number; tot: number; weken: number }[]>();
  for (const { row, klok } of cases) {
    if (!regios.has(row.woongemeente)) {
      const regio = (await findGemeente(deps, row.woongemeente))?.regio ?? null;
      regios.set(row.woongemeente, { regio, maxWeken: (await regioInstellingenVoor(deps, regio)).maxWachttijdWeken });
    }
    const { regio, maxWeken } = regios.get(row.woongemeente) as { regio: string | null; maxWeken: number };
    const uiterlijk = uiterlijkeStart(klok, row.aanmelddatum, maxWeken);
    const eigen = stappen.get(row.id);
    const laatste = eigen?.at(-1)?.stap ?? null;
    if (!klok.wachtend) {
      out.set(row.id, { nodig: false, reden: null, verwachteStart: null, uiterlijkeStart: uiterlijk, stap: laatste });
      continue;
    }
    const ruimer = buitenContract(eigen);
    let start = geaccepteerd.get(row.id) ?? null;
    if (start === null) {
      const sleutel = `${row.woongemeente}|${row.zorgvorm}|${ruimer}`;
      if (!aanbod.has(sleutel))
        aanbod.set(
          sleutel,
          await kandidaten(deps, {
            gemeente: row.woongemeente,
            regio,
            zorgvorm: row.zorgvorm,
            vandaag,
            ookNietGecontracteerd: ruimer,
          }),
        );
      const leeftijd = leeftijdJaren(row.geboortedatum, vandaag);
      const weken = (aanbod.get(sleutel) ?? []).filter((o) => o.van <= leeftijd && leeftijd <= o.tot).map((o) => o.weken);
      start = weken.length === 0 ? null : plusDagen(vandaag, 7 * Math.min(...weken));
    }
    const reden =
      start === null
        ? ruimer
          ? "Geen passend aanbod gevonden, ook niet buiten de gecontracteerde zorg."
          : "Geen passend gecontracteerd aanbod met een plek of een open wachtlijst."
        : start > uiterlijk
          ? `De vroegst mogelijke start (${datumLang(start)}) ligt na ${klok.normDatum ? "de normdatum" : "de maximale wachttijd"} (${datumLang(uiterlijk)}).`
          : null;
    out.set(row.id, { nodig: reden !== null, reden, verwachteStart: start, uiterlijkeStart: uiterlijk, stap: laatste });
  }
  return out;
}

/** A step recorded by the referrer or the broker of the case, in its history. A2 names the provider and the decision date. */
export const createEscalatie = useCase(
  ["verwijzer", "zorgmakelaar"],
  async (ctx: ActorCtx, input: { id: string; escalatie: z.output<typeof EscalatieInput> }) => {
    const { deps } = ctx;
    const casus = await requireCasus(deps, input.id, scopeOf(ctx.actor));
    noteer(ctx, [casus.id]);
    const e = input.escalatie;
    const v = new Violations();
    const vandaag = isoDate(deps.clock.now());
    if (e.datum > vandaag) v.add("datum", "in-de-toekomst", "De datum ligt in de toekomst.");
    if (e.stap === "A2") {
      if (!e.aanbiederId) v.add("aanbiederId", "verplicht", "Noem bij A2 de aanbieder met wie de gemeente maatwerk afspreekt.");
      if (!e.besluitdatum) v.add("besluitdatum", "verplicht", "Geef bij A2 de datum van het besluit van de gemeente.");
    } else {
      if (e.aanbiederId) v.add("aanbiederId", "hoort-bij-a2", "Een aanbieder hoort alleen bij stap A2.");
      if (e.besluitdatum) v.add("besluitdatum", "hoort-bij-a2", "Een besluitdatum hoort alleen bij stap A2.");
    }
    if (e.aanbiederId) {
      const [a] = await deps.db.orm.select({ id: aanbieders.id }).from(aanbieders).where(eq(aanbieders.id, e.aanbiederId));
      if (!a) v.add("aanbiederId", "onbekend", `Aanbieder ${e.aanbiederId} bestaat niet.`);
    }
    v.throwIfAny();
    const op = isoTimestamp(deps.clock.now());
    const wie = door(ctx.actor);
    const row: EscalatieRow = {
      id: newId(),
      casusId: casus.id,
      stap: e.stap,
      datum: e.datum,
      uitkomst: e.uitkomst || null,
      aanbiederId: e.aanbiederId ?? null,
      besluitdatum: e.besluitdatum ?? null,
      door: wie,
      op,
    };
    await atomicMetLog(
      ctx,
      [
        { query: deps.db.orm.insert(escalaties).values(row) },
        casusHistorieStep(deps, {
          casusId: casus.id,
          soort: "escalatie",
          naar: e.stap,
          reden: e.uitkomst ?? null,
          door: wie,
          op,
        }),
      ],
      [casus.id],
    );
    return row;
  },
);

export const listEscalaties = useCase(["verwijzer", "zorgmakelaar"], async (ctx, { id }: { id: string }) => {
  const casus = await requireCasus(ctx.deps, id, scopeOf(ctx.actor));
  noteer(ctx, [casus.id]);
  return (await readEscalaties(ctx.deps, [casus.id])).get(casus.id) ?? [];
});
