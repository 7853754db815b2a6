import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ApiError, ErrorCode, type InvalidParam, statusOf, titleOf } from "./errors.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
const TYPE_BASE = "https://plekwijzer.nl/problemen/";
const MAX_INVALID_PARAMS = 100;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  invalidParams?: InvalidParam[];
  [extension: string]: unknown;
}

export function problemType(code: ErrorCode): string {
  return `${TYPE_BASE}${code}`;
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) {
    // Hono's own exceptions: the JSON validator's parse error and the body limit.
    if (err.status === 400) return new ApiError(ErrorCode.malformedJson, "De body kon niet als JSON worden gelezen.");
    if (err.status === 413) return new ApiError(ErrorCode.payloadTooLarge, "De body is groter dan toegestaan.");
    if (err.status === 415) return new ApiError(ErrorCode.unsupportedMediaType, "Stuur de body als application/json.");
    if (err.status === 401) return new ApiError(ErrorCode.unauthorized, "Er is geen geldig token meegestuurd.");
  }
  return new ApiError(ErrorCode.internal, "Er ging iets mis aan onze kant. Probeer het later opnieuw.");
}

/** Builds the RFC 9457 body; the only place a problem body is made. */
export function problemResponse(c: Context, err: unknown): Response {
  const apiError = toApiError(err);
  const status = statusOf(apiError.code);
  if (status >= 500) {
    // Never log request bodies: they may hold case data in later issues.
    console.error(`[${c.get("requestId") ?? "-"}] ${c.req.method} ${c.req.path}`, err);
  }
  const body: Problem = {
    ...apiError.extensions,
    type: problemType(apiError.code),
    title: titleOf(apiError.code),
    status,
    detail: apiError.detail,
    instance: c.req.path,
  };
  if (apiError.invalidParams) {
    // A body with thousands of bad fields must not get an answer many times its own size.
    body.invalidParams = apiError.invalidParams.slice(0, MAX_INVALID_PARAMS);
    if (apiError.invalidParams.length > MAX_INVALID_PARAMS) {
      body.detail = `${apiError.invalidParams.length} gegevens zijn ongeldig; invalidParams noemt de eerste ${MAX_INVALID_PARAMS}.`;
    }
  }
  const headers = new Headers(apiError.headers);
  headers.set("Content-Type", PROBLEM_CONTENT_TYPE);
  return new Response(JSON.stringify(body), { status, headers });
}
