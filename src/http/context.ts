import type { Context } from "hono";
import type { Actie } from "../kern/vocabulary.ts";
import type { Ctx, Deps } from "../services/context.ts";
import type { AppEnv } from "./env.ts";

/**
 * The use-case context of a request: its dependencies, the actor from the bearer token or
 * session, and the access-log collector, so a use case can note the cases it touched. A route
 * with case data marks its request for the log up front; a page that shows cases only now and
 * then passes `actie`, and the request is marked once a case is actually shown.
 */
export function ctxOf(c: Context<AppEnv>, deps: Deps, actie?: Actie): Ctx {
  return {
    deps,
    actor: c.get("actor"),
    noteer: (ids) => noteerCasussen(c, ids, actie),
  };
}

/** Adds cases to the request's access-log row (creating the row's marker when `actie` is given). */
export function noteerCasussen(c: Context<AppEnv>, ids: readonly string[], actie?: Actie): void {
  const toegang = c.get("toegang");
  if (toegang) toegang.casusIds.push(...ids);
  else if (actie && ids.length > 0) c.set("toegang", { actie, route: c.req.routePath, casusIds: [...ids] });
}
