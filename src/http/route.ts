import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { DomainError, ErrorCode } from "../kern/errors.ts";
import type { Actie, Rol } from "../kern/vocabulary.ts";
import type { UseCase } from "../services/context.ts";
import type { AppEnv } from "./env.ts";
import { problems } from "./openapi.ts";

export const SECURITY_SCHEME = "bearerAuth";

export function unauthorized(detail = "Stuur een geldig token mee: Authorization: Bearer <token>."): DomainError {
  return new DomainError(ErrorCode.unauthorized, detail);
}

/**
 * The roles of the use case, checked before the request is parsed: an unknown caller gets 401
 * and a caller in another role 403 whatever it sent. The use case checks the same list itself.
 */
function requireRol(rollen: readonly Rol[], publiek: boolean, openbaar: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get("actor");
    if (c.get("tokenOngeldig")) throw unauthorized("Het token is onbekend, verlopen of ingetrokken.");
    if (openbaar) return next();
    if (!actor) {
      if (publiek && c.get("publiekZoeken")) return next();
      throw unauthorized();
    }
    if (!rollen.includes(actor.rol)) {
      throw new DomainError(ErrorCode.forbidden, `De rol ${actor.rol} heeft geen toegang tot ${c.req.method} ${c.req.path}.`);
    }
    await next();
  };
}

/** Marks a route as touching case data: the app writes one access-log row when it is answered. */
function logt(actie: Actie, geslaagd: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("toegang", { actie, route: c.req.routePath, casusIds: [], geslaagd });
    await next();
  };
}

interface AccessOptions {
  /** The route touches case data: every call is access-logged with this action. */
  log?: Actie;
}

/**
 * `createRoute` for one use case: the roles that may call it (the use case's own list), the
 * bearer security scheme and the 401/403/429 responses in the OpenAPI document, and the
 * access-log marker for case data. A public use case is open without a token when the region
 * sets PUBLIEK_ZOEKEN.
 */
export function route<const R extends RouteConfig>(
  useCase: Pick<UseCase<never, unknown>, "rollen" | "publiek" | "openbaar">,
  config: R,
  options: AccessOptions = {},
) {
  const { rollen, publiek, openbaar = false } = useCase;
  const geslaagd = Number(Object.keys(config.responses).find((s) => s.startsWith("2")) ?? 200);
  const middleware = [
    ...(options.log ? [logt(options.log, geslaagd)] : []),
    requireRol(rollen, publiek, openbaar),
  ] as MiddlewareHandler[];
  const toegang = openbaar
    ? "Toegang: iedereen, zonder token."
    : publiek
      ? `Toegang: ${rollen.join(", ")}; zonder token alleen als de regio PUBLIEK_ZOEKEN aanzet.`
      : `Toegang: ${rollen.join(", ")}.`;
  return createRoute({
    ...config,
    description: config.description ? `${config.description}\n\n${toegang}` : toegang,
    security: (openbaar ? [{}] : publiek ? [{ [SECURITY_SCHEME]: [] }, {}] : [{ [SECURITY_SCHEME]: [] }]) as Record<
      string,
      string[]
    >[],
    middleware,
    responses: openbaar ? { ...config.responses, ...problems(429) } : { ...config.responses, ...problems(401, 403, 429) },
  });
}
