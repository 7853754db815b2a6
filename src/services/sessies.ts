import { eq, lte } from "drizzle-orm";
import { sessies } from "../../db/schema/index.ts";
import type { Actor } from "../kern/actor.ts";
import { isoTimestamp } from "../kern/time.ts";
import { actorVanToken, authenticate, generateToken, hashToken } from "./authenticatie.ts";
import type { Deps } from "./context.ts";

/** A working day: long enough for a shift, short enough that a forgotten browser signs out. */
export const SESSIE_UREN = 8;

export interface Sessie {
  actor: Actor;
  csrf: string;
}

/**
 * Signs in with an API token: a new session bound to that token, ending no later than the token.
 * Answers undefined (and stores nothing) when the token is unknown, expired or revoked.
 */
export async function startSessie(deps: Deps, token: string): Promise<{ cookie: string; sessie: Sessie } | undefined> {
  const actor = await authenticate(deps, token);
  if (!actor) return undefined;
  const now = deps.clock.now();
  const cookie = generateToken();
  const csrf = generateToken();
  const verloopt = new Date(now.getTime() + SESSIE_UREN * 3_600_000);
  // Sign-in is a good moment to drop expired sessions; nothing else needs them.
  await deps.db.orm.delete(sessies).where(lte(sessies.verlooptOp, isoTimestamp(now)));
  await deps.db.orm.insert(sessies).values({
    hash: await hashToken(cookie),
    tokenId: actor.tokenId,
    csrf,
    aangemaaktOp: isoTimestamp(now),
    verlooptOp: isoTimestamp(verloopt),
  });
  return { cookie, sessie: { actor, csrf } };
}

/** The session behind a cookie value, or undefined when it is unknown or ended (or its token is). */
export async function leesSessie(deps: Deps, cookie: string): Promise<Sessie | undefined> {
  const [row] = await deps.db.orm
    .select()
    .from(sessies)
    .where(eq(sessies.hash, await hashToken(cookie)));
  if (!row || row.verlooptOp <= isoTimestamp(deps.clock.now())) return undefined;
  const actor = await actorVanToken(deps, row.tokenId);
  return actor ? { actor, csrf: row.csrf } : undefined;
}

/** Signs out: the session is gone at once. */
export async function beeindigSessie(deps: Deps, cookie: string): Promise<void> {
  await deps.db.orm.delete(sessies).where(eq(sessies.hash, await hashToken(cookie)));
}
