import { ApiError, ErrorCode } from "./errors.ts";

/** The ETag of a resource version: strong, so it can be compared with If-Match. */
export function etagOf(versie: number): string {
  return `"v${versie}"`;
}

/**
 * The version an If-Match header allows (RFC 9110 §13.1.1): undefined when absent or `*`
 * (any version), else the versions listed. A header naming no version we could have issued
 * can never match.
 */
export function allowedVersions(ifMatch: string | undefined): number[] | undefined {
  if (ifMatch === undefined || ifMatch.trim() === "*") return undefined;
  return ifMatch
    .split(",")
    .map((tag) => /^\s*"v(\d+)"\s*$/.exec(tag)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
}

/** Throws 412 when the stored version is not one the client built on. */
export function assertVersion(current: number, allowed: number[] | undefined): void {
  if (allowed && !allowed.includes(current)) {
    throw new ApiError(
      ErrorCode.preconditionFailed,
      `De resource is intussen gewijzigd (huidige versie ${etagOf(current)}). Haal hem opnieuw op en probeer het nog eens.`,
      { headers: { ETag: etagOf(current) } },
    );
  }
}

export function staleVersionError(): ApiError {
  return new ApiError(
    ErrorCode.preconditionFailed,
    "De resource is tijdens het opslaan door iemand anders gewijzigd. Haal hem opnieuw op en probeer het nog eens.",
  );
}
