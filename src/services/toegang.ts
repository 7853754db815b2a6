import { and, asc, count, desc, eq, gte, inArray, isNull, lt, ne, type SQL, sql } from "drizzle-orm";
import {
  aanbieders,
  type OrganisatieType,
  organisaties,
  type Rol,
  regios,
  toegangslog,
  toegangslogCasussen,
  tokens,
} from "../../db/schema/index.ts";
import type { Actie, Actor } from "../lib/access.ts";
import { ApiError, ErrorCode } from "../lib/errors.ts";
import { newId } from "../lib/ids.ts";
import { DAY_MS, isoTimestamp } from "../lib/time.ts";
import { Violations } from "../lib/validation.ts";
import { conditions, type Paging, paged } from "./common.ts";
import type { ServiceDeps } from "./deps.ts";

export type OrganisatieRow = typeof organisaties.$inferSelect;
export type TokenRow = typeof tokens.$inferSelect;

/** Which roles an organisation of each type may hand out. */
export const ROLLEN_PER_TYPE: Record<OrganisatieType, readonly Rol[]> = {
  aanbieder: ["aanbieder"],
  "gecertificeerde-instelling": ["verwijzer"],
  gemeente: ["verwijzer", "zorgmakelaar", "beheerder"],
  regio: ["verwijzer", "zorgmakelaar", "beheerder"],
};

/** A token lives at most a year; the default is 90 days. */
export const MAX_TOKEN_DAGEN = 366;
export const STANDAARD_TOKEN_DAGEN = 90;
/** `pw_` makes a leaked token recognisable to secret scanners. */
const TOKEN_PREFIX = "pw_";

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

export interface OrganisatieInput {
  naam: string;
  type: OrganisatieType;
  aanbiederId?: string | null;
  regios?: string[];
}

/** Registers an organisation; a provider organisation names its provider. */
export async function createOrganisatie(deps: ServiceDeps, input: OrganisatieInput): Promise<OrganisatieRow> {
  const { db } = deps;
  const v = new Violations();
  const lijst = [...new Set(input.regios ?? [])];
  if (input.type === "aanbieder") {
    if (!input.aanbiederId) v.add("aanbiederId", "verplicht", "Een aanbieder-organisatie noemt haar aanbieder.");
    else if (!(await db.orm.select({ id: aanbieders.id }).from(aanbieders).where(eq(aanbieders.id, input.aanbiederId)))[0])
      v.add("aanbiederId", "onbekend", `Aanbieder ${input.aanbiederId} bestaat niet.`);
  } else if (input.aanbiederId) {
    v.add("aanbiederId", "niet-toegestaan", "Alleen een organisatie van het type aanbieder heeft een aanbiederId.");
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
      onMismatch: () => new ApiError(ErrorCode.conflict, `Er is al een organisatie met de naam ${row.naam}.`),
    },
  ]);
  return row;
}

export async function listOrganisaties({ db }: ServiceDeps, filter: { type?: OrganisatieType }, paging: Paging) {
  const where = and(...conditions(filter.type ? eq(organisaties.type, filter.type) : undefined));
  return paged(
    paging,
    (limit, offset) =>
      db.orm.select().from(organisaties).where(where).orderBy(asc(organisaties.naam)).limit(limit).offset(offset),
    () => db.orm.select({ n: count() }).from(organisaties).where(where),
    toOrganisatie,
  );
}

export async function getOrganisatie({ db }: ServiceDeps, id: string): Promise<OrganisatieRow> {
  const [row] = await db.orm.select().from(organisaties).where(eq(organisaties.id, id));
  if (!row) throw ApiError.notFound(`Organisatie ${id}`);
  return row;
}

export interface TokenInput {
  organisatieId: string;
  rol: Rol;
  verlooptOp?: string;
  omschrijving?: string | null;
}

/** Issues a token; the plain token is returned here once and never stored. */
export async function createToken(deps: ServiceDeps, input: TokenInput, door: string) {
  const now = deps.clock.now();
  const v = new Violations();
  const [org] = await deps.db.orm.select().from(organisaties).where(eq(organisaties.id, input.organisatieId));
  if (!org) v.add("organisatieId", "onbekend", `Organisatie ${input.organisatieId} bestaat niet.`);
  else if (!ROLLEN_PER_TYPE[org.type].includes(input.rol)) {
    v.add(
      "rol",
      "past-niet",
      `Een organisatie van het type ${org.type} kan alleen ${ROLLEN_PER_TYPE[org.type].join(", ")} aanwijzen.`,
    );
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
    aangemaaktDoor: door,
  };
  await deps.db.orm.insert(tokens).values(row);
  return { row, token };
}

export async function listTokens({ db }: ServiceDeps, filter: { organisatieId?: string }, paging: Paging) {
  const where = and(...conditions(filter.organisatieId ? eq(tokens.organisatieId, filter.organisatieId) : undefined));
  return paged(
    paging,
    (limit, offset) =>
      db.orm.select().from(tokens).where(where).orderBy(asc(tokens.aangemaaktOp), asc(tokens.id)).limit(limit).offset(offset),
    () => db.orm.select({ n: count() }).from(tokens).where(where),
    toToken,
  );
}

export async function getToken({ db }: ServiceDeps, id: string): Promise<TokenRow> {
  const [row] = await db.orm.select().from(tokens).where(eq(tokens.id, id));
  if (!row) throw ApiError.notFound(`Token ${id}`);
  return row;
}

/** Revokes a token at once; revoking twice is harmless. */
export async function revokeToken(deps: ServiceDeps, id: string): Promise<void> {
  await getToken(deps, id);
  await deps.db.orm
    .update(tokens)
    .set({ ingetrokkenOp: isoTimestamp(deps.clock.now()) })
    .where(and(eq(tokens.id, id), isNull(tokens.ingetrokkenOp)));
}

/** Last use is written at most once a minute per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The actor behind a token, or undefined when it is unknown, expired or revoked. */
export async function authenticate(deps: ServiceDeps, token: string): Promise<Actor | undefined> {
  return actorWaar(deps, eq(tokens.hash, await hashToken(token)));
}

/** The actor of a token by its id (a web session), under the same expiry and revocation rules. */
export async function actorVanToken(deps: ServiceDeps, tokenId: string): Promise<Actor | undefined> {
  return actorWaar(deps, eq(tokens.id, tokenId));
}

async function actorWaar(deps: ServiceDeps, where: SQL): Promise<Actor | undefined> {
  const now = deps.clock.now();
  const [row] = await deps.db.orm
    .select({ token: tokens, org: organisaties })
    .from(tokens)
    .innerJoin(organisaties, eq(organisaties.id, tokens.organisatieId))
    .where(where);
  if (!row || row.token.ingetrokkenOp !== null || row.token.verlooptOp <= isoTimestamp(now)) return undefined;
  const last = row.token.laatstGebruiktOp;
  if (!last || now.getTime() - Date.parse(last) >= LAST_USED_RESOLUTION_MS) {
    await deps.db.orm
      .update(tokens)
      .set({ laatstGebruiktOp: isoTimestamp(now) })
      .where(eq(tokens.id, row.token.id));
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

export const BEHEER_ORGANISATIE = "Beheer Plekwijzer";
const BOOTSTRAP = "bootstrap";

/**
 * Makes `PLEKWIJZER_ADMIN_TOKEN` the token of the first beheerder. Only its hash is stored; a
 * changed admin token replaces (revokes) the previous bootstrap token.
 */
export async function bootstrapBeheer(deps: ServiceDeps, adminToken: string): Promise<void> {
  const { db } = deps;
  const now = isoTimestamp(deps.clock.now());
  const hash = await hashToken(adminToken);
  let [org] = await db.orm.select().from(organisaties).where(eq(organisaties.naam, BEHEER_ORGANISATIE));
  if (!org) org = await createOrganisatie(deps, { naam: BEHEER_ORGANISATIE, type: "regio" });
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

export interface ToegangslogEntry {
  actor: Actor | undefined;
  actie: Actie;
  route: string;
  casusIds: readonly string[];
  resultaat: number;
  requestId: string;
  clientadres: string | null;
}

/** Appends one row, with the cases it touched, in one atomic write. */
export async function schrijfToegangslog(deps: ServiceDeps, entry: ToegangslogEntry): Promise<void> {
  const { db } = deps;
  const ids = [...new Set(entry.casusIds)];
  await db.atomic([
    {
      query: db.orm.insert(toegangslog).values({
        op: isoTimestamp(deps.clock.now()),
        actor: entry.actor?.tokenId ?? "anoniem",
        rol: entry.actor?.rol ?? null,
        organisatieId: entry.actor?.organisatieId ?? null,
        actie: entry.actie,
        route: entry.route,
        resultaat: entry.resultaat,
        requestId: entry.requestId,
        clientadres: entry.clientadres,
      }),
    },
    ...(ids.length > 0
      ? [
          {
            // One JSON parameter: D1 binds at most 100 parameters.
            query: db.orm.insert(toegangslogCasussen).select(
              // The row just appended: the batch runs in one transaction, so it is the newest.
              sql`SELECT (SELECT MAX(volgnummer) FROM toegangslog), value FROM json_each(${JSON.stringify(ids)})`,
            ),
          },
        ]
      : []),
  ]);
}

export interface ToegangslogFilter {
  casusId?: string;
  actor?: string;
  van?: string;
  tot?: string;
}

/** The access log, newest first, filtered by case, actor (token id) and period. */
export async function listToegangslog({ db }: ServiceDeps, filter: ToegangslogFilter, paging: Paging) {
  const where = and(
    ...conditions(
      filter.casusId
        ? inArray(
            toegangslog.volgnummer,
            db.orm
              .select({ v: toegangslogCasussen.volgnummer })
              .from(toegangslogCasussen)
              .where(eq(toegangslogCasussen.casusId, filter.casusId)),
          )
        : undefined,
      filter.actor ? eq(toegangslog.actor, filter.actor) : undefined,
      filter.van ? gte(toegangslog.op, filter.van) : undefined,
      filter.tot ? lt(toegangslog.op, filter.tot) : undefined,
    ),
  );
  const page = await paged(
    paging,
    (limit, offset) =>
      db.orm.select().from(toegangslog).where(where).orderBy(desc(toegangslog.volgnummer)).limit(limit).offset(offset),
    () => db.orm.select({ n: count() }).from(toegangslog).where(where),
    (row) => row,
  );
  const nummers = page.resultaten.map((r) => r.volgnummer);
  const links =
    nummers.length === 0
      ? []
      : await db.orm
          .select()
          .from(toegangslogCasussen)
          .where(sql`${toegangslogCasussen.volgnummer} IN (SELECT value FROM json_each(${JSON.stringify(nummers)}))`);
  const perRij = new Map<number, string[]>();
  for (const l of links) perRij.set(l.volgnummer, [...(perRij.get(l.volgnummer) ?? []), l.casusId]);
  return {
    ...page,
    resultaten: page.resultaten.map((r) => ({
      volgnummer: r.volgnummer,
      op: r.op,
      actor: r.actor,
      rol: r.rol,
      organisatieId: r.organisatieId,
      actie: r.actie,
      route: r.route,
      casusIds: perRij.get(r.volgnummer) ?? [],
      resultaat: r.resultaat,
      requestId: r.requestId,
      clientadres: r.clientadres,
    })),
  };
}
