import type { Database } from "../../db/database.ts";
import type { Clock } from "../lib/time.ts";

/** Timings a region may set; the defaults follow common practice. */
export interface Instellingen {
  /** How long a hold keeps a place for a child. */
  reserveringUren: number;
  /** How long a match proposal stays open. */
  voorstelUren: number;
}

export const STANDAARD_INSTELLINGEN: Instellingen = { reserveringUren: 72, voorstelUren: 7 * 24 };

/** What every service needs; passed in, never imported as a singleton. */
export interface ServiceDeps {
  db: Database;
  clock: Clock;
  instellingen?: Instellingen;
}

export function instellingen(deps: ServiceDeps): Instellingen {
  return deps.instellingen ?? STANDAARD_INSTELLINGEN;
}
