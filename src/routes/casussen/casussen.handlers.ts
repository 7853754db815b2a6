import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { allowedVersions, etagOf } from "../../kern/version.ts";
import {
  correctCasus,
  createCasus,
  getCasus,
  listCasusHistorie,
  listCasussen,
  overridePrioriteit,
  setCasusStatus,
  toCasus,
} from "../../services/casussen.ts";
import type { Deps } from "../../services/context.ts";
import { createEscalatie, listEscalaties } from "../../services/escalaties.ts";
import { getWachtlijst } from "../../services/wachtlijst.ts";
import type * as routes from "./casussen.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

export function handlers(deps: Deps) {
  const list: H<typeof routes.list> = async (c) => c.json(await listCasussen(ctxOf(c, deps), c.req.valid("query")), 200);
  const get: H<typeof routes.get> = async (c) => {
    const casus = await getCasus(ctxOf(c, deps), c.req.valid("param"));
    return c.json(casus, 200, { ETag: etagOf(casus.versie) });
  };
  const create: H<typeof routes.create> = async (c) => {
    const casus = await createCasus(ctxOf(c, deps), c.req.valid("json"));
    return c.json(casus, 201, { Location: `/v1/casussen/${casus.id}`, ETag: etagOf(casus.versie) });
  };
  const status: H<typeof routes.status> = async (c) => {
    const casus = await setCasusStatus(ctxOf(c, deps), {
      id: c.req.valid("param").id,
      wijziging: c.req.valid("json"),
      versies: allowedVersions(c.req.valid("header")["if-match"]),
    });
    return c.json(casus, 200, { ETag: etagOf(casus.versie) });
  };
  const correctie: H<typeof routes.correctie> = async (c) => {
    const casus = await correctCasus(ctxOf(c, deps), {
      id: c.req.valid("param").id,
      correctie: c.req.valid("json"),
      versies: allowedVersions(c.req.valid("header")["if-match"]),
    });
    return c.json(casus, 200, { ETag: etagOf(casus.versie) });
  };
  const escalatieMaken: H<typeof routes.escalatieMaken> = async (c) => {
    const { id } = c.req.valid("param");
    const row = await createEscalatie(ctxOf(c, deps), { id, escalatie: c.req.valid("json") });
    return c.json(row, 201, { Location: `/v1/casussen/${id}/escalaties` });
  };
  const escalaties: H<typeof routes.escalaties> = async (c) =>
    c.json({ resultaten: await listEscalaties(ctxOf(c, deps), c.req.valid("param")) }, 200);
  const prioriteit: H<typeof routes.prioriteit> = async (c) =>
    c.json(await overridePrioriteit(ctxOf(c, deps), { id: c.req.valid("param").id, wijziging: c.req.valid("json") }), 200);
  const historie: H<typeof routes.historie> = async (c) => {
    const rows = await listCasusHistorie(ctxOf(c, deps), c.req.valid("param"));
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
  const wachtlijst: H<typeof routes.wachtlijst> = async (c) => {
    const w = await getWachtlijst(ctxOf(c, deps), c.req.valid("query"));
    return c.json(
      {
        regio: w.regio,
        peildatum: w.peildatum,
        regelset: w.regelset ? { versie: w.regelset.versie } : null,
        resultaten: w.resultaten.map((x) => ({ positie: x.positie, ...toCasus(x.row, x.prioriteit, x.escalatie) })),
        buitenKader: w.buitenKader.map((x) => toCasus(x.row, x.prioriteit, x.escalatie)),
        oudersKiezenWachten: w.oudersKiezenWachten.map((x) => toCasus(x.row, x.prioriteit, x.escalatie)),
      },
      200,
    );
  };
  return { list, get, create, correctie, escalatieMaken, escalaties, status, prioriteit, historie, wachtlijst };
}
