import { and, asc, count, eq, sql } from "drizzle-orm";
import { locaties } from "../../db/schema/index.ts";
import { ApiError, ErrorCode } from "../lib/errors.ts";
import { assertVersion, staleVersionError } from "../lib/etag.ts";
import { newId } from "../lib/ids.ts";
import { isoTimestamp } from "../lib/time.ts";
import { Violations } from "../lib/validation.ts";
import { findAanbieder } from "./aanbieders.ts";
import { checkReferences } from "./catalogus.ts";
import { conditions, type Paging, paged } from "./common.ts";
import type { ServiceDeps } from "./deps.ts";

export type LocatieRow = typeof locaties.$inferSelect;

export interface LocatieInput {
  aanbiederId: string;
  naam: string;
  adres: string;
  postcode: string;
  plaats: string;
  gemeente: string;
  lat?: number | null;
  lon?: number | null;
}

export function toLocatie(row: LocatieRow) {
  return {
    id: row.id,
    aanbiederId: row.aanbiederId,
    naam: row.naam,
    adres: row.adres,
    postcode: row.postcode,
    plaats: row.plaats,
    gemeente: row.gemeente,
    lat: row.lat,
    lon: row.lon,
    versie: row.versie,
    aangemaaktOp: row.aangemaaktOp,
    gewijzigdOp: row.gewijzigdOp,
  };
}
export type Locatie = ReturnType<typeof toLocatie>;

export async function listLocaties({ db }: ServiceDeps, filter: { aanbiederId?: string; gemeente?: string }, paging: Paging) {
  const where = and(
    ...conditions(
      filter.aanbiederId ? eq(locaties.aanbiederId, filter.aanbiederId) : undefined,
      filter.gemeente ? eq(locaties.gemeente, filter.gemeente) : undefined,
    ),
  );
  return paged(
    paging,
    (limit, offset) =>
      db.orm.select().from(locaties).where(where).orderBy(asc(locaties.naam), asc(locaties.id)).limit(limit).offset(offset),
    () => db.orm.select({ n: count() }).from(locaties).where(where),
    toLocatie,
  );
}

export async function findLocatie({ db }: ServiceDeps, id: string): Promise<LocatieRow | undefined> {
  const [row] = await db.orm.select().from(locaties).where(eq(locaties.id, id));
  return row;
}

export async function getLocatie(deps: ServiceDeps, id: string): Promise<LocatieRow> {
  const row = await findLocatie(deps, id);
  if (!row) throw ApiError.notFound(`Locatie ${id}`);
  return row;
}

async function validate(deps: ServiceDeps, input: LocatieInput, current?: LocatieRow): Promise<void> {
  const violations = new Violations();
  if (current && input.aanbiederId !== current.aanbiederId) {
    violations.add("aanbiederId", "niet-wijzigbaar", "Een locatie blijft bij haar aanbieder; maak een nieuwe locatie aan.");
  } else if (!current && !(await findAanbieder(deps, input.aanbiederId))) {
    violations.add("aanbiederId", "onbekend", `Aanbieder ${input.aanbiederId} bestaat niet.`);
  }
  await checkReferences(deps, { gemeente: { name: "gemeente", code: input.gemeente } }, violations);
  violations.throwIfAny();
}

function fields(input: LocatieInput) {
  return {
    aanbiederId: input.aanbiederId,
    naam: input.naam,
    adres: input.adres,
    postcode: input.postcode,
    plaats: input.plaats,
    gemeente: input.gemeente,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
  };
}

export async function createLocatie(deps: ServiceDeps, input: LocatieInput): Promise<LocatieRow> {
  await validate(deps, input);
  const now = isoTimestamp(deps.clock.now());
  const row: LocatieRow = { id: newId(), ...fields(input), versie: 1, aangemaaktOp: now, gewijzigdOp: now };
  await deps.db.atomic([{ query: deps.db.orm.insert(locaties).values(row) }]);
  return row;
}

export async function updateLocatie(
  deps: ServiceDeps,
  id: string,
  input: LocatieInput,
  allowedVersions?: number[],
): Promise<LocatieRow> {
  const current = await getLocatie(deps, id);
  assertVersion(current.versie, allowedVersions);
  await validate(deps, input, current);
  const next: LocatieRow = {
    ...current,
    ...fields(input),
    versie: current.versie + 1,
    gewijzigdOp: isoTimestamp(deps.clock.now()),
  };
  await deps.db.atomic([
    {
      query: deps.db.orm
        .update(locaties)
        .set(next)
        .where(and(eq(locaties.id, id), eq(locaties.versie, current.versie))),
      expectChanges: 1,
      onMismatch: staleVersionError,
    },
  ]);
  return next;
}

/** Deletes a location without offers; otherwise 409. */
export async function deleteLocatie(deps: ServiceDeps, id: string, allowedVersions?: number[]): Promise<void> {
  const current = await getLocatie(deps, id);
  assertVersion(current.versie, allowedVersions);
  await deps.db.atomic([
    {
      query: deps.db.orm
        .delete(locaties)
        .where(
          and(
            eq(locaties.id, id),
            eq(locaties.versie, current.versie),
            sql`NOT EXISTS (SELECT 1 FROM aanbod WHERE locatie_id = ${id})`,
          ),
        ),
      expectChanges: 1,
      onMismatch: () =>
        new ApiError(ErrorCode.conflict, `Locatie ${id} heeft nog aanbod of is intussen gewijzigd; verwijder eerst het aanbod.`),
    },
  ]);
}
