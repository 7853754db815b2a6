import type { AnyD1Database } from "drizzle-orm/d1";
import { openD1 } from "../db/d1.ts";
import type { Database } from "../db/database.ts";
import { databaseRateLimits, purgeRateLimits } from "../db/rate-limits.ts";
import { createWorkerSearch, maintainSearch, type WorkerSearch } from "../search/workers.ts";
import { isEmpty, loadReference } from "../seeds/reference.ts";
import { createApp } from "./app.ts";
import { type Env, parseEnv } from "./env.ts";
import { type GuardConfig, STANDAARD_GUARD } from "./http/guard.ts";
import { type Clock, systemClock } from "./kern/time.ts";
import { pdokGeocoder } from "./services/geocoder.ts";
import { maakMomentopnames } from "./services/rapportage-momentopnames.ts";
import { bootstrapBeheer } from "./services/toegang.ts";
import { expireOverdue } from "./services/verlopen.ts";

/**
 * The bindings, variables and secrets named in wrangler.toml. Secrets (`wrangler secret put`):
 * PLEKWIJZER_ADMIN_TOKEN, MEILI_MASTER_KEY; variables as on Node (README, "Configuration").
 */
export interface WorkerEnv {
  DB: AnyD1Database;
  [name: string]: unknown;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** The register as one isolate serves it: built once, reused for every request and cron run. */
interface Register {
  app: ReturnType<typeof createApp>;
  db: Database;
  search: WorkerSearch;
  env: Env;
  bootstrapped: boolean;
}

export interface WorkerOptions {
  clock?: Clock;
  log?: (message: string) => void;
  /** Guard settings over those from the bindings (tests: no slowing down of failed credentials). */
  guard?: Partial<GuardConfig>;
}

/** The Workers entry with its clock passed in (tests fix it); the default export uses the system clock. */
export function createWorker(options: WorkerOptions = {}) {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((message: string) => console.log(message));
  // The bindings object is the same for every request an isolate serves, so the register built
  // from it is too: building the app costs milliseconds (every route and schema), not per request.
  const registers = new WeakMap<object, Register>();

  function registerFor(bindings: WorkerEnv): Register {
    let register = registers.get(bindings);
    if (!register) {
      const variables = Object.fromEntries(Object.entries(bindings).filter(([, v]) => typeof v === "string")) as Record<
        string,
        string
      >;
      const env = parseEnv(variables);
      const db = openD1(bindings.DB);
      const search = createWorkerSearch(db, {
        meili:
          env.MEILI_URL && env.MEILI_MASTER_KEY
            ? { url: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY, index: env.MEILI_INDEX }
            : undefined,
        clock,
        log,
      });
      const app = createApp({
        db,
        clock,
        search: search.provider,
        geocoder: env.GEOCODER_URL ? pdokGeocoder(env.GEOCODER_URL) : undefined,
        // Counted in D1, shared by every isolate: per-isolate counters would let a client spread its requests.
        rateLimits: databaseRateLimits(db),
        config: {
          maxBodyBytes: env.MAX_BODY_BYTES,
          publiekZoeken: env.PUBLIEK_ZOEKEN,
          corsOrigins: env.CORS_ORIGINS,
          // Demo buttons only when asked for explicitly (no default on Workers), and then only on a demo database.
          demo: variables.DEMO_DATA === "true",
          guard: {
            ...STANDAARD_GUARD,
            perToken: env.RATE_LIMIT_PER_TOKEN,
            perAdres: env.RATE_LIMIT_PER_ADRES,
            mislukteAanmeldingen: env.MAX_MISLUKTE_AANMELDINGEN,
            trustProxy: false,
            ...options.guard,
          },
        },
        // Cloudflare sets the client address; X-Forwarded-For is the client's to invent.
        remoteAddress: (c) => c.req.header("cf-connecting-ip"),
        // The NL Design System stylesheets and the Scalar bundle are static assets ([assets]),
        // answered before the Worker runs (npm run build:assets).
      });
      register = { app, db, search, env, bootstrapped: false };
      registers.set(bindings, register);
    }
    return register;
  }

  /**
   * Once per isolate: a fresh D1 (only `wrangler d1 migrations apply`) gets the reference data,
   * as the Node server does on its first start, and the admin token becomes a beheerder's token.
   * Both change nothing when done before (another isolate may be doing the same).
   */
  async function bootstrap(register: Register): Promise<void> {
    if (register.bootstrapped) return;
    if (await isEmpty(register.db)) await loadReference(register.db);
    if (register.env.PLEKWIJZER_ADMIN_TOKEN)
      await bootstrapBeheer({ db: register.db, clock }, register.env.PLEKWIJZER_ADMIN_TOKEN);
    register.bootstrapped = true;
  }

  return {
    /** The register an isolate builds from these bindings (the tests reach its parts through it). */
    registerFor,

    async fetch(request: Request, bindings: WorkerEnv, ctx?: ExecutionContext): Promise<Response> {
      const register = registerFor(bindings);
      await bootstrap(register);
      return register.app.fetch(request, bindings, ctx as never);
    },

    /**
     * The Cron Trigger (wrangler.toml, every minute): what timers do on Node. Expired holds,
     * unanswered referrals (aanmeldingen) and proposals are finalised, the norm report's snapshot
     * of the first of the month taken once that day has ended, the search indexes kept up to
     * date (the Meilisearch outbox drained), ended rate-limit windows deleted.
     */
    async scheduled(_controller: unknown, bindings: WorkerEnv): Promise<void> {
      const register = registerFor(bindings);
      const { db } = register;
      const now = clock.now();
      const jobs: [string, () => Promise<unknown>][] = [
        ["reference data and admin token", () => bootstrap(register)],
        ["expired holds, referrals and proposals", () => expireOverdue({ db, clock })],
        ["monthly norm snapshots", () => maakMomentopnames({ db, clock })],
        ["search", () => maintainSearch(db, register.search, now)],
        ["rate-limit counters", () => purgeRateLimits(db, now.getTime())],
      ];
      const failures: string[] = [];
      // One failing job does not keep the others from running.
      for (const [name, job] of jobs) {
        await job().catch((error: unknown) => {
          failures.push(name);
          log(`Scheduled: ${name} failed: ${(error as Error).message}`);
        });
      }
      if (failures.length > 0) throw new Error(`Scheduled run failed: ${failures.join(", ")}`);
    },
  };
}

export default createWorker();
