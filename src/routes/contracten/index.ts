import type { V1App } from "../../http/env.ts";
import { hookWith } from "../../http/validation.ts";
import type { Deps } from "../../services/context.ts";
import { CONTRACT_REGELS } from "../../services/contracten.ts";
import { handlers } from "./contracten.handlers.ts";
import * as routes from "./contracten.routes.ts";

export function registerContracten(app: V1App, deps: Deps): void {
  const h = handlers(deps);
  app.openapi(routes.list, h.list);
  app.openapi(routes.create, h.create, hookWith(CONTRACT_REGELS));
  app.openapi(routes.get, h.get);
  app.openapi(routes.update, h.update, hookWith(CONTRACT_REGELS));
  app.openapi(routes.remove, h.remove);
}
