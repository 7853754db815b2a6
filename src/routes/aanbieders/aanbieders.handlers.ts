import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { allowedVersions, etagOf } from "../../kern/version.ts";
import {
  createAanbieder,
  deleteAanbieder,
  getAanbieder,
  listAanbieders,
  toAanbieder,
  updateAanbieder,
} from "../../services/aanbieders.ts";
import { toAanbod } from "../../services/aanbod.ts";
import { confirmAllAanbod, setBeschikbaarheidBulk } from "../../services/beschikbaarheid.ts";
import type { Deps } from "../../services/context.ts";
import type * as routes from "./aanbieders.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

export function handlers(deps: Deps) {
  const list: H<typeof routes.list> = async (c) => c.json(await listAanbieders(ctxOf(c, deps), c.req.valid("query")), 200);
  const get: H<typeof routes.get> = async (c) => {
    const row = await getAanbieder(ctxOf(c, deps), c.req.valid("param"));
    return c.json(toAanbieder(row), 200, { ETag: etagOf(row.versie) });
  };
  const create: H<typeof routes.create> = async (c) => {
    const row = await createAanbieder(ctxOf(c, deps), c.req.valid("json"));
    return c.json(toAanbieder(row), 201, { Location: `/v1/aanbieders/${row.id}`, ETag: etagOf(row.versie) });
  };
  const update: H<typeof routes.update> = async (c) => {
    const row = await updateAanbieder(ctxOf(c, deps), {
      id: c.req.valid("param").id,
      wijziging: c.req.valid("json"),
      versies: allowedVersions(c.req.valid("header")["if-match"]),
    });
    return c.json(toAanbieder(row), 200, { ETag: etagOf(row.versie) });
  };
  const remove: H<typeof routes.remove> = async (c) => {
    await deleteAanbieder(ctxOf(c, deps), {
      id: c.req.valid("param").id,
      versies: allowedVersions(c.req.valid("header")["if-match"]),
    });
    return c.body(null, 204);
  };
  const bulk: H<typeof routes.bulk> = async (c) => {
    const rows = await setBeschikbaarheidBulk(ctxOf(c, deps), {
      aanbiederId: c.req.valid("param").id,
      regels: c.req.valid("json").aanbod,
    });
    const now = deps.clock.now();
    return c.json({ aanbod: rows.map((r) => toAanbod(r, now)) }, 200);
  };
  const bevestig: H<typeof routes.bevestigAlles> = async (c) => {
    const rows = await confirmAllAanbod(ctxOf(c, deps), { aanbiederId: c.req.valid("param").id });
    const now = deps.clock.now();
    return c.json({ aanbod: rows.map((r) => toAanbod(r, now)) }, 200);
  };
  return { list, get, create, update, remove, bulk, bevestigAlles: bevestig };
}
