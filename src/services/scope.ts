import { type Column, eq, inArray, type SQL, sql } from "drizzle-orm";
import { aanbod, casussen, gemeenten } from "../../db/schema/index.ts";
import type { Actor } from "../kern/actor.ts";
import { DomainError } from "../kern/errors.ts";
import { requireRegio } from "./catalogus.ts";
import type { Deps } from "./context.ts";

/**
 * The part of the register a caller may see, derived from its token. Services apply it so
 * that the API, the web pages and the CLI share one rule. An empty scope sees everything.
 */
export interface Scope {
  /** No credentials: no case data at all. */
  geen?: true;
  /** Cases of this organisation only (a referrer). */
  organisatieId?: string;
  /** Cases of municipalities in these regions only (a care broker). */
  regios?: string[];
  /** This provider's offers only; no cases, only holds and proposals on its own offers. */
  aanbiederId?: string;
}

export const HEEL_REGISTER: Scope = {};

/** The part of the register the actor may see. */
export function scopeOf(actor: Actor | undefined): Scope {
  if (!actor) return { geen: true };
  switch (actor.rol) {
    case "verwijzer":
      return { organisatieId: actor.organisatieId };
    case "zorgmakelaar":
      return { regios: actor.regios };
    case "aanbieder":
      return { aanbiederId: actor.aanbiederId ?? "" };
    case "beheerder":
      return {};
    case "organisatiebeheerder":
      // Manages its organisation's people: no case data, no provider's data.
      return { geen: true };
  }
}

/** The SQL condition on `casussen` for the cases in scope. */
export function casusWhere({ db }: Deps, scope: Scope): SQL | undefined {
  if (scope.geen || scope.aanbiederId !== undefined) return sql`0`;
  if (scope.organisatieId !== undefined) return eq(casussen.organisatie, scope.organisatieId);
  if (scope.regios !== undefined) {
    return inArray(
      casussen.woongemeente,
      db.orm.select({ code: gemeenten.code }).from(gemeenten).where(inArray(gemeenten.regio, scope.regios)),
    );
  }
  return undefined;
}

/** Whether one case is in scope (a provider never sees a case itself). */
export async function casusInScope(
  deps: Deps,
  scope: Scope,
  casus: { organisatie: string; woongemeente: string },
): Promise<boolean> {
  if (scope.geen || scope.aanbiederId !== undefined) return false;
  if (scope.organisatieId !== undefined) return casus.organisatie === scope.organisatieId;
  if (scope.regios !== undefined) {
    const [g] = await deps.db.orm
      .select({ regio: gemeenten.regio })
      .from(gemeenten)
      .where(eq(gemeenten.code, casus.woongemeente));
    return g?.regio != null && scope.regios.includes(g.regio);
  }
  return true;
}

export function regioInScope(scope: Scope, regio: string): boolean {
  if (scope.geen || scope.aanbiederId !== undefined || scope.organisatieId !== undefined) return false;
  return scope.regios === undefined || scope.regios.includes(regio);
}

/** Provider data may be changed by its own provider, or by anyone not bound to a provider. */
export function aanbiederInScope(scope: Scope, aanbiederId: string): boolean {
  if (scope.geen) return false;
  return scope.aanbiederId === undefined || scope.aanbiederId === aanbiederId;
}

/** A provider's data for an actor that may change it; another provider's data "does not exist". */
export function requireOwnAanbieder(actor: Actor | undefined, aanbiederId: string, onbekend: () => DomainError): void {
  if (!aanbiederInScope(scopeOf(actor), aanbiederId)) throw onbekend();
}

/** A region the actor works for; another region answers as if it did not exist (an unknown code is a 400). */
export async function requireRegioInScope(deps: Deps, actor: Actor | undefined, regio: string): Promise<void> {
  await requireRegio(deps, regio);
  if (!regioInScope(scopeOf(actor), regio)) throw DomainError.notFound(`Regio ${regio}`);
}

/**
 * Proposals and holds link a case to an offer: a provider sees those on its own offers, a
 * broker those of cases in its regions.
 */
export function koppelingWhere(deps: Deps, scope: Scope, cols: { casusId: Column; aanbodId: Column }): SQL | undefined {
  const { db } = deps;
  if (scope.geen) return sql`0`;
  if (scope.aanbiederId !== undefined) {
    return inArray(cols.aanbodId, db.orm.select({ id: aanbod.id }).from(aanbod).where(eq(aanbod.aanbiederId, scope.aanbiederId)));
  }
  const cases = casusWhere(deps, scope);
  return cases ? inArray(cols.casusId, db.orm.select({ id: casussen.id }).from(casussen).where(cases)) : undefined;
}

export async function koppelingInScope(deps: Deps, scope: Scope, row: { casusId: string; aanbodId: string }) {
  if (scope.geen) return false;
  if (scope.aanbiederId !== undefined) {
    const [offer] = await deps.db.orm.select({ a: aanbod.aanbiederId }).from(aanbod).where(eq(aanbod.id, row.aanbodId));
    return offer?.a === scope.aanbiederId;
  }
  const [casus] = await deps.db.orm.select().from(casussen).where(eq(casussen.id, row.casusId));
  return casus !== undefined && casusInScope(deps, scope, casus);
}
