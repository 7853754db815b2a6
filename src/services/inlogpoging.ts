import { and, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { AtomicStep } from "../../db/database.ts";
import { rawWrite } from "../../db/database.ts";
import { eenmaligeCodes, gebruikers, inlogpogingen, organisaties } from "../../db/schema/index.ts";
import type { Actor } from "../kern/actor.ts";
import { isoTimestamp } from "../kern/time.ts";
import { generateToken, hashToken } from "./authenticatie.ts";
import type { Deps } from "./context.ts";
import { beleidVan } from "./inlogbeleid.ts";
import { actorVanGebruiker } from "./sessies.ts";
import { tweedeFactorVereist } from "./tweede-factor.ts";

/**
 * A sign-in in progress: its steps' plumbing (the attempt behind a cookie, one-time codes used
 * once, failures counted per person) shared by the mail step, the second factor and invitations.
 */
/** A sign-in code or link by mail works this long, once. */
export const CODE_MINUTEN = 15;
/** An invitation link works this long, once. */
export const UITNODIGING_UREN = 72;
/** Wrong codes (mail, TOTP or recovery) per person within the window before the person is locked out. */
export const MAX_MISLUKT = 5;
export const VERGRENDEL_MINUTEN = 15;
/** Sign-in mails per person per window: nobody's mailbox is flooded from the sign-in page. */
export const MAX_MAILS = 5;
export const MINUUT = 60_000;

export type Poging = typeof inlogpogingen.$inferSelect;
type GebruikerRow = typeof gebruikers.$inferSelect;

/** What comes after a step of signing in. */
export type Volgende =
  | { stap: "tweede-factor" | "inschrijven"; cookie?: string }
  | { stap: "klaar"; gebruikerId: string; terug: string | null }
  | { stap: "geweigerd"; reden: "ongeldig" | "vergrendeld"; tot?: string };

export const ongeldig: Volgende = { stap: "geweigerd", reden: "ongeldig" };

export class NietMeerGeldig extends Error {}

export function over(deps: Deps, ms: number): string {
  return isoTimestamp(new Date(deps.clock.now().getTime() + ms));
}
export const nu = (deps: Deps) => isoTimestamp(deps.clock.now());

export async function gebruiker(deps: Deps, id: string | null): Promise<GebruikerRow | undefined> {
  if (!id) return undefined;
  const [g] = await deps.db.orm.select().from(gebruikers).where(eq(gebruikers.id, id));
  return g;
}

/** The person acting on their own account (an account-log line written while signing in). */
export async function zelf(deps: Deps, g: GebruikerRow): Promise<Actor | undefined> {
  const [org] = await deps.db.orm.select().from(organisaties).where(eq(organisaties.id, g.organisatieId));
  return org ? actorVanGebruiker(g, org) : undefined;
}

export function vergrendeld(deps: Deps, g: GebruikerRow): Volgende | undefined {
  return g.vergrendeldTot && g.vergrendeldTot > nu(deps)
    ? { stap: "geweigerd", reden: "vergrendeld", tot: g.vergrendeldTot }
    : undefined;
}

/**
 * Counts a wrong code for the person (one conditional statement, so parallel attempts all
 * count); the fifth within the window locks the person out of signing in for a while.
 */
export async function mislukt(deps: Deps, g: GebruikerRow): Promise<Volgende> {
  const grens = isoTimestamp(new Date(deps.clock.now().getTime() - VERGRENDEL_MINUTEN * MINUUT));
  const tot = over(deps, VERGRENDEL_MINUTEN * MINUUT);
  const nieuw = sql`CASE WHEN mislukt_vanaf IS NULL OR mislukt_vanaf <= ${grens} THEN 1 ELSE mislukt_aantal + 1 END`;
  await deps.db.atomic([
    {
      query: rawWrite(sql`UPDATE gebruikers SET
        mislukt_aantal = ${nieuw},
        mislukt_vanaf = CASE WHEN mislukt_vanaf IS NULL OR mislukt_vanaf <= ${grens} THEN ${nu(deps)} ELSE mislukt_vanaf END,
        vergrendeld_tot = CASE WHEN ${nieuw} >= ${MAX_MISLUKT} THEN ${tot} ELSE vergrendeld_tot END
        WHERE id = ${g.id}`),
    },
  ]);
  const na = await gebruiker(deps, g.id);
  return (na && vergrendeld(deps, na)) ?? ongeldig;
}

export async function nieuwePoging(
  deps: Deps,
  waarden: Partial<Poging> & Pick<Poging, "stap" | "gebruikerId">,
): Promise<{ cookie: string; poging: Poging }> {
  const cookie = generateToken();
  const poging: Poging = {
    hash: await hashToken(cookie),
    csrf: generateToken(),
    totpKandidaat: null,
    ssoOrganisatieId: null,
    ssoState: null,
    ssoNonce: null,
    ssoVerifier: null,
    terug: null,
    aangemaaktOp: nu(deps),
    verlooptOp: over(deps, CODE_MINUTEN * MINUUT),
    ...waarden,
  };
  await deps.db.atomic([
    // A good moment to drop attempts that ran out; nothing else needs them.
    { query: deps.db.orm.delete(inlogpogingen).where(lte(inlogpogingen.verlooptOp, nu(deps))) },
    { query: deps.db.orm.insert(inlogpogingen).values(poging) },
  ]);
  return { cookie, poging };
}

/** The sign-in in progress behind a cookie, while it lasts. */
export async function leesPoging(deps: Deps, cookie: string | undefined): Promise<Poging | undefined> {
  if (!cookie || cookie.length > 128) return undefined;
  const [p] = await deps.db.orm
    .select()
    .from(inlogpogingen)
    .where(and(eq(inlogpogingen.hash, await hashToken(cookie)), gt(inlogpogingen.verlooptOp, nu(deps))));
  return p;
}

/** After the person proved their mailbox (a code, a link, an invitation): the second factor, enrolment, or done. */
export async function naMail(deps: Deps, g: GebruikerRow): Promise<"tweede-factor" | "inschrijven" | "klaar"> {
  if (g.totpGeheim) return "tweede-factor";
  const beleid = await beleidVan(deps, g.organisatieId);
  return tweedeFactorVereist(g.rol, beleid.tweedeFactorVerplicht) ? "inschrijven" : "klaar";
}

/** Moves an attempt on to its next step, or answers that the person is done. */
export async function verder(
  deps: Deps,
  g: GebruikerRow,
  stap: "tweede-factor" | "inschrijven" | "klaar",
  poging?: Poging,
  terug: string | null = poging?.terug ?? null,
): Promise<Volgende> {
  if (stap === "klaar") return { stap, gebruikerId: g.id, terug };
  if (poging) {
    await deps.db.orm
      .update(inlogpogingen)
      .set({ stap, gebruikerId: g.id, verlooptOp: over(deps, CODE_MINUTEN * MINUUT) })
      .where(eq(inlogpogingen.hash, poging.hash));
    return { stap };
  }
  const { cookie } = await nieuwePoging(deps, { stap, gebruikerId: g.id, terug });
  return { stap, cookie };
}

/** Every unused sign-in code and link of the person is spent: one of them was just used. */
export function verbruikAanmeldcodes(deps: Deps, gebruikerId: string): AtomicStep {
  return {
    query: deps.db.orm
      .update(eenmaligeCodes)
      .set({ gebruiktOp: nu(deps) })
      .where(
        and(
          eq(eenmaligeCodes.gebruikerId, gebruikerId),
          inArray(eenmaligeCodes.soort, ["aanmeldlink", "aanmeldcode"]),
          isNull(eenmaligeCodes.gebruiktOp),
        ),
      ),
  };
}

/** Uses one code: only if it exists, is of this kind, unused and not expired (one statement, so only once). */
export function gebruikCode(
  deps: Deps,
  hash: string,
  soort: (typeof eenmaligeCodes.$inferSelect)["soort"],
  gebruikerId?: string,
): AtomicStep {
  return {
    query: deps.db.orm
      .update(eenmaligeCodes)
      .set({ gebruiktOp: nu(deps) })
      .where(
        and(
          eq(eenmaligeCodes.hash, hash),
          eq(eenmaligeCodes.soort, soort),
          gebruikerId ? eq(eenmaligeCodes.gebruikerId, gebruikerId) : undefined,
          isNull(eenmaligeCodes.gebruiktOp),
          gt(eenmaligeCodes.verlooptOp, nu(deps)),
        ),
      ),
    expectChanges: 1,
    onMismatch: () => new NietMeerGeldig(),
  };
}

export async function probeer(steps: () => Promise<unknown>): Promise<boolean> {
  try {
    await steps();
    return true;
  } catch (error) {
    if (error instanceof NietMeerGeldig) return false;
    throw error;
  }
}
