import type { Context } from "hono";
import type { Actie } from "../kern/vocabulary.ts";
import type { Ctx, Deps } from "../services/context.ts";
import { toegangslogSteps } from "../services/toegangslog.ts";
import type { AppEnv } from "./env.ts";

/**
 * The use-case context of a request: its dependencies, the actor from the bearer token or
 * session, and the access log: the cases a use case touched are noted for the request's row,
 * and a change to case data writes that row in its own atomic write. A route with case data
 * marks its request for the log up front; a page that shows cases only now and then passes
 * `actie`, and the request is marked once a case is actually shown.
 */
export function ctxOf(c: Context<AppEnv>, deps: Deps, actie?: Actie): Ctx {
  return {
    deps,
    actor: c.get("actor"),
    noteer: (ids) => noteerCasussen(c, ids, actie),
    audit: {
      steps: ({ casusIds, toekenning }) => {
        const toegang = c.get("toegang");
        return toegangslogSteps(deps, {
          actor: c.get("actor"),
          actie: toekenning ? "toekenning" : (toegang?.actie ?? actie ?? "wijzigen"),
          route: toegang?.route ?? c.req.routePath,
          casusIds: [...(toegang?.casusIds ?? []), ...casusIds],
          resultaat: toegang?.geslaagd ?? (c.req.method === "GET" ? 200 : c.req.path.startsWith("/v1/") ? 201 : 303),
          requestId: c.get("requestId"),
          clientRequestId: c.get("clientRequestId"),
          clientadres: c.get("clientadres") ?? null,
          toekenning,
        });
      },
      geschreven: () => {
        const toegang = c.get("toegang");
        if (toegang) toegang.geschreven = true;
        else
          c.set("toegang", { actie: actie ?? "wijzigen", route: c.req.routePath, casusIds: [], geslaagd: 200, geschreven: true });
      },
    },
  };
}

/** The status of a successful answer on a page: a form post redirects, a view shows. */
const paginaGeslaagd = (c: Context<AppEnv>) => (c.req.method === "POST" ? 303 : 200);

/** Adds cases to the request's access-log row (creating the row's marker when `actie` is given). */
export function noteerCasussen(c: Context<AppEnv>, ids: readonly string[], actie?: Actie): void {
  const toegang = c.get("toegang");
  if (toegang) {
    toegang.route = c.req.routePath;
    toegang.casusIds.push(...ids);
  } else if (actie && ids.length > 0)
    c.set("toegang", { actie, route: c.req.routePath, casusIds: [...ids], geslaagd: paginaGeslaagd(c) });
}

/**
 * Marks a page request as touching case data: it gets its access-log row like an API call, also
 * when refused. A page handler marking it again names the action and route more precisely than
 * the middleware of its part of the site could.
 */
export function markeerToegang(c: Context<AppEnv>, actie: Actie, ids: readonly string[] = []): void {
  const toegang = c.get("toegang");
  if (toegang) {
    toegang.actie = actie;
    toegang.route = c.req.routePath;
    toegang.casusIds.push(...ids);
  } else c.set("toegang", { actie, route: c.req.routePath, casusIds: [...ids], geslaagd: paginaGeslaagd(c) });
}
