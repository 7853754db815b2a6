import { asc, eq, sql } from "drizzle-orm";
import { gemeenten, regios, zorgvormen } from "../../db/schema/index.ts";
import type { Violations } from "../lib/validation.ts";
import type { ServiceDeps } from "./deps.ts";

export type Zorgvorm = typeof zorgvormen.$inferSelect;
export type Regio = typeof regios.$inferSelect;
export type Gemeente = typeof gemeenten.$inferSelect;

/** The whole care-type catalogue, categories first, then by code. */
export async function listZorgvormen({ db }: ServiceDeps, filter: { categorie?: string } = {}): Promise<Zorgvorm[]> {
  return db.orm
    .select()
    .from(zorgvormen)
    .where(filter.categorie ? eq(zorgvormen.categorie, filter.categorie) : undefined)
    .orderBy(asc(zorgvormen.categorie), sql`${zorgvormen.bovenliggend} IS NOT NULL`, asc(zorgvormen.code));
}

export async function getZorgvorm({ db }: ServiceDeps, code: string): Promise<Zorgvorm | undefined> {
  const [row] = await db.orm.select().from(zorgvormen).where(eq(zorgvormen.code, code));
  return row;
}

export async function listRegios({ db }: ServiceDeps): Promise<Regio[]> {
  return db.orm.select().from(regios).orderBy(asc(regios.naam));
}

export async function getRegio({ db }: ServiceDeps, code: string): Promise<Regio | undefined> {
  const [row] = await db.orm.select().from(regios).where(eq(regios.code, code));
  return row;
}

export async function listGemeenten({ db }: ServiceDeps, filter: { regio?: string } = {}): Promise<Gemeente[]> {
  return db.orm
    .select()
    .from(gemeenten)
    .where(filter.regio ? eq(gemeenten.regio, filter.regio) : undefined)
    .orderBy(asc(gemeenten.naam));
}

export async function getGemeente({ db }: ServiceDeps, code: string): Promise<Gemeente | undefined> {
  const [row] = await db.orm.select().from(gemeenten).where(eq(gemeenten.code, code));
  return row;
}

export interface References {
  zorgvorm?: { name: string; code: string };
  gemeente?: { name: string; code: string };
  regio?: { name: string; code: string };
}

/** Adds a violation for every code that is not in the reference data. */
export async function checkReferences(deps: ServiceDeps, refs: References, violations: Violations): Promise<void> {
  if (refs.zorgvorm) {
    const row = await getZorgvorm(deps, refs.zorgvorm.code);
    if (!row) violations.add(refs.zorgvorm.name, "onbekende-code", `Zorgvorm ${refs.zorgvorm.code} staat niet in de catalogus.`);
    else if (!row.actief)
      violations.add(refs.zorgvorm.name, "niet-actief", `Zorgvorm ${refs.zorgvorm.code} wordt niet meer gebruikt.`);
  }
  if (refs.gemeente && !(await getGemeente(deps, refs.gemeente.code))) {
    violations.add(refs.gemeente.name, "onbekende-code", `Gemeente ${refs.gemeente.code} is onbekend.`);
  }
  if (refs.regio && !(await getRegio(deps, refs.regio.code))) {
    violations.add(refs.regio.name, "onbekende-code", `Regio ${refs.regio.code} is onbekend.`);
  }
}
