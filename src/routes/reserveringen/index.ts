import type { Context } from "hono";
import type { AppEnv, V1App } from "../../app.ts";
import { door, logCasussen, scopeOf } from "../../lib/access.ts";
import { getCasus } from "../../services/casussen.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import {
  getReservering,
  listReserveringen,
  plaats,
  type ReserveringRow,
  reserveer,
  trekIn,
} from "../../services/reserveringen.ts";
import { reserveringenVoor } from "../../services/weergave.ts";
import * as routes from "./reserveringen.routes.ts";

export function registerReserveringen(app: V1App, deps: ServiceDeps): void {
  const one = async (c: Context<AppEnv>, row: ReserveringRow) => {
    const [out] = await reserveringenVoor(deps, scopeOf(c.get("actor")), [row]);
    return out as NonNullable<typeof out>;
  };
  /** The hold if the caller may see it (else 404), noted for the access log. */
  const hold = async (c: Context<AppEnv>, id: string) => {
    const row = await getReservering(deps, id, scopeOf(c.get("actor")));
    logCasussen(c, [row.casusId]);
    return row;
  };

  app.openapi(routes.list, async (c) => {
    const { pagina, perPagina, ...filter } = c.req.valid("query");
    const scope = scopeOf(c.get("actor"));
    const page = await listReserveringen(deps, filter, { pagina, perPagina }, scope);
    logCasussen(
      c,
      page.resultaten.map((r) => r.casusId),
    );
    return c.json({ ...page, resultaten: await reserveringenVoor(deps, scope, page.resultaten) }, 200);
  });
  app.openapi(routes.get, async (c) => c.json(await one(c, await hold(c, c.req.valid("param").id)), 200));
  app.openapi(routes.create, async (c) => {
    const input = c.req.valid("json");
    // A case outside the broker's regions answers as if it did not exist.
    const casus = await getCasus(deps, input.casusId, scopeOf(c.get("actor")));
    logCasussen(c, [casus.id]);
    const row = await reserveer(deps, input, door(c.get("actor")));
    return c.json(await one(c, row), 201, { Location: `/v1/reserveringen/${row.id}` });
  });
  app.openapi(routes.plaatsing, async (c) => {
    const { id } = await hold(c, c.req.valid("param").id);
    return c.json(await one(c, await plaats(deps, id, door(c.get("actor")))), 200);
  });
  app.openapi(routes.intrekking, async (c) => {
    const { id } = await hold(c, c.req.valid("param").id);
    return c.json(await one(c, await trekIn(deps, id, door(c.get("actor")))), 200);
  });
}
