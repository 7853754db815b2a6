import { applyD1Migrations, reset } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { AnyD1Database } from "drizzle-orm/d1";
import { maintainSearch } from "../../search/workers.ts";
import { loadReference } from "../../seeds/reference.ts";
import { systeemActor } from "../../src/kern/actor.ts";
import { fixedClock } from "../../src/kern/time.ts";
import { bootstrapBeheer, createOrganisatie, createToken } from "../../src/services/toegang.ts";
import { createWorker, type WorkerEnv } from "../../src/worker.ts";
import type { RegisterOptions, RequestFn } from "../helpers.ts";

/**
 * The test register inside workerd, on a local D1 with the migrations applied: the same API as
 * test/helpers.ts (vitest.config.ts swaps this module in for it in the workers project), so the
 * same API tests run on Node + SQLite and on Workers + D1. Requests go through the Workers entry
 * (`createWorker().fetch`), configured through bindings as in production.
 */
export const NOW = "2026-11-27T09:00:00.000Z";
export const ADMIN_TOKEN = "test-beheerder-token-0123456789abcdef";

export interface D1RegisterOptions extends RegisterOptions {
  /** Wraps the D1 binding the register runs on (to interleave a concurrent writer in a test). */
  d1?: (db: AnyD1Database) => AnyD1Database;
}

export async function makeRegister(now = NOW, options: D1RegisterOptions = {}) {
  // Every register starts from an empty D1: storage is per test file, registers are per test.
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  const clock = fixedClock(now);
  const worker = createWorker({ clock, log: () => {}, guard: { vertragingMs: 0 } });
  const bindings: WorkerEnv = {
    DB: options.d1 ? options.d1(env.DB) : env.DB,
    RATE_LIMIT_PER_TOKEN: "100000",
    RATE_LIMIT_PER_ADRES: "100000",
    MAX_BODY_BYTES: String(options.config?.maxBodyBytes ?? 64 * 1024),
    ...(options.config?.publiekZoeken ? { PUBLIEK_ZOEKEN: "true" } : {}),
    ...(options.meili
      ? { MEILI_URL: options.meili.url, MEILI_MASTER_KEY: options.meili.apiKey, MEILI_INDEX: options.meili.index }
      : {}),
  };
  const { app, db, search } = worker.registerFor(bindings);
  await loadReference(db);
  const deps = { db, clock };
  const beheer = { deps, actor: systeemActor("beheerder") };
  await bootstrapBeheer(deps, ADMIN_TOKEN);
  const gi = await createOrganisatie(beheer, { naam: "Test Jeugdbescherming", type: "gecertificeerde-instelling" });
  const st = await createOrganisatie(beheer, { naam: "Test Serviceteam Haaglanden", type: "regio", regios: ["haaglanden"] });
  const tokens: Record<"beheerder" | "verwijzer" | "zorgmakelaar", string> = {
    beheerder: ADMIN_TOKEN,
    verwijzer: (await createToken(beheer, { organisatieId: gi.id, rol: "verwijzer" })).token,
    zorgmakelaar: (await createToken(beheer, { organisatieId: st.id, rol: "zorgmakelaar" })).token,
  };
  const organisaties = { verwijzer: gi, zorgmakelaar: st };

  const met =
    (token: string | undefined): RequestFn =>
    async (method, path, body, headers = {}) => {
      const request = new Request(new URL(path, "http://localhost"), {
        method,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      // As on Cloudflare: a static asset answers before the Worker runs.
      if (method === "GET" || method === "HEAD") {
        const asset = await env.ASSETS.fetch(request.clone());
        if (asset.status !== 404) return asset;
      }
      return worker.fetch(request, bindings);
    };

  const providerTokens = new Map<string, string>();
  const aanbiederToken = async (aanbiederId: string): Promise<string> => {
    let token = providerTokens.get(aanbiederId);
    if (!token) {
      const org = await createOrganisatie(beheer, { naam: `Aanbieder ${aanbiederId}`, type: "aanbieder", aanbiederId });
      token = (await createToken(beheer, { organisatieId: org.id, rol: "aanbieder" })).token;
      providerTokens.set(aanbiederId, token);
    }
    return token;
  };

  const als = (rol: keyof typeof tokens): RequestFn => met(tokens[rol]);
  const request = met(tokens[options.als === "verwijzer" || options.als === "zorgmakelaar" ? options.als : "beheerder"]);
  return {
    db,
    clock,
    app,
    worker,
    bindings,
    request,
    als,
    met,
    anoniem: met(undefined),
    tokens,
    organisaties,
    aanbiederToken,
    search: { ...search, close: async () => {} },
    /** What the Cron Trigger does for search: the D1 projection, and the Meilisearch outbox sent. */
    sync: async () => {
      await maintainSearch(db, search, clock.now());
    },
    beheer,
  };
}
export type Register = Awaited<ReturnType<typeof makeRegister>>;
