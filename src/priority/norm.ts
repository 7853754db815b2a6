import { dagenTussen, plusDagen, plusMaanden } from "../kern/dates.ts";
import { type MaatregelType, NORM_MAATREGELEN_STANDAARD, STOPREDENEN_WACHTEND, type Stopreden } from "../kern/vocabulary.ts";

/**
 * The norm clock (DOMAIN.md, "Norms and monitoring"): a child under a protection measure must
 * get suitable help within three months of the court ruling. The clock runs from the ruling
 * (the start of the measure when the ruling date is unknown) and stops when help starts, not
 * when a place is held or a provider says yes. Pure: every answer takes the date it is for.
 */

export interface Maatregel {
  type: MaatregelType;
  /** The court ruling (uitspraak van de kinderrechter); the norm runs from here. */
  uitspraakdatum: string | null;
  /** The start of the measure; the ministry's KPI runs from here. */
  ingangsdatum: string | null;
}

export interface KlokFeiten {
  aanmelddatum: string;
  maatregelen: readonly Maatregel[];
  /** The day help started (for residential care the placement); null while waiting. */
  startdatum: string | null;
  status: string;
  stopreden: string | null;
  /** The day the case was stopped, when it was. */
  gestoptOp: string | null;
}

export type NormBasis = "uitspraakdatum" | "ingangsdatum";

export interface NormKlok {
  /** Where the wait counts from: the earliest ruling (or start) of any measure, else the registration. */
  wachtVanaf: string;
  wachtBasis: NormBasis | "aanmelddatum";
  /** Days waited from `wachtVanaf` to the start of help, the stop, or the peildatum. */
  wachttijd: number;
  /** The measure under the norm the clock runs from; null without one. */
  normMaatregel: MaatregelType | null;
  /** Which date of that measure the norm runs from (the answer says which). */
  normBasis: NormBasis | null;
  /** Three months after the ruling (or start) of the first measure under the norm. */
  normDatum: string | null;
  /** Help did not start by the norm date (or has not, and the date has passed). */
  normOverschreden: boolean;
  /** Still counting as waiting: not started, and not stopped (unless the parents chose to wait). */
  wachtend: boolean;
  /** Waiting past the norm date on the peildatum: the count the regions report. */
  wachtendVoorbijNorm: boolean;
  /** Ruling (or registration) to the start of help, once it started. */
  doorlooptijdDagen: number | null;
}

/** When the clock of one measure starts, and from which of its dates. */
export function klokStartVan(m: Maatregel): { datum: string; basis: NormBasis } | null {
  if (m.uitspraakdatum) return { datum: m.uitspraakdatum, basis: "uitspraakdatum" };
  if (m.ingangsdatum) return { datum: m.ingangsdatum, basis: "ingangsdatum" };
  return null;
}

/** The earliest clock start among the measures (optionally only those of the given types). */
function eersteStart(maatregelen: readonly Maatregel[], types?: readonly MaatregelType[]) {
  let beste: { datum: string; basis: NormBasis; type: MaatregelType } | null = null;
  for (const m of maatregelen) {
    if (types && !types.includes(m.type)) continue;
    const start = klokStartVan(m);
    if (start && (!beste || start.datum < beste.datum)) beste = { ...start, type: m.type };
  }
  return beste;
}

/** Whether a case still counts as waiting: not started, and not stopped unless the parents chose to wait. */
export function teltAlsWachtend(f: Pick<KlokFeiten, "startdatum" | "status" | "stopreden">): boolean {
  if (f.startdatum !== null || f.status === "geplaatst") return false;
  if (f.status === "gestopt") return STOPREDENEN_WACHTEND.includes(f.stopreden as Stopreden);
  return true;
}

/**
 * The clock of one case on `peildatum`. A stopped case's wait ended on its stop date, a
 * started one's on its start date; a case whose parents chose to wait keeps counting.
 */
export function normKlok(
  f: KlokFeiten,
  peildatum: string,
  normMaatregelen: readonly MaatregelType[] = NORM_MAATREGELEN_STANDAARD,
): NormKlok {
  const wachtend = teltAlsWachtend(f);
  const einde = f.startdatum ?? (wachtend ? peildatum : (f.gestoptOp ?? peildatum));
  const eerste = eersteStart(f.maatregelen);
  const wachtVanaf = eerste?.datum ?? f.aanmelddatum;
  const norm = eersteStart(f.maatregelen, normMaatregelen);
  const normDatum = norm ? plusMaanden(norm.datum, 3) : null;
  return {
    wachtVanaf,
    wachtBasis: eerste?.basis ?? "aanmelddatum",
    wachttijd: Math.max(0, dagenTussen(wachtVanaf, einde)),
    normMaatregel: norm?.type ?? null,
    normBasis: norm?.basis ?? null,
    normDatum,
    normOverschreden: normDatum !== null && einde > normDatum,
    wachtend,
    wachtendVoorbijNorm: wachtend && normDatum !== null && peildatum > normDatum,
    doorlooptijdDagen: f.startdatum ? Math.max(0, dagenTussen(wachtVanaf, f.startdatum)) : null,
  };
}

/**
 * The latest date help may start for the case to be in time: the norm date under a measure,
 * otherwise the region's maximum wait from the registration (default the Treeknorm, 14 weeks).
 */
export function uiterlijkeStart(klok: Pick<NormKlok, "normDatum">, aanmelddatum: string, maxWachttijdWeken: number): string {
  return klok.normDatum ?? plusDagen(aanmelddatum, maxWachttijdWeken * 7);
}
