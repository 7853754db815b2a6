import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** One entry of the `invalidParams` array (NL API Design Rules, /core/error-handling/invalid-input). */
export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

/** Stable problem types; the `type` URI of a problem is derived from the code. */
export const ErrorCode = {
  badRequest: "ongeldige-invoer",
  malformedJson: "ongeldige-json",
  unauthorized: "niet-geauthenticeerd",
  forbidden: "geen-toegang",
  notFound: "niet-gevonden",
  methodNotAllowed: "methode-niet-toegestaan",
  conflict: "conflict",
  preconditionFailed: "versie-verouderd",
  payloadTooLarge: "verzoek-te-groot",
  unsupportedMediaType: "mediatype-niet-ondersteund",
  tooManyRequests: "te-veel-verzoeken",
  internal: "interne-fout",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const titles: Record<ErrorCode, string> = {
  "ongeldige-invoer": "Ongeldige invoer",
  "ongeldige-json": "De body is geen geldige JSON",
  "niet-geauthenticeerd": "Niet geauthenticeerd",
  "geen-toegang": "Geen toegang",
  "niet-gevonden": "Niet gevonden",
  "methode-niet-toegestaan": "Methode niet toegestaan",
  conflict: "Conflict",
  "versie-verouderd": "De versie is verouderd",
  "verzoek-te-groot": "Het verzoek is te groot",
  "mediatype-niet-ondersteund": "Mediatype niet ondersteund",
  "te-veel-verzoeken": "Te veel verzoeken",
  "interne-fout": "Interne fout",
};

const statuses: Record<ErrorCode, ContentfulStatusCode> = {
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
};

export interface ApiErrorOptions {
  invalidParams?: InvalidParam[];
  headers?: Record<string, string>;
  /** Extra members of the problem body (RFC 9457 extension members). */
  extensions?: Record<string, unknown>;
}

/** The one error type of the application; `app.onError` turns it into problem+json. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly invalidParams?: InvalidParam[];
  readonly headers?: Record<string, string>;
  readonly extensions?: Record<string, unknown>;

  constructor(code: ErrorCode, detail: string, options: ApiErrorOptions = {}) {
    super(statuses[code], { message: detail });
    this.code = code;
    this.title = titles[code];
    this.detail = detail;
    this.invalidParams = options.invalidParams;
    this.headers = options.headers;
    this.extensions = options.extensions;
  }

  static invalid(invalidParams: InvalidParam[], detail?: string): ApiError {
    return new ApiError(
      ErrorCode.badRequest,
      detail ??
        (invalidParams.length === 1
          ? "Eén gegeven is ongeldig; zie invalidParams."
          : `${invalidParams.length} gegevens zijn ongeldig; zie invalidParams.`),
      { invalidParams },
    );
  }

  static notFound(what: string): ApiError {
    return new ApiError(ErrorCode.notFound, `${what} bestaat niet.`);
  }
}

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return statuses[code];
}

export function titleOf(code: ErrorCode): string {
  return titles[code];
}
