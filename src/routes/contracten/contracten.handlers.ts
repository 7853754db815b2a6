import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app.ts";
import {
  createContract,
  deleteContract,
  getContract,
  listContracten,
  toContract,
  updateContract,
} from "../../services/contracten.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import type * as routes from "./contracten.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

export function handlers(deps: ServiceDeps) {
  const list: H<typeof routes.list> = async (c) => {
    const { pagina, perPagina, ...filter } = c.req.valid("query");
    return c.json(await listContracten(deps, filter, { pagina, perPagina }), 200);
  };
  const get: H<typeof routes.get> = async (c) => c.json(toContract(await getContract(deps, c.req.valid("param").id)), 200);
  const create: H<typeof routes.create> = async (c) => {
    const row = await createContract(deps, c.req.valid("json"));
    return c.json(toContract(row), 201, { Location: `/v1/contracten/${row.id}` });
  };
  const update: H<typeof routes.update> = async (c) =>
    c.json(toContract(await updateContract(deps, c.req.valid("param").id, c.req.valid("json"))), 200);
  const remove: H<typeof routes.remove> = async (c) => {
    await deleteContract(deps, c.req.valid("param").id);
    return c.body(null, 204);
  };
  return { list, get, create, update, remove };
}
