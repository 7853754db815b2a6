import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { getGemeente, getRegio, getZorgvorm, listGemeenten, listRegios, listZorgvormen } from "../../services/catalogus.ts";
import type { Deps } from "../../services/context.ts";
import type * as routes from "./catalogus.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

export function handlers(deps: Deps) {
  const zorgvormen: H<typeof routes.listZorgvormen> = async (c) =>
    c.json(await listZorgvormen(ctxOf(c, deps), c.req.valid("query")), 200);
  const zorgvorm: H<typeof routes.getZorgvorm> = async (c) =>
    c.json(await getZorgvorm(ctxOf(c, deps), c.req.valid("param")), 200);
  const regios: H<typeof routes.listRegios> = async (c) => c.json(await listRegios(ctxOf(c, deps), c.req.valid("query")), 200);
  const regio: H<typeof routes.getRegio> = async (c) => c.json(await getRegio(ctxOf(c, deps), c.req.valid("param")), 200);
  const gemeenten: H<typeof routes.listGemeenten> = async (c) =>
    c.json(await listGemeenten(ctxOf(c, deps), c.req.valid("query")), 200);
  const gemeente: H<typeof routes.getGemeente> = async (c) =>
    c.json(await getGemeente(ctxOf(c, deps), c.req.valid("param")), 200);
  return { zorgvormen, zorgvorm, regios, regio, gemeenten, gemeente };
}
