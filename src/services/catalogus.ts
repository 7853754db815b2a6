import { asc, eq, sql } from "drizzle-orm";
import { gemeenten, regios, zorgvormen } from "../../db/schema/index.ts";
import { DomainError } from "../kern/errors.ts";
import { type Paging, pageOfList } from "../kern/page.ts";
import type { Violations } from "../kern/violations.ts";
import { ROLLEN } from "../kern/vocabulary.ts";
import { type Deps, publiekeLeesactie } from "./context.ts";

export type Zorgvorm = typeof zorgvormen.$inferSelect;
export type Regio = typeof regios.$inferSelect;
export type Gemeente = typeof gemeenten.$inferSelect;

/** The whole care-type catalogue, categories first, then by code. */
export async function readZorgvormen({ db }: Deps, filter: { categorie?: string } = {}): Promise<Zorgvorm[]> {
  return db.orm
    .select()
    .from(zorgvormen)
    .where(filter.categorie ? eq(zorgvormen.categorie, filter.categorie) : undefined)
    .orderBy(asc(zorgvormen.categorie), sql`${zorgvormen.bovenliggend} IS NOT NULL`, asc(zorgvormen.code));
}

export async function findZorgvorm({ db }: Deps, code: string): Promise<Zorgvorm | undefined> {
  const [row] = await db.orm.select().from(zorgvormen).where(eq(zorgvormen.code, code));
  return row;
}

export async function readRegios({ db }: Deps): Promise<Regio[]> {
  return db.orm.select().from(regios).orderBy(asc(regios.naam));
}

export async function findRegio({ db }: Deps, code: string): Promise<Regio | undefined> {
  const [row] = await db.orm.select().from(regios).where(eq(regios.code, code));
  return row;
}

export async function readGemeenten({ db }: Deps, filter: { regio?: string } = {}): Promise<Gemeente[]> {
  return db.orm
    .select()
    .from(gemeenten)
    .where(filter.regio ? eq(gemeenten.regio, filter.regio) : undefined)
    .orderBy(asc(gemeenten.naam));
}

export async function findGemeente({ db }: Deps, code: string): Promise<Gemeente | undefined> {
  const [row] = await db.orm.select().from(gemeenten).where(eq(gemeenten.code, code));
  return row;
}

/** A region code the caller sent: an unknown one is invalid input (400), naming the field. */
export async function requireRegio(deps: Deps, code: string, veld = "regio"): Promise<Regio> {
  const row = await findRegio(deps, code);
  if (!row) throw DomainError.invalid([{ name: veld, code: "onbekende-code", reason: `Regio ${code} is onbekend.` }]);
  return row;
}

const found = <T>(row: T | undefined, what: string): T => {
  if (!row) throw DomainError.notFound(what);
  return row;
};

/** GET /zorgvormen: the catalogue, paged in memory (a few dozen rows). */
export const listZorgvormen = publiekeLeesactie(ROLLEN, async (ctx, input: Paging & { categorie?: string }) =>
  pageOfList(await readZorgvormen(ctx.deps, { categorie: input.categorie }), input),
);
export const getZorgvorm = publiekeLeesactie(ROLLEN, async (ctx, { code }: { code: string }) =>
  found(await findZorgvorm(ctx.deps, code), `Zorgvorm ${code}`),
);
export const listRegios = publiekeLeesactie(ROLLEN, async (ctx, paging: Paging) =>
  pageOfList(await readRegios(ctx.deps), paging),
);
export const getRegio = publiekeLeesactie(ROLLEN, async (ctx, { code }: { code: string }) =>
  found(await findRegio(ctx.deps, code), `Regio ${code}`),
);
export const listGemeenten = publiekeLeesactie(ROLLEN, async (ctx, input: Paging & { regio?: string }) =>
  pageOfList(await readGemeenten(ctx.deps, { regio: input.regio }), input),
);
export const getGemeente = publiekeLeesactie(ROLLEN, async (ctx, { code }: { code: string }) =>
  found(await findGemeente(ctx.deps, code), `Gemeente ${code}`),
);

export interface References {
  zorgvorm?: { name: string; code: string };
  gemeente?: { name: string; code: string };
  regio?: { name: string; code: string };
}

/** Adds a violation for every code that is not in the reference data. */
export async function checkReferences(deps: Deps, refs: References, violations: Violations): Promise<void> {
  if (refs.zorgvorm) {
    const row = await findZorgvorm(deps, refs.zorgvorm.code);
    if (!row) violations.add(refs.zorgvorm.name, "onbekende-code", `Zorgvorm ${refs.zorgvorm.code} staat niet in de catalogus.`);
    else if (!row.actief)
      violations.add(refs.zorgvorm.name, "niet-actief", `Zorgvorm ${refs.zorgvorm.code} wordt niet meer gebruikt.`);
  }
  if (refs.gemeente && !(await findGemeente(deps, refs.gemeente.code))) {
    violations.add(refs.gemeente.name, "onbekende-code", `Gemeente ${refs.gemeente.code} is onbekend.`);
  }
  if (refs.regio && !(await findRegio(deps, refs.regio.code))) {
    violations.add(refs.regio.name, "onbekende-code", `Regio ${refs.regio.code} is onbekend.`);
  }
}

/** Codes beneath each care type, from the catalogue (a few dozen rows). */
export async function catalogueTree(deps: Deps) {
  const rows = await readZorgvormen(deps);
  const children = new Map<string, string[]>();
  for (const z of rows) {
    if (z.bovenliggend) children.set(z.bovenliggend, [...(children.get(z.bovenliggend) ?? []), z.code]);
  }
  const known = new Set(rows.map((z) => z.code));
  const subtree = (code: string): string[] => [code, ...(children.get(code) ?? []).flatMap(subtree)];
  return { known, subtree, rows };
}
