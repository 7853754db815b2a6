import type { Actualiteit } from "./vocabulary.ts";

/** The clock is injected so tests can fix "now" (actualiteit, contract validity). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void; advanceDays(days: number): void } {
  let current = new Date(iso);
  return {
    now: () => new Date(current),
    set(next: string) {
      current = new Date(next);
    },
    advanceDays(days: number) {
      current = new Date(current.getTime() + days * DAY_MS);
    },
  };
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar date (yyyy-mm-dd) in Europe/Amsterdam, the region's own day. */
/** Made once: building a DateTimeFormat costs a tenth of a millisecond, more than a search. */
const AMSTERDAMSE_DAG = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

export function isoDate(at: Date): string {
  return AMSTERDAMSE_DAG.format(at);
}

export function isoTimestamp(at: Date): string {
  return at.toISOString();
}

/** Weekly cadence (DOMAIN.md): stale after 7 days unconfirmed, strongly stale after 14 or never confirmed. */
export const STALE_AFTER_DAYS = 7;
export const HIDDEN_AFTER_DAYS = 14;

/** The moment (ms) `actualiteitOf` next changes its answer for this confirmation after `now`; Infinity when never. */
export function actualiteitWijzigtOp(bevestigdOp: string | null, now: Date): number {
  if (!bevestigdOp) return Number.POSITIVE_INFINITY;
  const op = new Date(bevestigdOp).getTime();
  for (const days of [STALE_AFTER_DAYS, HIDDEN_AFTER_DAYS]) if (op + days * DAY_MS > now.getTime()) return op + days * DAY_MS;
  return Number.POSITIVE_INFINITY;
}

export function actualiteitOf(bevestigdOp: string | null, now: Date): Actualiteit {
  if (!bevestigdOp) return "sterk-verouderd";
  const ageDays = (now.getTime() - new Date(bevestigdOp).getTime()) / DAY_MS;
  if (ageDays < STALE_AFTER_DAYS) return "actueel";
  if (ageDays < HIDDEN_AFTER_DAYS) return "verouderd";
  return "sterk-verouderd";
}
