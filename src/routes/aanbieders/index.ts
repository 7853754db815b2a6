import type { V1App } from "../../http/env.ts";
import type { Deps } from "../../services/context.ts";
import { handlers } from "./aanbieders.handlers.ts";
import * as routes from "./aanbieders.routes.ts";

export function registerAanbieders(app: V1App, deps: Deps): void {
  const h = handlers(deps);
  app.openapi(routes.list, h.list);
  app.openapi(routes.create, h.create);
  app.openapi(routes.get, h.get);
  app.openapi(routes.update, h.update);
  app.openapi(routes.remove, h.remove);
  app.openapi(routes.bulk, h.bulk);
  app.openapi(routes.bevestigAlles, h.bevestigAlles);
}
