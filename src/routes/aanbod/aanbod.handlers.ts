import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { allowedVersions, etagOf } from "../../kern/version.ts";
import {
  type AanbodStand,
  createAanbod,
  deleteAanbod,
  getAanbod,
  listAanbodHistorie,
  toAanbod,
  updateAanbod,
} from "../../services/aanbod.ts";
import { confirmAanbod, setBeschikbaarheid } from "../../services/beschikbaarheid.ts";
import type { Deps } from "../../services/context.ts";
import { searchAanbod } from "../../services/zoeken.ts";
import type * as routes from "./aanbod.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

export function handlers(deps: Deps) {
  const one = (row: AanbodStand) => toAanbod(row, deps.clock.now());

  const list: H<typeof routes.list> = async (c) => {
    const { antwoord, engine } = await searchAanbod(ctxOf(c, deps), c.req.valid("query"));
    return c.json(antwoord, 200, { Zoekmachine: engine });
  };
  const get: H<typeof routes.get> = async (c) => {
    const row = await getAanbod(ctxOf(c, deps), c.req.valid("param"));
    return c.json(one(row), 200, { ETag: etagOf(row.versie) });
  };
  const create: H<typeof routes.create> = async (c) => {
    const row = await createAanbod(ctxOf(c, deps), c.req.valid("json"));
    return c.json(one(row), 201, { Location: `/v1/aanbod/${row.id}`, ETag: etagOf(row.versie) });
  };
  const update: H<typeof routes.update> = async (c) => {
    const row = await updateAanbod(ctxOf(c, deps), {
      id: c.req.valid("param").id,
      wijziging: c.req.valid("json"),
      versies: allowedVersions(c.req.valid("header")["if-match"]),
    });
    return c.json(one(row), 200, { ETag: etagOf(row.versie) });
  };
  const remove: H<typeof routes.remove> = async (c) => {
    await deleteAanbod(ctxOf(c, deps), {
      id: c.req.valid("param").id,
      versies: allowedVersions(c.req.valid("header")["if-match"]),
    });
    return c.body(null, 204);
  };
  const beschikbaarheid: H<typeof routes.beschikbaarheid> = async (c) => {
    const row = await setBeschikbaarheid(ctxOf(c, deps), {
      id: c.req.valid("param").id,
      cijfers: c.req.valid("json"),
      versies: allowedVersions(c.req.valid("header")["if-match"]),
    });
    return c.json(one(row), 200, { ETag: etagOf(row.versie) });
  };
  const bevestiging: H<typeof routes.bevestiging> = async (c) => {
    const row = await confirmAanbod(ctxOf(c, deps), {
      id: c.req.valid("param").id,
      versies: allowedVersions(c.req.valid("header")["if-match"]),
    });
    return c.json(one(row), 200, { ETag: etagOf(row.versie) });
  };
  const historie: H<typeof routes.historie> = async (c) =>
    c.json(await listAanbodHistorie(ctxOf(c, deps), { ...c.req.valid("param"), ...c.req.valid("query") }), 200);
  return { list, get, create, update, remove, beschikbaarheid, bevestiging, historie };
}
