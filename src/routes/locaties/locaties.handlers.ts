import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { allowedVersions, etagOf } from "../../kern/version.ts";
import type { Deps } from "../../services/context.ts";
import { createLocatie, deleteLocatie, getLocatie, listLocaties, toLocatie, updateLocatie } from "../../services/locaties.ts";
import type * as routes from "./locaties.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

export function handlers(deps: Deps) {
  const list: H<typeof routes.list> = async (c) => c.json(await listLocaties(ctxOf(c, deps), c.req.valid("query")), 200);
  const get: H<typeof routes.get> = async (c) => {
    const row = await getLocatie(ctxOf(c, deps), c.req.valid("param"));
    return c.json(toLocatie(row), 200, { ETag: etagOf(row.versie) });
  };
  const create: H<typeof routes.create> = async (c) => {
    const row = await createLocatie(ctxOf(c, deps), c.req.valid("json"));
    return c.json(toLocatie(row), 201, { Location: `/v1/locaties/${row.id}`, ETag: etagOf(row.versie) });
  };
  const update: H<typeof routes.update> = async (c) => {
    const row = await updateLocatie(ctxOf(c, deps), {
      id: c.req.valid("param").id,
      wijziging: c.req.valid("json"),
      versies: allowedVersions(c.req.valid("header")["if-match"]),
    });
    return c.json(toLocatie(row), 200, { ETag: etagOf(row.versie) });
  };
  const remove: H<typeof routes.remove> = async (c) => {
    await deleteLocatie(ctxOf(c, deps), {
      id: c.req.valid("param").id,
      versies: allowedVersions(c.req.valid("header")["if-match"]),
    });
    return c.body(null, 204);
  };
  return { list, get, create, update, remove };
}
