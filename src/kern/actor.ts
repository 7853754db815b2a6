import type { OrganisatieType, Rol } from "./vocabulary.ts";

/**
 * Who acts: resolved from a bearer token or a web session, or a system actor for the CLI,
 * seeds and timers. Use cases decide from it what may be done and what may be seen.
 */
export interface Actor {
  /**
   * The credential behind the request: a token's id, a signed-in person's id (a web session), or
   * `systeem` for the CLI, seeds and timers. Rate limits and the access log's `actor` use it.
   */
  tokenId: string;
  /** The signed-in person (a web session); absent for a token (a koppeling) and the system. */
  gebruikerId?: string;
  /** The person's name, shown to those who may see who did something. */
  naam?: string;
  rol: Rol;
  organisatieId: string;
  organisatieNaam: string;
  organisatieType: OrganisatieType;
  aanbiederId: string | null;
  regios: string[];
  omschrijving: string | null;
}

export const SYSTEEM_ID = "systeem";

/**
 * A system actor acting in a role for an organisation (seeds registering demo cases for a
 * demo GI, a timer ending expired holds): the same use cases, the same rules.
 */
export function systeemActor(
  rol: Rol,
  organisatie: Partial<Pick<Actor, "organisatieId" | "organisatieNaam" | "organisatieType" | "aanbiederId" | "regios">> = {},
): Actor {
  return {
    tokenId: SYSTEEM_ID,
    rol,
    organisatieId: organisatie.organisatieId ?? SYSTEEM_ID,
    organisatieNaam: organisatie.organisatieNaam ?? "Plekwijzer",
    organisatieType: organisatie.organisatieType ?? "regio",
    aanbiederId: organisatie.aanbiederId ?? null,
    regios: organisatie.regios ?? [],
    omschrijving: null,
  };
}

/** The name histories show: organisation, holder and role, never the token. */
export function door(actor: Actor | undefined): string {
  if (!actor) return "anoniem";
  if (actor.tokenId === SYSTEEM_ID && actor.organisatieId === SYSTEEM_ID) return "systeem";
  const wie = actor.omschrijving ? `${actor.organisatieNaam}, ${actor.omschrijving}` : actor.organisatieNaam;
  return `${wie} (${actor.rol})`;
}

/** Who a history line names: the organisation and role (`door`), and the person, whose name only some may see. */
export interface Auteur {
  door: string;
  gebruikerId: string | null;
}

export function auteur(actor: Actor | undefined): Auteur {
  return { door: door(actor), gebruikerId: actor?.gebruikerId ?? null };
}

/** An author given as `door` text alone (the system, a timer) or with the person. */
export function alsAuteur(wie: Auteur | string): Auteur {
  return typeof wie === "string" ? { door: wie, gebruikerId: null } : wie;
}
