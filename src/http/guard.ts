import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Actor } from "../kern/actor.ts";
import { DomainError, ErrorCode } from "../kern/errors.ts";
import { authenticate } from "../services/authenticatie.ts";
import type { Deps } from "../services/context.ts";
import { leesSessie } from "../services/sessies.ts";
import { schrijfToegangslog } from "../services/toegangslog.ts";
import type { AppEnv } from "./env.ts";
import { toDomainError } from "./problem.ts";
import { memoryRateLimits, RateLimiter, type RateLimitStore } from "./rate-limit.ts";

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
  /** A failed sign-in on the pages: counted and slowed exactly like a bad bearer token; seconds to wait when now locked. */
  aanmeldingMislukt: (c: Context<AppEnv>) => Promise<number | undefined>;
  /** The refusal for an address over its limit of failed sign-ins. */
  geblokkeerd: (retryAfter: number) => DomainError;
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
  limits: RateLimitStore = memoryRateLimits(),
): Guard {
  const perAdres = new RateLimiter("adres", config.perAdres, MINUTE, limits);
  const perToken = new RateLimiter("token", config.perToken, MINUTE, limits);
  const mislukt = new RateLimiter("mislukt", config.mislukteAanmeldingen, 15 * MINUTE, limits);

  const clientAddress = (c: Context): string => {
    if (config.trustProxy) {
      const hops = c.req.header("x-forwarded-for")?.split(",");
      const last = hops?.[hops.length - 1]?.trim();
      if (last) return last;
    }
    return remoteAddress(c) ?? "onbekend";
  };

  /**
   * Counts a failed credential (token or sign-in) for the address and slows the answer; answers
   * the seconds to wait when the address is now over its limit. Counted as soon as the check fails, so a burst
   * of parallel attempts is cut off at the limit. Only the failing path is locked: a valid token
   * or session from the same address (a GI office behind one proxy) goes on.
   */
  const aanmeldingMislukt = async (c: Context<AppEnv>): Promise<number | undefined> => {
    const adres = c.get("clientadres");
    const hit = await mislukt.hit(adres);
    const failures = Math.min(hit.count, 10);
    console.warn(`[${c.get("requestId")}] authentication failed from ${adres} (${failures} in 15 min)`);
    if (config.vertragingMs > 0) await new Promise((r) => setTimeout(r, config.vertragingMs * failures));
    return hit.ok ? undefined : hit.retryAfter;
  };
  const geblokkeerd = (retryAfter: number) =>
    tooMany(retryAfter, "Te veel mislukte aanmeldingen vanaf dit adres; wacht even en probeer het dan opnieuw.");

  const adres: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set("clientadres", clientAddress(c));
    await next();
  };

  /** Requests without valid credentials are limited per address; a signed-in caller per token. */
  const perAdresLimiet = async (c: Context<AppEnv>) => {
    const hit = await perAdres.hit(c.get("clientadres"));
    if (!hit.ok) throw tooMany(hit.retryAfter, "Te veel verzoeken vanaf dit adres; wacht even.");
  };

  /** A signed-in caller: limited on its own (a token, or the person of a session), never by the address it shares. */
  const alsActor = async (c: Context<AppEnv>, actor: Actor, via: "token" | "sessie") => {
    c.set("actor", actor);
    const own = await perToken.hit(actor.tokenId);
    if (!own.ok)
      throw tooMany(
        own.retryAfter,
        via === "token"
          ? "Te veel verzoeken met dit token; wacht even."
          : `U heeft in korte tijd heel veel pagina's opgevraagd. Wacht ${own.retryAfter} seconden en probeer het dan opnieuw; er is niets verloren gegaan.`,
      );
  };

  const bearer: MiddlewareHandler<AppEnv> = async (c, next) => {
    const header = c.req.header("authorization");
    const match = header === undefined ? undefined : BEARER.exec(header);
    const actor = match?.[1] ? await authenticate(services, match[1]) : undefined;
    if (actor) {
      await alsActor(c, actor, "token");
      return next();
    }
    if (header !== undefined) {
      const wacht = await aanmeldingMislukt(c);
      if (wacht !== undefined) throw geblokkeerd(wacht);
      // The route answers 401 (so a case route logs the attempt); unknown paths stay 404.
      c.set("tokenOngeldig", true);
    }
    await perAdresLimiet(c);
    await next();
  };

  const sessie: MiddlewareHandler<AppEnv> = async (c, next) => {
    const cookie = getCookie(c, SESSIE_COOKIE);
    // An ended session is not an attack: the page asks to sign in again, nothing is counted.
    const found = cookie && cookie.length <= 128 ? await leesSessie(services, cookie) : undefined;
    if (found) {
      c.set("sessie", found);
      await alsActor(c, found.actor, "sessie");
    } else await perAdresLimiet(c);
    await next();
  };

  const accessLog: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next();
    const toegang = c.get("toegang");
    // Written already, atomically with the change it records.
    if (!toegang || toegang.geschreven) return;
    try {
      await schrijfToegangslog(services, {
        actor: c.get("actor"),
        actie: toegang.actie,
        route: toegang.route,
        casusIds: toegang.casusIds,
        resultaat: c.res.status,
        requestId: c.get("requestId"),
        clientRequestId: c.get("clientRequestId"),
        clientadres: c.get("clientadres") ?? null,
      });
    } catch (error) {
      // Case data may not leave without a log row (NEN 7513): the answer is withheld, clearly.
      console.error(`[${c.get("requestId") ?? "-"}] access log not written`, error);
      // A failed write already says why; an answer with case data is withheld, clearly.
      if (c.res.status >= 500) return;
      const oorzaak = toDomainError(error);
      throw new DomainError(
        ErrorCode.unavailable,
        `Het toegangslog kon niet worden bijgewerkt${oorzaak.code === ErrorCode.internal ? "" : ` (${oorzaak.title.toLowerCase()})`}; daarom worden de gegevens niet getoond. Probeer het later opnieuw.`,
        { retryAfter: oorzaak.retryAfter ?? 60 },
      );
    }
  };

  return {
    api: [adres, accessLog, bearer],
    pages: [adres, accessLog, sessie],
    aanmeldingMislukt,
    geblokkeerd,
  };
}
