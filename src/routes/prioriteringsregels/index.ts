import { ctxOf } from "../../http/context.ts";
import type { V1App } from "../../http/env.ts";
import type { Deps } from "../../services/context.ts";
import { createRegelset, getRegelset, listRegelsets, toRegelsetOut } from "../../services/prioriteringsregels.ts";
import * as routes from "./prioriteringsregels.routes.ts";

export function registerPrioriteringsregels(app: V1App, deps: Deps): void {
  app.openapi(routes.list, async (c) =>
    c.json({ resultaten: (await listRegelsets(ctxOf(c, deps), c.req.valid("query"))).map(toRegelsetOut) }, 200),
  );
  app.openapi(routes.get, async (c) => c.json(toRegelsetOut(await getRegelset(ctxOf(c, deps), c.req.valid("param"))), 200));
  app.openapi(routes.create, async (c) => {
    const row = await createRegelset(ctxOf(c, deps), c.req.valid("json"));
    return c.json(toRegelsetOut(row), 201, { Location: `/v1/prioriteringsregels/${row.id}` });
  });
}
