import type { V1App } from "../../http/env.ts";
import { hookWith } from "../../http/validation.ts";
import { AANBOD_REGELS, BESCHRIJVING_REGELS } from "../../services/aanbod.ts";
import type { Deps } from "../../services/context.ts";
import { handlers } from "./aanbod.handlers.ts";
import * as routes from "./aanbod.routes.ts";

export function registerAanbod(app: V1App, deps: Deps): void {
  const h = handlers(deps);
  app.openapi(routes.list, h.list);
  app.openapi(routes.create, h.create, hookWith(AANBOD_REGELS));
  app.openapi(routes.get, h.get);
  app.openapi(routes.update, h.update, hookWith(BESCHRIJVING_REGELS));
  app.openapi(routes.remove, h.remove);
  app.openapi(routes.beschikbaarheid, h.beschikbaarheid);
  app.openapi(routes.bevestiging, h.bevestiging);
  app.openapi(routes.historie, h.historie);
}
