import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { casussen, escalaties, gemeenten, normMomentopnames, organisaties } from "../../db/schema/index.ts";
import { DomainError } from "../kern/errors.ts";
import { datum, regioCode } from "../kern/fields.ts";
import { aandeel } from "../kern/statistiek.ts";
import { isoDate } from "../kern/time.ts";
import type { CasusStatus } from "../kern/vocabulary.ts";
import { type Maatregel, normKlok } from "../priority/norm.ts";
import { optiesVan } from "../priority/rules.ts";
import type { CasusRow } from "./casus-overgangen.ts";
import { findRegio } from "./catalogus.ts";
import { type Deps, useCase } from "./context.ts";
import { noemerVoor } from "./maatregeltellingen.ts";
import { loadPrioriteitContext } from "./prioriteringsregels.ts";
import { jsonIds } from "./query.ts";
import { zorggroepVan } from "./rapportagegroepen.ts";
import { requireRegioInScope } from "./scope.ts";

/**
 * The monthly norm report (DOMAIN.md, "Norms and monitoring"): children with a measure under
 * the doorbraak norm who, on the peildatum, wait past their norm date, in total and as a share
 * of all active measures, broken down by the care they wait for, GI, municipality, priority
 * group and escalation step. A past peildatum is answered as the records stood then (a monthly
 * snapshot, or the case history read back to that day), never from today's state; what later
 * records change about that day is shown as a correction.
 */

export const NormRapportQuery = z.object({
  regio: regioCode,
  peildatum: datum.optional().meta({ description: "Standaard vandaag" }),
});

export interface Uitsplitsing {
  sleutel: string;
  naam: string;
  aantal: number;
  /** Of these, parents chose to wait for a particular provider. */
  oudersKiezenWachten: number;
  /** For the care groups: a heading (verblijf, ambulant) whose subgroups are listed after it. */
  bovenliggend?: string | null;
}

export interface NormCijfers {
  totaal: number;
  oudersKiezenWachten: number;
  perZorggroep: Uitsplitsing[];
  perGi: Uitsplitsing[];
  perGemeente: Uitsplitsing[];
  perPrioriteitsgroep: Uitsplitsing[];
  perEscalatiestap: Uitsplitsing[];
}

export interface Correctie {
  onderdeel: string;
  sleutel: string;
  naam: string;
  vastgesteld: number;
  metLatereGegevens: number;
}

/** The end of a peildatum: what was recorded on that day still counts. */
const eindVan = (peildatum: string) => `${peildatum}T23:59:59.999Z`;

/** A case as it stood (or, with later knowledge, as it now reads) on the peildatum. */
interface CasusOpPeildatum extends CasusRow {
  handmatigOpPeildatum: number | null;
}

interface Regel {
  casus: string;
  soort: string;
  van: string | null;
  naar: string | null;
  reden: string | null;
  op: string;
}

/**
 * The history lines that decide how a case stood at the end of `peildatum`: per case its last
 * status line and last priority line up to then (SQLite's bare columns of `max()` come from the
 * row holding the maximum), and every correction made later (to be undone). Read in one pass
 * over the history index, never the whole history.
 */
async function beslissendeRegels(deps: Deps, ids: readonly string[], eind: string): Promise<Map<string, Regel[]>> {
  const inRegio = sql`casus_id IN (SELECT value FROM json_each(${jsonIds(ids)}))`;
  const rijen = await deps.db.orm.all<Regel>(sql`
    SELECT casus_id AS casus, soort, van, naar, reden, op FROM (
      SELECT casus_id, CASE WHEN soort = 'prioriteit' THEN 'prioriteit' ELSE 'status' END AS soort,
             van, naar, reden, op, max(volgnummer) AS volgnummer
        FROM casus_historie
       WHERE ${inRegio} AND soort IN ('aangemaakt', 'status', 'prioriteit') AND op <= ${eind}
       GROUP BY casus_id, CASE WHEN soort = 'prioriteit' THEN 1 ELSE 0 END
      UNION ALL
      SELECT casus_id, soort, van, naar, reden, op, volgnummer
        FROM casus_historie
       WHERE ${inRegio} AND soort = 'correctie' AND op > ${eind}
    ) ORDER BY casus_id, volgnummer DESC`);
  const perCasus = new Map<string, Regel[]>();
  for (const r of rijen) {
    const lijst = perCasus.get(r.casus);
    if (lijst) lijst.push(r);
    else perCasus.set(r.casus, [r]);
  }
  return perCasus;
}

/** The region's cases as the records stood at the end of `peildatum`: later corrections and transitions read back. */
async function zoalsVastgelegd(deps: Deps, rows: CasusRow[], peildatum: string): Promise<CasusOpPeildatum[]> {
  const eind = eindVan(peildatum);
  const bekend = rows.filter((r) => r.aangemaaktOp <= eind);
  if (bekend.length === 0) return [];
  const perCasus = await beslissendeRegels(
    deps,
    bekend.map((r) => r.id),
    eind,
  );
  return bekend.map((row) => {
    const regels = perCasus.get(row.id) ?? [];
    const status = regels.find((h) => h.soort === "status");
    const stand = (status?.naar ?? "wachtend") as CasusStatus;
    const prioriteit = regels.find((h) => h.soort === "prioriteit");
    const teruggedraaid: CasusOpPeildatum = {
      ...row,
      status: stand,
      stopreden: stand === "gestopt" ? (status?.reden ?? null) : null,
      gestoptOp: stand === "gestopt" ? (status?.op.slice(0, 10) ?? null) : null,
      startdatum:
        stand === "geplaatst"
          ? row.startdatum && row.startdatum <= peildatum
            ? row.startdatum
            : (status?.op.slice(0, 10) ?? null)
          : null,
      handmatigOpPeildatum: prioriteit ? (prioriteit.naar === null ? null : Number(prioriteit.naar)) : null,
    };
    // Corrections made after the peildatum are undone, newest first: the figure is the one known then.
    for (const c of regels) {
      if (c.soort !== "correctie") continue;
      const van = JSON.parse(c.van ?? "{}") as Record<string, unknown>;
      if (van.maatregelen) teruggedraaid.maatregelen = van.maatregelen as Maatregel[];
      for (const veld of ["woongemeente", "zorgvorm", "geboortedatum", "aanmelddatum", "urgentie"] as const)
        if (typeof van[veld] === "string") (teruggedraaid as unknown as Record<string, unknown>)[veld] = van[veld];
    }
    return teruggedraaid;
  });
}

/** The region's cases as today's records tell the peildatum: a start or a stop recorded later counts on its own date. */
function metLatereGegevens(rows: CasusRow[], peildatum: string): CasusOpPeildatum[] {
  return rows
    .filter((r) => r.aanmelddatum <= peildatum)
    .map((row) => {
      const gestart = row.startdatum !== null && row.startdatum <= peildatum;
      const gestopt = !gestart && row.status === "gestopt" && row.gestoptOp !== null && row.gestoptOp <= peildatum;
      return {
        ...row,
        status: gestart ? "geplaatst" : gestopt ? "gestopt" : "wachtend",
        startdatum: gestart ? row.startdatum : null,
        stopreden: gestopt ? row.stopreden : null,
        gestoptOp: gestopt ? row.gestoptOp : null,
        handmatigOpPeildatum: row.handmatigeGroep,
      };
    });
}

/** Counts per key, in the order given, every key present (also with zero). */
function telPer(
  rijen: readonly { sleutel: string; ouders: boolean }[],
  volgorde: readonly { sleutel: string; naam: string; bovenliggend?: string | null }[],
): Uitsplitsing[] {
  const tel = new Map<string, { aantal: number; ouders: number }>();
  for (const r of rijen) {
    const t = tel.get(r.sleutel) ?? { aantal: 0, ouders: 0 };
    tel.set(r.sleutel, { aantal: t.aantal + 1, ouders: t.ouders + (r.ouders ? 1 : 0) });
  }
  return volgorde.map((v) => ({
    sleutel: v.sleutel,
    naam: v.naam,
    aantal: tel.get(v.sleutel)?.aantal ?? 0,
    oudersKiezenWachten: tel.get(v.sleutel)?.ouders ?? 0,
    ...(v.bovenliggend !== undefined ? { bovenliggend: v.bovenliggend } : {}),
  }));
}

/** The cases waiting past their norm date on the peildatum, under the region's rule set of that day. */
async function voorbijNorm(deps: Deps, regio: string, peildatum: string, cases: CasusOpPeildatum[]) {
  const { normMaatregelen } = optiesVan((await loadPrioriteitContext(deps, peildatum)).regelsetVoor(regio));
  return cases.filter((c) => normKlok(c, peildatum, normMaatregelen).wachtendVoorbijNorm);
}

/** Children waiting past the norm today per care group and municipality (`groep|gemeente`), for the open overview. */
export async function normCijfersPerCel(deps: Deps, regio: string, peildatum: string): Promise<Map<string, number>> {
  const { groepVan } = await zorggroepVan(deps);
  const tel = new Map<string, number>();
  for (const c of await voorbijNorm(deps, regio, peildatum, metLatereGegevens(await casussenVan(deps, regio), peildatum))) {
    const sleutel = `${groepVan(c.zorgvorm)}|${c.woongemeente}`;
    tel.set(sleutel, (tel.get(sleutel) ?? 0) + 1);
  }
  return tel;
}

/** The figures of the report over the region's cases on the peildatum. */
async function bereken(deps: Deps, regio: string, peildatum: string, cases: CasusOpPeildatum[]): Promise<NormCijfers> {
  const prioriteiten = await loadPrioriteitContext(deps, peildatum);
  const voorbij = await voorbijNorm(deps, regio, peildatum, cases);
  const ouders = (c: CasusOpPeildatum) => c.status === "gestopt";

  const { groepen, bladen, groepVan } = await zorggroepVan(deps);
  const perBlad = telPer(
    voorbij.map((c) => ({ sleutel: groepVan(c.zorgvorm), ouders: ouders(c) })),
    bladen.map((g) => ({ sleutel: g.code, naam: g.naam, bovenliggend: g.bovenliggend })),
  );
  const perZorggroep: Uitsplitsing[] = [];
  for (const g of groepen) {
    const onder = perBlad.filter((b) => b.bovenliggend === g.code);
    if (onder.length > 0) {
      perZorggroep.push({
        sleutel: g.code,
        naam: g.naam,
        aantal: onder.reduce((n, b) => n + b.aantal, 0),
        oudersKiezenWachten: onder.reduce((n, b) => n + b.oudersKiezenWachten, 0),
        bovenliggend: null,
      });
    } else {
      const blad = perBlad.find((b) => b.sleutel === g.code);
      if (blad) perZorggroep.push(blad);
    }
  }

  const orgIds = [...new Set(voorbij.map((c) => c.organisatie))];
  const orgs =
    orgIds.length === 0
      ? []
      : await deps.db.orm
          .select({ id: organisaties.id, naam: organisaties.naam })
          .from(organisaties)
          .where(inArray(organisaties.id, orgIds));
  const orgNaam = new Map(orgs.map((o) => [o.id, o.naam]));
  const gms = await deps.db.orm.select().from(gemeenten).where(eq(gemeenten.regio, regio)).orderBy(asc(gemeenten.naam));

  const eind = eindVan(peildatum);
  const stappen = new Map<string, string>();
  if (voorbij.length > 0) {
    for (const e of await deps.db.orm
      .select()
      .from(escalaties)
      .where(
        and(
          sql`${escalaties.casusId} IN (SELECT value FROM json_each(${jsonIds(voorbij.map((c) => c.id))}))`,
          lte(escalaties.datum, peildatum),
          lte(escalaties.op, eind),
        ),
      )
      .orderBy(asc(escalaties.datum), asc(escalaties.op)))
      stappen.set(e.casusId, e.stap);
  }
  const sleutelVan = new Map(
    voorbij.map((c) => {
      const p = prioriteiten.berekend(c);
      const groep = c.handmatigOpPeildatum ?? p.groep;
      return [c.id, p.buitenKader ? "buiten-kader" : groep === null ? "geen-groep" : `groep-${groep}`];
    }),
  );
  const groepSleutel = (c: CasusOpPeildatum) => sleutelVan.get(c.id) as string;
  const groepsleutels = [...new Set(sleutelVan.values())].sort();
  const set = prioriteiten.regelsetVoor(regio);
  const groepNaam = (s: string) => {
    if (s === "geen-groep") return "Geen prioriteitsgroep";
    if (s === "buiten-kader") return "Spoed of crisis (buiten het afwegingskader)";
    const n = Number(s.slice(6));
    const naam = set?.groepen.find((g) => g.nummer === n)?.naam;
    return naam ? `Groep ${n} — ${naam}` : `Groep ${n}`;
  };

  return {
    totaal: voorbij.length,
    oudersKiezenWachten: voorbij.filter(ouders).length,
    perZorggroep,
    perGi: telPer(
      voorbij.map((c) => ({ sleutel: c.organisatie, ouders: ouders(c) })),
      orgIds
        .map((id) => ({ sleutel: id, naam: orgNaam.get(id) ?? "Onbekende organisatie" }))
        .sort((a, b) => a.naam.localeCompare(b.naam, "nl")),
    ),
    perGemeente: telPer(
      voorbij.map((c) => ({ sleutel: c.woongemeente, ouders: ouders(c) })),
      gms.map((g) => ({ sleutel: g.code, naam: g.naam })),
    ),
    perPrioriteitsgroep: telPer(
      voorbij.map((c) => ({ sleutel: groepSleutel(c), ouders: ouders(c) })),
      groepsleutels.map((s) => ({ sleutel: s, naam: groepNaam(s) })),
    ),
    perEscalatiestap: telPer(
      voorbij.map((c) => ({ sleutel: stappen.get(c.id) ?? "geen", ouders: ouders(c) })),
      [
        { sleutel: "geen", naam: "Geen escalatie" },
        { sleutel: "A1", naam: "A1: zoeken buiten de contracten" },
        { sleutel: "A2", naam: "A2: maatwerkcontract" },
        { sleutel: "B", naam: "B: regionaal expertteam" },
      ],
    ),
  };
}

async function casussenVan(deps: Deps, regio: string): Promise<CasusRow[]> {
  return deps.db.orm
    .select()
    .from(casussen)
    .where(
      inArray(
        casussen.woongemeente,
        deps.db.orm.select({ code: gemeenten.code }).from(gemeenten).where(eq(gemeenten.regio, regio)),
      ),
    );
}

/** The figures as the records stood at the end of the peildatum. */
export async function normCijfersVastgesteld(deps: Deps, regio: string, peildatum: string): Promise<NormCijfers> {
  return bereken(deps, regio, peildatum, await zoalsVastgelegd(deps, await casussenVan(deps, regio), peildatum));
}

/** Where today's records read the peildatum otherwise than they did then: each changed count. */
function verschillen(vastgesteld: NormCijfers, nu: NormCijfers): Correctie[] {
  const out: Correctie[] = [];
  if (vastgesteld.totaal !== nu.totaal)
    out.push({
      onderdeel: "totaal",
      sleutel: "totaal",
      naam: "Totaal",
      vastgesteld: vastgesteld.totaal,
      metLatereGegevens: nu.totaal,
    });
  for (const onderdeel of ["perZorggroep", "perGi", "perGemeente", "perPrioriteitsgroep", "perEscalatiestap"] as const) {
    const toen = new Map(vastgesteld[onderdeel].map((u) => [u.sleutel, u]));
    const later = new Map(nu[onderdeel].map((u) => [u.sleutel, u]));
    for (const sleutel of new Set([...toen.keys(), ...later.keys()])) {
      const a = toen.get(sleutel)?.aantal ?? 0;
      const b = later.get(sleutel)?.aantal ?? 0;
      if (a !== b)
        out.push({
          onderdeel,
          sleutel,
          naam: (later.get(sleutel) ?? toen.get(sleutel))?.naam ?? sleutel,
          vastgesteld: a,
          metLatereGegevens: b,
        });
    }
  }
  return out;
}

/**
 * The norm report of a region on a peildatum. Today: from the records as they are. A past day:
 * from the snapshot of that day when one was taken, else from the records read back to that
 * day; either way with the corrections later records bring.
 */
export async function normRapport(deps: Deps, regio: string, peildatum: string) {
  const naam = (await findRegio(deps, regio))?.naam ?? regio;
  const vandaag = isoDate(deps.clock.now());
  if (peildatum > vandaag)
    throw DomainError.invalid([{ name: "peildatum", code: "in-de-toekomst", reason: "De peildatum ligt in de toekomst." }]);
  const rows = await casussenVan(deps, regio);
  const nu = await bereken(deps, regio, peildatum, metLatereGegevens(rows, peildatum));
  const [opname] = await deps.db.orm
    .select()
    .from(normMomentopnames)
    .where(and(eq(normMomentopnames.regio, regio), eq(normMomentopnames.peildatum, peildatum)));
  const vastgesteld =
    peildatum === vandaag
      ? nu
      : opname
        ? (opname.rapport as NormCijfers)
        : await bereken(deps, regio, peildatum, await zoalsVastgelegd(deps, rows, peildatum));
  const noemer = await noemerVoor(deps, regio, peildatum.slice(0, 7));
  const giZonderTelling = vastgesteld.perGi
    .filter((g) => g.aantal > 0 && !noemer.perOrganisatie.has(g.sleutel))
    .map((g) => g.naam);
  return {
    regio: { code: regio, naam },
    peildatum,
    bron: peildatum === vandaag ? ("actueel" as const) : opname ? ("momentopname" as const) : ("herleid" as const),
    ...vastgesteld,
    noemer: {
      maand: peildatum.slice(0, 7),
      aantal: noemer.totaal,
      ontbreekt: noemer.totaal === null,
      giZonderTelling,
      melding:
        noemer.totaal === null
          ? `Voor ${peildatum.slice(0, 7)} is nog geen aantal lopende maatregelen ingevoerd; het aandeel kan niet worden berekend.`
          : giZonderTelling.length > 0
            ? `Geen aantal maatregelen ingevoerd door: ${giZonderTelling.join(", ")}. Het aandeel is daardoor te hoog.`
            : null,
    },
    aandeel: aandeel(vastgesteld.totaal, noemer.totaal),
    correcties: verschillen(vastgesteld, nu),
  };
}
export type NormRapport = Awaited<ReturnType<typeof normRapport>>;

/** GET /rapportages/norm: a broker for its regions, the beheerder for every region. */
export const getNormRapport = useCase(["zorgmakelaar", "beheerder"], async (ctx, input: z.output<typeof NormRapportQuery>) => {
  await requireRegioInScope(ctx.deps, ctx.actor, input.regio);
  return normRapport(ctx.deps, input.regio, input.peildatum ?? isoDate(ctx.deps.clock.now()));
});
