import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { OrganisatieType, Rol } from "../../db/schema/toegang.ts";
import type { AppEnv } from "../app.ts";
import { aanbiederInScope, type Scope } from "../services/scope.ts";
import { ApiError, ErrorCode } from "./errors.ts";
import { problems } from "./openapi.ts";

/** Who is calling: resolved from the bearer token on every request. */
export interface Actor {
  tokenId: string;
  rol: Rol;
  organisatieId: string;
  organisatieNaam: string;
  organisatieType: OrganisatieType;
  aanbiederId: string | null;
  regios: string[];
  omschrijving: string | null;
}

/** What a request does with case data, as written to the access log. */
export type Actie = "lezen" | "lijst" | "aanmaken" | "wijzigen" | "matching";

export const SECURITY_SCHEME = "bearerAuth";

/** The name the offer and case histories show: organisation, holder and role, never the token. */
export function door(actor: Actor | undefined): string {
  if (!actor) return "anoniem";
  const wie = actor.omschrijving ? `${actor.organisatieNaam}, ${actor.omschrijving}` : actor.organisatieNaam;
  return `${wie} (${actor.rol})`;
}

/** The part of the register the actor may see; services apply it. */
export function scopeOf(actor: Actor | undefined): Scope {
  if (!actor) return { geen: true };
  switch (actor.rol) {
    case "verwijzer":
      return { organisatieId: actor.organisatieId };
    case "zorgmakelaar":
      return { regios: actor.regios };
    case "aanbieder":
      return { aanbiederId: actor.aanbiederId ?? "" };
    case "beheerder":
      return {};
  }
}

/** An aanbieder token changes only its own provider's data; anything else is "not found". */
export function alleenEigen(c: Context<AppEnv>, aanbiederId: string, onbekend: () => ApiError): void {
  if (!aanbiederInScope(scopeOf(c.get("actor")), aanbiederId)) throw onbekend();
}

export function unauthorized(detail = "Stuur een geldig token mee: Authorization: Bearer <token>."): ApiError {
  return new ApiError(ErrorCode.unauthorized, detail, { headers: { "WWW-Authenticate": 'Bearer realm="plekwijzer"' } });
}

function requireRol(rollen: readonly Rol[], publiek: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get("actor");
    if (c.get("tokenOngeldig")) throw unauthorized("Het token is onbekend, verlopen of ingetrokken.");
    if (!actor) {
      if (publiek && c.get("publiekZoeken")) return next();
      throw unauthorized();
    }
    if (!rollen.includes(actor.rol)) {
      throw new ApiError(ErrorCode.forbidden, `De rol ${actor.rol} heeft geen toegang tot ${c.req.method} ${c.req.path}.`);
    }
    await next();
  };
}

/** Marks a route as touching case data: the app writes one access-log row when it is answered. */
function logt(actie: Actie): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("toegang", { actie, route: c.req.routePath, casusIds: [] });
    await next();
  };
}

/** Records which cases the request read or changed, for its access-log row. */
export function logCasussen(c: Context<AppEnv>, ids: readonly string[]): void {
  const toegang = c.get("toegang");
  if (toegang) toegang.casusIds.push(...ids);
}

interface AccessOptions {
  /** Open without a token when the region sets PUBLIEK_ZOEKEN (read-only offer search). */
  publiek?: boolean;
  /** The route touches case data: every call is access-logged with this action. */
  log?: Actie;
}

/**
 * `createRoute` with access control: the roles that may call it, the bearer security scheme
 * and the 401/403 responses in the OpenAPI document, and the access-log marker for case data.
 */
export function route<const R extends RouteConfig>(rollen: readonly Rol[], config: R, options: AccessOptions = {}) {
  const middleware = [
    ...(options.log ? [logt(options.log)] : []),
    requireRol(rollen, options.publiek ?? false),
  ] as MiddlewareHandler[];
  const toegang = options.publiek
    ? `Toegang: ${rollen.join(", ")}; zonder token alleen als de regio PUBLIEK_ZOEKEN aanzet.`
    : `Toegang: ${rollen.join(", ")}.`;
  return createRoute({
    ...config,
    description: config.description ? `${config.description}\n\n${toegang}` : toegang,
    security: (options.publiek ? [{ [SECURITY_SCHEME]: [] }, {}] : [{ [SECURITY_SCHEME]: [] }]) as Record<string, string[]>[],
    middleware,
    responses: { ...config.responses, ...problems(401, 403, 429) },
  });
}

export const ALLE_ROLLEN = ["aanbieder", "verwijzer", "zorgmakelaar", "beheerder"] as const satisfies readonly Rol[];
