import type { V1App } from "../../http/env.ts";
import { hookWith } from "../../http/validation.ts";
import type { Deps } from "../../services/context.ts";
import { LOCATIE_REGELS } from "../../services/locaties.ts";
import { handlers } from "./locaties.handlers.ts";
import * as routes from "./locaties.routes.ts";

export function registerLocaties(app: V1App, deps: Deps): void {
  const h = handlers(deps);
  app.openapi(routes.list, h.list);
  app.openapi(routes.create, h.create, hookWith(LOCATIE_REGELS));
  app.openapi(routes.get, h.get);
  app.openapi(routes.update, h.update, hookWith(LOCATIE_REGELS));
  app.openapi(routes.remove, h.remove);
}
