import type { V1App } from "../../app.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import { handlers } from "./catalogus.handlers.ts";
import * as routes from "./catalogus.routes.ts";

export function registerCatalogus(app: V1App, deps: ServiceDeps): void {
  const h = handlers(deps);
  app.openapi(routes.listZorgvormen, h.zorgvormen);
  app.openapi(routes.getZorgvorm, h.zorgvorm);
  app.openapi(routes.listRegios, h.regios);
  app.openapi(routes.getRegio, h.regio);
  app.openapi(routes.listGemeenten, h.gemeenten);
  app.openapi(routes.getGemeente, h.gemeente);
}
