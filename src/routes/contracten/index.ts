import type { V1App } from "../../app.ts";
import { hookWith } from "../../lib/validation.ts";
import {
  createContract,
  deleteContract,
  getContract,
  listContracten,
  toContract,
  updateContract,
} from "../../services/contracten.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import * as routes from "./contracten.routes.ts";

export function registerContracten(app: V1App, deps: ServiceDeps): void {
  app.openapi(routes.list, async (c) => {
    const { pagina, perPagina, ...filter } = c.req.valid("query");
    return c.json(await listContracten(deps, filter, { pagina, perPagina }), 200);
  });
  app.openapi(routes.get, async (c) => c.json(toContract(await getContract(deps, c.req.valid("param").id)), 200));
  app.openapi(
    routes.create,
    async (c) => {
      const row = await createContract(deps, c.req.valid("json"));
      return c.json(toContract(row), 201, { Location: `/v1/contracten/${row.id}` });
    },
    hookWith(routes.CONTRACT_REGELS),
  );
  app.openapi(
    routes.update,
    async (c) => c.json(toContract(await updateContract(deps, c.req.valid("param").id, c.req.valid("json"))), 200),
    hookWith(routes.CONTRACT_REGELS),
  );
  app.openapi(routes.remove, async (c) => {
    await deleteContract(deps, c.req.valid("param").id);
    return c.body(null, 204);
  });
}
