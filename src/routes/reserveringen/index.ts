import { ctxOf } from "../../http/context.ts";
import type { V1App } from "../../http/env.ts";
import type { Deps } from "../../services/context.ts";
import {
  createReservering,
  getReservering,
  listReserveringen,
  placeReservering,
  withdrawReservering,
} from "../../services/reserveringen.ts";
import * as routes from "./reserveringen.routes.ts";

export function registerReserveringen(app: V1App, deps: Deps): void {
  app.openapi(routes.list, async (c) => c.json(await listReserveringen(ctxOf(c, deps), c.req.valid("query")), 200));
  app.openapi(routes.get, async (c) => c.json(await getReservering(ctxOf(c, deps), c.req.valid("param")), 200));
  app.openapi(routes.create, async (c) => {
    const hold = await createReservering(ctxOf(c, deps), c.req.valid("json"));
    return c.json(hold, 201, { Location: `/v1/reserveringen/${hold.id}` });
  });
  app.openapi(routes.plaatsing, async (c) => c.json(await placeReservering(ctxOf(c, deps), c.req.valid("param")), 200));
  app.openapi(routes.intrekking, async (c) => c.json(await withdrawReservering(ctxOf(c, deps), c.req.valid("param")), 200));
}
