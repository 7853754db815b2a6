import { and, asc, eq } from "drizzle-orm";
import { aanbod, type IntakeStatus, locaties, zorgvormen } from "../../db/schema/index.ts";
import { ApiError } from "../lib/errors.ts";
import { assertVersion, staleVersionError } from "../lib/etag.ts";
import { newId } from "../lib/ids.ts";
import { actualiteitOf, isoTimestamp } from "../lib/time.ts";
import { Violations } from "../lib/validation.ts";
import { checkReferences } from "./catalogus.ts";
import type { ServiceDeps } from "./deps.ts";
import { diff, historieStep } from "./historie.ts";
import { findLocatie } from "./locaties.ts";

export type AanbodRow = typeof aanbod.$inferSelect;

/** The weekly figures a provider keeps up to date. */
export interface Beschikbaarheid {
  vrijePlekken: number;
  aanmeldwachttijdWeken: number | null;
  behandelwachttijdWeken: number | null;
  intakeStatus: IntakeStatus;
}
export const BESCHIKBAARHEID_VELDEN = [
  "vrijePlekken",
  "aanmeldwachttijdWeken",
  "behandelwachttijdWeken",
  "intakeStatus",
] as const satisfies readonly (keyof Beschikbaarheid)[];

/** What describes an offer; changed through PUT /aanbod/{id}, not through the weekly update. */
export interface AanbodBeschrijving {
  locatieId: string;
  aanbiederId?: string;
  zorgvorm: string;
  naam: string;
  omschrijving?: string | null;
  leeftijdVan: number;
  leeftijdTot: number;
  capaciteit: number;
  overbrugging?: boolean;
}
const BESCHRIJVING_VELDEN = [
  "locatieId",
  "zorgvorm",
  "naam",
  "omschrijving",
  "leeftijdVan",
  "leeftijdTot",
  "capaciteit",
  "overbrugging",
] as const;

export type AanbodInput = AanbodBeschrijving & Beschikbaarheid;

export function toAanbod(row: AanbodRow, now: Date) {
  return {
    id: row.id,
    aanbiederId: row.aanbiederId,
    locatieId: row.locatieId,
    zorgvorm: row.zorgvorm,
    naam: row.naam,
    omschrijving: row.omschrijving,
    leeftijdVan: row.leeftijdVan,
    leeftijdTot: row.leeftijdTot,
    capaciteit: row.capaciteit,
    vrijePlekken: row.vrijePlekken,
    aanmeldwachttijdWeken: row.aanmeldwachttijdWeken,
    behandelwachttijdWeken: row.behandelwachttijdWeken,
    intakeStatus: row.intakeStatus,
    overbrugging: row.overbrugging,
    versie: row.versie,
    aangemaaktOp: row.aangemaaktOp,
    gewijzigdOp: row.gewijzigdOp,
    bevestigdOp: row.bevestigdOp,
    actualiteit: actualiteitOf(row.bevestigdOp, now),
  };
}
export type Aanbod = ReturnType<typeof toAanbod>;

export async function findAanbod({ db }: ServiceDeps, id: string): Promise<AanbodRow | undefined> {
  const [row] = await db.orm.select().from(aanbod).where(eq(aanbod.id, id));
  return row;
}

export async function getAanbod(deps: ServiceDeps, id: string): Promise<AanbodRow> {
  const row = await findAanbod(deps, id);
  if (!row) throw ApiError.notFound(`Aanbod ${id}`);
  return row;
}

/** Checks what the request schema cannot: references, and free places against capacity. */
async function validate(
  deps: ServiceDeps,
  input: AanbodBeschrijving & { vrijePlekken: number },
  current?: AanbodRow,
): Promise<string> {
  const violations = new Violations();
  const locatie = await findLocatie(deps, input.locatieId);
  if (!locatie) violations.add("locatieId", "onbekend", `Locatie ${input.locatieId} bestaat niet.`);
  else if (current && locatie.aanbiederId !== current.aanbiederId) {
    violations.add("locatieId", "andere-aanbieder", "Aanbod kan alleen naar een locatie van dezelfde aanbieder.");
  }
  if (locatie && input.aanbiederId !== undefined && input.aanbiederId !== locatie.aanbiederId) {
    violations.add("aanbiederId", "komt-niet-overeen", "De locatie hoort bij een andere aanbieder.");
  }
  await checkReferences(deps, { zorgvorm: { name: "zorgvorm", code: input.zorgvorm } }, violations);
  if (current && input.vrijePlekken > input.capaciteit) {
    violations.add(
      "capaciteit",
      "kleiner-dan-vrije-plekken",
      `De capaciteit mag niet kleiner zijn dan het aantal vrije plekken (${input.vrijePlekken}); pas eerst de beschikbaarheid aan.`,
    );
  }
  violations.throwIfAny();
  return (locatie as NonNullable<typeof locatie>).aanbiederId;
}

function beschrijving(input: AanbodBeschrijving) {
  return {
    locatieId: input.locatieId,
    zorgvorm: input.zorgvorm,
    naam: input.naam,
    omschrijving: input.omschrijving ?? null,
    leeftijdVan: input.leeftijdVan,
    leeftijdTot: input.leeftijdTot,
    capaciteit: input.capaciteit,
    overbrugging: input.overbrugging ?? false,
  };
}

/** Creates an offer; the figures entered by a person count as confirmed. */
export async function createAanbod(deps: ServiceDeps, input: AanbodInput, door: string): Promise<AanbodRow> {
  const aanbiederId = await validate(deps, input);
  const now = isoTimestamp(deps.clock.now());
  const row: AanbodRow = {
    id: newId(),
    aanbiederId,
    ...beschrijving(input),
    vrijePlekken: input.vrijePlekken,
    aanmeldwachttijdWeken: input.aanmeldwachttijdWeken,
    behandelwachttijdWeken: input.behandelwachttijdWeken,
    intakeStatus: input.intakeStatus,
    versie: 1,
    aangemaaktOp: now,
    gewijzigdOp: now,
    bevestigdOp: now,
  };
  const empty = Object.fromEntries(Object.keys(row).map((k) => [k, null])) as unknown as AanbodRow;
  await deps.db.atomic([
    { query: deps.db.orm.insert(aanbod).values(row) },
    historieStep(deps, {
      aanbodId: row.id,
      soort: "aangemaakt",
      wijzigingen: diff(empty, row, [...BESCHRIJVING_VELDEN, ...BESCHIKBAARHEID_VELDEN]),
      door,
      op: now,
    }),
  ]);
  return row;
}

/** Replaces an offer's description; availability figures go through the weekly update. */
export async function updateAanbod(
  deps: ServiceDeps,
  id: string,
  input: AanbodBeschrijving,
  door: string,
  allowedVersions?: number[],
): Promise<AanbodRow> {
  const current = await getAanbod(deps, id);
  assertVersion(current.versie, allowedVersions);
  await validate(deps, { ...input, vrijePlekken: current.vrijePlekken }, current);
  const next: AanbodRow = { ...current, ...beschrijving(input) };
  const wijzigingen = diff(current, next, BESCHRIJVING_VELDEN);
  if (wijzigingen.length === 0) return current;
  const now = isoTimestamp(deps.clock.now());
  next.versie = current.versie + 1;
  next.gewijzigdOp = now;
  await deps.db.atomic([
    {
      query: deps.db.orm
        .update(aanbod)
        .set(next)
        .where(and(eq(aanbod.id, id), eq(aanbod.versie, current.versie))),
      expectChanges: 1,
      onMismatch: staleVersionError,
    },
    historieStep(deps, { aanbodId: id, soort: "gewijzigd", wijzigingen, door, op: now }),
  ]);
  return next;
}

/** Deletes an offer; its history stays, closed by a `verwijderd` row. */
export async function deleteAanbod(deps: ServiceDeps, id: string, door: string, allowedVersions?: number[]): Promise<void> {
  const current = await getAanbod(deps, id);
  assertVersion(current.versie, allowedVersions);
  await deps.db.atomic([
    {
      query: deps.db.orm.delete(aanbod).where(and(eq(aanbod.id, id), eq(aanbod.versie, current.versie))),
      expectChanges: 1,
      onMismatch: staleVersionError,
    },
    historieStep(deps, { aanbodId: id, soort: "verwijderd", wijzigingen: [], door, op: isoTimestamp(deps.clock.now()) }),
  ]);
}

/**
 * Every offer of one provider with the names of its location and care type, by location then
 * name: the provider's weekly screen. Read from the register itself, never from the search
 * index (which hides stale offers and may lag behind a write).
 */
export async function listAanbodVanAanbieder({ db }: ServiceDeps, aanbiederId: string) {
  return db.orm
    .select({ aanbod, locatieNaam: locaties.naam, zorgvormNaam: zorgvormen.naam })
    .from(aanbod)
    .innerJoin(locaties, eq(locaties.id, aanbod.locatieId))
    .leftJoin(zorgvormen, eq(zorgvormen.code, aanbod.zorgvorm))
    .where(eq(aanbod.aanbiederId, aanbiederId))
    .orderBy(asc(locaties.naam), asc(aanbod.naam), asc(aanbod.id));
}
export type AanbodVanAanbieder = Awaited<ReturnType<typeof listAanbodVanAanbieder>>[number];
