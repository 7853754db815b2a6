import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import { contracten } from "../../db/schema/index.ts";
import { DomainError } from "../kern/errors.ts";
import { datum, gemeenteCode, PagingQuery, regioCode, uuidParam, zorgvormCode } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import type { Paging } from "../kern/page.ts";
import { isoTimestamp } from "../kern/time.ts";
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

export function toContract(row: ContractRow) {
  return {
    id: row.id,
    aanbiederId: row.aanbiederId,
    zorgvorm: row.zorgvorm,
    gemeente: row.gemeente,
    regio: row.regio,
    geldigVanaf: row.geldigVanaf,
    geldigTot: row.geldigTot,
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

export const listContracten = useCase(ROLLEN, async ({ deps }, input: Paging & ContractFilter) => {
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
        .orderBy(asc(contracten.geldigVanaf), asc(contracten.id))
        .limit(limit)
        .offset(offset),
    () => deps.db.orm.select({ n: count() }).from(contracten).where(where),
    toContract,
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
  const now = isoTimestamp(deps.clock.now());
  const row: ContractRow = { id: newId(), ...fields(input), aangemaaktOp: now, gewijzigdOp: now };
  await deps.db.atomic([{ query: deps.db.orm.insert(contracten).values(row) }]);
  return row;
});

export const updateContract = useCase(["beheerder"], async ({ deps }, input: { id: string; wijziging: ContractInput }) => {
  const current = await requireContract(deps, input.id);
  await validate(deps, input.wijziging);
  const next: ContractRow = { ...current, ...fields(input.wijziging), gewijzigdOp: isoTimestamp(deps.clock.now()) };
  await deps.db.atomic([{ query: deps.db.orm.update(contracten).set(next).where(eq(contracten.id, input.id)) }]);
  return next;
});

export const deleteContract = useCase(["beheerder"], async ({ deps }, { id }: { id: string }) => {
  await requireContract(deps, id);
  await deps.db.atomic([{ query: deps.db.orm.delete(contracten).where(eq(contracten.id, id)) }]);
});
