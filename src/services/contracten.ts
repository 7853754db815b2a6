import { and, asc, count, eq } from "drizzle-orm";
import { contracten } from "../../db/schema/index.ts";
import { ApiError } from "../lib/errors.ts";
import { newId } from "../lib/ids.ts";
import { isoTimestamp } from "../lib/time.ts";
import { Violations } from "../lib/validation.ts";
import { findAanbieder } from "./aanbieders.ts";
import { checkReferences } from "./catalogus.ts";
import { conditions, type Paging, paged } from "./common.ts";
import type { ServiceDeps } from "./deps.ts";

export type ContractRow = typeof contracten.$inferSelect;

/** A contract is bought by one municipality, or by a region on behalf of all its municipalities. */
export interface ContractInput {
  aanbiederId: string;
  zorgvorm: string;
  gemeente?: string | null;
  regio?: string | null;
  geldigVanaf: string;
  geldigTot?: string | null;
}

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

export interface ContractFilter {
  aanbiederId?: string;
  zorgvorm?: string;
  gemeente?: string;
  regio?: string;
}

export async function listContracten({ db }: ServiceDeps, filter: ContractFilter, paging: Paging) {
  const where = and(
    ...conditions(
      filter.aanbiederId ? eq(contracten.aanbiederId, filter.aanbiederId) : undefined,
      filter.zorgvorm ? eq(contracten.zorgvorm, filter.zorgvorm) : undefined,
      filter.gemeente ? eq(contracten.gemeente, filter.gemeente) : undefined,
      filter.regio ? eq(contracten.regio, filter.regio) : undefined,
    ),
  );
  return paged(
    paging,
    (limit, offset) =>
      db.orm
        .select()
        .from(contracten)
        .where(where)
        .orderBy(asc(contracten.geldigVanaf), asc(contracten.id))
        .limit(limit)
        .offset(offset),
    () => db.orm.select({ n: count() }).from(contracten).where(where),
    toContract,
  );
}

export async function getContract({ db }: ServiceDeps, id: string): Promise<ContractRow> {
  const [row] = await db.orm.select().from(contracten).where(eq(contracten.id, id));
  if (!row) throw ApiError.notFound(`Contract ${id}`);
  return row;
}

async function validate(deps: ServiceDeps, input: ContractInput): Promise<void> {
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

export async function createContract(deps: ServiceDeps, input: ContractInput): Promise<ContractRow> {
  await validate(deps, input);
  const now = isoTimestamp(deps.clock.now());
  const row: ContractRow = { id: newId(), ...fields(input), aangemaaktOp: now, gewijzigdOp: now };
  await deps.db.atomic([{ query: deps.db.orm.insert(contracten).values(row) }]);
  return row;
}

export async function updateContract(deps: ServiceDeps, id: string, input: ContractInput): Promise<ContractRow> {
  const current = await getContract(deps, id);
  await validate(deps, input);
  const next: ContractRow = { ...current, ...fields(input), gewijzigdOp: isoTimestamp(deps.clock.now()) };
  await deps.db.atomic([{ query: deps.db.orm.update(contracten).set(next).where(eq(contracten.id, id)) }]);
  return next;
}

export async function deleteContract(deps: ServiceDeps, id: string): Promise<void> {
  await getContract(deps, id);
  await deps.db.atomic([{ query: deps.db.orm.delete(contracten).where(eq(contracten.id, id)) }]);
}
