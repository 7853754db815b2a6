import type { V1App } from "../../app.ts";
import { ApiError } from "../../lib/errors.ts";
import type { Page } from "../../lib/openapi.ts";
import { getGemeente, getRegio, getZorgvorm, listGemeenten, listRegios, listZorgvormen } from "../../services/catalogus.ts";
import type { Paging } from "../../services/common.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import * as routes from "./catalogus.routes.ts";

/** Reference lists are small (hundreds of rows): they are paged in memory. */
function pageOfList<T>(all: T[], { pagina, perPagina }: Paging): Page<T> {
  return { resultaten: all.slice((pagina - 1) * perPagina, pagina * perPagina), totaal: all.length, pagina, perPagina };
}

function found<T>(row: T | undefined, what: string): T {
  if (!row) throw ApiError.notFound(what);
  return row;
}

export function registerCatalogus(app: V1App, deps: ServiceDeps): void {
  app.openapi(routes.listZorgvormen, async (c) => {
    const { categorie, ...paging } = c.req.valid("query");
    return c.json(pageOfList(await listZorgvormen(deps, { categorie }), paging), 200);
  });
  app.openapi(routes.getZorgvorm, async (c) => {
    const { code } = c.req.valid("param");
    return c.json(found(await getZorgvorm(deps, code), `Zorgvorm ${code}`), 200);
  });
  app.openapi(routes.listRegios, async (c) => c.json(pageOfList(await listRegios(deps), c.req.valid("query")), 200));
  app.openapi(routes.getRegio, async (c) => {
    const { code } = c.req.valid("param");
    return c.json(found(await getRegio(deps, code), `Regio ${code}`), 200);
  });
  app.openapi(routes.listGemeenten, async (c) => {
    const { regio, ...paging } = c.req.valid("query");
    return c.json(pageOfList(await listGemeenten(deps, { regio }), paging), 200);
  });
  app.openapi(routes.getGemeente, async (c) => {
    const { code } = c.req.valid("param");
    return c.json(found(await getGemeente(deps, code), `Gemeente ${code}`), 200);
  });
}
