import { and, asc, count, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { aanbieders, organisaties, regios, tokens } from "../../db/schema/index.ts";
import { door, systeemActor } from "../kern/actor.ts";
import { DomainError, ErrorCode } from "../kern/errors.ts";
import { PagingQuery, regioCode, tekst, timestamp, uuidParam } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import type { Paging } from "../kern/page.ts";
import { DAY_MS, isoTimestamp } from "../kern/time.ts";
import { Violations } from "../kern/violations.ts";
import { CASUSROLLEN, ORGANISATIE_TYPES, type OrganisatieType, ROLLEN, type Rol } from "../kern/vocabulary.ts";
import { generateToken, hashToken } from "./authenticatie.ts";
import { type Deps, useCase } from "./context.ts";
import { conditions, paged } from "./query.ts";

export type OrganisatieRow = typeof organisaties.$inferSelect;
export type TokenRow = typeof tokens.$inferSelect;

/** Which roles an organisation of each type may hand out. */
export const ROLLEN_PER_TYPE: Record<OrganisatieType, readonly Rol[]> = {
  aanbieder: ["aanbieder", "organisatiebeheerder"],
  "gecertificeerde-instelling": ["verwijzer", "organisatiebeheerder"],
  gemeente: ["verwijzer", "zorgmakelaar", "beheerder", "organisatiebeheerder"],
  regio: ["verwijzer", "zorgmakelaar", "beheerder", "organisatiebeheerder"],
};

const TYPE_WOORDEN: Record<OrganisatieType, string> = {
  aanbieder: "een aanbieder",
  "gecertificeerde-instelling": "een gecertificeerde instelling",
  gemeente: "een gemeente",
  regio: "een regio",
};
const ROL_WOORDEN: Record<Rol, string> = {
  aanbieder: "aanbieder",
  verwijzer: "verwijzer",
  zorgmakelaar: "zorgmakelaar",
  beheerder: "beheerder",
  organisatiebeheerder: "organisatiebeheerder",
};

/** Why a role does not fit an organisation, in the words of the people who choose it. */
export function rolPastNiet(type: OrganisatieType): string {
  const rollen = ROLLEN_PER_TYPE[type].map((r) => ROL_WOORDEN[r]);
  const opsomming = rollen.length === 1 ? rollen[0] : `${rollen.slice(0, -1).join(", ")} of ${rollen.at(-1)}`;
  return `Deze rol past niet bij ${TYPE_WOORDEN[type]}: kies ${opsomming}.`;
}

/**
 * Roles that see case data, and the organisatiebeheerder who hands those out: separation of
 * duties keeps a beheerder from giving any of them to its own organisation.
 */
export function opentCasusdata(rol: Rol): boolean {
  return (CASUSROLLEN as readonly Rol[]).includes(rol) || rol === "organisatiebeheerder";
}

/** A beheerder giving its own organisation access to case data, directly or through an organisatiebeheerder. */
export function scheidingVanTaken(): DomainError {
  return new DomainError(
    ErrorCode.forbidden,
    "Scheiding van taken: een beheerder geeft de eigen organisatie geen toegang tot gegevens van jeugdigen.",
    {
      invalidParams: [
        {
          name: "organisatieId",
          code: "eigen-organisatie",
          reason: "Toegang tot casussen voor uw eigen organisatie kunt u zichzelf niet geven.",
        },
      ],
    },
  );
}

/** A token lives at most a year; the default is 90 days. */
export const MAX_TOKEN_DAGEN = 366;
export const STANDAARD_TOKEN_DAGEN = 90;

export const OrganisatieInput = z
  .strictObject({
    naam: tekst(200),
    type: z.enum(ORGANISATIE_TYPES),
    aanbiederId: z.uuid({ message: "Moet een UUID zijn." }).nullable().optional().meta({
      description: "Verplicht bij type aanbieder: de aanbieder waarvan deze organisatie het aanbod bijhoudt",
    }),
    regios: z
      .array(regioCode)
      .max(50, { message: "Hoogstens 50 regio's." })
      .optional()
      .meta({ description: "Regio's waarvoor zorgmakelaars van deze organisatie de wachtlijst bijhouden" }),
  })
  .meta({ id: "OrganisatieInput" });
export type OrganisatieInput = z.output<typeof OrganisatieInput>;

export const TokenInput = z
  .strictObject({
    organisatieId: z.uuid({ message: "Moet een UUID zijn." }),
    rol: z.enum(ROLLEN),
    verlooptOp: timestamp.optional().meta({ description: "Standaard over 90 dagen; hoogstens over 366 dagen" }),
    omschrijving: tekst(200).nullable().optional().meta({ description: "Voor wie of waarvoor het token is" }),
  })
  .meta({ id: "TokenInput" });
export type TokenInput = z.output<typeof TokenInput>;

export const OrganisatiesQuery = PagingQuery.extend({ type: z.enum(ORGANISATIE_TYPES).optional() });
export const TokensQuery = PagingQuery.extend({ organisatieId: uuidParam.optional() });

export function toOrganisatie(row: OrganisatieRow) {
  return {
    id: row.id,
    naam: row.naam,
    type: row.type,
    aanbiederId: row.aanbiederId,
    regios: JSON.parse(row.regios) as string[],
    aangemaaktOp: row.aangemaaktOp,
  };
}

export function toToken(row: TokenRow) {
  return {
    id: row.id,
    organisatieId: row.organisatieId,
    rol: row.rol,
    omschrijving: row.omschrijving,
    verlooptOp: row.verlooptOp,
    ingetrokkenOp: row.ingetrokkenOp,
    laatstGebruiktOp: row.laatstGebruiktOp,
    aangemaaktOp: row.aangemaaktOp,
  };
}

const BEHEER = ["beheerder"] as const;

/** Registers an organisation; a provider organisation names its provider. */
export const createOrganisatie = useCase(BEHEER, async ({ deps }, input: OrganisatieInput): Promise<OrganisatieRow> => {
  const { db } = deps;
  const v = new Violations();
  const lijst = [...new Set(input.regios ?? [])];
  if (input.type === "aanbieder") {
    if (!input.aanbiederId) v.add("aanbiederId", "verplicht", "Kies de aanbieder waar deze organisatie bij hoort.");
    else if (!(await db.orm.select({ id: aanbieders.id }).from(aanbieders).where(eq(aanbieders.id, input.aanbiederId)))[0])
      v.add("aanbiederId", "onbekend", `Aanbieder ${input.aanbiederId} bestaat niet.`);
  } else if (input.aanbiederId) {
    v.add(
      "aanbiederId",
      "niet-toegestaan",
      "Alleen een organisatie van een aanbieder hoort bij een aanbieder; laat de aanbieder leeg.",
    );
  }
  if (lijst.length > 0) {
    const bekend = new Set(
      (await db.orm.select({ code: regios.code }).from(regios).where(inArray(regios.code, lijst))).map((r) => r.code),
    );
    lijst.forEach((code, i) => {
      if (!bekend.has(code)) v.add(`regios[${i}]`, "onbekende-code", `Regio ${code} is onbekend.`);
    });
  }
  v.throwIfAny();
  const row: OrganisatieRow = {
    id: newId(),
    naam: input.naam,
    type: input.type,
    aanbiederId: input.type === "aanbieder" ? (input.aanbiederId ?? null) : null,
    regios: JSON.stringify(lijst),
    aangemaaktOp: isoTimestamp(deps.clock.now()),
  };
  await db.atomic([
    {
      query: db.orm.insert(organisaties).select(
        sql`SELECT ${row.id}, ${row.naam}, ${row.type}, ${row.aanbiederId}, ${row.regios}, ${row.aangemaaktOp}
              WHERE NOT EXISTS (SELECT 1 FROM organisaties WHERE naam = ${row.naam})`,
      ),
      expectChanges: 1,
      onMismatch: () => DomainError.conflict(`Er is al een organisatie met de naam ${row.naam}.`),
    },
  ]);
  return row;
});

export const listOrganisaties = useCase(BEHEER, async ({ deps }, input: Paging & { type?: OrganisatieType }) => {
  const { db } = deps;
  const where = and(...conditions(input.type ? eq(organisaties.type, input.type) : undefined));
  return paged(
    input,
    (limit, offset) =>
      db.orm.select().from(organisaties).where(where).orderBy(asc(organisaties.naam)).limit(limit).offset(offset),
    () => db.orm.select({ n: count() }).from(organisaties).where(where),
    toOrganisatie,
  );
});

export const getOrganisatie = useCase(BEHEER, async ({ deps }, { id }: { id: string }) => {
  const [row] = await deps.db.orm.select().from(organisaties).where(eq(organisaties.id, id));
  if (!row) throw DomainError.notFound(`Organisatie ${id}`);
  return row;
});

/**
 * Issues a token for a system integration (a koppeling, named in `omschrijving`); the plain
 * token is returned here once and never stored. People sign in as themselves. Separation of
 * duties: a beheerder never mints a token that sees case data for an organisation it belongs
 * to, and every token for a case-data role it issues elsewhere is written to the access log as
 * a grant, in the same atomic write, for that organisation to see (GET /toekenningen).
 */
export const createToken = useCase(BEHEER, async (ctx, input: TokenInput) => {
  const { deps, actor } = ctx;
  const casusrol = (CASUSROLLEN as readonly Rol[]).includes(input.rol);
  if (opentCasusdata(input.rol) && input.organisatieId === actor.organisatieId) throw scheidingVanTaken();
  const now = deps.clock.now();
  const v = new Violations();
  const [org] = await deps.db.orm.select().from(organisaties).where(eq(organisaties.id, input.organisatieId));
  if (!org) v.add("organisatieId", "onbekend", `Organisatie ${input.organisatieId} bestaat niet.`);
  else if (!ROLLEN_PER_TYPE[org.type].includes(input.rol)) {
    v.add("rol", "past-niet", rolPastNiet(org.type));
  } else if (input.rol === "zorgmakelaar" && JSON.parse(org.regios).length === 0) {
    v.add("rol", "geen-regio", "Een zorgmakelaar hoort bij een organisatie met minstens één regio.");
  }
  const verloopt = input.verlooptOp ? new Date(input.verlooptOp) : new Date(now.getTime() + STANDAARD_TOKEN_DAGEN * DAY_MS);
  if (verloopt.getTime() <= now.getTime()) v.add("verlooptOp", "in-het-verleden", "Moet in de toekomst liggen.");
  else if (verloopt.getTime() > now.getTime() + MAX_TOKEN_DAGEN * DAY_MS)
    v.add("verlooptOp", "te-ver", `Een token geldt hoogstens ${MAX_TOKEN_DAGEN} dagen.`);
  v.throwIfAny();
  const token = generateToken();
  const row: TokenRow = {
    id: newId(),
    organisatieId: input.organisatieId,
    rol: input.rol,
    omschrijving: input.omschrijving ?? null,
    hash: await hashToken(token),
    verlooptOp: isoTimestamp(verloopt),
    ingetrokkenOp: null,
    laatstGebruiktOp: null,
    aangemaaktOp: isoTimestamp(now),
    aangemaaktDoor: door(actor),
  };
  const toekenning = casusrol
    ? (ctx.audit?.steps({ casusIds: [], toekenning: { organisatieId: org?.id ?? "", rol: input.rol } }) ?? [])
    : [];
  await deps.db.atomic([{ query: deps.db.orm.insert(tokens).values(row) }, ...toekenning]);
  if (toekenning.length > 0) ctx.audit?.geschreven();
  return { row, token };
});

export const listTokens = useCase(BEHEER, async ({ deps }, input: Paging & { organisatieId?: string }) => {
  const { db } = deps;
  const where = and(...conditions(input.organisatieId ? eq(tokens.organisatieId, input.organisatieId) : undefined));
  return paged(
    input,
    (limit, offset) =>
      db.orm.select().from(tokens).where(where).orderBy(asc(tokens.aangemaaktOp), asc(tokens.id)).limit(limit).offset(offset),
    () => db.orm.select({ n: count() }).from(tokens).where(where),
    toToken,
  );
});

async function requireToken({ db }: Deps, id: string): Promise<TokenRow> {
  const [row] = await db.orm.select().from(tokens).where(eq(tokens.id, id));
  if (!row) throw DomainError.notFound(`Token ${id}`);
  return row;
}

export const getToken = useCase(BEHEER, async ({ deps }, { id }: { id: string }) => requireToken(deps, id));

/** Revokes a token at once; revoking twice is harmless. */
export const revokeToken = useCase(BEHEER, async ({ deps }, { id }: { id: string }) => {
  await requireToken(deps, id);
  await deps.db.orm
    .update(tokens)
    .set({ ingetrokkenOp: isoTimestamp(deps.clock.now()) })
    .where(and(eq(tokens.id, id), isNull(tokens.ingetrokkenOp)));
});

export const BEHEER_ORGANISATIE = "Beheer Plekwijzer";
const BOOTSTRAP = "bootstrap";

/**
 * Makes `PLEKWIJZER_ADMIN_TOKEN` the token of the first beheerder. Only its hash is stored; a
 * changed admin token replaces (revokes) the previous bootstrap token.
 */
export async function bootstrapBeheer(deps: Deps, adminToken: string): Promise<void> {
  const { db } = deps;
  const now = isoTimestamp(deps.clock.now());
  const hash = await hashToken(adminToken);
  let [org] = await db.orm.select().from(organisaties).where(eq(organisaties.naam, BEHEER_ORGANISATIE));
  org ??= await createOrganisatie({ deps, actor: systeemActor("beheerder") }, { naam: BEHEER_ORGANISATIE, type: "regio" });
  await db.atomic([
    {
      query: db.orm
        .update(tokens)
        .set({ ingetrokkenOp: now })
        .where(and(eq(tokens.aangemaaktDoor, BOOTSTRAP), ne(tokens.hash, hash), isNull(tokens.ingetrokkenOp))),
    },
    {
      query: db.orm
        .insert(tokens)
        .values({
          id: newId(),
          organisatieId: org.id,
          rol: "beheerder",
          omschrijving: null,
          hash,
          verlooptOp: "9999-12-31T00:00:00.000Z",
          aangemaaktOp: now,
          aangemaaktDoor: BOOTSTRAP,
        })
        .onConflictDoNothing(),
    },
  ]);
}
