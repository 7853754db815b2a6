import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app.ts";
import { ApiError } from "../../lib/errors.ts";
import type { Page } from "../../lib/openapi.ts";
import { getGemeente, getRegio, getZorgvorm, listGemeenten, listRegios, listZorgvormen } from "../../services/catalogus.ts";
import type { Paging } from "../../services/common.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import type * as routes from "./catalogus.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

/** Reference lists are small (hundreds of rows): they are paged in memory. */
function pageOfList<T>(all: T[], { pagina, perPagina }: Paging): Page<T> {
  return { resultaten: all.slice((pagina - 1) * perPagina, pagina * perPagina), totaal: all.length, pagina, perPagina };
}

function found<T>(row: T | undefined, what: string): T {
  if (!row) throw ApiError.notFound(what);
  return row;
}

export function handlers(deps: ServiceDeps) {
  const zorgvormen: H<typeof routes.listZorgvormen> = async (c) => {
    const { categorie, ...paging } = c.req.valid("query");
    return c.json(pageOfList(await listZorgvormen(deps, { categorie }), paging), 200);
  };
  const zorgvorm: H<typeof routes.getZorgvorm> = async (c) => {
    const { code } = c.req.valid("param");
    return c.json(found(await getZorgvorm(deps, code), `Zorgvorm ${code}`), 200);
  };
  const regios: H<typeof routes.listRegios> = async (c) => c.json(pageOfList(await listRegios(deps), c.req.valid("query")), 200);
  const regio: H<typeof routes.getRegio> = async (c) => {
    const { code } = c.req.valid("param");
    return c.json(found(await getRegio(deps, code), `Regio ${code}`), 200);
  };
  const gemeenten: H<typeof routes.listGemeenten> = async (c) => {
    const { regio, ...paging } = c.req.valid("query");
    return c.json(pageOfList(await listGemeenten(deps, { regio }), paging), 200);
  };
  const gemeente: H<typeof routes.getGemeente> = async (c) => {
    const { code } = c.req.valid("param");
    return c.json(found(await getGemeente(deps, code), `Gemeente ${code}`), 200);
  };
  return { zorgvormen, zorgvorm, regios, regio, gemeenten, gemeente };
}
