import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type AtomicStep, preparedRead } from "../../db/database.ts";
import { aanbod } from "../../db/schema/index.ts";
import { type Auteur, auteur } from "../kern/actor.ts";
import { DomainError, ErrorCode, type InvalidParam } from "../kern/errors.ts";
import { isoDate, isoTimestamp } from "../kern/time.ts";
import { assertVersion } from "../kern/version.ts";
import { Violations } from "../kern/violations.ts";
import { requireAanbieder } from "./aanbieders.ts";
import {
  type AanbodRow,
  type AanbodStand,
  BESCHIKBAARHEID_VELDEN,
  type Beschikbaarheid,
  beschikbaarheidVelden,
  eigenAanbod,
  metVastgehouden,
} from "./aanbod.ts";
import { type Deps, useCase } from "./context.ts";
import { diff, historieStep } from "./historie.ts";
import { nietOnderVastgehoudenStep } from "./plekken.ts";
import { jsonIds } from "./query.ts";
import { requireOwnAanbieder } from "./scope.ts";
import { nextVersionStep } from "./versioned.ts";

/** Who keeps availability: the provider itself (its own offers only) and the region's beheerder. */
const BIJHOUDERS = ["aanbieder", "beheerder"] as const;

export const BulkRegel = z
  .strictObject({
    aanbodId: z.uuid({ message: "Moet een UUID zijn." }),
    ...beschikbaarheidVelden,
    versie: z.number().int().min(1).optional().meta({ description: "De versie waarop de regel voortbouwt" }),
  })
  .meta({ id: "BeschikbaarheidRegel" });
export type BulkRegel = z.output<typeof BulkRegel>;

export const BeschikbaarheidBulkInput = z
  .strictObject({ aanbod: z.array(BulkRegel).min(1).max(500, { message: "Hoogstens 500 regels per keer." }) })
  .meta({ id: "BeschikbaarheidBulk" });

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
 * The provider reports the places it has free, the ones held for a child through the register
 * among them: that figure may not fall below the places held now. Refused with a conflict, so
 * nothing of the update is stored.
 */
function checkVastgehouden(row: AanbodStand, figures: Beschikbaarheid, conflicts: InvalidParam[], prefix = ""): void {
  if (figures.vrijePlekken < row.vastgehouden) {
    const plekken = row.vastgehouden === 1 ? "1 plek" : `${row.vastgehouden} plekken`;
    conflicts.push({
      name: `${prefix}vrijePlekken`,
      code: "lager-dan-vastgehouden",
      reason: `Via Plekwijzer ${row.vastgehouden === 1 ? "wordt" : "worden"} ${plekken} voor een jeugdige vastgehouden; vul minstens ${row.vastgehouden} vrije plekken in, of bevestig eerst de plaatsing of trek de reservering in.`,
    });
  }
}

function vastgehoudenFout(conflicts: InvalidParam[]): DomainError {
  return DomainError.conflict(
    conflicts.length === 1 && conflicts[0]
      ? conflicts[0].reason
      : "Bij een of meer onderdelen van het aanbod worden via Plekwijzer meer plekken vastgehouden dan er vrij zouden zijn; er is niets opgeslagen.",
    { invalidParams: conflicts },
  );
}

/** What one row of a weekly update did: new figures, a confirmation, or nothing (confirmed today already). */
export type Uitkomst = "gewijzigd" | "bevestigd" | "al-bevestigd";

/** Whether the offer's figures were confirmed (or changed) on the region's calendar day of `now`. */
function vandaagBevestigd(row: AanbodRow, now: string): boolean {
  return row.bevestigdOp !== null && isoDate(new Date(row.bevestigdOp)) === isoDate(new Date(now));
}

/**
 * The write of one weekly update. Figures that differ are a change (`gewijzigdOp` and
 * `bevestigdOp` move); the same figures sent again by a person are a confirmation only. In a
 * sweep over many offers (`zonderHerhaling`) an unchanged offer that was confirmed or changed
 * today already is left alone: a second "Bevestigd (ongewijzigd)" line the same day (right after
 * a save) says nothing new, and it is not counted as confirmed.
 */
function planUpdate(
  deps: Deps,
  current: AanbodRow,
  figures: Beschikbaarheid | undefined,
  wie: Auteur,
  now: string,
  zonderHerhaling = false,
): { next: AanbodRow; steps: AtomicStep[]; uitkomst: Uitkomst } {
  const next: AanbodRow = { ...current, ...(figures ?? {}), versie: current.versie + 1, bevestigdOp: now };
  const wijzigingen = figures ? diff(current, next, BESCHIKBAARHEID_VELDEN) : [];
  if (wijzigingen.length === 0 && zonderHerhaling && vandaagBevestigd(current, now)) {
    return { next: current, steps: [], uitkomst: "al-bevestigd" };
  }
  if (wijzigingen.length > 0) next.gewijzigdOp = now;
  return {
    next,
    uitkomst: wijzigingen.length > 0 ? "gewijzigd" : "bevestigd",
    steps: [
      ...(figures ? [nietOnderVastgehoudenStep(current.id, figures.vrijePlekken, now)] : []),
      nextVersionStep(deps, aanbod, current, {
        vrijePlekken: next.vrijePlekken,
        aanmeldwachttijdWeken: next.aanmeldwachttijdWeken,
        behandelwachttijdWeken: next.behandelwachttijdWeken,
        intakeStatus: next.intakeStatus,
        gewijzigdOp: next.gewijzigdOp,
        bevestigdOp: next.bevestigdOp,
      }),
      historieStep(deps, {
        aanbodId: current.id,
        soort: wijzigingen.length > 0 ? "gewijzigd" : "bevestigd",
        wijzigingen,
        ...wie,
        op: now,
      }),
    ],
  };
}

/** PUT /aanbod/{id}/beschikbaarheid: the weekly figures of one offer. */
export const setBeschikbaarheid = useCase(
  BIJHOUDERS,
  async ({ deps, actor }, input: { id: string; cijfers: Beschikbaarheid; versies?: number[] }) => {
    const [current] = await metVastgehouden(deps, [await eigenAanbod(deps, actor, input.id)]);
    if (!current) throw DomainError.notFound(`Aanbod ${input.id}`);
    assertVersion(current.versie, input.versies);
    const violations = new Violations();
    checkCapaciteit(current, input.cijfers, violations);
    violations.throwIfAny();
    const conflicts: InvalidParam[] = [];
    checkVastgehouden(current, input.cijfers, conflicts);
    if (conflicts.length > 0) throw vastgehoudenFout(conflicts);
    const { next, steps } = planUpdate(deps, current, input.cijfers, auteur(actor), isoTimestamp(deps.clock.now()));
    await deps.db.atomic(steps);
    return { ...next, vastgehouden: current.vastgehouden };
  },
);

/** POST /aanbod/{id}/bevestiging: "nothing changed"; moves only `bevestigdOp`. */
export const confirmAanbod = useCase(BIJHOUDERS, async ({ deps, actor }, input: { id: string; versies?: number[] }) => {
  const [current] = await metVastgehouden(deps, [await eigenAanbod(deps, actor, input.id)]);
  if (!current) throw DomainError.notFound(`Aanbod ${input.id}`);
  assertVersion(current.versie, input.versies);
  const { next, steps } = planUpdate(deps, current, undefined, auteur(actor), isoTimestamp(deps.clock.now()));
  await deps.db.atomic(steps);
  return { ...next, vastgehouden: current.vastgehouden };
});

/**
 * The weekly update of all (or some) offers of one provider in one request: every row is
 * checked first, and either all rows are stored or none (per-row errors in invalidParams).
 * A row with new figures is a change, a row with the same figures a confirmation; an unchanged
 * row confirmed today already is left as it is. Each row says what it did (`uitkomst`).
 */
export const setBeschikbaarheidBulk = useCase(
  BIJHOUDERS,
  async ({ deps, actor }, input: { aanbiederId: string; regels: BulkRegel[] }) => {
    const { aanbiederId, regels } = input;
    requireOwnAanbieder(actor, aanbiederId, () => DomainError.notFound(`Aanbieder ${aanbiederId}`));
    await requireAanbieder(deps, aanbiederId);
    const ids = regels.map((r) => r.aanbodId);
    const rows = await metVastgehouden(
      deps,
      ids.length
        ? await preparedRead(deps.db, "aanbod bij id's", (orm) =>
            orm
              .select()
              .from(aanbod)
              .where(sql`${aanbod.id} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`)
              .prepare(),
          ).all({ ids: jsonIds(ids) })
        : [],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const violations = new Violations();
    const conflicts: InvalidParam[] = [];
    const holds: InvalidParam[] = [];
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
      checkVastgehouden(row, regel, holds, prefix);
      if (regel.versie !== undefined && regel.versie !== row.versie) {
        conflicts.push({ name: `${prefix}versie`, code: "verouderd", reason: `De huidige versie is ${row.versie}.` });
      }
    });
    violations.throwIfAny();
    if (holds.length > 0) throw vastgehoudenFout(holds);
    if (conflicts.length > 0) {
      throw new DomainError(
        ErrorCode.preconditionFailed,
        "Een of meer regels bouwen voort op een verouderde versie; er is niets opgeslagen.",
        { invalidParams: conflicts },
      );
    }
    const now = isoTimestamp(deps.clock.now());
    const plans = regels.map((regel) => {
      const { aanbodId: _id, versie: _v, ...figures } = regel;
      const row = byId.get(regel.aanbodId) as AanbodStand;
      return { ...planUpdate(deps, row, figures, auteur(actor), now, true), vastgehouden: row.vastgehouden };
    });
    const steps = plans.flatMap((p) => p.steps);
    // D1 refuses an empty batch: when every row was confirmed today already there is nothing to write.
    if (steps.length > 0) await deps.db.atomic(steps);
    return plans.map((p) => ({ ...p.next, vastgehouden: p.vastgehouden, uitkomst: p.uitkomst }));
  },
);

/**
 * One click for the whole provider: confirms every offer as unchanged, except those confirmed or
 * changed today already (no second line in their history). Returns the offers it confirmed.
 */
export const confirmAllAanbod = useCase(BIJHOUDERS, async ({ deps, actor }, input: { aanbiederId: string }) => {
  const { aanbiederId } = input;
  requireOwnAanbieder(actor, aanbiederId, () => DomainError.notFound(`Aanbieder ${aanbiederId}`));
  await requireAanbieder(deps, aanbiederId);
  const rows = await deps.db.orm
    .select()
    .from(aanbod)
    .where(eq(aanbod.aanbiederId, aanbiederId))
    .orderBy(asc(aanbod.naam), asc(aanbod.id));
  const now = isoTimestamp(deps.clock.now());
  const plans = rows
    .map((row) => planUpdate(deps, row, undefined, auteur(actor), now, true))
    .filter((p) => p.uitkomst === "bevestigd");
  if (plans.length > 0) await deps.db.atomic(plans.flatMap((p) => p.steps));
  return metVastgehouden(
    deps,
    plans.map((p) => p.next),
  );
});
