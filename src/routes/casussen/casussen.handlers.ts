import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app.ts";
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
import type { ServiceDeps } from "../../services/deps.ts";
import { prioriteitVan, wachtlijst } from "../../services/prioritering.ts";
import type * as routes from "./casussen.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

export function handlers(deps: ServiceDeps) {
  const out = async (row: CasusRow) => toCasus(row, await prioriteitVan(deps, row));

  const list: H<typeof routes.list> = async (c) => {
    const { pagina, perPagina, ...filter } = c.req.valid("query");
    return c.json(await listCasussen(deps, filter, { pagina, perPagina }), 200);
  };
  const get: H<typeof routes.get> = async (c) => {
    const row = await getCasus(deps, c.req.valid("param").id);
    return c.json(await out(row), 200, { ETag: etagOf(row.versie) });
  };
  const create: H<typeof routes.create> = async (c) => {
    const row = await createCasus(deps, c.req.valid("json"), c.get("actor"));
    return c.json(await out(row), 201, { Location: `/v1/casussen/${row.id}`, ETag: etagOf(row.versie) });
  };
  const status: H<typeof routes.status> = async (c) => {
    const row = await wijzigStatus(
      deps,
      c.req.valid("param").id,
      c.req.valid("json"),
      c.get("actor"),
      allowedVersions(c.req.valid("header")["if-match"]),
    );
    return c.json(await out(row), 200, { ETag: etagOf(row.versie) });
  };
  const prioriteit: H<typeof routes.prioriteit> = async (c) => {
    const row = await zetHandmatigeGroep(deps, c.req.valid("param").id, c.req.valid("json"), c.get("actor"));
    return c.json(await out(row), 200);
  };
  const historie: H<typeof routes.historie> = async (c) => {
    const { id } = c.req.valid("param");
    await getCasus(deps, id);
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
    const w = await wachtlijst(deps, c.req.valid("query"));
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
