import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { aanbod, aanmeldingen, casussen, escalaties, gemeenten, reserveringen } from "../../db/schema/index.ts";
import { dagenTussen } from "../kern/dates.ts";
import { regioCode } from "../kern/fields.ts";
import { percentiel } from "../kern/statistiek.ts";
import { isoDate } from "../kern/time.ts";
import { AANMELDING_AFWIJSREDENEN, STOPREDENEN } from "../kern/vocabulary.ts";
import { klokStartVan } from "../priority/norm.ts";
import type { CasusRow } from "./casus-overgangen.ts";
import { type Deps, useCase } from "./context.ts";
import { jsonIds } from "./query.ts";
import { zorggroepVan } from "./rapportagegroepen.ts";
import { requireRegioInScope } from "./scope.ts";

/**
 * The KPIs of the ministry's referral guide per month: the waiting time from the ruling (or
 * the start of the measure) to the start of help, the share of started help that is contracted
 * care rather than maatwerk, inflow, outflow and placements, referrals declined by reason, and
 * holds and referrals expired. Computed from the records; a month is a calendar month.
 */

const maand = z.string().regex(/^20[0-9]{2}-(0[1-9]|1[0-2])$/, { message: "Moet een maand zijn (jjjj-mm)." });
export const KpiQuery = z.object({
  regio: regioCode,
  van: maand.optional().meta({ description: "Eerste maand; standaard elf maanden voor tot" }),
  tot: maand.optional().meta({ description: "Laatste maand; standaard de huidige" }),
});

export interface Spreiding {
  aantal: number;
  mediaan: number | null;
  p75: number | null;
  p90: number | null;
}

function spreiding(dagen: readonly number[]): Spreiding {
  return { aantal: dagen.length, mediaan: percentiel(dagen, 0.5), p75: percentiel(dagen, 0.75), p90: percentiel(dagen, 0.9) };
}

/** The months from `van` to `tot`, inclusive. */
export function maanden(van: string, tot: string): string[] {
  const out: string[] = [];
  let [j, m] = van.split("-").map(Number) as [number, number];
  for (let i = 0; i < 240; i++) {
    const code = `${j}-${String(m).padStart(2, "0")}`;
    if (code > tot) break;
    out.push(code);
    m++;
    if (m > 12) {
      m = 1;
      j++;
    }
  }
  return out;
}

function maandTerug(code: string, n: number): string {
  const [j, m] = code.split("-").map(Number) as [number, number];
  const t = j * 12 + (m - 1) - n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, "0")}`;
}

const inMaand = (datum: string | null | undefined, m: string) => datum?.slice(0, 7) === m;

export async function kpiRapport(deps: Deps, regio: string, van: string, tot: string) {
  const rows = (await deps.db.orm
    .select()
    .from(casussen)
    .where(
      inArray(
        casussen.woongemeente,
        deps.db.orm.select({ code: gemeenten.code }).from(gemeenten).where(eq(gemeenten.regio, regio)),
      ),
    )) as CasusRow[];
  const ids = rows.map((r) => r.id);
  const binnen = sql`IN (SELECT value FROM json_each(${jsonIds(ids)}))`;
  const aanm =
    ids.length === 0 ? [] : await deps.db.orm.select().from(aanmeldingen).where(sql`${aanmeldingen.casusId} ${binnen}`);
  const holds =
    ids.length === 0 ? [] : await deps.db.orm.select().from(reserveringen).where(sql`${reserveringen.casusId} ${binnen}`);
  const a2 =
    ids.length === 0
      ? []
      : await deps.db.orm
          .select({ casusId: escalaties.casusId, aanbiederId: escalaties.aanbiederId })
          .from(escalaties)
          .where(and(eq(escalaties.stap, "A2"), sql`${escalaties.casusId} ${binnen}`));
  const maatwerk = new Set(a2.map((e) => `${e.casusId}|${e.aanbiederId}`));
  const zorggroep = await zorggroepVan(deps);

  /** The provider and care type help started with: the aanmelding that started, else the hold that was placed. */
  const gestartBij = new Map<string, { aanbiederId: string; zorgvorm: string }>();
  for (const a of aanm)
    if (a.status === "gestart") gestartBij.set(a.casusId, { aanbiederId: a.aanbiederId, zorgvorm: a.zorgvorm });
  const geplaatsteHolds = holds.filter((h) => h.status === "geplaatst" && !gestartBij.has(h.casusId));
  if (geplaatsteHolds.length > 0) {
    const offers = await deps.db.orm
      .select({ id: aanbod.id, aanbiederId: aanbod.aanbiederId, zorgvorm: aanbod.zorgvorm })
      .from(aanbod)
      .where(
        inArray(
          aanbod.id,
          geplaatsteHolds.map((h) => h.aanbodId),
        ),
      );
    const byId = new Map(offers.map((o) => [o.id, o]));
    for (const h of geplaatsteHolds) {
      const o = byId.get(h.aanbodId);
      if (o) gestartBij.set(h.casusId, { aanbiederId: o.aanbiederId, zorgvorm: o.zorgvorm });
    }
  }
  const gemeente = new Map(
    (
      await deps.db.orm.select({ code: gemeenten.code, regio: gemeenten.regio }).from(gemeenten).where(eq(gemeenten.regio, regio))
    ).map((g) => [g.code, g.regio]),
  );
  /** Contracted for the child's municipality (or its region) on the day help started, for that care type. */
  const gecontracteerd = async (c: CasusRow, bij: { aanbiederId: string; zorgvorm: string }) => {
    const [rij] = await deps.db.orm.all<{ n: number }>(sql`SELECT count(*) AS n FROM contract_dekking d
      WHERE d.aanbieder_id = ${bij.aanbiederId} AND d.zorgvorm = ${bij.zorgvorm}
        AND (d.gemeente = ${c.woongemeente} OR d.regio = ${gemeente.get(c.woongemeente) ?? ""})
        AND d.geldig_vanaf <= ${c.startdatum} AND (d.geldig_tot IS NULL OR d.geldig_tot >= ${c.startdatum})`);
    return Number(rij?.n ?? 0) > 0;
  };

  const perMaand = [];
  for (const m of maanden(van, tot)) {
    const gestart = rows.filter((r) => inMaand(r.startdatum, m));
    const metMaatregel = gestart.filter((r) => r.maatregelen.length > 0);
    const vanafUitspraak = (r: CasusRow) => {
      const starts = r.maatregelen.map(klokStartVan).filter((s) => s !== null);
      const eerste = starts.map((s) => s.datum).sort()[0];
      return eerste ? dagenTussen(eerste, r.startdatum as string) : null;
    };
    const vanafIngang = (r: CasusRow) => {
      const eerste = r.maatregelen
        .map((x) => x.ingangsdatum)
        .filter((d): d is string => d !== null)
        .sort()[0];
      return eerste ? dagenTussen(eerste, r.startdatum as string) : null;
    };
    const dagen = (f: (r: CasusRow) => number | null, lijst: CasusRow[]) => lijst.map(f).filter((d): d is number => d !== null);
    const perZorggroep: Record<string, Spreiding> = {};
    for (const r of metMaatregel) {
      const groep = zorggroep.hoofdgroep(r.zorgvorm);
      perZorggroep[groep] ??= spreiding(
        dagen(
          vanafUitspraak,
          metMaatregel.filter((x) => zorggroep.hoofdgroep(x.zorgvorm) === groep),
        ),
      );
    }
    let contract = 0;
    let maatwerkA2 = 0;
    let anders = 0;
    for (const r of gestart) {
      const bij = gestartBij.get(r.id);
      if (!bij) continue;
      if (maatwerk.has(`${r.id}|${bij.aanbiederId}`)) maatwerkA2++;
      else if (await gecontracteerd(r, bij)) contract++;
      else anders++;
    }
    const gestopt = rows.filter((r) => r.status === "gestopt" && inMaand(r.gestoptOp, m));
    perMaand.push({
      maand: m,
      doorlooptijdVanafUitspraak: spreiding(dagen(vanafUitspraak, metMaatregel)),
      doorlooptijdVanafIngang: spreiding(dagen(vanafIngang, metMaatregel)),
      doorlooptijdPerZorggroep: perZorggroep,
      gestartBij: { gecontracteerd: contract, maatwerk: maatwerkA2, nietGecontracteerd: anders },
      instroom: rows.filter((r) => inMaand(r.aanmelddatum, m)).length,
      uitstroom: {
        hulpGestart: gestart.length,
        gestopt: Object.fromEntries(STOPREDENEN.map((s) => [s, gestopt.filter((r) => r.stopreden === s).length])),
      },
      plaatsingen: gestart.filter((r) => zorggroep.hoofdgroep(r.zorgvorm) === "verblijf").length,
      aanmeldingenAfgewezen: Object.fromEntries(
        AANMELDING_AFWIJSREDENEN.map((reden) => [
          reden,
          aanm.filter((a) => a.status === "afgewezen" && a.afwijsreden === reden && inMaand(a.gewijzigdOp, m)).length,
        ]),
      ),
      verlopen: {
        reserveringen: holds.filter((h) => h.status === "verlopen" && inMaand(h.gewijzigdOp, m)).length,
        aanmeldingen: aanm.filter((a) => a.status === "verlopen" && inMaand(a.gewijzigdOp, m)).length,
      },
    });
  }
  return { regio, van, tot, maanden: perMaand };
}
export type KpiRapport = Awaited<ReturnType<typeof kpiRapport>>;

export const getKpiRapport = useCase(["zorgmakelaar", "beheerder"], async (ctx, q: z.output<typeof KpiQuery>) => {
  await requireRegioInScope(ctx.deps, ctx.actor, q.regio);
  const tot = q.tot ?? isoDate(ctx.deps.clock.now()).slice(0, 7);
  const van = q.van ?? maandTerug(tot, 11);
  return kpiRapport(ctx.deps, q.regio, van, tot);
});
