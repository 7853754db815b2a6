import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app.ts";
import { alleenEigen } from "../../lib/access.ts";
import { ApiError } from "../../lib/errors.ts";
import { allowedVersions, etagOf } from "../../lib/etag.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import {
  createLocatie,
  deleteLocatie,
  findLocatie,
  getLocatie,
  listLocaties,
  toLocatie,
  updateLocatie,
} from "../../services/locaties.ts";
import type * as routes from "./locaties.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

export function handlers(deps: ServiceDeps) {
  /** An aanbieder token reaches only its own locations; another provider's location "does not exist". */
  const eigen = async (c: Context<AppEnv>, id: string) => {
    const row = await findLocatie(deps, id);
    if (row) alleenEigen(c, row.aanbiederId, () => ApiError.notFound(`Locatie ${id}`));
  };
  const list: H<typeof routes.list> = async (c) => {
    const { pagina, perPagina, ...filter } = c.req.valid("query");
    return c.json(await listLocaties(deps, filter, { pagina, perPagina }), 200);
  };
  const get: H<typeof routes.get> = async (c) => {
    const row = await getLocatie(deps, c.req.valid("param").id);
    return c.json(toLocatie(row), 200, { ETag: etagOf(row.versie) });
  };
  const create: H<typeof routes.create> = async (c) => {
    const { aanbiederId } = c.req.valid("json");
    alleenEigen(c, aanbiederId, () =>
      ApiError.invalid([{ name: "aanbiederId", code: "onbekend", reason: `Aanbieder ${aanbiederId} bestaat niet.` }]),
    );
    const row = await createLocatie(deps, c.req.valid("json"));
    return c.json(toLocatie(row), 201, { Location: `/v1/locaties/${row.id}`, ETag: etagOf(row.versie) });
  };
  const update: H<typeof routes.update> = async (c) => {
    await eigen(c, c.req.valid("param").id);
    const row = await updateLocatie(
      deps,
      c.req.valid("param").id,
      c.req.valid("json"),
      allowedVersions(c.req.valid("header")["if-match"]),
    );
    return c.json(toLocatie(row), 200, { ETag: etagOf(row.versie) });
  };
  const remove: H<typeof routes.remove> = async (c) => {
    await eigen(c, c.req.valid("param").id);
    await deleteLocatie(deps, c.req.valid("param").id, allowedVersions(c.req.valid("header")["if-match"]));
    return c.body(null, 204);
  };
  return { list, get, create, update, remove };
}
