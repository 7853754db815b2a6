import { and, asc, eq, sql } from "drizzle-orm";
import type { AtomicStep } from "../../db/database.ts";
import { aanbod } from "../../db/schema/index.ts";
import { ApiError, ErrorCode, type InvalidParam } from "../lib/errors.ts";
import { assertVersion, staleVersionError } from "../lib/etag.ts";
import { isoTimestamp } from "../lib/time.ts";
import { Violations } from "../lib/validation.ts";
import { getAanbieder } from "./aanbieders.ts";
import { type AanbodRow, BESCHIKBAARHEID_VELDEN, type Beschikbaarheid, getAanbod } from "./aanbod.ts";
import type { ServiceDeps } from "./deps.ts";
import { diff, historieStep } from "./historie.ts";

function checkCapaciteit(row: AanbodRow, figures: Beschikbaarheid, violations: Violations, prefix = ""): void {
  if (figures.vrijePlekken > row.capaciteit) {
    violations.add(
      `${prefix}vrijePlekken`,
      "groter-dan-capaciteit",
      `Er kunnen niet meer vrije plekken (${figures.vrijePlekken}) zijn dan de capaciteit (${row.capaciteit}).`,
    );
  }
}

/**
 * The write of one weekly update. Figures that differ are a change (`gewijzigdOp` and
 * `bevestigdOp` move); the same figures sent again by a person are a confirmation only.
 */
function planUpdate(
  deps: ServiceDeps,
  current: AanbodRow,
  figures: Beschikbaarheid | undefined,
  door: string,
  now: string,
): { next: AanbodRow; steps: AtomicStep[] } {
  const next: AanbodRow = { ...current, ...(figures ?? {}), versie: current.versie + 1, bevestigdOp: now };
  const wijzigingen = figures ? diff(current, next, BESCHIKBAARHEID_VELDEN) : [];
  if (wijzigingen.length > 0) next.gewijzigdOp = now;
  return {
    next,
    steps: [
      {
        query: deps.db.orm
          .update(aanbod)
          .set({
            vrijePlekken: next.vrijePlekken,
            aanmeldwachttijdWeken: next.aanmeldwachttijdWeken,
            behandelwachttijdWeken: next.behandelwachttijdWeken,
            intakeStatus: next.intakeStatus,
            versie: next.versie,
            gewijzigdOp: next.gewijzigdOp,
            bevestigdOp: next.bevestigdOp,
          })
          .where(and(eq(aanbod.id, current.id), eq(aanbod.versie, current.versie))),
        expectChanges: 1,
        onMismatch: staleVersionError,
      },
      historieStep(deps, {
        aanbodId: current.id,
        soort: wijzigingen.length > 0 ? "gewijzigd" : "bevestigd",
        wijzigingen,
        door,
        op: now,
      }),
    ],
  };
}

/** PUT /aanbod/{id}/beschikbaarheid: the weekly figures of one offer. */
export async function setBeschikbaarheid(
  deps: ServiceDeps,
  id: string,
  figures: Beschikbaarheid,
  door: string,
  allowedVersions?: number[],
): Promise<AanbodRow> {
  const current = await getAanbod(deps, id);
  assertVersion(current.versie, allowedVersions);
  const violations = new Violations();
  checkCapaciteit(current, figures, violations);
  violations.throwIfAny();
  const { next, steps } = planUpdate(deps, current, figures, door, isoTimestamp(deps.clock.now()));
  await deps.db.atomic(steps);
  return next;
}

/** POST /aanbod/{id}/bevestiging: "nothing changed"; moves only `bevestigdOp`. */
export async function bevestigAanbod(
  deps: ServiceDeps,
  id: string,
  door: string,
  allowedVersions?: number[],
): Promise<AanbodRow> {
  const current = await getAanbod(deps, id);
  assertVersion(current.versie, allowedVersions);
  const { next, steps } = planUpdate(deps, current, undefined, door, isoTimestamp(deps.clock.now()));
  await deps.db.atomic(steps);
  return next;
}

export interface BulkRegel extends Beschikbaarheid {
  aanbodId: string;
  /** The version the provider saw; a row built on an older version is refused. */
  versie?: number;
}

/**
 * The weekly update of all (or some) offers of one provider in one request: every row is
 * checked first, and either all rows are stored or none (per-row errors in invalidParams).
 */
export async function setBeschikbaarheidBulk(
  deps: ServiceDeps,
  aanbiederId: string,
  regels: BulkRegel[],
  door: string,
): Promise<AanbodRow[]> {
  await getAanbieder(deps, aanbiederId);
  const ids = regels.map((r) => r.aanbodId);
  // One JSON parameter instead of one per row: D1 binds at most 100 parameters.
  const rows = ids.length
    ? await deps.db.orm
        .select()
        .from(aanbod)
        .where(sql`${aanbod.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const violations = new Violations();
  const conflicts: InvalidParam[] = [];
  const seen = new Set<string>();
  regels.forEach((regel, i) => {
    const prefix = `aanbod[${i}].`;
    const row = byId.get(regel.aanbodId);
    if (seen.has(regel.aanbodId)) violations.add(`${prefix}aanbodId`, "dubbel", "Dit aanbod staat al eerder in de lijst.");
    seen.add(regel.aanbodId);
    if (!row || row.aanbiederId !== aanbiederId) {
      violations.add(`${prefix}aanbodId`, "onbekend", `Aanbod ${regel.aanbodId} bestaat niet bij deze aanbieder.`);
      return;
    }
    checkCapaciteit(row, regel, violations, prefix);
    if (regel.versie !== undefined && regel.versie !== row.versie) {
      conflicts.push({ name: `${prefix}versie`, code: "verouderd", reason: `De huidige versie is ${row.versie}.` });
    }
  });
  violations.throwIfAny();
  if (conflicts.length > 0) {
    throw new ApiError(
      ErrorCode.preconditionFailed,
      "Een of meer regels bouwen voort op een verouderde versie; er is niets opgeslagen.",
      { invalidParams: conflicts },
    );
  }
  const now = isoTimestamp(deps.clock.now());
  const plans = regels.map((regel) => {
    const { aanbodId: _id, versie: _v, ...figures } = regel;
    return planUpdate(deps, byId.get(regel.aanbodId) as AanbodRow, figures, door, now);
  });
  await deps.db.atomic(plans.flatMap((p) => p.steps));
  return plans.map((p) => p.next);
}

/** One click for the whole provider: confirms every offer as unchanged. */
export async function bevestigAlles(deps: ServiceDeps, aanbiederId: string, door: string): Promise<AanbodRow[]> {
  await getAanbieder(deps, aanbiederId);
  const rows = await deps.db.orm
    .select()
    .from(aanbod)
    .where(eq(aanbod.aanbiederId, aanbiederId))
    .orderBy(asc(aanbod.naam), asc(aanbod.id));
  const now = isoTimestamp(deps.clock.now());
  const plans = rows.map((row) => planUpdate(deps, row, undefined, door, now));
  await deps.db.atomic(plans.flatMap((p) => p.steps));
  return plans.map((p) => p.next);
}
