import { and, asc, count, eq, like, sql } from "drizzle-orm";
import { z } from "zod";
import { preparedRead } from "../../db/database.ts";
import { aanbieders, contracten, locaties } from "../../db/schema/index.ts";
import { DomainError } from "../kern/errors.ts";
import { tekst } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import type { Paging } from "../kern/page.ts";
import { isoTimestamp } from "../kern/time.ts";
import { assertVersion } from "../kern/version.ts";
import { ROLLEN } from "../kern/vocabulary.ts";
import { type Deps, publiekeLeesactie, useCase } from "./context.ts";
import { conditions, paged } from "./query.ts";
import { requireOwnAanbieder } from "./scope.ts";
import { atVersion, writeVersion } from "./versioned.ts";

export type AanbiederRow = typeof aanbieders.$inferSelect;

export const AanbiederInput = z
  .strictObject({
    naam: tekst(200),
    agbCode: z
      .string()
      .regex(/^[0-9]{8}$/, { message: "Moet een AGB-code van 8 cijfers zijn." })
      .nullable()
      .optional(),
    kvkNummer: z
      .string()
      .regex(/^[0-9]{8}$/, { message: "Moet een KvK-nummer van 8 cijfers zijn." })
      .nullable()
      .optional(),
    website: z
      .url({ protocol: /^https?$/, message: "Moet een webadres zijn dat begint met https://." })
      .max(300)
      .nullable()
      .optional(),
    telefoon: z
      .string()
      .regex(/^\+?[0-9 ()-]{10,20}$/, { message: "Moet een telefoonnummer zijn, zoals 070 123 4567." })
      .nullable()
      .optional(),
    email: z.email({ message: "Moet een e-mailadres zijn." }).max(254).nullable().optional(),
  })
  .meta({ id: "AanbiederInput" });
export type AanbiederInput = z.output<typeof AanbiederInput>;

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

export async function findAanbieder({ db }: Deps, id: string): Promise<AanbiederRow | undefined> {
  const [row] = await preparedRead(db, "aanbieder", (orm) =>
    orm
      .select()
      .from(aanbieders)
      .where(eq(aanbieders.id, sql.placeholder("id")))
      .prepare(),
  ).all({ id });
  return row;
}

export async function requireAanbieder(deps: Deps, id: string): Promise<AanbiederRow> {
  const row = await findAanbieder(deps, id);
  if (!row) throw DomainError.notFound(`Aanbieder ${id}`);
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

/** Lists providers by name; `naam` filters on a part of the name. */
export const listAanbieders = publiekeLeesactie(ROLLEN, async ({ deps }, input: Paging & { naam?: string | null }) => {
  const where = and(...conditions(input.naam ? like(aanbieders.naam, `%${input.naam.replace(/[%_]/g, "")}%`) : undefined));
  return paged(
    input,
    (limit, offset) =>
      deps.db.orm
        .select()
        .from(aanbieders)
        .where(where)
        .orderBy(asc(aanbieders.naam), asc(aanbieders.id))
        .limit(limit)
        .offset(offset),
    () => deps.db.orm.select({ n: count() }).from(aanbieders).where(where),
    toAanbieder,
  );
});

export const getAanbieder = publiekeLeesactie(ROLLEN, async ({ deps }, { id }: { id: string }) => requireAanbieder(deps, id));

export const createAanbieder = useCase(["beheerder"], async ({ deps }, input: AanbiederInput) => {
  const now = isoTimestamp(deps.clock.now());
  const row: AanbiederRow = { id: newId(), ...fields(input), versie: 1, aangemaaktOp: now, gewijzigdOp: now };
  await deps.db.atomic([{ query: deps.db.orm.insert(aanbieders).values(row) }]);
  return row;
});

/** Replaces a provider's fields; a provider changes only its own. */
export const updateAanbieder = useCase(
  ["aanbieder", "beheerder"],
  async ({ deps, actor }, input: { id: string; wijziging: AanbiederInput; versies?: number[] }) => {
    requireOwnAanbieder(actor, input.id, () => DomainError.notFound(`Aanbieder ${input.id}`));
    const current = await requireAanbieder(deps, input.id);
    return writeVersion(deps, {
      table: aanbieders,
      current,
      allowed: input.versies,
      set: { ...fields(input.wijziging), gewijzigdOp: isoTimestamp(deps.clock.now()) },
    });
  },
);

/** Deletes a provider that has no locations or contracts left; otherwise 409, so nothing is lost by accident. */
export const deleteAanbieder = useCase(["beheerder"], async ({ deps }, input: { id: string; versies?: number[] }) => {
  const { id } = input;
  const current = await requireAanbieder(deps, id);
  assertVersion(current.versie, input.versies);
  const [[sites], [deals]] = await Promise.all([
    deps.db.orm.select({ n: count() }).from(locaties).where(eq(locaties.aanbiederId, id)),
    deps.db.orm.select({ n: count() }).from(contracten).where(eq(contracten.aanbiederId, id)),
  ]);
  if ((sites?.n ?? 0) > 0 || (deals?.n ?? 0) > 0) {
    throw DomainError.conflict(
      `Aanbieder ${id} heeft nog ${sites?.n ?? 0} locatie(s) en ${deals?.n ?? 0} contract(en); verwijder die eerst.`,
    );
  }
  await deps.db.atomic([
    {
      query: deps.db.orm
        .delete(aanbieders)
        .where(
          and(
            atVersion(aanbieders, current),
            sql`NOT EXISTS (SELECT 1 FROM locaties WHERE aanbieder_id = ${id})`,
            sql`NOT EXISTS (SELECT 1 FROM contracten WHERE aanbieder_id = ${id})`,
          ),
        ),
      expectChanges: 1,
      onMismatch: () => DomainError.conflict(`Aanbieder ${id} is intussen gewijzigd of heeft nog locaties of contracten.`),
    },
  ]);
});
