import { and, asc, count, eq, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { contracten } from "../../db/schema/index.ts";
import { datumLang } from "../kern/dates.ts";
import { DomainError } from "../kern/errors.ts";
import { datum, gemeenteCode, PagingQuery, regioCode, uuidParam, zorgvormCode } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import type { Paging } from "../kern/page.ts";
import { isoDate, isoTimestamp } from "../kern/time.ts";
import { type CrossRule, Violations, withCrossRules } from "../kern/violations.ts";
import { ROLLEN } from "../kern/vocabulary.ts";
import { findAanbieder } from "./aanbieders.ts";
import { checkReferences } from "./catalogus.ts";
import { type Deps, useCase } from "./context.ts";
import { conditions, paged } from "./query.ts";

export type ContractRow = typeof contracten.$inferSelect;

type ContractVelden = { gemeente?: string | null; regio?: string | null; geldigVanaf: string; geldigTot?: string | null };

export const CONTRACT_REGELS: CrossRule<ContractVelden>[] = [
  {
    fields: ["gemeente", "regio"],
    holds: (v) => (v.gemeente == null) !== (v.regio == null),
    name: "gemeente",
    code: "gemeente-of-regio",
    reason: "Geef precies één van gemeente of regio.",
  },
  {
    fields: ["geldigVanaf", "geldigTot"],
    holds: (v) => v.geldigTot == null || v.geldigVanaf <= v.geldigTot,
    name: "geldigTot",
    code: "voor-geldig-vanaf",
    reason: "geldigTot mag niet voor geldigVanaf liggen.",
  },
];

/** A contract is bought by one municipality, or by a region on behalf of all its municipalities. */
export const ContractInput = withCrossRules(
  z.strictObject({
    aanbiederId: z.uuid({ message: "Moet een UUID zijn." }),
    zorgvorm: zorgvormCode.meta({ description: "Gecontracteerde zorgvorm; geldt ook voor de vormen eronder" }),
    gemeente: gemeenteCode.nullable().optional().meta({ description: "Inkopende gemeente; of regio" }),
    regio: regioCode.nullable().optional().meta({ description: "Regio die namens al haar gemeenten inkoopt; of gemeente" }),
    geldigVanaf: datum,
    geldigTot: datum.nullable().optional(),
  }),
  CONTRACT_REGELS,
).meta({ id: "ContractInput" });
export type ContractInput = z.output<typeof ContractInput>;

/** Where a contract stands on a day: in force, not yet begun, or ended. */
export const CONTRACT_STATUSSEN = ["lopend", "toekomstig", "verlopen"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSSEN)[number];

export function contractStatus(row: Pick<ContractRow, "geldigVanaf" | "geldigTot">, vandaag: string): ContractStatus {
  if (row.geldigVanaf > vandaag) return "toekomstig";
  return row.geldigTot !== null && row.geldigTot < vandaag ? "verlopen" : "lopend";
}

export function toContract(row: ContractRow, vandaag: string) {
  return {
    id: row.id,
    aanbiederId: row.aanbiederId,
    zorgvorm: row.zorgvorm,
    gemeente: row.gemeente,
    regio: row.regio,
    geldigVanaf: row.geldigVanaf,
    geldigTot: row.geldigTot,
    status: contractStatus(row, vandaag),
    aangemaaktOp: row.aangemaaktOp,
    gewijzigdOp: row.gewijzigdOp,
  };
}
export type Contract = ReturnType<typeof toContract>;

export const ContractenQuery = PagingQuery.extend({
  aanbiederId: uuidParam.optional(),
  zorgvorm: zorgvormCode.optional(),
  gemeente: gemeenteCode.optional(),
  regio: regioCode.optional(),
});
export type ContractFilter = Omit<z.output<typeof ContractenQuery>, "pagina" | "perPagina">;

/** Current contracts first, then those still to begin, then the ended ones. */
function statusVolgorde(vandaag: string): SQL {
  return sql`CASE WHEN ${contracten.geldigVanaf} > ${vandaag} THEN 1
    WHEN ${contracten.geldigTot} IS NOT NULL AND ${contracten.geldigTot} < ${vandaag} THEN 2 ELSE 0 END`;
}

/** The contracts, current ones first (then future, then ended), each with its status today. */
export const listContracten = useCase(ROLLEN, async ({ deps }, input: Paging & ContractFilter) => {
  const vandaag = isoDate(deps.clock.now());
  const where = and(
    ...conditions(
      input.aanbiederId ? eq(contracten.aanbiederId, input.aanbiederId) : undefined,
      input.zorgvorm ? eq(contracten.zorgvorm, input.zorgvorm) : undefined,
      input.gemeente ? eq(contracten.gemeente, input.gemeente) : undefined,
      input.regio ? eq(contracten.regio, input.regio) : undefined,
    ),
  );
  return paged(
    input,
    (limit, offset) =>
      deps.db.orm
        .select()
        .from(contracten)
        .where(where)
        .orderBy(statusVolgorde(vandaag), asc(contracten.geldigVanaf), asc(contracten.id))
        .limit(limit)
        .offset(offset),
    () => deps.db.orm.select({ n: count() }).from(contracten).where(where),
    (row) => toContract(row, vandaag),
  );
});

async function requireContract({ db }: Deps, id: string): Promise<ContractRow> {
  const [row] = await db.orm.select().from(contracten).where(eq(contracten.id, id));
  if (!row) throw DomainError.notFound(`Contract ${id}`);
  return row;
}

export const getContract = useCase(ROLLEN, async ({ deps }, { id }: { id: string }) => requireContract(deps, id));

async function validate(deps: Deps, input: ContractInput): Promise<void> {
  const violations = new Violations();
  if (!(await findAanbieder(deps, input.aanbiederId))) {
    violations.add("aanbiederId", "onbekend", `Aanbieder ${input.aanbiederId} bestaat niet.`);
  }
  await checkReferences(
    deps,
    {
      zorgvorm: { name: "zorgvorm", code: input.zorgvorm },
      gemeente: input.gemeente ? { name: "gemeente", code: input.gemeente } : undefined,
      regio: input.regio ? { name: "regio", code: input.regio } : undefined,
    },
    violations,
  );
  violations.throwIfAny();
}

/**
 * One contract per provider, care type and buyer (municipality or region) at a time: a second
 * one whose period overlaps says nothing new and makes ending or correcting the first one
 * silently ineffective, so it is refused (409) with the contract it collides with.
 */
async function weigerDubbel(deps: Deps, input: ContractInput, behalve?: string): Promise<void> {
  const tot = input.geldigTot ?? null;
  const [bestaand] = await deps.db.orm
    .select()
    .from(contracten)
    .where(
      and(
        eq(contracten.aanbiederId, input.aanbiederId),
        eq(contracten.zorgvorm, input.zorgvorm),
        input.gemeente ? eq(contracten.gemeente, input.gemeente) : isNull(contracten.gemeente),
        input.regio ? eq(contracten.regio, input.regio) : isNull(contracten.regio),
        // Two periods overlap when each begins before the other ends (an open end never ends).
        tot === null ? undefined : sql`${contracten.geldigVanaf} <= ${tot}`,
        or(isNull(contracten.geldigTot), sql`${contracten.geldigTot} >= ${input.geldigVanaf}`),
        behalve ? ne(contracten.id, behalve) : undefined,
      ),
    )
    .orderBy(asc(contracten.geldigVanaf))
    .limit(1);
  if (!bestaand) return;
  const periode = bestaand.geldigTot
    ? `van ${datumLang(bestaand.geldigVanaf)} tot en met ${datumLang(bestaand.geldigTot)}`
    : `vanaf ${datumLang(bestaand.geldigVanaf)}, zonder einddatum`;
  throw DomainError.conflict(
    `Er is al een contract met deze aanbieder voor deze zorgvorm en ${input.gemeente ? "deze gemeente" : "deze regio"} dat in dezelfde periode geldt (${periode}). Een tweede contract is niet nodig: pas de einddatum van het bestaande contract aan, of laat het nieuwe contract beginnen na het einde van het bestaande.`,
    { extensions: { bestaandContract: bestaand.id } },
  );
}

function fields(input: ContractInput) {
  return {
    aanbiederId: input.aanbiederId,
    zorgvorm: input.zorgvorm,
    gemeente: input.gemeente ?? null,
    regio: input.regio ?? null,
    geldigVanaf: input.geldigVanaf,
    geldigTot: input.geldigTot ?? null,
  };
}

export const createContract = useCase(["beheerder"], async ({ deps }, input: ContractInput) => {
  await validate(deps, input);
  await weigerDubbel(deps, input);
  const now = isoTimestamp(deps.clock.now());
  const row: ContractRow = { id: newId(), ...fields(input), aangemaaktOp: now, gewijzigdOp: now };
  await deps.db.atomic([{ query: deps.db.orm.insert(contracten).values(row) }]);
  return row;
});

export const updateContract = useCase(["beheerder"], async ({ deps }, input: { id: string; wijziging: ContractInput }) => {
  const current = await requireContract(deps, input.id);
  await validate(deps, input.wijziging);
  await weigerDubbel(deps, input.wijziging, input.id);
  const next: ContractRow = { ...current, ...fields(input.wijziging), gewijzigdOp: isoTimestamp(deps.clock.now()) };
  await deps.db.atomic([{ query: deps.db.orm.update(contracten).set(next).where(eq(contracten.id, input.id)) }]);
  return next;
});

/**
 * Ends a contract on a day (the last day it holds): from the next day the provider's care is no
 * longer contracted for that municipality or region. A day before the contract begins is refused:
 * a contract that never held is deleted instead.
 */
export const beeindigContract = useCase(
  ["beheerder"],
  async ({ deps }, input: { id: string; geldigTot: string; alleenToetsen?: boolean }) => {
    const current = await requireContract(deps, input.id);
    const v = new Violations();
    if (input.geldigTot < current.geldigVanaf)
      v.add(
        "geldigTot",
        "voor-geldig-vanaf",
        `Het contract begint op ${datumLang(current.geldigVanaf)}; kies die dag of later, of verwijder het contract.`,
      );
    else if (current.geldigTot !== null && input.geldigTot > current.geldigTot)
      v.add(
        "geldigTot",
        "na-einddatum",
        `Het contract loopt al af op ${datumLang(current.geldigTot)}; een latere einddatum is een verlenging: wijzig het contract.`,
      );
    v.throwIfAny();
    // A confirmation step asks only about an end date that will be accepted.
    if (input.alleenToetsen) return current;
    const next: ContractRow = { ...current, geldigTot: input.geldigTot, gewijzigdOp: isoTimestamp(deps.clock.now()) };
    await deps.db.atomic([{ query: deps.db.orm.update(contracten).set(next).where(eq(contracten.id, input.id)) }]);
    return next;
  },
);

export const deleteContract = useCase(["beheerder"], async ({ deps }, { id }: { id: string }) => {
  await requireContract(deps, id);
  await deps.db.atomic([{ query: deps.db.orm.delete(contracten).where(eq(contracten.id, id)) }]);
});
