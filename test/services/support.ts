import { openSqlite } from "../../db/sqlite.ts";
import { loadReference } from "../../seeds/reference.ts";
import { type Actor, systeemActor } from "../../src/kern/actor.ts";
import { DomainError, type ErrorCode } from "../../src/kern/errors.ts";
import { fixedClock } from "../../src/kern/time.ts";
import type { Ctx, Deps } from "../../src/services/context.ts";
import { createOrganisatie } from "../../src/services/toegang.ts";
import { NOW } from "../helpers.ts";

/**
 * Use cases without HTTP: a fresh in-memory register and actors in each role, as a token or a
 * session would give them (organisations made through the use case itself).
 */
export async function servicesRegister() {
  const db = openSqlite(":memory:");
  await loadReference(db);
  const clock = fixedClock(NOW);
  const deps: Deps = { db, clock };
  const beheer = ctxAls(deps, systeemActor("beheerder"));
  const organisatie = async (
    naam: string,
    type: Actor["organisatieType"],
    extra: { aanbiederId?: string; regios?: string[] } = {},
  ) => createOrganisatie(beheer, { naam, type, ...extra });
  /** An actor in `rol` for an organisation, exactly as authentication builds one. */
  const actor = (rol: Actor["rol"], org: Awaited<ReturnType<typeof organisatie>>): Actor => ({
    tokenId: `token-${org.id}-${rol}`,
    rol,
    organisatieId: org.id,
    organisatieNaam: org.naam,
    organisatieType: org.type,
    aanbiederId: org.aanbiederId,
    regios: JSON.parse(org.regios) as string[],
    omschrijving: null,
  });
  return { db, clock, deps, beheer, organisatie, actor };
}

/** A context for one actor that records the cases its use cases noted for the access log. */
export function ctxAls(deps: Deps, actor: Actor | undefined): Ctx & { genoteerd: string[] } {
  const genoteerd: string[] = [];
  return { deps, actor, genoteerd, noteer: (ids) => genoteerd.push(...ids) };
}

/** The error code a refused use case answers with. */
export async function weigering(promise: Promise<unknown>): Promise<ErrorCode> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error("the use case did not refuse");
}
