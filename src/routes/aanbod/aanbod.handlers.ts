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

  // The JSON of an answer the service hands out again (a search asked again, see `gebouwd` in
  // services/zoeken.ts): serialising 20 results is a fifth of a search's time over HTTP.
  const json = new WeakMap<object, string>();
  const list: H<typeof routes.list> = async (c) => {
    const { antwoord, engine } = await searchAanbod(ctxOf(c, deps), c.req.valid("query"));
    let body = json.get(antwoord);
    if (body === undefined) {
      body = JSON.stringify(antwoord);
      json.set(antwoord, body);
    }
    return c.body(body, 200, { "Content-Type": "application/json", Zoekmachine: engine }) as unknown as ReturnType<
      typeof c.json<typeof antwoord, 200>
    >;
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
