import type { MiddlewareHandler } from "hono";
import { DomainError, ErrorCode } from "../kern/errors.ts";

const WIJZIGINGEN = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A read-only register answers every change with 503 and when to try again; reads go on. */
export function alleenLezenVoor(): MiddlewareHandler {
  return async (c, next) => {
    if (WIJZIGINGEN.has(c.req.method)) {
      throw new DomainError(
        ErrorCode.readOnly,
        "Het register kan nu alleen gelezen worden (de opslag is niet te beschrijven); er is niets opgeslagen. Probeer het later opnieuw.",
        { retryAfter: 300 },
      );
    }
    await next();
  };
}
