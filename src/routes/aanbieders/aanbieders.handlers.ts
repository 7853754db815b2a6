import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app.ts";
import { alleenEigen, door } from "../../lib/access.ts";
import { ApiError } from "../../lib/errors.ts";
import { allowedVersions, etagOf } from "../../lib/etag.ts";
import {
  createAanbieder,
  deleteAanbieder,
  getAanbieder,
  listAanbieders,
  toAanbieder,
  updateAanbieder,
} from "../../services/aanbieders.ts";
import { toAanbod } from "../../services/aanbod.ts";
import { bevestigAlles, setBeschikbaarheidBulk } from "../../services/beschikbaarheid.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import type * as routes from "./aanbieders.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

const eigen = (c: Context<AppEnv>, id: string) => alleenEigen(c, id, () => ApiError.notFound(`Aanbieder ${id}`));

export function handlers(deps: ServiceDeps) {
  const list: H<typeof routes.list> = async (c) => {
    const { pagina, perPagina, naam } = c.req.valid("query");
    return c.json(await listAanbieders(deps, { naam: naam ?? undefined }, { pagina, perPagina }), 200);
  };
  const get: H<typeof routes.get> = async (c) => {
    const row = await getAanbieder(deps, c.req.valid("param").id);
    return c.json(toAanbieder(row), 200, { ETag: etagOf(row.versie) });
  };
  const create: H<typeof routes.create> = async (c) => {
    const row = await createAanbieder(deps, c.req.valid("json"));
    return c.json(toAanbieder(row), 201, { Location: `/v1/aanbieders/${row.id}`, ETag: etagOf(row.versie) });
  };
  const update: H<typeof routes.update> = async (c) => {
    eigen(c, c.req.valid("param").id);
    const row = await updateAanbieder(
      deps,
      c.req.valid("param").id,
      c.req.valid("json"),
      allowedVersions(c.req.valid("header")["if-match"]),
    );
    return c.json(toAanbieder(row), 200, { ETag: etagOf(row.versie) });
  };
  const remove: H<typeof routes.remove> = async (c) => {
    await deleteAanbieder(deps, c.req.valid("param").id, allowedVersions(c.req.valid("header")["if-match"]));
    return c.body(null, 204);
  };
  const bulk: H<typeof routes.bulk> = async (c) => {
    eigen(c, c.req.valid("param").id);
    const rows = await setBeschikbaarheidBulk(deps, c.req.valid("param").id, c.req.valid("json").aanbod, door(c.get("actor")));
    const now = deps.clock.now();
    return c.json({ aanbod: rows.map((r) => toAanbod(r, now)) }, 200);
  };
  const bevestig: H<typeof routes.bevestigAlles> = async (c) => {
    eigen(c, c.req.valid("param").id);
    const rows = await bevestigAlles(deps, c.req.valid("param").id, door(c.get("actor")));
    const now = deps.clock.now();
    return c.json({ aanbod: rows.map((r) => toAanbod(r, now)) }, 200);
  };
  return { list, get, create, update, remove, bulk, bevestigAlles: bevestig };
}
