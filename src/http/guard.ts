import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Actor } from "../kern/actor.ts";
import { DomainError, ErrorCode } from "../kern/errors.ts";
import { authenticate } from "../services/authenticatie.ts";
import type { Deps } from "../services/context.ts";
import { leesSessie } from "../services/sessies.ts";
import { schrijfToegangslog } from "../services/toegangslog.ts";
import type { AppEnv } from "./env.ts";
import { problemResponse } from "./problem.ts";
import { RateLimiter } from "./rate-limit.ts";

export interface GuardConfig {
  /** Requests per minute per token. */
  perToken: number;
  /** Requests per minute per client address, with or without a token. */
  perAdres: number;
  /** Failed authentications per address per 15 minutes before the address must wait. */
  mislukteAanmeldingen: number;
  /** Added to every failed authentication, times the failures so far (at most 10×). */
  vertragingMs: number;
  /** Behind a reverse proxy: the client address is the last hop of X-Forwarded-For. */
  trustProxy: boolean;
}

export const STANDAARD_GUARD: GuardConfig = {
  perToken: 600,
  perAdres: 1200,
  mislukteAanmeldingen: 20,
  vertragingMs: 100,
  trustProxy: false,
};

const MINUTE = 60_000;
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/i;

function tooMany(retryAfter: number, detail: string): DomainError {
  return new DomainError(ErrorCode.tooManyRequests, detail, { retryAfter });
}

export interface Guard {
  /** For `/v1/*`: the access log, then limits and the bearer token. */
  api: MiddlewareHandler<AppEnv>[];
  /** For the web pages: the access log, then limits and the session cookie. */
  pages: MiddlewareHandler<AppEnv>[];
  /** A failed sign-in on the pages: counted and slowed exactly like a bad bearer token. */
  aanmeldingMislukt: (c: Context<AppEnv>) => Promise<void>;
}

/** The session cookie of the web pages (HttpOnly, Secure, SameSite=Strict). */
export const SESSIE_COOKIE = "pw_sessie";

/**
 * Rate limits, authentication and the access log: per address, then the credential (a bearer
 * token on the API, a session cookie on the pages; failures slowed and counted), then per token.
 */
export function guard(
  config: GuardConfig,
  services: Deps,
  remoteAddress: (c: Context) => string | undefined = () => undefined,
): Guard {
  const perAdres = new RateLimiter(config.perAdres, MINUTE);
  const perToken = new RateLimiter(config.perToken, MINUTE);
  const mislukt = new RateLimiter(config.mislukteAanmeldingen, 15 * MINUTE);

  const clientAddress = (c: Context): string => {
    if (config.trustProxy) {
      const hops = c.req.header("x-forwarded-for")?.split(",");
      const last = hops?.[hops.length - 1]?.trim();
      if (last) return last;
    }
    return remoteAddress(c) ?? "onbekend";
  };

  const aanmeldingMislukt = async (c: Context<AppEnv>) => {
    const adres = c.get("clientadres");
    mislukt.hit(adres);
    const failures = Math.min(mislukt.count(adres), 10);
    console.warn(`[${c.get("requestId")}] authentication failed from ${adres} (${failures} in 15 min)`);
    if (config.vertragingMs > 0) await new Promise((r) => setTimeout(r, config.vertragingMs * failures));
  };

  const perAdresEnGeblokkeerd: MiddlewareHandler<AppEnv> = async (c, next) => {
    const adres = clientAddress(c);
    c.set("clientadres", adres);
    const hit = perAdres.hit(adres);
    if (!hit.ok) throw tooMany(hit.retryAfter, "Te veel verzoeken vanaf dit adres; wacht even.");
    if (mislukt.count(adres) >= config.mislukteAanmeldingen) {
      const wait = mislukt.hit(adres);
      throw tooMany(wait.ok ? 60 : wait.retryAfter, "Te veel mislukte aanmeldingen vanaf dit adres; wacht even.");
    }
    await next();
  };

  const alsActor = (c: Context<AppEnv>, actor: Actor) => {
    c.set("actor", actor);
    const own = perToken.hit(actor.tokenId);
    if (!own.ok) throw tooMany(own.retryAfter, "Te veel verzoeken met dit token; wacht even.");
  };

  const bearer: MiddlewareHandler<AppEnv> = async (c, next) => {
    const header = c.req.header("authorization");
    if (header === undefined) return next();
    const match = BEARER.exec(header);
    const actor = match?.[1] ? await authenticate(services, match[1]) : undefined;
    if (!actor) {
      await aanmeldingMislukt(c);
      // The route answers 401 (so a case route logs the attempt); unknown paths stay 404.
      c.set("tokenOngeldig", true);
      return next();
    }
    alsActor(c, actor);
    await next();
  };

  const sessie: MiddlewareHandler<AppEnv> = async (c, next) => {
    const cookie = getCookie(c, SESSIE_COOKIE);
    // An ended session is not an attack: the page asks to sign in again, nothing is counted.
    const found = cookie && cookie.length <= 128 ? await leesSessie(services, cookie) : undefined;
    if (found) {
      c.set("sessie", found);
      alsActor(c, found.actor);
    }
    await next();
  };

  const accessLog: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    const toegang = c.get("toegang");
    if (!toegang) return;
    try {
      await schrijfToegangslog(services, {
        actor: c.get("actor"),
        actie: toegang.actie,
        route: toegang.route,
        casusIds: toegang.casusIds,
        resultaat: c.res.status,
        requestId: c.get("requestId"),
        clientadres: c.get("clientadres") ?? null,
      });
    } catch (error) {
      // Case data may not leave without a log row (NEN 7513): answer with an error instead.
      c.res = problemResponse(c, error);
    }
  };

  return {
    api: [accessLog, perAdresEnGeblokkeerd, bearer],
    pages: [accessLog, perAdresEnGeblokkeerd, sessie],
    aanmeldingMislukt,
  };
}
