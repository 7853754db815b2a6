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
    /** Made by the server for every request; the id a client sent is kept apart, bounded. */
    clientRequestId: string | undefined;
    /** Set on routes with case data: what the access-log row will say. */
    toegang: Toegang | undefined;
    /** The web session (pages only): its actor and the CSRF token its forms must carry. */
    sessie: Sessie | undefined;
  };
};

/** The access-log row of a request with case data, as it is being built. */
export interface Toegang {
  actie: Actie;
  route: string;
  casusIds: string[];
  /** The status of a successful answer, for a row written with the change itself. */
  geslaagd: number;
  /** The row was written in the change's own atomic write: none is added afterwards. */
  geschreven?: boolean;
}

export function createV1App() {
  return new OpenAPIHono<AppEnv>({ defaultHook: (result) => validationHook(result), strict: true });
}
export type V1App = ReturnType<typeof createV1App>;
