import { openSqlite } from "../db/sqlite.ts";
import { createSearch } from "../search/index.ts";
import { loadReference } from "../seeds/reference.ts";
import { type AppConfig, createApp } from "../src/app.ts";
import { STANDAARD_GUARD } from "../src/http/guard.ts";
import { systeemActor } from "../src/kern/actor.ts";
import { fixedClock } from "../src/kern/time.ts";
import type { Rol } from "../src/kern/vocabulary.ts";
import { smtpMailer } from "../src/mail/smtp.ts";
import type { Geocoder } from "../src/services/geocoder.ts";
import { bootstrapBeheer, createOrganisatie, createToken } from "../src/services/toegang.ts";
import { postbus } from "./support/postbus.ts";

export const NOW = "2026-11-27T09:00:00.000Z";
/** Where links in the test register's mail point. */
export const PUBLIEKE_URL = "http://localhost";
/** Synthetic credentials of the test register; never a real token. */
export const ADMIN_TOKEN = "test-beheerder-token-0123456789abcdef";

export interface RegisterOptions {
  /** Meilisearch to search with (besides SQLite); a test-unique index prefix keeps tests apart. */
  meili?: { url: string; apiKey: string; index: string };
  /** The embedded engine (default: the in-memory index). */
  embedded?: "geheugen" | "sqlite";
  /** Who `request` calls as; `als(rol)` calls as another role. Default: beheerder. */
  als?: Rol;
  config?: Partial<AppConfig>;
  /** Postcodes and place names on the map (a PDOK-like server in the test). */
  geocoder?: Geocoder;
}

export type RequestFn = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Response | Promise<Response>;

/**
 * A fresh register on an in-memory SQLite with migrations and reference data, a fixed clock,
 * and one token per role: a beheerder (the admin token), a verwijzer at a GI, a zorgmakelaar
 * for Haaglanden. Provider tokens come from `aanbiederToken(id)`.
 * Its mail goes over SMTP to `postbus`.
 */
export async function makeRegister(now = NOW, options: RegisterOptions = {}) {
  const db = openSqlite(":memory:");
  await loadReference(db);
  const clock = fixedClock(now);
  const search = await createSearch(db, { meili: options.meili, embedded: options.embedded, clock });
  // Mail goes over real SMTP (nodemailer) to an SMTP server in this process.
  const post = await postbus();
  const mail = { mailer: smtpMailer(post.url, "Plekwijzer <noreply@plekwijzer.invalid>"), publiekeUrl: PUBLIEKE_URL };
  const app = createApp({
    db,
    clock,
    mail,
    config: {
      maxBodyBytes: 64 * 1024,
      guard: { ...STANDAARD_GUARD, perToken: 100_000, perAdres: 100_000, vertragingMs: 0, trustProxy: true },
      ...options.config,
    },
    search: search.provider,
    geocoder: options.geocoder,
    loadDocsBundle: async () => "/* test bundle */",
    afterWrite: search.worker ? () => search.worker?.kick() : undefined,
  });
  const deps = { db, clock, mail };
  /** The test sets its register up as the system, acting as the beheerder. */
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

  /** Requests with this token (or none when undefined). */
  const met =
    (token: string | undefined): RequestFn =>
    (method, path, body, headers = {}) =>
      app.request(path, {
        method,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });

  const providerTokens = new Map<string, string>();
  /** A token with role aanbieder for this provider (one organisation per provider). */
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
  /** Waits until the external engine has every change (a no-op on SQLite alone). */
  const sync = async () => {
    await search.worker?.flush();
  };
  return {
    db,
    clock,
    app,
    request,
    als,
    met,
    anoniem: met(undefined),
    tokens,
    organisaties,
    aanbiederToken,
    search,
    sync,
    beheer,
    postbus: post,
  };
}
export type Register = Awaited<ReturnType<typeof makeRegister>>;
