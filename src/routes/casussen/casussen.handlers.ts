import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../app.ts";
import { door, logCasussen, scopeOf } from "../../lib/access.ts";
import { ApiError } from "../../lib/errors.ts";
import { allowedVersions, etagOf } from "../../lib/etag.ts";
import {
  type CasusRow,
  createCasus,
  getCasus,
  listCasusHistorie,
  listCasussen,
  toCasus,
  wijzigStatus,
  zetHandmatigeGroep,
} from "../../services/casussen.ts";
import { getRegio } from "../../services/catalogus.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import { prioriteitVan, wachtlijst } from "../../services/prioritering.ts";
import { regioInScope } from "../../services/scope.ts";
import type * as routes from "./casussen.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

export function handlers(deps: ServiceDeps) {
  const out = async (row: CasusRow) => toCasus(row, await prioriteitVan(deps, row));
  /** The case if the caller may see it (else 404), noted for the access log. */
  const casus = async (c: Context<AppEnv>, id: string) => {
    const row = await getCasus(deps, id, scopeOf(c.get("actor")));
    logCasussen(c, [row.id]);
    return row;
  };

  const list: H<typeof routes.list> = async (c) => {
    const { pagina, perPagina, ...filter } = c.req.valid("query");
    const page = await listCasussen(deps, filter, { pagina, perPagina }, scopeOf(c.get("actor")));
    logCasussen(
      c,
      page.resultaten.map((r) => r.id),
    );
    return c.json(page, 200);
  };
  const get: H<typeof routes.get> = async (c) => {
    const row = await casus(c, c.req.valid("param").id);
    return c.json(await out(row), 200, { ETag: etagOf(row.versie) });
  };
  const create: H<typeof routes.create> = async (c) => {
    const actor = c.get("actor");
    const row = await createCasus(deps, c.req.valid("json"), door(actor), actor?.organisatieId ?? "");
    logCasussen(c, [row.id]);
    return c.json(await out(row), 201, { Location: `/v1/casussen/${row.id}`, ETag: etagOf(row.versie) });
  };
  const status: H<typeof routes.status> = async (c) => {
    const row = await wijzigStatus(
      deps,
      (await casus(c, c.req.valid("param").id)).id,
      c.req.valid("json"),
      door(c.get("actor")),
      allowedVersions(c.req.valid("header")["if-match"]),
    );
    return c.json(await out(row), 200, { ETag: etagOf(row.versie) });
  };
  const prioriteit: H<typeof routes.prioriteit> = async (c) => {
    const { id } = await casus(c, c.req.valid("param").id);
    const row = await zetHandmatigeGroep(deps, id, c.req.valid("json"), door(c.get("actor")));
    return c.json(await out(row), 200);
  };
  const historie: H<typeof routes.historie> = async (c) => {
    const { id } = await casus(c, c.req.valid("param").id);
    const rows = await listCasusHistorie(deps, id);
    return c.json(
      {
        resultaten: rows.map((r) => ({
          volgnummer: r.volgnummer,
          soort: r.soort,
          van: r.van,
          naar: r.naar,
          reden: r.reden,
          door: r.door,
          op: r.op,
        })),
      },
      200,
    );
  };
  const lijst: H<typeof routes.wachtlijst> = async (c) => {
    const query = c.req.valid("query");
    // Another region's list answers as if the region did not exist (an unknown code is a 400).
    if (!regioInScope(scopeOf(c.get("actor")), query.regio) && (await getRegio(deps, query.regio))) {
      throw ApiError.notFound(`Regio ${query.regio}`);
    }
    const w = await wachtlijst(deps, query);
    logCasussen(
      c,
      [...w.resultaten, ...w.buitenKader].map((x) => x.row.id),
    );
    return c.json(
      {
        regio: w.regio,
        peildatum: w.peildatum,
        regelset: w.regelset,
        resultaten: w.resultaten.map((x) => ({ positie: x.positie, ...toCasus(x.row, x.prioriteit) })),
        buitenKader: w.buitenKader.map((x) => toCasus(x.row, x.prioriteit)),
      },
      200,
    );
  };
  return { list, get, create, status, prioriteit, historie, wachtlijst: lijst };
}
