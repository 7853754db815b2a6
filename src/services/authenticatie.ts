import { eq, sql } from "drizzle-orm";
import { preparedRead } from "../../db/database.ts";
import { organisaties, tokens } from "../../db/schema/index.ts";
import type { Actor } from "../kern/actor.ts";
import { isoTimestamp } from "../kern/time.ts";
import type { Deps } from "./context.ts";

/** `pw_` makes a leaked token recognisable to secret scanners. */
const TOKEN_PREFIX = "pw_";

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** 32 random bytes from Web Crypto (Node and Workers). */
export function generateToken(): string {
  return TOKEN_PREFIX + base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** SHA-256 is enough: the token has 256 bits of entropy, so there is nothing to stretch. */
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Last use is written at most once a minute per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The actor behind a token, or undefined when it is unknown, expired or revoked. A token is a
 * system integration's credential (a koppeling) on the API; it never opens a web session.
 */
export async function authenticate(deps: Deps, token: string): Promise<Actor | undefined> {
  const hash = await hashToken(token);
  const now = deps.clock.now();
  const [row] = await preparedRead(deps.db, "token met organisatie", (orm) =>
    orm
      .select({ token: tokens, org: organisaties })
      .from(tokens)
      .innerJoin(organisaties, eq(organisaties.id, tokens.organisatieId))
      .where(eq(tokens.hash, sql.placeholder("hash")))
      .prepare(),
  ).all({ hash });
  if (!row || row.token.ingetrokkenOp !== null || row.token.verlooptOp <= isoTimestamp(now)) return undefined;
  const last = row.token.laatstGebruiktOp;
  if (!last || now.getTime() - Date.parse(last) >= LAST_USED_RESOLUTION_MS) {
    // Bookkeeping only: a register that cannot be written (read-only, disk full) still lets the token read.
    await deps.db.orm
      .update(tokens)
      .set({ laatstGebruiktOp: isoTimestamp(now) })
      .where(eq(tokens.id, row.token.id))
      .catch((error: unknown) => console.warn(`Last use of a token not recorded: ${(error as Error).message}`));
  }
  return {
    tokenId: row.token.id,
    rol: row.token.rol,
    organisatieId: row.org.id,
    organisatieNaam: row.org.naam,
    organisatieType: row.org.type,
    aanbiederId: row.org.aanbiederId,
    regios: JSON.parse(row.org.regios) as string[],
    omschrijving: row.token.omschrijving,
  };
}
