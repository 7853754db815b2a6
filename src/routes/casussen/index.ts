import type { V1App } from "../../http/env.ts";
import type { Deps } from "../../services/context.ts";
import { handlers } from "./casussen.handlers.ts";
import * as routes from "./casussen.routes.ts";

export function registerCasussen(app: V1App, deps: Deps): void {
  const h = handlers(deps);
  app.openapi(routes.list, h.list);
  app.openapi(routes.create, h.create);
  app.openapi(routes.get, h.get);
  app.openapi(routes.correctie, h.correctie);
  app.openapi(routes.escalatieMaken, h.escalatieMaken);
  app.openapi(routes.escalaties, h.escalaties);
  app.openapi(routes.status, h.status);
  app.openapi(routes.prioriteit, h.prioriteit);
  app.openapi(routes.historie, h.historie);
  app.openapi(routes.wachtlijst, h.wachtlijst);
}
