import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DomainError, ERROR_TITLES, ErrorCode, type InvalidParam } from "../kern/errors.ts";
import { etagOf } from "../kern/version.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
const TYPE_BASE = "https://plekwijzer.nl/problemen/";
const MAX_INVALID_PARAMS = 100;

/** The HTTP status of each error code: the one place where the domain meets HTTP. */
const STATUSES: Record<ErrorCode, ContentfulStatusCode> = {
  "ongeldige-invoer": 400,
  "ongeldige-json": 400,
  "niet-geauthenticeerd": 401,
  "geen-toegang": 403,
  "niet-gevonden": 404,
  "methode-niet-toegestaan": 405,
  conflict: 409,
  "versie-verouderd": 412,
  "verzoek-te-groot": 413,
  "mediatype-niet-ondersteund": 415,
  "te-veel-verzoeken": 429,
  "interne-fout": 500,
  "alleen-lezen": 503,
  "opslag-vol": 507,
  "tijdelijk-onbeschikbaar": 503,
};

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUSES[code];
}

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

/** What the storage said, when it could not write: SQLite's codes (better-sqlite3) or their text (D1). */
function opslagFout(err: unknown): DomainError | undefined {
  const code = String((err as { code?: unknown })?.code ?? "");
  const tekst = err instanceof Error ? err.message : "";
  if (code === "SQLITE_FULL" || /SQLITE_FULL|database or disk is full/i.test(tekst)) {
    return new DomainError(
      ErrorCode.storageFull,
      "De opslag van het register is vol; er is niets opgeslagen. Probeer het later opnieuw.",
      {
        retryAfter: 300,
      },
    );
  }
  if (code.startsWith("SQLITE_READONLY") || /SQLITE_READONLY|readonly database/i.test(tekst)) {
    return new DomainError(
      ErrorCode.readOnly,
      "Het register kan nu alleen gelezen worden; er is niets opgeslagen. Probeer het later opnieuw.",
      {
        retryAfter: 300,
      },
    );
  }
  return undefined;
}

/** Any error as a domain error: Hono's own exceptions by their status, storage failures by their kind, anything else internal. */
export function toDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const opslag = opslagFout(err);
  if (opslag) return opslag;
  if (err instanceof HTTPException) {
    // Hono's own exceptions: the JSON validator's parse error and the body limit.
    if (err.status === 400) return new DomainError(ErrorCode.malformedJson, "De body kon niet als JSON worden gelezen.");
    if (err.status === 413) return new DomainError(ErrorCode.payloadTooLarge, "De body is groter dan toegestaan.");
    if (err.status === 415) return new DomainError(ErrorCode.unsupportedMediaType, "Stuur de body als application/json.");
    if (err.status === 401) return new DomainError(ErrorCode.unauthorized, "Er is geen geldig token meegestuurd.");
  }
  return new DomainError(ErrorCode.internal, "Er ging iets mis aan onze kant. Probeer het later opnieuw.");
}

/** The response headers an error carries: the stored version, when to retry, how to authenticate. */
export function problemHeaders(error: DomainError): Record<string, string> {
  const headers: Record<string, string> = {};
  if (error.versie !== undefined) headers.ETag = etagOf(error.versie);
  if (error.retryAfter !== undefined) headers["Retry-After"] = String(error.retryAfter);
  if (error.code === ErrorCode.unauthorized) headers["WWW-Authenticate"] = 'Bearer realm="plekwijzer"';
  return headers;
}

/** Builds the RFC 9457 body; the only place a problem body is made. */
export function problemResponse(c: Context, err: unknown, extraHeaders: Record<string, string> = {}): Response {
  const error = toDomainError(err);
  const status = statusOf(error.code);
  if (status >= 500) {
    // Never log request bodies: they may hold case data.
    console.error(`[${c.get("requestId") ?? "-"}] ${c.req.method} ${c.req.path}`, err);
  }
  const body: Problem = {
    ...error.extensions,
    type: problemType(error.code),
    title: ERROR_TITLES[error.code],
    status,
    detail: error.detail,
    instance: c.req.path,
  };
  if (error.invalidParams) {
    // A body with thousands of bad fields must not get an answer many times its own size.
    body.invalidParams = error.invalidParams.slice(0, MAX_INVALID_PARAMS);
    if (error.invalidParams.length > MAX_INVALID_PARAMS) {
      body.detail = `${error.invalidParams.length} gegevens zijn ongeldig; invalidParams noemt de eerste ${MAX_INVALID_PARAMS}.`;
    }
  }
  const headers = new Headers({ ...problemHeaders(error), ...extraHeaders });
  headers.set("Content-Type", PROBLEM_CONTENT_TYPE);
  return new Response(JSON.stringify(body), { status, headers });
}
