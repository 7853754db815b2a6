import type { V1App } from "../../app.ts";
import { hookWith } from "../../lib/validation.ts";
import type { ZoekDeps } from "../../services/zoeken.ts";
import { handlers } from "./aanbod.handlers.ts";
import * as routes from "./aanbod.routes.ts";

export function registerAanbod(app: V1App, deps: ZoekDeps): void {
  const h = handlers(deps);
  app.openapi(routes.list, h.list);
  app.openapi(routes.create, h.create, hookWith(routes.AANBOD_REGELS));
  app.openapi(routes.get, h.get);
  app.openapi(routes.update, h.update, hookWith(routes.BESCHRIJVING_REGELS));
  app.openapi(routes.remove, h.remove);
  app.openapi(routes.beschikbaarheid, h.beschikbaarheid);
  app.openapi(routes.bevestiging, h.bevestiging);
  app.openapi(routes.historie, h.historie);
}
