import { DomainError, ErrorCode } from "./errors.ts";

/** The ETag value of a resource version: strong, so it can be compared with If-Match. */
export function etagOf(versie: number): string {
  return `"v${versie}"`;
}

/**
 * The versions an If-Match value allows (RFC 9110 §13.1.1): undefined when absent or `*`
 * (any version), else the versions listed. A value naming no version we could have issued
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

/** Refuses a write built on another version than the one stored. */
export function assertVersion(current: number, allowed: readonly number[] | undefined): void {
  if (allowed && !allowed.includes(current)) {
    throw new DomainError(
      ErrorCode.preconditionFailed,
      `De resource is intussen gewijzigd (huidige versie ${etagOf(current)}). Haal hem opnieuw op en probeer het nog eens.`,
      { versie: current },
    );
  }
}

/** Someone else wrote between our read and our guarded write. */
export function staleVersionError(): DomainError {
  return new DomainError(
    ErrorCode.preconditionFailed,
    "De resource is tijdens het opslaan door iemand anders gewijzigd. Haal hem opnieuw op en probeer het nog eens.",
  );
}
