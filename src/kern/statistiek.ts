/**
 * Percentiles as spreadsheets compute them (PERCENTIEL.INC / PERCENTILE.INC, Hyndman-Fan type
 * 7): linear interpolation between the closest ranks, so a region's own spreadsheet gives the
 * same figure. The median is the 50th percentile. Null for an empty list.
 */
export function percentiel(waarden: readonly number[], p: number): number | null {
  if (waarden.length === 0) return null;
  const gesorteerd = [...waarden].sort((a, b) => a - b);
  const h = (gesorteerd.length - 1) * p;
  const onder = Math.floor(h);
  const boven = Math.min(onder + 1, gesorteerd.length - 1);
  const a = gesorteerd[onder] as number;
  const b = gesorteerd[boven] as number;
  return Math.round((a + (h - onder) * (b - a)) * 10) / 10;
}

export const mediaan = (waarden: readonly number[]) => percentiel(waarden, 0.5);

/** A share as a percentage with one decimal (35 of 2,260 → 1.5); null without a denominator. */
export function aandeel(teller: number, noemer: number | null): number | null {
  if (!noemer) return null;
  return Math.round((teller / noemer) * 1000) / 10;
}
