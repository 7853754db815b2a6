import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app.ts";
import { alleenEigen, door } from "../../lib/access.ts";
import { ApiError } from "../../lib/errors.ts";
import { allowedVersions, etagOf } from "../../lib/etag.ts";
import { createAanbod, deleteAanbod, findAanbod, getAanbod, toAanbod, updateAanbod } from "../../services/aanbod.ts";
import { bevestigAanbod, setBeschikbaarheid } from "../../services/beschikbaarheid.ts";
import { listHistorie } from "../../services/historie.ts";
import { findLocatie } from "../../services/locaties.ts";
import { type ZoekDeps, zoeken } from "../../services/zoeken.ts";
import type * as routes from "./aanbod.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

export function handlers(deps: ZoekDeps) {
  /** An aanbieder token reaches only its own offers; another provider's offer "does not exist". */
  const eigen = async (c: Context<AppEnv>, id: string) => {
    const row = await findAanbod(deps, id);
    if (row) alleenEigen(c, row.aanbiederId, () => ApiError.notFound(`Aanbod ${id}`));
  };
  const one = (row: Parameters<typeof toAanbod>[0]) => toAanbod(row, deps.clock.now());

  const list: H<typeof routes.list> = async (c) => {
    const { antwoord, engine } = await zoeken(deps, c.req.valid("query"));
    return c.json(antwoord, 200, { Zoekmachine: engine });
  };
  const get: H<typeof routes.get> = async (c) => {
    const row = await getAanbod(deps, c.req.valid("param").id);
    return c.json(one(row), 200, { ETag: etagOf(row.versie) });
  };
  const create: H<typeof routes.create> = async (c) => {
    const { locatieId } = c.req.valid("json");
    const locatie = await findLocatie(deps, locatieId);
    if (locatie) {
      alleenEigen(c, locatie.aanbiederId, () =>
        ApiError.invalid([{ name: "locatieId", code: "onbekend", reason: `Locatie ${locatieId} bestaat niet.` }]),
      );
    }
    const row = await createAanbod(deps, c.req.valid("json"), door(c.get("actor")));
    return c.json(one(row), 201, { Location: `/v1/aanbod/${row.id}`, ETag: etagOf(row.versie) });
  };
  const update: H<typeof routes.update> = async (c) => {
    await eigen(c, c.req.valid("param").id);
    const row = await updateAanbod(
      deps,
      c.req.valid("param").id,
      c.req.valid("json"),
      door(c.get("actor")),
      allowedVersions(c.req.valid("header")["if-match"]),
    );
    return c.json(one(row), 200, { ETag: etagOf(row.versie) });
  };
  const remove: H<typeof routes.remove> = async (c) => {
    await eigen(c, c.req.valid("param").id);
    await deleteAanbod(deps, c.req.valid("param").id, door(c.get("actor")), allowedVersions(c.req.valid("header")["if-match"]));
    return c.body(null, 204);
  };
  const beschikbaarheid: H<typeof routes.beschikbaarheid> = async (c) => {
    await eigen(c, c.req.valid("param").id);
    const row = await setBeschikbaarheid(
      deps,
      c.req.valid("param").id,
      c.req.valid("json"),
      door(c.get("actor")),
      allowedVersions(c.req.valid("header")["if-match"]),
    );
    return c.json(one(row), 200, { ETag: etagOf(row.versie) });
  };
  const bevestiging: H<typeof routes.bevestiging> = async (c) => {
    await eigen(c, c.req.valid("param").id);
    const row = await bevestigAanbod(
      deps,
      c.req.valid("param").id,
      door(c.get("actor")),
      allowedVersions(c.req.valid("header")["if-match"]),
    );
    return c.json(one(row), 200, { ETag: etagOf(row.versie) });
  };
  const historie: H<typeof routes.historie> = async (c) => {
    const { id } = c.req.valid("param");
    const page = await listHistorie(deps, id, c.req.valid("query"));
    // A deleted offer keeps its history; only an id never seen at all is unknown.
    if (page.totaal === 0 && !(await findAanbod(deps, id))) throw ApiError.notFound(`Aanbod ${id}`);
    return c.json(page, 200);
  };
  return { list, get, create, update, remove, beschikbaarheid, bevestiging, historie };
}
