import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { isoDate } from "../../kern/time.ts";
import type { Deps } from "../../services/context.ts";
import {
  createContract,
  deleteContract,
  getContract,
  listContracten,
  toContract,
  updateContract,
} from "../../services/contracten.ts";
import type * as routes from "./contracten.routes.ts";

type H<R extends RouteConfig> = RouteHandler<R, AppEnv>;

export function handlers(deps: Deps) {
  const vandaag = () => isoDate(deps.clock.now());
  const list: H<typeof routes.list> = async (c) => c.json(await listContracten(ctxOf(c, deps), c.req.valid("query")), 200);
  const get: H<typeof routes.get> = async (c) =>
    c.json(toContract(await getContract(ctxOf(c, deps), c.req.valid("param")), vandaag()), 200);
  const create: H<typeof routes.create> = async (c) => {
    const row = await createContract(ctxOf(c, deps), c.req.valid("json"));
    return c.json(toContract(row, vandaag()), 201, { Location: `/v1/contracten/${row.id}` });
  };
  const update: H<typeof routes.update> = async (c) => {
    const row = await updateContract(ctxOf(c, deps), { id: c.req.valid("param").id, wijziging: c.req.valid("json") });
    return c.json(toContract(row, vandaag()), 200);
  };
  const remove: H<typeof routes.remove> = async (c) => {
    await deleteContract(ctxOf(c, deps), c.req.valid("param"));
    return c.body(null, 204);
  };
  return { list, get, create, update, remove };
}
