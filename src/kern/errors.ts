/** One entry of the `invalidParams` array (NL API Design Rules, /core/error-handling/invalid-input). */
export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

/**
 * Stable error codes; every layer speaks them, the HTTP side maps each to a status and a
 * problem type (`https://plekwijzer.nl/problemen/<code>`), the pages to a Dutch error page.
 */
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
  /** The register can be read but not written now (read-only file, folder or disk). */
  readOnly: "alleen-lezen",
  /** The disk is full: nothing could be stored. */
  storageFull: "opslag-vol",
  /** A part the answer depends on (the access log) cannot be written now; nothing was shown. */
  unavailable: "tijdelijk-onbeschikbaar",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_TITLES: Record<ErrorCode, string> = {
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
  "alleen-lezen": "Het register is nu alleen te lezen",
  "opslag-vol": "De opslag is vol",
  "tijdelijk-onbeschikbaar": "Tijdelijk niet beschikbaar",
};

export interface DomainErrorOptions {
  invalidParams?: InvalidParam[];
  /** Extra members of the answer (RFC 9457 extension members on the API). */
  extensions?: Record<string, unknown>;
  /** The version now stored, for a refused write built on an older one. */
  versie?: number;
  /** Seconds to wait before trying again. */
  retryAfter?: number;
}

/**
 * The one error of the application, transport-neutral: a code, a Dutch message for the user,
 * and optionally the fields at fault. Use cases throw it; the API turns it into problem+json,
 * the pages into a Dutch error page or a message next to a field.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly invalidParams?: InvalidParam[];
  readonly extensions?: Record<string, unknown>;
  readonly versie?: number;
  readonly retryAfter?: number;

  constructor(code: ErrorCode, detail: string, options: DomainErrorOptions = {}) {
    super(detail);
    this.name = "DomainError";
    this.code = code;
    this.title = ERROR_TITLES[code];
    this.detail = detail;
    this.invalidParams = options.invalidParams;
    this.extensions = options.extensions;
    this.versie = options.versie;
    this.retryAfter = options.retryAfter;
  }

  static invalid(invalidParams: InvalidParam[], detail?: string): DomainError {
    return new DomainError(
      ErrorCode.badRequest,
      detail ??
        (invalidParams.length === 1
          ? "Eén gegeven is ongeldig; zie invalidParams."
          : `${invalidParams.length} gegevens zijn ongeldig; zie invalidParams.`),
      { invalidParams },
    );
  }

  static notFound(what: string): DomainError {
    return new DomainError(ErrorCode.notFound, `${what} bestaat niet.`);
  }

  static conflict(detail: string, options?: DomainErrorOptions): DomainError {
    return new DomainError(ErrorCode.conflict, detail, options);
  }
}

export function isDomainError(error: unknown, code?: ErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
