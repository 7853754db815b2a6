import type { V1App } from "../../app.ts";
import { hookWith } from "../../lib/validation.ts";
import type { ServiceDeps } from "../../services/deps.ts";
import { handlers } from "./contracten.handlers.ts";
import * as routes from "./contracten.routes.ts";

export function registerContracten(app: V1App, deps: ServiceDeps): void {
  const h = handlers(deps);
  app.openapi(routes.list, h.list);
  app.openapi(routes.create, h.create, hookWith(routes.CONTRACT_REGELS));
  app.openapi(routes.get, h.get);
  app.openapi(routes.update, h.update, hookWith(routes.CONTRACT_REGELS));
  app.openapi(routes.remove, h.remove);
}
