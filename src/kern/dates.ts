/**
 * Calendar arithmetic on `yyyy-mm-dd` strings for the priority framework. Pure: no clock, no
 * time zone and no locale data. Every date is a calendar day, counted as a UTC day number, so
 * daylight saving time can never shift a day.
 */

const DAG_MS = 24 * 60 * 60 * 1000;
const PATROON = /^(\d{4})-(\d{2})-(\d{2})$/;

const MAANDEN = "januari februari maart april mei juni juli augustus september oktober november december".split(" ");

export interface Kalenderdag {
  jaar: number;
  /** 1–12 */
  maand: number;
  /** 1–31 */
  dag: number;
}

/** Gregorian leap year. */
export function isSchrikkeljaar(jaar: number): boolean {
  return (jaar % 4 === 0 && jaar % 100 !== 0) || jaar % 400 === 0;
}

/** Number of days in a month (maand 1–12). */
export function dagenInMaand(jaar: number, maand: number): number {
  if (maand === 2) return isSchrikkeljaar(jaar) ? 29 : 28;
  return [4, 6, 9, 11].includes(maand) ? 30 : 31;
}

/** Reads a `yyyy-mm-dd` date that exists; throws a RangeError otherwise (2026-02-30, 2026-2-3). */
export function leesDatum(datum: string): Kalenderdag {
  const m = PATROON.exec(datum);
  const [jaar, maand, dag] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || maand < 1 || maand > 12 || dag < 1 || dag > dagenInMaand(jaar, maand)) {
    throw new RangeError(`Ongeldige datum: "${datum}" (verwacht jjjj-mm-dd).`);
  }
  return { jaar, maand, dag };
}

/** True when `datum` is a real calendar date written as `yyyy-mm-dd`. */
export function isGeldigeDatum(datum: string): boolean {
  try {
    leesDatum(datum);
    return true;
  } catch {
    return false;
  }
}

/** `{ jaar: 2026, maand: 3, dag: 2 }` → `2026-03-02`. */
export function schrijfDatum({ jaar, maand, dag }: Kalenderdag): string {
  return `${String(jaar).padStart(4, "0")}-${String(maand).padStart(2, "0")}-${String(dag).padStart(2, "0")}`;
}

/** Days since 1970-01-01 (UTC day number). `setUTCFullYear` because `Date.UTC` maps years 0–99 to 19xx. */
export function dagnummer(datum: string): number {
  const { jaar, maand, dag } = leesDatum(datum);
  const d = new Date(0);
  d.setUTCFullYear(jaar, maand - 1, dag);
  return Math.round(d.getTime() / DAG_MS);
}

/** Signed number of calendar days from `van` to `tot` (2026-03-01 → 2026-03-02 is 1). */
export function dagenTussen(van: string, tot: string): number {
  return dagnummer(tot) - dagnummer(van);
}

/** `datum` plus a (possibly negative) number of days. */
export function plusDagen(datum: string, dagen: number): string {
  const d = new Date((dagnummer(datum) + dagen) * DAG_MS);
  return schrijfDatum({ jaar: d.getUTCFullYear(), maand: d.getUTCMonth() + 1, dag: d.getUTCDate() });
}

/**
 * `datum` plus whole months, clamped to the end of the target month:
 * 2026-11-30 + 3 → 2027-02-28; 2026-01-31 + 1 → 2026-02-28.
 */
export function plusMaanden(datum: string, maanden: number): string {
  const { jaar, maand, dag } = leesDatum(datum);
  const totaal = jaar * 12 + (maand - 1) + maanden;
  const doelJaar = Math.floor(totaal / 12);
  const doelMaand = totaal - doelJaar * 12 + 1;
  return schrijfDatum({ jaar: doelJaar, maand: doelMaand, dag: Math.min(dag, dagenInMaand(doelJaar, doelMaand)) });
}

/** Dutch long form without locale data: `2026-03-02` → `2 maart 2026`. */
export function datumLang(datum: string): string {
  const { jaar, maand, dag } = leesDatum(datum);
  return `${dag} ${MAANDEN[maand - 1]} ${jaar}`;
}

/**
 * Age in whole years on `opDatum` (6 years and 364 days → 6; the 7th birthday itself → 7).
 *
 * Born on 29 February: in a non-leap year the birthday counts as 1 March, so the new year of
 * age starts on 1 March, not on 28 February. This is a deliberate choice (on 28 February the
 * full year has not yet passed); it is pinned down by a test.
 *
 * A date before the birth date gives 0, never a negative age.
 */
export function leeftijdJaren(geboortedatum: string, opDatum: string): number {
  const geboren = leesDatum(geboortedatum);
  const op = leesDatum(opDatum);
  const [verjaarMaand, verjaarDag] =
    geboren.maand === 2 && geboren.dag === 29 && !isSchrikkeljaar(op.jaar) ? [3, 1] : [geboren.maand, geboren.dag];
  const alJarig = op.maand > verjaarMaand || (op.maand === verjaarMaand && op.dag >= verjaarDag);
  return Math.max(0, op.jaar - geboren.jaar - (alJarig ? 0 : 1));
}

/**
 * Calendar days waited from `aanmelddatum` to `opDatum` (registered yesterday → 1). A
 * registration dated after `opDatum` has not waited yet: 0, never negative.
 */
export function wachtdagen(aanmelddatum: string, opDatum: string): number {
  return Math.max(0, dagenTussen(aanmelddatum, opDatum));
}

/** `datum` plus `n` working days (Monday to Friday; public holidays are not known here). */
export function plusWerkdagen(datum: string, n: number): string {
  let d = datum;
  for (let over = n; over > 0; ) {
    d = plusDagen(d, 1);
    const weekdag = new Date(dagnummer(d) * DAG_MS).getUTCDay();
    if (weekdag !== 0 && weekdag !== 6) over--;
  }
  return d;
}
