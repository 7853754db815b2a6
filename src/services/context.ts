import type { AtomicStep, Database } from "../../db/database.ts";
import type { SearchProvider } from "../../search/provider.ts";
import type { Actor } from "../kern/actor.ts";
import { DomainError, ErrorCode } from "../kern/errors.ts";
import type { Clock } from "../kern/time.ts";
import type { Rol } from "../kern/vocabulary.ts";
import type { Geocoder } from "./geocoder.ts";
import type { MailConfig } from "./mail.ts";

/** Timings a region may set; the defaults follow common practice. */
export interface Instellingen {
  /** How long a hold keeps a place for a child. */
  reserveringUren: number;
  /** How long a match proposal stays open. */
  voorstelUren: number;
  /** Every region publishes its aggregate, anonymous overview (PUBLIEK_OVERZICHT); otherwise a region's own setting decides. */
  publiekOverzicht?: boolean;
}

export const STANDAARD_INSTELLINGEN: Instellingen = { reserveringUren: 72, voorstelUren: 7 * 24 };

/** What every use case needs; passed in, never imported as a singleton. */
export interface Deps {
  db: Database;
  clock: Clock;
  /** The search engines; only offer search needs them. */
  search?: SearchProvider;
  instellingen?: Instellingen;
  /** Mail (invitations, sign-in codes) and the public address its links point to. */
  mail?: MailConfig;
  /** Postcodes and place names on the map (GEOCODER_URL); without it the reference data alone. */
  geocoder?: Geocoder;
}

export function instellingen(deps: Deps): Instellingen {
  return deps.instellingen ?? STANDAARD_INSTELLINGEN;
}

/**
 * What a use case runs with: its dependencies and who acts. The same context comes from an
 * API request, a web page, the CLI or a timer; the use case decides what that actor may do.
 */
export interface Ctx {
  deps: Deps;
  /** Undefined for an anonymous caller (only public reads accept one). */
  actor: Actor | undefined;
  /** Notes which cases were read or changed, for the request's access-log row (NEN 7513). */
  noteer?: (casusIds: readonly string[]) => void;
  /** Writes the request's access-log row inside a change's atomic write (API and pages; not the CLI). */
  audit?: Audit;
}

/** The access-log row of a request, to be written atomically with the change it records. */
export interface Audit {
  steps(entry: { casusIds: readonly string[]; toekenning?: { organisatieId: string; rol: Rol } }): AtomicStep[];
  /** The change committed with its row: the request needs no other row. */
  geschreven(): void;
}

/** The context of a use case that needs a signed-in actor. */
export type ActorCtx = Ctx & { actor: Actor };

/** A use case: one thing a person or system may do, with the roles allowed to do it. */
export interface UseCase<I, O> {
  (ctx: Ctx, input: I): Promise<O>;
  /** The roles that may run it; the API and the pages read this list, they keep no copy. */
  readonly rollen: readonly Rol[];
  /** Read-only and open without a token when the region opens offer search (PUBLIEK_ZOEKEN). */
  readonly publiek: boolean;
  /** Open without a token, always: aggregate figures a region chose to publish. */
  readonly openbaar?: boolean;
}

export function unauthorized(detail = "Meld u aan om dit te doen."): DomainError {
  return new DomainError(ErrorCode.unauthorized, detail);
}

/** The actor, when it has one of the roles; throws 401/403 otherwise. */
export function vereisRol(actor: Actor | undefined, rollen: readonly Rol[]): Actor {
  if (!actor) throw unauthorized();
  if (!rollen.includes(actor.rol)) throw new DomainError(ErrorCode.forbidden, `De rol ${actor.rol} mag dit niet.`);
  return actor;
}

/** Defines a use case for signed-in actors with one of `rollen`. */
export function useCase<I, O>(rollen: readonly Rol[], run: (ctx: ActorCtx, input: I) => Promise<O>): UseCase<I, O> {
  const uc = async (ctx: Ctx, input: I) => run({ ...ctx, actor: vereisRol(ctx.actor, rollen) }, input);
  return Object.assign(uc, { rollen, publiek: false });
}

/** Defines a read-only use case that an anonymous caller may run too (public offer search). */
export function publiekeLeesactie<I, O>(rollen: readonly Rol[], run: (ctx: Ctx, input: I) => Promise<O>): UseCase<I, O> {
  const uc = async (ctx: Ctx, input: I) => {
    if (ctx.actor) vereisRol(ctx.actor, rollen);
    return run(ctx, input);
  };
  return Object.assign(uc, { rollen, publiek: true });
}

/** Defines a read-only use case open to anyone, signed in or not (published aggregate figures). */
export function openbareLeesactie<I, O>(run: (ctx: Ctx, input: I) => Promise<O>): UseCase<I, O> {
  return Object.assign(async (ctx: Ctx, input: I) => run(ctx, input), {
    rollen: [] as readonly Rol[],
    publiek: true,
    openbaar: true,
  });
}

/** Records the cases a use case read or changed (a no-op outside a request). */
export function noteer(ctx: Ctx, casusIds: readonly string[]): void {
  ctx.noteer?.(casusIds);
}
