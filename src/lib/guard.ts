import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app.ts";
import type { ServiceDeps } from "../services/deps.ts";
import { authenticate, schrijfToegangslog } from "../services/toegang.ts";
import { ApiError, ErrorCode } from "./errors.ts";
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

function tooMany(retryAfter: number, detail: string): ApiError {
  return new ApiError(ErrorCode.tooManyRequests, detail, { headers: { "Retry-After": String(retryAfter) } });
}

/**
 * Rate limits, authentication and the access log, as middleware for `/v1/*`:
 * per address, then the bearer token (failures slowed and counted), then per token.
 */
export function guard(
  config: GuardConfig,
  services: ServiceDeps,
  remoteAddress: (c: Context) => string | undefined = () => undefined,
): MiddlewareHandler<AppEnv>[] {
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

  const limits: MiddlewareHandler<AppEnv> = async (c, next) => {
    const adres = clientAddress(c);
    c.set("clientadres", adres);
    const hit = perAdres.hit(adres);
    if (!hit.ok) throw tooMany(hit.retryAfter, "Te veel verzoeken vanaf dit adres; wacht even.");
    if (mislukt.count(adres) >= config.mislukteAanmeldingen) {
      const wait = mislukt.hit(adres);
      throw tooMany(wait.ok ? 60 : wait.retryAfter, "Te veel mislukte aanmeldingen vanaf dit adres; wacht even.");
    }

    const header = c.req.header("authorization");
    if (header === undefined) return next();
    const match = BEARER.exec(header);
    const actor = match?.[1] ? await authenticate(services, match[1]) : undefined;
    if (!actor) {
      mislukt.hit(adres);
      const failures = Math.min(mislukt.count(adres), 10);
      console.warn(`[${c.get("requestId")}] authentication failed from ${adres} (${failures} in 15 min)`);
      if (config.vertragingMs > 0) await new Promise((r) => setTimeout(r, config.vertragingMs * failures));
      // The route answers 401 (so a case route logs the attempt); unknown paths stay 404.
      c.set("tokenOngeldig", true);
      return next();
    }
    c.set("actor", actor);
    const own = perToken.hit(actor.tokenId);
    if (!own.ok) throw tooMany(own.retryAfter, "Te veel verzoeken met dit token; wacht even.");
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

  return [accessLog, limits];
}
