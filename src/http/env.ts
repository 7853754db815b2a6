import { OpenAPIHono } from "@hono/zod-openapi";
import type { Actor } from "../kern/actor.ts";
import type { Actie } from "../kern/vocabulary.ts";
import type { Sessie } from "../services/sessies.ts";
import { validationHook } from "./validation.ts";

/** What the middleware of a request hands to the routes and pages after it. */
export type AppEnv = {
  Variables: {
    requestId: string;
    /** The caller, from its bearer token or web session; undefined without (valid) credentials. */
    actor: Actor | undefined;
    tokenOngeldig: boolean;
    publiekZoeken: boolean;
    clientadres: string;
    /** Set on routes with case data: what the access-log row will say. */
    toegang: { actie: Actie; route: string; casusIds: string[] } | undefined;
    /** The web session (pages only): its actor and the CSRF token its forms must carry. */
    sessie: Sessie | undefined;
  };
};

export function createV1App() {
  return new OpenAPIHono<AppEnv>({ defaultHook: (result) => validationHook(result), strict: true });
}
export type V1App = ReturnType<typeof createV1App>;
