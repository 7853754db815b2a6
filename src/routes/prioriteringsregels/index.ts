import type { V1App } from "../../app.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import { createRegelset, getRegelset, listRegelsets, toRegelsetOut } from "../../services/prioritering.ts";
import * as routes from "./prioriteringsregels.routes.ts";

export function registerPrioriteringsregels(app: V1App, deps: ServiceDeps): void {
  app.openapi(routes.list, async (c) =>
    c.json({ resultaten: (await listRegelsets(deps, c.req.valid("query").regio)).map(toRegelsetOut) }, 200),
  );
  app.openapi(routes.get, async (c) => c.json(toRegelsetOut(await getRegelset(deps, c.req.valid("param").id)), 200));
  app.openapi(routes.create, async (c) => {
    const row = await createRegelset(deps, c.req.valid("json"));
    return c.json(toRegelsetOut(row), 201, { Location: `/v1/prioriteringsregels/${row.id}` });
  });
}
