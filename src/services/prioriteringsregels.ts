import { and, asc, eq, sql } from "drizzle-orm";
import { gemeenten, prioriteringsregels, zorgvormen } from "../../db/schema/index.ts";
import { wachtdagen } from "../kern/dates.ts";
import { DomainError } from "../kern/errors.ts";
import { newId } from "../kern/ids.ts";
import { isoDate, isoTimestamp } from "../kern/time.ts";
import { ROLLEN } from "../kern/vocabulary.ts";
import { type NormKlok, normKlok } from "../priority/norm.ts";
import {
  bepaalPrioriteit,
  type CasusFeiten,
  HAAGLANDEN_REGELS,
  kiesRegelset,
  optiesVan,
  type Regelset,
} from "../priority/rules.ts";
import type { CasusRow } from "./casus-overgangen.ts";
import { requireRegio } from "./catalogus.ts";
import { type Deps, useCase } from "./context.ts";

/** The versioned rule sets of the afwegingskader per region, and a case's priority under them. */

export interface Prioriteit {
  groep: number | null;
  redenen: string[];
  handmatig: { groep: number; reden: string } | null;
  buitenKader: boolean;
  /** Days since registration. */
  wachtdagen: number;
  normOverschreden: boolean;
  /** The norm clock: from the ruling (or registration) to the start of help. */
  klok: NormKlok;
  /** Days that order the case within its group (the rule set's `volgorde`). */
  volgordeDagen: number;
  regelset: { regio: string; versie: number } | null;
}

type RegelRow = typeof prioriteringsregels.$inferSelect;

function toRegelset(row: RegelRow): Regelset {
  return {
    regio: row.regio,
    versie: row.versie,
    geldigVanaf: row.geldigVanaf,
    groepen: row.groepen as Regelset["groepen"],
    ...(row.opties as Partial<Regelset> | null),
  };
}

export function toRegelsetOut(row: RegelRow) {
  return { id: row.id, ...toRegelset(row), aangemaaktOp: row.aangemaaktOp };
}

async function readRegelsets({ db }: Deps, regio?: string) {
  return db.orm
    .select()
    .from(prioriteringsregels)
    .where(regio ? eq(prioriteringsregels.regio, regio) : undefined)
    .orderBy(asc(prioriteringsregels.regio), asc(prioriteringsregels.versie));
}

/** Every version of the priority rules, of one region or all. */
export const listRegelsets = useCase(ROLLEN, async ({ deps }, { regio }: { regio?: string }) => readRegelsets(deps, regio));

export const getRegelset = useCase(ROLLEN, async ({ deps }, { id }: { id: string }) => {
  const [row] = await deps.db.orm.select().from(prioriteringsregels).where(eq(prioriteringsregels.id, id));
  if (!row) throw DomainError.notFound(`Regelset ${id}`);
  return row;
});

/** Adds a new version of a region's rules; versions are never changed, so history is never rewritten. */
export const createRegelset = useCase(["beheerder"], async ({ deps }, input: Regelset) => {
  await requireRegio(deps, input.regio);
  const row: RegelRow = {
    id: newId(),
    regio: input.regio,
    versie: input.versie,
    geldigVanaf: input.geldigVanaf,
    groepen: input.groepen,
    opties:
      input.normMaatregelen || input.volgorde || input.leeftijdOp
        ? { normMaatregelen: input.normMaatregelen, volgorde: input.volgorde, leeftijdOp: input.leeftijdOp }
        : null,
    aangemaaktOp: isoTimestamp(deps.clock.now()),
  };
  const [existing] = await deps.db.orm
    .select({ id: prioriteringsregels.id })
    .from(prioriteringsregels)
    .where(and(eq(prioriteringsregels.regio, input.regio), eq(prioriteringsregels.versie, input.versie)));
  if (existing)
    throw DomainError.conflict(`Regio ${input.regio} heeft al een versie ${input.versie}; voeg een nieuwe versie toe.`);
  await deps.db.atomic([{ query: deps.db.orm.insert(prioriteringsregels).values(row) }]);
  return row;
});

/**
 * The rule sets, parsed once per version of the table: versions are only ever added, so their
 * number and newest creation time name the contents. A list reads them once, not per case.
 */
const regelsetCache = new WeakMap<Deps["db"], { sleutel: string; sets: Regelset[] }>();

async function geldendeRegelsets(deps: Deps): Promise<Regelset[]> {
  const [stand] = await deps.db.orm.all<{ sleutel: string }>(
    sql`SELECT count(*) || '|' || coalesce(max(aangemaakt_op), '') || '|' || coalesce(max(id), '') AS sleutel FROM prioriteringsregels`,
  );
  const sleutel = stand?.sleutel ?? "";
  const bekend = regelsetCache.get(deps.db);
  if (bekend?.sleutel === sleutel) return bekend.sets;
  const sets = (await readRegelsets(deps)).map(toRegelset);
  regelsetCache.set(deps.db, { sleutel, sets });
  return sets;
}

/**
 * Everything needed to evaluate priorities on one date, loaded once: rule sets by region,
 * the region of each municipality and the category of each care type.
 */
export async function loadPrioriteitContext(deps: Deps, opDatum = isoDate(deps.clock.now())) {
  const [sets, gms, zvs] = await Promise.all([
    geldendeRegelsets(deps),
    deps.db.orm.select({ code: gemeenten.code, regio: gemeenten.regio }).from(gemeenten),
    deps.db.orm.select({ code: zorgvormen.code, categorie: zorgvormen.categorie }).from(zorgvormen),
  ]);
  const regioVan = new Map(gms.map((g) => [g.code, g.regio]));
  const categorie = new Map(zvs.map((z) => [z.code, z.categorie]));
  const regelsetVoor = (regio: string | null | undefined): Regelset | undefined =>
    regio ? (kiesRegelset(sets, regio, opDatum) ?? (regio === "haaglanden" ? HAAGLANDEN_REGELS(regio) : undefined)) : undefined;
  const feiten = (row: CasusRow): CasusFeiten => ({
    id: row.id,
    geboortedatum: row.geboortedatum,
    aanmelddatum: row.aanmelddatum,
    woongemeente: row.woongemeente,
    zorgvorm: { code: row.zorgvorm, categorie: categorie.get(row.zorgvorm) ?? "" },
    urgentie: row.urgentie,
    maatregelen: row.maatregelen,
  });
  /** The framework's own verdict, before any override. */
  const berekend = (row: CasusRow) => {
    const f = feiten(row);
    const set = regelsetVoor(regioVan.get(row.woongemeente));
    return set
      ? bepaalPrioriteit(f, set, opDatum)
      : {
          groep: null,
          naam: null,
          redenen: ["Geen prioriteringsregels voor de regio van deze gemeente"],
          buitenKader: f.urgentie !== "regulier",
        };
  };
  /** The norm clock of a case under its region's rule set (which measures count for the norm). */
  const klok = (row: CasusRow): NormKlok => {
    const opties = optiesVan(regelsetVoor(regioVan.get(row.woongemeente)));
    return normKlok(row, opDatum, opties.normMaatregelen);
  };
  /** The priority as shown: the verdict (computed once by the caller if it has it) and any override. */
  const prioriteit = (row: CasusRow, eigen = berekend(row)): Prioriteit => {
    const set = regelsetVoor(regioVan.get(row.woongemeente));
    const handmatig =
      row.handmatigeGroep !== null && !eigen.buitenKader
        ? { groep: row.handmatigeGroep, reden: row.handmatigeReden ?? "" }
        : null;
    const k = normKlok(row, opDatum, optiesVan(set).normMaatregelen);
    return {
      groep: handmatig ? handmatig.groep : eigen.groep,
      redenen: handmatig ? [`Handmatig in groep ${handmatig.groep} gezet: ${handmatig.reden}`, ...eigen.redenen] : eigen.redenen,
      handmatig,
      buitenKader: eigen.buitenKader,
      wachtdagen: wachtdagen(row.aanmelddatum, opDatum),
      normOverschreden: k.normOverschreden,
      klok: k,
      volgordeDagen: optiesVan(set).volgorde === "sinds-aanmelding" ? wachtdagen(row.aanmelddatum, opDatum) : k.wachttijd,
      regelset: set ? { regio: set.regio, versie: set.versie } : null,
    };
  };
  return { opDatum, regioVan, categorie, regelsetVoor, feiten, berekend, klok, prioriteit };
}

export async function prioriteitVan(deps: Deps, row: CasusRow): Promise<Prioriteit> {
  return (await loadPrioriteitContext(deps)).prioriteit(row);
}
