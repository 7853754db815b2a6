import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";

/** API answers are data, never documents to render: nothing may load or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
/** Pages (docs, web app) load their own scripts, styles and images only. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/**
 * The security headers of the NL API Design Rules (/core/transport/security-headers), on every
 * response. A route may set its own Cache-Control (static assets) or CSP (pages) first.
 */
export function securityHeaders(options: { trustProxy: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    const isPage = (h.get("content-type") ?? "").startsWith("text/html");
    if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
    if (!h.has("Content-Security-Policy")) h.set("Content-Security-Policy", isPage ? PAGE_CSP : API_CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    const https =
      new URL(c.req.url).protocol === "https:" ||
      (options.trustProxy && c.req.header("x-forwarded-proto")?.split(",")[0]?.trim() === "https");
    if (https) h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  };
}

/**
 * CORS for the configured origins only; `/v1/openapi.json` answers `*` itself. Only a browser
 * sends Origin and reads CORS headers, so a request without one (a koppeling's) gets only
 * `Vary: Origin`, set before the route answers: hono's cors sets its headers on `c.res` before
 * the route has answered, after which the answer is built a second time (a tenth of a weekly
 * update's time over HTTP).
 */
export function corsFor(origins: readonly string[]): MiddlewareHandler {
  const browser = cors({
    origin: (origin) => (origins.includes(origin) ? origin : null),
    allowMethods: ["GET", "POST", "PUT", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "If-Match"],
    exposeHeaders: ["API-Version", "ETag", "Location", "Retry-After", "Zoekmachine"],
    maxAge: 600,
  });
  return async (c, next) => {
    if (c.req.header("origin") !== undefined) return browser(c, next);
    c.header("Vary", "Origin");
    await next();
  };
}
