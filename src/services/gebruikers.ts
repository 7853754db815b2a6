import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { AtomicStep } from "../../db/database.ts";
import { eenmaligeCodes, gebruikers, herstelcodes, inlogpogingen, organisaties, sessies } from "../../db/schema/index.ts";
import type { Actor } from "../kern/actor.ts";
import { DomainError, ErrorCode } from "../kern/errors.ts";
import { PagingQuery, tekst, uuidParam } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import type { Paging } from "../kern/page.ts";
import { isoTimestamp } from "../kern/time.ts";
import { Violations } from "../kern/violations.ts";
import { CASUSROLLEN, GEBRUIKER_STATUSSEN, type GebruikerStatus, ROLLEN, type Rol } from "../kern/vocabulary.ts";
import { accountlogStep, andereOrganisatie, beheertOrganisatie, MENSENBEHEER } from "./accountlog.ts";
import type { ActorCtx, Ctx } from "./context.ts";
import { useCase } from "./context.ts";
import { beleidVan } from "./inlogbeleid.ts";
import { UITNODIGING_UREN } from "./inlogpoging.ts";
import { uitnodigingsBericht } from "./mail.ts";
import { conditions, paged } from "./query.ts";
import { opentCasusdata, ROLLEN_PER_TYPE, rolPastNiet, scheidingVanTaken } from "./toegang.ts";
import { tweedeFactorVereist } from "./tweede-factor.ts";
import { uitnodigingSteps } from "./uitnodiging.ts";

export type GebruikerRow = typeof gebruikers.$inferSelect;
type OrganisatieRow = typeof organisaties.$inferSelect;

const email = z
  .email({ message: "Moet een e-mailadres zijn." })
  .max(254, { message: "Mag hoogstens 254 tekens zijn." })
  .transform((e) => e.toLowerCase())
  .meta({ description: "Werkadres; uniek in het register", example: "j.jansen@jeugdbescherming.example.nl" });

export const GebruikerInput = z
  .strictObject({
    naam: tekst(200).meta({ example: "Jamila Jansen" }),
    email,
    organisatieId: z
      .uuid({ message: "Moet een UUID zijn." })
      .optional()
      .meta({ description: "Standaard de eigen organisatie; een organisatiebeheerder kan alleen die kiezen" }),
    rol: z.enum(ROLLEN),
  })
  .meta({ id: "GebruikerInput" });
export type GebruikerInput = z.output<typeof GebruikerInput>;

export const RolInput = z.strictObject({ rol: z.enum(ROLLEN) }).meta({ id: "RolInput" });

export const GebruikersQuery = PagingQuery.extend({
  organisatieId: uuidParam.optional(),
  status: z.enum(GEBRUIKER_STATUSSEN).optional(),
  rol: z.enum(ROLLEN).optional(),
});

export function toGebruiker(row: GebruikerRow) {
  return {
    id: row.id,
    naam: row.naam,
    email: row.email,
    organisatieId: row.organisatieId,
    rol: row.rol,
    status: row.status,
    tweedeFactor: row.totpGeheim !== null,
    aangemaaktOp: row.aangemaaktOp,
    gewijzigdOp: row.gewijzigdOp,
    geactiveerdOp: row.geactiveerdOp,
    laatstIngelogdOp: row.laatstIngelogdOp,
  };
}

/**
 * Whether the actor may give this role in this organisation: a role the organisation's type
 * may have (the rules of tokens); never beheerder from an organisatiebeheerder; and a beheerder
 * never gives its own organisation access to case data (separation of duties).
 */
function controleerRol(actor: Actor, org: OrganisatieRow, rol: Rol, v: Violations): void {
  if (actor.rol === "beheerder" && org.id === actor.organisatieId && opentCasusdata(rol)) throw scheidingVanTaken();
  if (!ROLLEN_PER_TYPE[org.type].includes(rol)) {
    v.add("rol", "past-niet", rolPastNiet(org.type));
  } else if (rol === "zorgmakelaar" && JSON.parse(org.regios).length === 0) {
    v.add("rol", "geen-regio", "Een zorgmakelaar hoort bij een organisatie met minstens één regio.");
  } else if (rol === "beheerder" && actor.rol !== "beheerder") {
    v.add("rol", "alleen-beheerder", "Alleen de beheerder van het register wijst een beheerder aan.");
  }
  v.throwIfAny();
}

async function organisatie(ctx: Ctx, id: string): Promise<OrganisatieRow | undefined> {
  const [org] = await ctx.deps.db.orm.select().from(organisaties).where(eq(organisaties.id, id));
  return org;
}

/**
 * A person the actor manages; another organisation's person "does not exist". An
 * organisatiebeheerder reads the register's beheerders of its organisation but changes nobody
 * with that role, and nobody changes their own account here (no one locks themselves out).
 */
async function beheerbaar(ctx: ActorCtx, id: string, wijzigen: boolean): Promise<{ g: GebruikerRow; org: OrganisatieRow }> {
  const [row] = await ctx.deps.db.orm
    .select({ g: gebruikers, org: organisaties })
    .from(gebruikers)
    .innerJoin(organisaties, eq(organisaties.id, gebruikers.organisatieId))
    .where(eq(gebruikers.id, id));
  if (!row || !beheertOrganisatie(ctx.actor, row.g.organisatieId)) throw DomainError.notFound(`Gebruiker ${id}`);
  if (wijzigen && row.g.id === ctx.actor.gebruikerId) {
    throw new DomainError(ErrorCode.forbidden, "Uw eigen account wijzigt u hier niet; vraag een andere beheerder.");
  }
  if (wijzigen && row.g.rol === "beheerder" && ctx.actor.rol !== "beheerder") {
    throw new DomainError(
      ErrorCode.forbidden,
      "Een beheerder van het register wordt alleen door een andere beheerder gewijzigd.",
    );
  }
  return row;
}

/** A grant of case-data access is written to the access log (GET /toekenningen), with the change. */
function toekenning(ctx: Ctx, org: OrganisatieRow, rol: Rol): AtomicStep[] {
  return (CASUSROLLEN as readonly Rol[]).includes(rol)
    ? (ctx.audit?.steps({ casusIds: [], toekenning: { organisatieId: org.id, rol } }) ?? [])
    : [];
}

/** Ends every session and sign-in in progress of a person, in the same write as the change that requires it. */
function eindeSessies(ctx: Ctx, gebruikerId: string): AtomicStep[] {
  const { db } = ctx.deps;
  return [
    { query: db.orm.delete(sessies).where(eq(sessies.gebruikerId, gebruikerId)) },
    { query: db.orm.delete(inlogpogingen).where(eq(inlogpogingen.gebruikerId, gebruikerId)) },
  ];
}

async function verstuurUitnodiging(ctx: Ctx, g: GebruikerRow, org: OrganisatieRow, token: string): Promise<boolean> {
  const mail = ctx.deps.mail;
  if (!mail) return false;
  const beleid = await beleidVan(ctx.deps, org.id);
  try {
    await mail.mailer.verstuur(
      uitnodigingsBericht({
        aan: g.email,
        naam: g.naam,
        organisatie: org.naam,
        link: `${mail.publiekeUrl}/uitnodiging/${token}`,
        uren: UITNODIGING_UREN,
        tweedeFactor: tweedeFactorVereist(g.rol, beleid.tweedeFactorVerplicht),
      }),
    );
    return true;
  } catch (error) {
    console.error(`Invitation mail not sent: ${(error as Error).message}`);
    return false;
  }
}

/**
 * Invites a person: an organisatiebeheerder into its own organisation, the register's beheerder
 * into any. The person gets a link by mail (72 hours, once; only its hash is kept) to confirm
 * and set up the second factor. Logged in the account log, and as a grant when the role sees
 * case data.
 */
export const inviteGebruiker = useCase(MENSENBEHEER, async (ctx, input: GebruikerInput) => {
  const { deps, actor } = ctx;
  const organisatieId = input.organisatieId ?? actor.organisatieId;
  if (!beheertOrganisatie(actor, organisatieId)) throw andereOrganisatie();
  const org = await organisatie(ctx, organisatieId);
  if (!org) {
    throw DomainError.invalid([
      { name: "organisatieId", code: "onbekend", reason: `Organisatie ${organisatieId} bestaat niet.` },
    ]);
  }
  controleerRol(actor, org, input.rol, new Violations());
  const op = isoTimestamp(deps.clock.now());
  const row: GebruikerRow = {
    id: newId(),
    naam: input.naam,
    email: input.email,
    organisatieId,
    rol: input.rol,
    status: "uitgenodigd",
    totpGeheim: null,
    totpStap: null,
    totpSinds: null,
    misluktAantal: 0,
    misluktVanaf: null,
    vergrendeldTot: null,
    aangemaaktOp: op,
    gewijzigdOp: op,
    geactiveerdOp: null,
    laatstIngelogdOp: null,
  };
  const { token, steps } = await uitnodigingSteps(deps, row.id);
  const grant = toekenning(ctx, org, row.rol);
  await deps.db.atomic([
    {
      query: deps.db.orm.insert(gebruikers).select(
        sql`SELECT ${row.id}, ${row.naam}, ${row.email}, ${row.organisatieId}, ${row.rol}, ${row.status}, NULL, NULL, NULL, 0, NULL, NULL,
              ${op}, ${op}, NULL, NULL
            WHERE NOT EXISTS (SELECT 1 FROM gebruikers WHERE email = ${row.email})`,
      ),
      expectChanges: 1,
      onMismatch: () =>
        DomainError.conflict(`Er is al een gebruiker met het e-mailadres ${row.email}.`, {
          invalidParams: [{ name: "email", code: "bestaat-al", reason: "Dit e-mailadres is al in gebruik." }],
        }),
    },
    ...steps,
    accountlogStep(deps, actor, { gebruikerId: row.id, organisatieId, soort: "uitgenodigd", naar: row.rol }),
    ...grant,
  ]);
  if (grant.length > 0) ctx.audit?.geschreven();
  return { row, verstuurd: await verstuurUitnodiging(ctx, row, org, token) };
});

/** A new invitation link in place of the old one, for a person who has not confirmed yet. */
export const reinviteGebruiker = useCase(MENSENBEHEER, async (ctx, { id }: { id: string }) => {
  const { g, org } = await beheerbaar(ctx, id, true);
  if (g.status !== "uitgenodigd") throw DomainError.conflict(`${g.naam} heeft de uitnodiging al bevestigd.`);
  const { token, steps } = await uitnodigingSteps(ctx.deps, g.id);
  await ctx.deps.db.atomic([
    ...steps,
    accountlogStep(ctx.deps, ctx.actor, { gebruikerId: g.id, organisatieId: g.organisatieId, soort: "opnieuw-uitgenodigd" }),
  ]);
  return { row: g, verstuurd: await verstuurUitnodiging(ctx, g, org, token) };
});

export const listGebruikers = useCase(
  MENSENBEHEER,
  async ({ deps, actor }, input: Paging & { organisatieId?: string; status?: GebruikerStatus; rol?: Rol }) => {
    if (input.organisatieId && !beheertOrganisatie(actor, input.organisatieId)) throw andereOrganisatie();
    const organisatieId = actor.rol === "beheerder" ? input.organisatieId : actor.organisatieId;
    const where = and(
      ...conditions(
        organisatieId ? eq(gebruikers.organisatieId, organisatieId) : undefined,
        input.status ? eq(gebruikers.status, input.status) : undefined,
        input.rol ? eq(gebruikers.rol, input.rol) : undefined,
      ),
    );
    return paged(
      input,
      (limit, offset) =>
        deps.db.orm
          .select()
          .from(gebruikers)
          .where(where)
          .orderBy(asc(gebruikers.naam), asc(gebruikers.id))
          .limit(limit)
          .offset(offset),
      () => deps.db.orm.select({ n: count() }).from(gebruikers).where(where),
      toGebruiker,
    );
  },
);

export const getGebruiker = useCase(MENSENBEHEER, async (ctx, { id }: { id: string }) => (await beheerbaar(ctx, id, false)).g);

/**
 * Changes a person's role, within what the organisation may have. The person's sessions end,
 * so the next sign-in meets the new role's rules (a second factor for case data).
 */
export const setRol = useCase(MENSENBEHEER, async (ctx, input: { id: string; rol: Rol }) => {
  const { g, org } = await beheerbaar(ctx, input.id, true);
  if (g.rol === input.rol) return g;
  controleerRol(ctx.actor, org, input.rol, new Violations());
  const op = isoTimestamp(ctx.deps.clock.now());
  const grant = toekenning(ctx, org, input.rol);
  await ctx.deps.db.atomic([
    {
      query: ctx.deps.db.orm
        .update(gebruikers)
        .set({ rol: input.rol, gewijzigdOp: op })
        .where(and(eq(gebruikers.id, g.id), eq(gebruikers.rol, g.rol))),
      expectChanges: 1,
      onMismatch: () => DomainError.conflict(`Iemand anders heeft ${g.naam} intussen gewijzigd; haal de gegevens opnieuw op.`),
    },
    ...eindeSessies(ctx, g.id),
    accountlogStep(ctx.deps, ctx.actor, {
      gebruikerId: g.id,
      organisatieId: g.organisatieId,
      soort: "rol-gewijzigd",
      van: g.rol,
      naar: input.rol,
    }),
    ...grant,
  ]);
  if (grant.length > 0) ctx.audit?.geschreven();
  return { ...g, rol: input.rol, gewijzigdOp: op };
});

/**
 * Blocks a person (someone who left, a lost laptop): every session and sign-in in progress ends
 * in the same write, and unused links stop working. Blocking twice is harmless.
 */
export const blokkeerGebruiker = useCase(MENSENBEHEER, async (ctx, { id }: { id: string }) => {
  const { g } = await beheerbaar(ctx, id, true);
  if (g.status === "geblokkeerd") return g;
  const op = isoTimestamp(ctx.deps.clock.now());
  await ctx.deps.db.atomic([
    {
      query: ctx.deps.db.orm
        .update(gebruikers)
        .set({ status: "geblokkeerd", gewijzigdOp: op })
        .where(and(eq(gebruikers.id, g.id), eq(gebruikers.status, g.status))),
      expectChanges: 1,
      onMismatch: () => DomainError.conflict(`Iemand anders heeft ${g.naam} intussen gewijzigd; haal de gegevens opnieuw op.`),
    },
    ...eindeSessies(ctx, g.id),
    {
      query: ctx.deps.db.orm
        .update(eenmaligeCodes)
        .set({ gebruiktOp: op })
        .where(and(eq(eenmaligeCodes.gebruikerId, g.id), isNull(eenmaligeCodes.gebruiktOp))),
    },
    accountlogStep(ctx.deps, ctx.actor, {
      gebruikerId: g.id,
      organisatieId: g.organisatieId,
      soort: "geblokkeerd",
      van: g.status,
      naar: "geblokkeerd",
    }),
  ]);
  return { ...g, status: "geblokkeerd" as const, gewijzigdOp: op };
});

/** Lifts a block: active again when the person had confirmed, otherwise invited (send a new invitation). */
export const deblokkeerGebruiker = useCase(MENSENBEHEER, async (ctx, { id }: { id: string }) => {
  const { g, org } = await beheerbaar(ctx, id, true);
  if (g.status !== "geblokkeerd") return g;
  // The role may no longer fit (the organisation changed), and never case data for the beheerder's own organisation.
  controleerRol(ctx.actor, org, g.rol, new Violations());
  const naar: GebruikerStatus = g.geactiveerdOp ? "actief" : "uitgenodigd";
  const op = isoTimestamp(ctx.deps.clock.now());
  const grant = toekenning(ctx, org, g.rol);
  await ctx.deps.db.atomic([
    {
      query: ctx.deps.db.orm
        .update(gebruikers)
        .set({ status: naar, gewijzigdOp: op, misluktAantal: 0, misluktVanaf: null, vergrendeldTot: null })
        .where(and(eq(gebruikers.id, g.id), eq(gebruikers.status, "geblokkeerd"))),
      expectChanges: 1,
      onMismatch: () => DomainError.conflict(`Iemand anders heeft ${g.naam} intussen gewijzigd; haal de gegevens opnieuw op.`),
    },
    accountlogStep(ctx.deps, ctx.actor, {
      gebruikerId: g.id,
      organisatieId: g.organisatieId,
      soort: "gedeblokkeerd",
      van: "geblokkeerd",
      naar,
    }),
    ...grant,
  ]);
  if (grant.length > 0) ctx.audit?.geschreven();
  return { ...g, status: naar, gewijzigdOp: op };
});

/**
 * Resets the second factor (a lost phone): the secret and every recovery code are gone and the
 * sessions end; at the next sign-in (mail first) the person sets up a new one where required.
 */
export const resetTweedeFactor = useCase(MENSENBEHEER, async (ctx, { id }: { id: string }) => {
  const { g } = await beheerbaar(ctx, id, true);
  const op = isoTimestamp(ctx.deps.clock.now());
  await ctx.deps.db.atomic([
    {
      query: ctx.deps.db.orm
        .update(gebruikers)
        .set({ totpGeheim: null, totpStap: null, totpSinds: null, gewijzigdOp: op })
        .where(eq(gebruikers.id, g.id)),
    },
    { query: ctx.deps.db.orm.delete(herstelcodes).where(eq(herstelcodes.gebruikerId, g.id)) },
    ...eindeSessies(ctx, g.id),
    accountlogStep(ctx.deps, ctx.actor, { gebruikerId: g.id, organisatieId: g.organisatieId, soort: "tweede-factor-gereset" }),
  ]);
  return { ...g, totpGeheim: null, totpStap: null, totpSinds: null, gewijzigdOp: op };
});

/** The signed-in person's own account (the account page); undefined for a koppeling. */
export const getEigenAccount = useCase(ROLLEN, async ({ deps, actor }, _input: undefined) => {
  if (!actor.gebruikerId) return undefined;
  const [g] = await deps.db.orm.select().from(gebruikers).where(eq(gebruikers.id, actor.gebruikerId));
  if (!g) return undefined;
  const beleid = await beleidVan(deps, g.organisatieId);
  return { ...toGebruiker(g), tweedeFactorVereist: tweedeFactorVereist(g.rol, beleid.tweedeFactorVerplicht) };
});
