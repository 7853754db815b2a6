import { and, asc, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { locaties } from "../../db/schema/index.ts";
import { DomainError } from "../kern/errors.ts";
import { gemeenteCode, postcode, tekst } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import type { Paging } from "../kern/page.ts";
import { isoTimestamp } from "../kern/time.ts";
import { assertVersion } from "../kern/version.ts";
import { type CrossRule, Violations, withCrossRules } from "../kern/violations.ts";
import { ROLLEN } from "../kern/vocabulary.ts";
import { findAanbieder } from "./aanbieders.ts";
import { checkReferences } from "./catalogus.ts";
import { type Deps, publiekeLeesactie, useCase } from "./context.ts";
import { conditions, paged } from "./query.ts";
import { requireOwnAanbieder } from "./scope.ts";
import { atVersion, writeVersion } from "./versioned.ts";

export type LocatieRow = typeof locaties.$inferSelect;

type Coordinaten = { lat?: number | null; lon?: number | null };
export const LOCATIE_REGELS: CrossRule<Coordinaten>[] = [
  {
    fields: ["lat", "lon"],
    holds: (v) => (v.lat == null) === (v.lon == null),
    name: "lon",
    code: "lat-lon-samen",
    reason: "Geef lat en lon allebei, of geen van beide.",
  },
];

export const LocatieInput = withCrossRules(
  z.strictObject({
    aanbiederId: z.uuid({ message: "Moet een UUID zijn." }),
    naam: tekst(200),
    adres: tekst(200).meta({ example: "Lange Voorhout 1" }),
    postcode,
    plaats: tekst(100),
    gemeente: gemeenteCode,
    lat: z.number().min(50.7).max(53.6).nullable().optional().meta({ description: "Breedtegraad (WGS84), binnen Nederland" }),
    lon: z.number().min(3.3).max(7.3).nullable().optional().meta({ description: "Lengtegraad (WGS84), binnen Nederland" }),
  }),
  LOCATIE_REGELS,
).meta({ id: "LocatieInput" });
export type LocatieInput = z.output<typeof LocatieInput>;

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

export async function findLocatie({ db }: Deps, id: string): Promise<LocatieRow | undefined> {
  const [row] = await db.orm.select().from(locaties).where(eq(locaties.id, id));
  return row;
}

export async function requireLocatie(deps: Deps, id: string): Promise<LocatieRow> {
  const row = await findLocatie(deps, id);
  if (!row) throw DomainError.notFound(`Locatie ${id}`);
  return row;
}

/** The locations of one provider (or all), by name. */
export async function readLocaties({ db }: Deps, filter: { aanbiederId?: string; gemeente?: string }, paging: Paging) {
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

async function validate(deps: Deps, input: LocatieInput, current?: LocatieRow): Promise<void> {
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

/** A location the actor may change: a provider only its own, anyone else's "does not exist". */
async function eigenLocatie(deps: Deps, actor: Parameters<typeof requireOwnAanbieder>[0], id: string): Promise<LocatieRow> {
  const row = await requireLocatie(deps, id);
  requireOwnAanbieder(actor, row.aanbiederId, () => DomainError.notFound(`Locatie ${id}`));
  return row;
}

export const listLocaties = publiekeLeesactie(
  ROLLEN,
  async ({ deps }, input: Paging & { aanbiederId?: string; gemeente?: string }) => {
    const { pagina, perPagina, ...filter } = input;
    return readLocaties(deps, filter, { pagina, perPagina });
  },
);

export const getLocatie = publiekeLeesactie(ROLLEN, async ({ deps }, { id }: { id: string }) => requireLocatie(deps, id));

export const createLocatie = useCase(["aanbieder", "beheerder"], async ({ deps, actor }, input: LocatieInput) => {
  // A provider adds locations to itself only; another provider "does not exist".
  requireOwnAanbieder(actor, input.aanbiederId, () =>
    DomainError.invalid([{ name: "aanbiederId", code: "onbekend", reason: `Aanbieder ${input.aanbiederId} bestaat niet.` }]),
  );
  await validate(deps, input);
  const now = isoTimestamp(deps.clock.now());
  const row: LocatieRow = { id: newId(), ...fields(input), versie: 1, aangemaaktOp: now, gewijzigdOp: now };
  await deps.db.atomic([{ query: deps.db.orm.insert(locaties).values(row) }]);
  return row;
});

export const updateLocatie = useCase(
  ["aanbieder", "beheerder"],
  async ({ deps, actor }, input: { id: string; wijziging: LocatieInput; versies?: number[] }) => {
    const current = await eigenLocatie(deps, actor, input.id);
    assertVersion(current.versie, input.versies);
    await validate(deps, input.wijziging, current);
    return writeVersion(deps, {
      table: locaties,
      current,
      set: { ...fields(input.wijziging), gewijzigdOp: isoTimestamp(deps.clock.now()) },
    });
  },
);

/** Deletes a location without offers; otherwise 409. */
export const deleteLocatie = useCase(
  ["aanbieder", "beheerder"],
  async ({ deps, actor }, input: { id: string; versies?: number[] }) => {
    const current = await eigenLocatie(deps, actor, input.id);
    assertVersion(current.versie, input.versies);
    await deps.db.atomic([
      {
        query: deps.db.orm
          .delete(locaties)
          .where(and(atVersion(locaties, current), sql`NOT EXISTS (SELECT 1 FROM aanbod WHERE locatie_id = ${input.id})`)),
        expectChanges: 1,
        onMismatch: () =>
          DomainError.conflict(`Locatie ${input.id} heeft nog aanbod of is intussen gewijzigd; verwijder eerst het aanbod.`),
      },
    ]);
  },
);
