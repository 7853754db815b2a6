import { and, asc, count, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type AtomicStep, rawWrite } from "../../db/database.ts";
import { aanbieders, aanbod, aanmeldingen, aanmeldingHistorie, casussen } from "../../db/schema/index.ts";
import { auteur } from "../kern/actor.ts";
import { plusDagen, plusWerkdagen } from "../kern/dates.ts";
import { DomainError } from "../kern/errors.ts";
import { datum, tekst, zorgvormCode } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import type { Paging } from "../kern/page.ts";
import { isoDate, isoTimestamp } from "../kern/time.ts";
import { Violations } from "../kern/violations.ts";
import { AANMELDING_STATUSSEN, type AanmeldingStatus, URGENTIES } from "../kern/vocabulary.ts";
import { findAanbod } from "./aanbod.ts";
import { type AanmeldingRow, aanmeldingHistorieStep } from "./aanmelding-stappen.ts";
import { type CasusRow, casusHistorieStep, herberekenSteps, kenmerken, requireCasus } from "./casus-overgangen.ts";
import { checkReferences, findGemeente } from "./catalogus.ts";
import { type ActorCtx, type Ctx, type Deps, noteer, useCase } from "./context.ts";
import { metPersoon } from "./personen.ts";
import { actieveHolds, holdInsertStep } from "./plekken.ts";
import { paged } from "./query.ts";
import { readHulpvraagcategorieen, regioInstellingenVoor } from "./regio-instellingen.ts";
import { casusWhere, type Scope, scopeOf } from "./scope.ts";
import { atomicMetLog } from "./toegangslog.ts";
import { expireOverdue } from "./verlopen.ts";

/**
 * Aanmeldingen: the referral of a case to one offer on the standard referral form, as
 * structured, pseudonymous fields (DOMAIN.md, the referral process, steps 5 and 7). Sending
 * takes the place when one is free and the referrer asks for it; otherwise the referral goes on
 * the provider's waiting list. The provider answers within the region's response time.
 */

export type { AanmeldingRow } from "./aanmelding-stappen.ts";

export const ContactpersoonSchema = z
  .strictObject({
    naam: tekst(100).meta({ description: "De professional die aanmeldt (niet de jeugdige)" }),
    telefoon: z
      .string()
      .trim()
      .regex(/^[0-9+() -]{6,20}$/, { message: "Moet een telefoonnummer zijn." })
      .nullable()
      .optional(),
    email: z.email({ message: "Moet een e-mailadres zijn." }).max(200).nullable().optional(),
  })
  .meta({ id: "Contactpersoon" });

export const AanmeldingInput = z
  .strictObject({
    casusId: z.uuid({ message: "Moet een UUID zijn." }),
    aanbodId: z.uuid({ message: "Moet een UUID zijn." }),
    zorgvorm: zorgvormCode.optional().meta({ description: "De gevraagde hulp; standaard de zorgvorm van het aanbod" }),
    hulpvraagCategorieen: z
      .array(z.string().max(40))
      .max(10, { message: "Hoogstens 10 categorieën." })
      .optional()
      .meta({ description: "Codes uit GET /v1/hulpvraagcategorieen" }),
    gewensteStartdatum: datum.optional(),
    urgentie: z.enum(URGENTIES).optional().meta({ description: "Standaard de urgentie van de casus" }),
    contactpersoon: ContactpersoonSchema,
    toelichting: z
      .string()
      .trim()
      .max(2000, { message: "Mag hoogstens 2000 tekens zijn." })
      .optional()
      .meta({ description: "Voor de aanbieder; zet hier geen naam of BSN in" }),
    metReservering: z
      .boolean()
      .optional()
      .meta({ description: "Neem de plek meteen (als er een vrij is); zonder vrije plek komt de aanmelding op de wachtlijst" }),
  })
  .meta({ id: "AanmeldingInput" });
export type AanmeldingInput = z.output<typeof AanmeldingInput>;

/** An aanmelding's status at `now`: one past its deadline without an answer has expired, finalised or not. */
export function effectieveAanmeldingStatus(row: Pick<AanmeldingRow, "status" | "antwoordVoor">, now: string): AanmeldingStatus {
  return row.status === "verzonden" && row.antwoordVoor <= now ? "verlopen" : row.status;
}

function statusWhere(status: AanmeldingStatus, now: string): SQL | undefined {
  if (status === "verzonden") return sql`(${aanmeldingen.status} = 'verzonden' AND ${aanmeldingen.antwoordVoor} > ${now})`;
  if (status === "verlopen")
    return sql`(${aanmeldingen.status} = 'verlopen' OR (${aanmeldingen.status} = 'verzonden' AND ${aanmeldingen.antwoordVoor} <= ${now}))`;
  return eq(aanmeldingen.status, status);
}

/** The aanmeldingen in scope: a provider those to its own offers, a referrer those of its cases, a broker those of its regions. */
function aanmeldingWhere(deps: Deps, scope: Scope): SQL | undefined {
  if (scope.geen) return sql`0`;
  if (scope.aanbiederId !== undefined) return eq(aanmeldingen.aanbiederId, scope.aanbiederId);
  const cases = casusWhere(deps, scope);
  return cases ? inArray(aanmeldingen.casusId, deps.db.orm.select({ id: casussen.id }).from(casussen).where(cases)) : undefined;
}

/** One aanmelding, or 404 when it does not exist or lies outside the caller's scope. */
export async function requireAanmelding(deps: Deps, id: string, scope: Scope = {}): Promise<AanmeldingRow> {
  const [row] = await deps.db.orm
    .select()
    .from(aanmeldingen)
    .where(and(eq(aanmeldingen.id, id), aanmeldingWhere(deps, scope)));
  if (!row) throw DomainError.notFound(`Aanmelding ${id}`);
  return row;
}

/** An aanmelding the actor may see (else 404), noted for the access log. */
export async function aanmeldingVan(ctx: Ctx, id: string): Promise<AanmeldingRow> {
  const row = await requireAanmelding(ctx.deps, id, scopeOf(ctx.actor));
  noteer(ctx, [row.casusId]);
  return row;
}

/**
 * Aanmeldingen as the caller may see them. The provider sees the form (the child's age, the
 * help asked, the measure, the contact person, the note) but not the case: no case id, no
 * reference, no birth date.
 */
export async function presentAanmeldingen(deps: Deps, scope: Scope, rows: readonly AanmeldingRow[]) {
  const now = isoTimestamp(deps.clock.now());
  const van = await kenmerken(
    deps,
    rows.map((r) => r.casusId),
  );
  const ids = [...new Set(rows.map((r) => r.aanbodId))];
  const namen = new Map(
    (ids.length === 0
      ? []
      : await deps.db.orm
          .select({ id: aanbod.id, naam: aanbod.naam, aanbieder: aanbieders.naam })
          .from(aanbod)
          .innerJoin(aanbieders, eq(aanbieders.id, aanbod.aanbiederId))
          .where(inArray(aanbod.id, ids))
    ).map((r) => [r.id, r]),
  );
  const ookCasus = scope.aanbiederId === undefined;
  return rows.map((row) => ({
    id: row.id,
    casusId: ookCasus ? row.casusId : null,
    aanbodId: row.aanbodId,
    aanbodNaam: namen.get(row.aanbodId)?.naam ?? null,
    aanbiederId: row.aanbiederId,
    aanbiederNaam: namen.get(row.aanbodId)?.aanbieder ?? null,
    status: effectieveAanmeldingStatus(row, now),
    leeftijd: van.get(row.casusId)?.leeftijd ?? null,
    zorgvorm: row.zorgvorm,
    hulpvraagCategorieen: row.hulpvraagCategorieen,
    gewensteStartdatum: row.gewensteStartdatum,
    maatregelen: row.maatregelen,
    urgentie: row.urgentie,
    contactpersoon: {
      naam: row.contactpersoon.naam,
      telefoon: row.contactpersoon.telefoon ?? null,
      email: row.contactpersoon.email ?? null,
    },
    toelichting: row.toelichting,
    reserveringId: row.reserveringId,
    opWachtlijst: row.opWachtlijst,
    antwoordVoor: row.antwoordVoor,
    verwachteStartdatum: row.verwachteStartdatum,
    startdatum: row.startdatum,
    afwijsreden: row.afwijsreden,
    reden: row.reden,
    bevestigdOp: row.bevestigdOp,
    verzondenOp: row.verzondenOp,
    gewijzigdOp: row.gewijzigdOp,
    versie: row.versie,
  }));
}
export type AanmeldingView = Awaited<ReturnType<typeof presentAanmeldingen>>[number];

const INZAGE = ["aanbieder", "verwijzer", "zorgmakelaar"] as const;
const VERWIJZERS = ["verwijzer", "zorgmakelaar"] as const;

export const AanmeldingenQuery = z.object({
  casusId: z.uuid().optional(),
  aanbodId: z.uuid().optional(),
  status: z.enum(AANMELDING_STATUSSEN).optional(),
});

/** The aanmeldingen in the caller's scope: oldest deadline first (a provider's inbox). */
export const listAanmeldingen = useCase(INZAGE, async (ctx, input: Paging & z.output<typeof AanmeldingenQuery>) => {
  const { deps } = ctx;
  const scope = scopeOf(ctx.actor);
  const now = isoTimestamp(deps.clock.now());
  const where = and(
    aanmeldingWhere(deps, scope),
    input.casusId ? eq(aanmeldingen.casusId, input.casusId) : undefined,
    input.aanbodId ? eq(aanmeldingen.aanbodId, input.aanbodId) : undefined,
    input.status ? statusWhere(input.status, now) : undefined,
  );
  const page = await paged(
    input,
    (limit, offset) =>
      deps.db.orm
        .select()
        .from(aanmeldingen)
        .where(where)
        .orderBy(asc(aanmeldingen.antwoordVoor), asc(aanmeldingen.id))
        .limit(limit)
        .offset(offset),
    () => deps.db.orm.select({ n: count() }).from(aanmeldingen).where(where),
    (row) => row,
  );
  noteer(
    ctx,
    page.resultaten.map((r) => r.casusId),
  );
  return { ...page, resultaten: await presentAanmeldingen(deps, scope, page.resultaten) };
});

export const getAanmelding = useCase(INZAGE, async (ctx, { id }: { id: string }) => {
  const row = await aanmeldingVan(ctx, id);
  const [out] = await presentAanmeldingen(ctx.deps, scopeOf(ctx.actor), [row]);
  return out as AanmeldingView;
});

/** Every transition of an aanmelding: from → to, why, who (a person's name for their own organisation), when. */
export const listAanmeldingHistorie = useCase(INZAGE, async (ctx, { id }: { id: string }) => {
  const row = await aanmeldingVan(ctx, id);
  const regels = await ctx.deps.db.orm
    .select({
      van: aanmeldingHistorie.van,
      naar: aanmeldingHistorie.naar,
      reden: aanmeldingHistorie.reden,
      door: aanmeldingHistorie.door,
      gebruikerId: aanmeldingHistorie.gebruikerId,
      op: aanmeldingHistorie.op,
    })
    .from(aanmeldingHistorie)
    .where(eq(aanmeldingHistorie.aanmeldingId, row.id))
    .orderBy(asc(aanmeldingHistorie.volgnummer));
  return metPersoon(ctx.deps, ctx.actor, regels);
});

/** The end of the region's response time from today: the last working day, at its end. */
async function antwoordtermijn(deps: Deps, casus: CasusRow): Promise<string> {
  const gemeente = await findGemeente(deps, casus.woongemeente);
  const { antwoordtermijnWerkdagen } = await regioInstellingenVoor(deps, gemeente?.regio);
  return `${plusWerkdagen(isoDate(deps.clock.now()), antwoordtermijnWerkdagen)}T23:59:59.999Z`;
}

/** Today plus both waiting times: when help could start on the provider's own figures (null when it gives none). */
export function geschatteStart(
  offer: { aanmeldwachttijdWeken: number | null; behandelwachttijdWeken: number | null },
  vandaag: string,
): string | null {
  if (offer.aanmeldwachttijdWeken === null && offer.behandelwachttijdWeken === null) return null;
  return plusDagen(vandaag, 7 * ((offer.aanmeldwachttijdWeken ?? 0) + (offer.behandelwachttijdWeken ?? 0)));
}

/** A case that is placed or stopped cannot be referred; the rest can, to several providers at once. */
const VERWIJSBAAR = ["wachtend", "voorgesteld", "aangemeld", "gereserveerd"];

/**
 * Sends an aanmelding (the use case below, and an accepted matching proposal). One
 * conditional insert guards "one in play per case and offer"; asking for the place inserts the
 * hold under the rule that held places never exceed the free ones.
 */
export async function verstuurAanmelding(
  ctx: ActorCtx,
  input: AanmeldingInput,
  opties: { voorstelId?: string; extra?: AtomicStep[] } = {},
): Promise<AanmeldingRow> {
  const { deps } = ctx;
  await expireOverdue(deps, { casusId: input.casusId });
  const casus = await requireCasus(deps, input.casusId);
  if (!VERWIJSBAAR.includes(casus.status)) {
    throw DomainError.conflict(`Casus ${casus.id} is ${casus.status}; een aanmelding kan alleen voor een wachtende casus.`, {
      extensions: { huidigeStatus: casus.status },
    });
  }
  const offer = await findAanbod(deps, input.aanbodId);
  const v = new Violations();
  if (!offer) v.add("aanbodId", "onbekend", `Aanbod ${input.aanbodId} bestaat niet.`);
  const zorgvorm = input.zorgvorm ?? offer?.zorgvorm ?? casus.zorgvorm;
  await checkReferences(deps, { zorgvorm: { name: "zorgvorm", code: zorgvorm } }, v);
  const bekend = new Set((await readHulpvraagcategorieen(deps)).map((h) => h.code));
  (input.hulpvraagCategorieen ?? []).forEach((code, i) => {
    if (!bekend.has(code)) v.add(`hulpvraagCategorieen[${i}]`, "onbekende-code", `Hulpvraagcategorie ${code} bestaat niet.`);
  });
  const vandaag = isoDate(deps.clock.now());
  if (input.gewensteStartdatum && input.gewensteStartdatum < vandaag)
    v.add("gewensteStartdatum", "in-het-verleden", "De gewenste startdatum ligt in het verleden.");
  v.throwIfAny();
  if (!offer) throw new Error("unreachable");

  const op = isoTimestamp(deps.clock.now());
  const [stand] = await deps.db.orm.all<{ vrij: number; eigenHold: number }>(
    sql`SELECT (SELECT vrije_plekken FROM aanbod WHERE id = ${offer.id}) - ${actieveHolds(offer.id, op)} AS vrij,
      (SELECT count(*) FROM reserveringen WHERE casus_id = ${casus.id} AND status = 'actief' AND verloopt_op > ${op}) AS eigenHold`,
  );
  const plekVrij = Number(stand?.vrij ?? 0) > 0 && offer.intakeStatus === "open";
  if (input.metReservering && plekVrij && Number(stand?.eigenHold ?? 0) > 0) {
    throw DomainError.conflict(
      "Voor deze casus is al een plek vastgehouden; geef die eerst terug of meld aan zonder reservering.",
    );
  }
  const neemtPlek = input.metReservering === true && plekVrij;
  const antwoordVoor = await antwoordtermijn(deps, casus);
  const row: AanmeldingRow = {
    id: newId(),
    casusId: casus.id,
    aanbodId: offer.id,
    aanbiederId: offer.aanbiederId,
    organisatie: ctx.actor.organisatieId,
    status: "verzonden",
    zorgvorm,
    hulpvraagCategorieen: input.hulpvraagCategorieen ?? [],
    gewensteStartdatum: input.gewensteStartdatum ?? null,
    maatregelen: casus.maatregelen,
    urgentie: input.urgentie ?? casus.urgentie,
    contactpersoon: {
      naam: input.contactpersoon.naam,
      telefoon: input.contactpersoon.telefoon ?? null,
      email: input.contactpersoon.email ?? null,
    },
    toelichting: input.toelichting || null,
    reserveringId: neemtPlek ? newId() : null,
    voorstelId: opties.voorstelId ?? null,
    opWachtlijst: !neemtPlek,
    antwoordVoor,
    verwachteStartdatum: geschatteStart(offer, vandaag),
    startdatum: null,
    afwijsreden: null,
    reden: null,
    bevestigdOp: null,
    verzondenOp: op,
    gewijzigdOp: op,
    versie: 1,
  };
  const wie = auteur(ctx.actor);
  await atomicMetLog(
    ctx,
    [
      ...(opties.extra ?? []),
      // The hold first: the aanmelding refers to it.
      ...(row.reserveringId
        ? [
            {
              ...holdInsertStep({
                id: row.reserveringId,
                aanbodId: offer.id,
                casusId: casus.id,
                voorstelId: row.voorstelId,
                verlooptOp: antwoordVoor,
                aangemaaktOp: op,
              }),
              onMismatch: () =>
                DomainError.conflict(
                  "De laatste vrije plek is zojuist door een ander vastgehouden; er is niets verstuurd. Meld opnieuw aan: de aanmelding komt dan op de wachtlijst.",
                ),
            },
          ]
        : []),
      {
        query: rawWrite(sql`INSERT INTO aanmeldingen (id, casus_id, aanbod_id, aanbieder_id, organisatie, status, zorgvorm,
            hulpvraag_categorieen, gewenste_startdatum, maatregelen, urgentie, contactpersoon, toelichting, reservering_id,
            voorstel_id, op_wachtlijst, antwoord_voor, verwachte_startdatum, verzonden_op, gewijzigd_op, versie)
          SELECT ${row.id}, ${row.casusId}, ${row.aanbodId}, ${row.aanbiederId}, ${row.organisatie}, 'verzonden', ${row.zorgvorm},
            ${JSON.stringify(row.hulpvraagCategorieen)}, ${row.gewensteStartdatum}, ${JSON.stringify(row.maatregelen)}, ${row.urgentie},
            ${JSON.stringify(row.contactpersoon)}, ${row.toelichting}, ${row.reserveringId}, ${row.voorstelId}, ${row.opWachtlijst ? 1 : 0},
            ${row.antwoordVoor}, ${row.verwachteStartdatum}, ${op}, ${op}, 1
          WHERE NOT EXISTS (SELECT 1 FROM aanmeldingen WHERE casus_id = ${row.casusId} AND aanbod_id = ${row.aanbodId}
            AND (status = 'geaccepteerd' OR (status = 'verzonden' AND antwoord_voor > ${op})))`),
        expectChanges: 1,
        onMismatch: () =>
          DomainError.conflict("Deze casus is al aangemeld bij dit aanbod; wacht op het antwoord of trek die aanmelding in.", {
            invalidParams: [{ name: "aanbodId", code: "al-aangemeld", reason: "Er loopt al een aanmelding bij dit aanbod." }],
          }),
      },
      aanmeldingHistorieStep(deps, { aanmeldingId: row.id, van: null, naar: "verzonden", ...wie, op }),
      casusHistorieStep(deps, {
        casusId: casus.id,
        soort: "aanmelding",
        naar: "verzonden",
        reden: `aangemeld bij ${offer.naam}${neemtPlek ? ", plek vastgehouden" : ", op de wachtlijst"}`,
        ...wie,
        op,
      }),
      ...herberekenSteps(casus.id, `aangemeld bij ${offer.naam}`, wie, op),
    ],
    [casus.id],
  );
  return row;
}

/** POST /aanmeldingen: a referrer (own organisation's cases) or a broker (its regions) refers a case to an offer. */
export const createAanmelding = useCase(VERWIJZERS, async (ctx, input: AanmeldingInput) => {
  // A case outside the caller's scope answers as if it did not exist.
  const casus = await requireCasus(ctx.deps, input.casusId, scopeOf(ctx.actor));
  noteer(ctx, [casus.id]);
  const row = await verstuurAanmelding(ctx, input);
  const [out] = await presentAanmeldingen(ctx.deps, scopeOf(ctx.actor), [row]);
  return out as AanmeldingView;
});
