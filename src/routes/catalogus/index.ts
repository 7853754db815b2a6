import type { V1App } from "../../http/env.ts";
import type { Deps } from "../../services/context.ts";
import { handlers } from "./catalogus.handlers.ts";
import * as routes from "./catalogus.routes.ts";

export function registerCatalogus(app: V1App, deps: Deps): void {
  const h = handlers(deps);
  app.openapi(routes.listZorgvormen, h.zorgvormen);
  app.openapi(routes.getZorgvorm, h.zorgvorm);
  app.openapi(routes.listRegios, h.regios);
  app.openapi(routes.getRegio, h.regio);
  app.openapi(routes.listGemeenten, h.gemeenten);
  app.openapi(routes.getGemeente, h.gemeente);
}
