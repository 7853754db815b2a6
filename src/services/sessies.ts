import { and, asc, eq, lte } from "drizzle-orm";
import { gebruikers, organisaties, sessies } from "../../db/schema/index.ts";
import type { Actor } from "../kern/actor.ts";
import { newId } from "../kern/ids.ts";
import { isoTimestamp } from "../kern/time.ts";
import { ROLLEN } from "../kern/vocabulary.ts";
import { generateToken, hashToken } from "./authenticatie.ts";
import { type Deps, useCase } from "./context.ts";

/** A working day: long enough for a shift, short enough that a forgotten browser signs out. */
export const SESSIE_UREN = 8;
/** Last seen is written at most once a minute per session, not on every request. */
const GEZIEN_RESOLUTIE_MS = 60_000;

export interface Sessie {
  /** The session's public id (its own row on the account page). */
  id: string;
  actor: Actor;
  csrf: string;
}

type GebruikerRow = typeof gebruikers.$inferSelect;
type OrganisatieRow = typeof organisaties.$inferSelect;

/** The actor of a signed-in person: their organisation's scope, their own role and name. */
export function actorVanGebruiker(g: GebruikerRow, org: OrganisatieRow): Actor {
  return {
    tokenId: g.id,
    gebruikerId: g.id,
    naam: g.naam,
    rol: g.rol,
    organisatieId: org.id,
    organisatieNaam: org.naam,
    organisatieType: org.type,
    aanbiederId: org.aanbiederId,
    regios: JSON.parse(org.regios) as string[],
    omschrijving: null,
  };
}

export interface SessieStart {
  via: "mail" | "sso" | "demo";
  clientadres: string | null;
  apparaat: string | null;
}

/**
 * Starts a session for an active person who has just proved who they are (the sign-in steps
 * decide that): a random cookie value, kept only as a hash. Failed attempts are forgotten.
 */
export async function startSessie(
  deps: Deps,
  gebruikerId: string,
  start: SessieStart,
): Promise<{ cookie: string; sessie: Sessie } | undefined> {
  const now = deps.clock.now();
  const nu = isoTimestamp(now);
  const [row] = await deps.db.orm
    .select({ g: gebruikers, org: organisaties })
    .from(gebruikers)
    .innerJoin(organisaties, eq(organisaties.id, gebruikers.organisatieId))
    .where(and(eq(gebruikers.id, gebruikerId), eq(gebruikers.status, "actief")));
  if (!row) return undefined;
  const cookie = generateToken();
  const csrf = generateToken();
  const id = newId();
  await deps.db.atomic([
    // Signing in is a good moment to drop expired sessions; nothing else needs them.
    { query: deps.db.orm.delete(sessies).where(lte(sessies.verlooptOp, nu)) },
    {
      query: deps.db.orm.insert(sessies).values({
        hash: await hashToken(cookie),
        id,
        gebruikerId,
        csrf,
        via: start.via,
        clientadres: start.clientadres,
        apparaat: start.apparaat?.slice(0, 200) ?? null,
        aangemaaktOp: nu,
        laatstGezienOp: nu,
        verlooptOp: isoTimestamp(new Date(now.getTime() + SESSIE_UREN * 3_600_000)),
      }),
    },
    {
      query: deps.db.orm
        .update(gebruikers)
        .set({ laatstIngelogdOp: nu, misluktAantal: 0, misluktVanaf: null, vergrendeldTot: null })
        .where(eq(gebruikers.id, gebruikerId)),
    },
  ]);
  return { cookie, sessie: { id, actor: actorVanGebruiker(row.g, row.org), csrf } };
}

/**
 * The session behind a cookie value, or undefined when it is unknown or ended, or its person is
 * no longer active: blocking a person ends every session at the next request, whatever it held.
 * The role and organisation are read afresh each time, so a role change applies at once.
 */
export async function leesSessie(deps: Deps, cookie: string): Promise<Sessie | undefined> {
  const now = deps.clock.now();
  const [row] = await deps.db.orm
    .select({ s: sessies, g: gebruikers, org: organisaties })
    .from(sessies)
    .innerJoin(gebruikers, eq(gebruikers.id, sessies.gebruikerId))
    .innerJoin(organisaties, eq(organisaties.id, gebruikers.organisatieId))
    .where(eq(sessies.hash, await hashToken(cookie)));
  if (!row || row.s.verlooptOp <= isoTimestamp(now) || row.g.status !== "actief") return undefined;
  if (now.getTime() - Date.parse(row.s.laatstGezienOp) >= GEZIEN_RESOLUTIE_MS) {
    // Bookkeeping only: a register that cannot be written still lets the session read.
    await deps.db.orm
      .update(sessies)
      .set({ laatstGezienOp: isoTimestamp(now) })
      .where(eq(sessies.hash, row.s.hash))
      .catch((error: unknown) => console.warn(`Last use of a session not recorded: ${(error as Error).message}`));
  }
  return { id: row.s.id, actor: actorVanGebruiker(row.g, row.org), csrf: row.s.csrf };
}

/** Signs out: the session is gone at once. */
export async function beeindigSessie(deps: Deps, cookie: string): Promise<void> {
  await deps.db.orm.delete(sessies).where(eq(sessies.hash, await hashToken(cookie)));
}

/** The signed-in person's own sessions (never the cookie or its hash), oldest first. */
export const listEigenSessies = useCase(ROLLEN, async ({ deps, actor }, _input: undefined) => {
  if (!actor.gebruikerId) return [];
  const rows = await deps.db.orm
    .select()
    .from(sessies)
    .where(eq(sessies.gebruikerId, actor.gebruikerId))
    .orderBy(asc(sessies.aangemaaktOp), asc(sessies.id));
  const nu = isoTimestamp(deps.clock.now());
  return rows
    .filter((s) => s.verlooptOp > nu)
    .map((s) => ({
      id: s.id,
      via: s.via,
      clientadres: s.clientadres,
      apparaat: s.apparaat,
      aangemaaktOp: s.aangemaaktOp,
      laatstGezienOp: s.laatstGezienOp,
      verlooptOp: s.verlooptOp,
    }));
});

/** Ends one of the person's own sessions (another person's answers as if it did not exist: nothing happens). */
export const beeindigEigenSessie = useCase(ROLLEN, async ({ deps, actor }, { id }: { id: string }) => {
  if (!actor.gebruikerId) return;
  await deps.db.orm.delete(sessies).where(and(eq(sessies.id, id), eq(sessies.gebruikerId, actor.gebruikerId)));
});
