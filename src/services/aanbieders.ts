import { and, asc, count, eq, like, sql } from "drizzle-orm";
import { aanbieders, contracten, locaties } from "../../db/schema/index.ts";
import { ApiError, ErrorCode } from "../lib/errors.ts";
import { assertVersion, staleVersionError } from "../lib/etag.ts";
import { newId } from "../lib/ids.ts";
import { isoTimestamp } from "../lib/time.ts";
import { conditions, type Paging, paged } from "./common.ts";
import type { ServiceDeps } from "./deps.ts";

export type AanbiederRow = typeof aanbieders.$inferSelect;

export interface AanbiederInput {
  naam: string;
  agbCode?: string | null;
  kvkNummer?: string | null;
  website?: string | null;
  telefoon?: string | null;
  email?: string | null;
}

export function toAanbieder(row: AanbiederRow) {
  return {
    id: row.id,
    naam: row.naam,
    agbCode: row.agbCode,
    kvkNummer: row.kvkNummer,
    website: row.website,
    telefoon: row.telefoon,
    email: row.email,
    versie: row.versie,
    aangemaaktOp: row.aangemaaktOp,
    gewijzigdOp: row.gewijzigdOp,
  };
}
export type Aanbieder = ReturnType<typeof toAanbieder>;

/** Lists providers by name; `naam` filters on a part of the name. */
export async function listAanbieders({ db }: ServiceDeps, filter: { naam?: string }, paging: Paging) {
  const where = and(...conditions(filter.naam ? like(aanbieders.naam, `%${filter.naam.replace(/[%_]/g, "")}%`) : undefined));
  return paged(
    paging,
    (limit, offset) =>
      db.orm.select().from(aanbieders).where(where).orderBy(asc(aanbieders.naam), asc(aanbieders.id)).limit(limit).offset(offset),
    () => db.orm.select({ n: count() }).from(aanbieders).where(where),
    toAanbieder,
  );
}

export async function findAanbieder({ db }: ServiceDeps, id: string): Promise<AanbiederRow | undefined> {
  const [row] = await db.orm.select().from(aanbieders).where(eq(aanbieders.id, id));
  return row;
}

export async function getAanbieder(deps: ServiceDeps, id: string): Promise<AanbiederRow> {
  const row = await findAanbieder(deps, id);
  if (!row) throw ApiError.notFound(`Aanbieder ${id}`);
  return row;
}

function fields(input: AanbiederInput) {
  return {
    naam: input.naam,
    agbCode: input.agbCode ?? null,
    kvkNummer: input.kvkNummer ?? null,
    website: input.website ?? null,
    telefoon: input.telefoon ?? null,
    email: input.email ?? null,
  };
}

export async function createAanbieder(deps: ServiceDeps, input: AanbiederInput): Promise<AanbiederRow> {
  const now = isoTimestamp(deps.clock.now());
  const row: AanbiederRow = { id: newId(), ...fields(input), versie: 1, aangemaaktOp: now, gewijzigdOp: now };
  await deps.db.atomic([{ query: deps.db.orm.insert(aanbieders).values(row) }]);
  return row;
}

/** Replaces a provider's fields; `allowedVersions` comes from If-Match. */
export async function updateAanbieder(
  deps: ServiceDeps,
  id: string,
  input: AanbiederInput,
  allowedVersions?: number[],
): Promise<AanbiederRow> {
  const current = await getAanbieder(deps, id);
  assertVersion(current.versie, allowedVersions);
  const next: AanbiederRow = {
    ...current,
    ...fields(input),
    versie: current.versie + 1,
    gewijzigdOp: isoTimestamp(deps.clock.now()),
  };
  await deps.db.atomic([
    {
      query: deps.db.orm
        .update(aanbieders)
        .set(next)
        .where(and(eq(aanbieders.id, id), eq(aanbieders.versie, current.versie))),
      expectChanges: 1,
      onMismatch: staleVersionError,
    },
  ]);
  return next;
}

/** Deletes a provider that has no locations left; otherwise 409, so nothing is lost by accident. */
export async function deleteAanbieder(deps: ServiceDeps, id: string, allowedVersions?: number[]): Promise<void> {
  const current = await getAanbieder(deps, id);
  assertVersion(current.versie, allowedVersions);
  const [[sites], [deals]] = await Promise.all([
    deps.db.orm.select({ n: count() }).from(locaties).where(eq(locaties.aanbiederId, id)),
    deps.db.orm.select({ n: count() }).from(contracten).where(eq(contracten.aanbiederId, id)),
  ]);
  if ((sites?.n ?? 0) > 0 || (deals?.n ?? 0) > 0) {
    throw new ApiError(
      ErrorCode.conflict,
      `Aanbieder ${id} heeft nog ${sites?.n ?? 0} locatie(s) en ${deals?.n ?? 0} contract(en); verwijder die eerst.`,
    );
  }
  await deps.db.atomic([
    {
      query: deps.db.orm
        .delete(aanbieders)
        .where(
          and(
            eq(aanbieders.id, id),
            eq(aanbieders.versie, current.versie),
            sql`NOT EXISTS (SELECT 1 FROM locaties WHERE aanbieder_id = ${id})`,
            sql`NOT EXISTS (SELECT 1 FROM contracten WHERE aanbieder_id = ${id})`,
          ),
        ),
      expectChanges: 1,
      onMismatch: () =>
        new ApiError(ErrorCode.conflict, `Aanbieder ${id} is intussen gewijzigd of heeft nog locaties of contracten.`),
    },
  ]);
}
