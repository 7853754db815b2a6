import type { Database } from "../../db/database.ts";
import type { Clock } from "../lib/time.ts";

/** What every service needs; passed in, never imported as a singleton. */
export interface ServiceDeps {
  db: Database;
  clock: Clock;
}
