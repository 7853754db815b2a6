import type { V1App } from "../../app.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import { getReservering, listReserveringen, plaats, reserveer, toReservering, trekIn } from "../../services/reserveringen.ts";
import * as routes from "./reserveringen.routes.ts";

export function registerReserveringen(app: V1App, deps: ServiceDeps): void {
  app.openapi(routes.list, async (c) => {
    const { pagina, perPagina, ...filter } = c.req.valid("query");
    return c.json(await listReserveringen(deps, filter, { pagina, perPagina }), 200);
  });
  app.openapi(routes.get, async (c) => c.json(toReservering(await getReservering(deps, c.req.valid("param").id)), 200));
  app.openapi(routes.create, async (c) => {
    const row = await reserveer(deps, c.req.valid("json"), c.get("actor"));
    return c.json(toReservering(row), 201, { Location: `/v1/reserveringen/${row.id}` });
  });
  app.openapi(routes.plaatsing, async (c) =>
    c.json(toReservering(await plaats(deps, c.req.valid("param").id, c.get("actor"))), 200),
  );
  app.openapi(routes.intrekking, async (c) =>
    c.json(toReservering(await trekIn(deps, c.req.valid("param").id, c.get("actor"))), 200),
  );
}
