import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { rawWrite } from "../../db/database.ts";
import { casusHistorie, casussen, gemeenten } from "../../db/schema/index.ts";
import { door } from "../kern/actor.ts";
import { DomainError } from "../kern/errors.ts";
import { datum, gemeenteCode, regioCode, zorgvormCode } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import type { Paging } from "../kern/page.ts";
import { isoDate, isoTimestamp } from "../kern/time.ts";
import { assertVersion, staleVersionError } from "../kern/version.ts";
import { Violations } from "../kern/violations.ts";
import { CASUS_STATUSSEN, type CasusStatus, MAATREGEL_TYPES, STOPREDENEN, URGENTIES } from "../kern/vocabulary.ts";
import {
  assertOvergang,
  type CasusRow,
  casusHistorieStep,
  effectieveStatus,
  readCasussen,
  requireCasus,
  statusStep,
} from "./casus-overgangen.ts";
import { checkReferences, findGemeente } from "./catalogus.ts";
import { type ActorCtx, type Deps, noteer, useCase } from "./context.ts";
import { beoordeelEscalatie, type Escalatie } from "./escalaties.ts";
import { loadPrioriteitContext, type Prioriteit, prioriteitVan } from "./prioriteringsregels.ts";
import { conditions, paged } from "./query.ts";
import { endKoppelingenSteps } from "./reserveringen.ts";
import { casusWhere, scopeOf } from "./scope.ts";
import { atomicMetLog } from "./toegangslog.ts";
import { expireOverdue } from "./verlopen.ts";
import { nextVersionStep } from "./versioned.ts";

export type { CasusRow } from "./casus-overgangen.ts";

export const MaatregelSchema = z
  .strictObject({
    type: z.enum(MAATREGEL_TYPES, { message: `Kies uit ${MAATREGEL_TYPES.join(", ")}.` }),
    uitspraakdatum: datum
      .nullable()
      .optional()
      .meta({ description: "De uitspraak van de kinderrechter: de doorbraaknorm (drie maanden) loopt vanaf hier" }),
    ingangsdatum: datum.nullable().optional().meta({ description: "De ingang van de maatregel" }),
  })
  .superRefine((m, ctx) => {
    if (!m.uitspraakdatum && !m.ingangsdatum)
      ctx.addIssue({
        code: "custom",
        path: ["uitspraakdatum"],
        message: "Geef de datum van de uitspraak, de ingangsdatum of beide.",
      });
  })
  .meta({ id: "Maatregel" });

const maatregelVelden = {
  maatregel: MaatregelSchema.nullable().optional().meta({ description: "Eén maatregel (kort voor maatregelen met één element)" }),
  maatregelen: z
    .array(MaatregelSchema)
    .max(5, { message: "Hoogstens 5 maatregelen." })
    .optional()
    .meta({ description: "De maatregelen van de jeugdige, bijvoorbeeld een OTS met een machtiging uithuisplaatsing" }),
};

const casusVelden = {
  referentie: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, {
      message: "Moet een pseudonieme referentie zijn: 3–64 letters, cijfers, punt, streep of liggend streepje (geen naam).",
    })
    .meta({ example: "GI-2026-0042", description: "Door de verwijzer gekozen, uniek binnen de organisatie" }),
  geboortedatum: datum,
  woongemeente: gemeenteCode.meta({ description: "Woongemeente volgens het woonplaatsbeginsel" }),
  zorgvorm: zorgvormCode,
  aanmelddatum: datum,
  urgentie: z.enum(URGENTIES),
  ...maatregelVelden,
  overbrugging: z
    .strictObject({ zorgvorm: zorgvormCode })
    .nullable()
    .optional()
    .meta({ description: "Overbruggingszorg die loopt terwijl de jeugdige wacht" }),
};

const eenVorm = (v: { maatregel?: unknown; maatregelen?: unknown }, ctx: z.RefinementCtx) => {
  if (v.maatregel !== undefined && v.maatregelen !== undefined)
    ctx.addIssue({ code: "custom", path: ["maatregel"], message: "Geef maatregel óf maatregelen, niet allebei." });
};

/** Minimal and pseudonymous: no name, no BSN, no free text; unknown fields are refused. */
export const CasusInput = z.strictObject(casusVelden).superRefine(eenVorm).meta({ id: "CasusInput" });
export type CasusInput = z.output<typeof CasusInput>;

/** A correction: only the fields given change (PATCH, with If-Match). */
export const CasusCorrectie = z
  .strictObject(
    Object.fromEntries(Object.entries(casusVelden).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof casusVelden]: z.ZodOptional<(typeof casusVelden)[K]>;
    },
  )
  .superRefine(eenVorm)
  .superRefine((v, ctx) => {
    if (Object.keys(v).length === 0)
      ctx.addIssue({ code: "custom", path: [], message: "Geef minstens één veld om te corrigeren." });
  })
  .meta({ id: "CasusCorrectie" });
export type CasusCorrectie = z.output<typeof CasusCorrectie>;

/** The measures given in either form, stored in one. */
function maatregelenUit(v: {
  maatregel?: z.output<typeof MaatregelSchema> | null;
  maatregelen?: z.output<typeof MaatregelSchema>[];
}) {
  const lijst = v.maatregelen ?? (v.maatregel ? [v.maatregel] : v.maatregel === null ? [] : undefined);
  return lijst?.map((m) => ({ type: m.type, uitspraakdatum: m.uitspraakdatum ?? null, ingangsdatum: m.ingangsdatum ?? null }));
}

export const CasusStatusInput = z
  .strictObject({ status: z.enum(CASUS_STATUSSEN), stopreden: z.enum(STOPREDENEN).nullable().optional() })
  .meta({ id: "CasusStatusInput" });

export const HandmatigePrioriteitInput = z
  .strictObject({
    groep: z.number().int().min(1).max(10).nullable(),
    reden: z.string().trim().min(5, { message: "Geef een reden van minstens 5 tekens." }).max(500),
  })
  .meta({ id: "HandmatigePrioriteitInput" });

export const CasusFilter = z.object({
  status: z.enum(CASUS_STATUSSEN).optional(),
  regio: regioCode.optional(),
  woongemeente: gemeenteCode.optional(),
});

export function toCasus(row: CasusRow, prioriteit: Prioriteit, escalatie?: Escalatie) {
  const { klok } = prioriteit;
  const [eerste] = row.maatregelen;
  return {
    id: row.id,
    referentie: row.referentie,
    geboortedatum: row.geboortedatum,
    woongemeente: row.woongemeente,
    zorgvorm: row.zorgvorm,
    aanmelddatum: row.aanmelddatum,
    urgentie: row.urgentie,
    maatregel: eerste
      ? { type: eerste.type, uitspraakdatum: eerste.uitspraakdatum, ingangsdatum: eerste.ingangsdatum ?? eerste.uitspraakdatum }
      : null,
    maatregelen: row.maatregelen,
    overbrugging: row.overbruggingZorgvorm ? { zorgvorm: row.overbruggingZorgvorm } : null,
    status: row.status,
    stopreden: row.stopreden,
    prioriteit: {
      groep: prioriteit.groep,
      redenen: prioriteit.redenen,
      handmatig: prioriteit.handmatig,
      buitenKader: prioriteit.buitenKader,
    },
    wachtdagen: prioriteit.wachtdagen,
    wachttijd: klok.wachttijd,
    wachtVanaf: klok.wachtVanaf,
    normBasis: klok.normBasis,
    normDatum: klok.normDatum,
    normOverschreden: prioriteit.normOverschreden,
    startdatum: row.startdatum,
    doorlooptijdDagen: klok.doorlooptijdDagen,
    escalatieNodig: escalatie?.nodig ?? false,
    escalatie: escalatie ?? null,
    versie: row.versie,
    aangemaaktOp: row.aangemaaktOp,
    gewijzigdOp: row.gewijzigdOp,
  };
}
export type Casus = ReturnType<typeof toCasus>;

/** Who works with cases: the referrer for its own organisation, the broker for its regions. */
const CASUSWERKERS = ["verwijzer", "zorgmakelaar"] as const;

/** The statuses a person may set directly; the others follow from proposals and holds. */
const HANDMATIG: Record<CasusStatus, CasusStatus[]> = {
  wachtend: ["gestopt"],
  voorgesteld: ["gestopt"],
  aangemeld: ["gestopt"],
  gereserveerd: ["gestopt"],
  geplaatst: ["wachtend"], // re-entry after a failed placement
  gestopt: ["wachtend"],
};

/** Cases as shown: each with its priority, norm clock and escalation judgement, computed once per list. */
async function toonAlle(deps: Deps, rows: readonly CasusRow[]): Promise<Casus[]> {
  const prioriteiten = await loadPrioriteitContext(deps);
  const metPrio = rows.map((row) => ({ row, prioriteit: prioriteiten.prioriteit(row) }));
  const escalatie = await beoordeelEscalatie(
    deps,
    metPrio.map(({ row, prioriteit }) => ({ row, klok: prioriteit.klok })),
  );
  return metPrio.map(({ row, prioriteit }) => toCasus(row, prioriteit, escalatie.get(row.id)));
}

async function toon(deps: Deps, row: CasusRow): Promise<Casus> {
  const [out] = await toonAlle(deps, [row]);
  return out as Casus;
}

async function validate(deps: Deps, input: CasusInput, v = new Violations()): Promise<void> {
  const vandaag = isoDate(deps.clock.now());
  if (input.geboortedatum > vandaag) v.add("geboortedatum", "in-de-toekomst", "De geboortedatum ligt in de toekomst.");
  if (input.aanmelddatum > vandaag) v.add("aanmelddatum", "in-de-toekomst", "De aanmelddatum ligt in de toekomst.");
  if (input.aanmelddatum < input.geboortedatum)
    v.add("aanmelddatum", "voor-geboortedatum", "De aanmelddatum ligt voor de geboortedatum.");
  const veld = input.maatregelen ? "maatregelen" : "maatregel";
  (maatregelenUit(input) ?? []).forEach((m, i) => {
    const pad = veld === "maatregelen" ? `maatregelen[${i}]` : "maatregel";
    if (m.uitspraakdatum && m.uitspraakdatum > vandaag)
      v.add(`${pad}.uitspraakdatum`, "in-de-toekomst", "De datum van de uitspraak ligt in de toekomst.");
    if (m.ingangsdatum && m.ingangsdatum > vandaag)
      v.add(`${pad}.ingangsdatum`, "in-de-toekomst", "De ingangsdatum van de maatregel ligt in de toekomst.");
  });
  await checkReferences(
    deps,
    { zorgvorm: { name: "zorgvorm", code: input.zorgvorm }, gemeente: { name: "woongemeente", code: input.woongemeente } },
    v,
  );
  if (input.overbrugging)
    await checkReferences(deps, { zorgvorm: { name: "overbrugging.zorgvorm", code: input.overbrugging.zorgvorm } }, v);
  v.throwIfAny();
}

/** A case the actor may see (else 404), noted for the access log. */
async function casusVan(ctx: ActorCtx, id: string): Promise<CasusRow> {
  const row = await requireCasus(ctx.deps, id, scopeOf(ctx.actor));
  noteer(ctx, [row.id]);
  return row;
}

/** Registers a waiting case for the actor's organisation; the reference must be unique there. */
export const createCasus = useCase(CASUSWERKERS, async (ctx, input: CasusInput) => {
  const { deps, actor } = ctx;
  await validate(deps, input);
  if (actor.rol === "zorgmakelaar") {
    // A broker registers cases of its own regions only: anything else would vanish from its view.
    const gemeente = await findGemeente(deps, input.woongemeente);
    if (!gemeente?.regio || !actor.regios.includes(gemeente.regio)) {
      throw DomainError.invalid([
        {
          name: "woongemeente",
          code: "buiten-regio",
          reason: "Deze gemeente hoort niet bij een regio waarvoor u werkt; de casus hoort bij de zorgmakelaar van die regio.",
        },
      ]);
    }
  }
  const now = isoTimestamp(deps.clock.now());
  const row: CasusRow = {
    id: newId(),
    organisatie: actor.organisatieId,
    referentie: input.referentie,
    geboortedatum: input.geboortedatum,
    woongemeente: input.woongemeente,
    zorgvorm: input.zorgvorm,
    aanmelddatum: input.aanmelddatum,
    urgentie: input.urgentie,
    maatregelen: maatregelenUit(input) ?? [],
    startdatum: null,
    gestoptOp: null,
    overbruggingZorgvorm: input.overbrugging?.zorgvorm ?? null,
    status: "wachtend",
    stopreden: null,
    handmatigeGroep: null,
    handmatigeReden: null,
    versie: 1,
    aangemaaktOp: now,
    gewijzigdOp: now,
  };
  await atomicMetLog(
    ctx,
    [
      {
        query: rawWrite(
          sql`INSERT INTO casussen (id, organisatie, referentie, geboortedatum, woongemeente, zorgvorm, aanmelddatum, urgentie, maatregelen, overbrugging_zorgvorm, status, versie, aangemaakt_op, gewijzigd_op)
            SELECT ${row.id}, ${row.organisatie}, ${row.referentie}, ${row.geboortedatum}, ${row.woongemeente}, ${row.zorgvorm}, ${row.aanmelddatum}, ${row.urgentie}, ${JSON.stringify(row.maatregelen)}, ${row.overbruggingZorgvorm}, 'wachtend', 1, ${now}, ${now}
            WHERE NOT EXISTS (SELECT 1 FROM casussen WHERE organisatie = ${row.organisatie} AND referentie = ${row.referentie})`,
        ),
        expectChanges: 1,
        onMismatch: () =>
          // Never echo the reference: error messages may end up in logs.
          DomainError.conflict("Uw organisatie heeft al een casus met deze referentie.", {
            invalidParams: [{ name: "referentie", code: "bestaat-al", reason: "Deze referentie is al in gebruik." }],
          }),
      },
      casusHistorieStep(deps, { casusId: row.id, soort: "aangemaakt", naar: "wachtend", door: door(actor), op: now }),
    ],
    [row.id],
  );
  noteer(ctx, [row.id]);
  return toon(deps, row);
});

/** The cases the actor may see, oldest registration first. */
export const listCasussen = useCase(CASUSWERKERS, async (ctx, input: Paging & z.output<typeof CasusFilter>) => {
  const { deps } = ctx;
  const { db } = deps;
  const where = and(
    ...conditions(
      casusWhere(deps, scopeOf(ctx.actor)),
      input.status ? eq(effectieveStatus(isoTimestamp(deps.clock.now())), input.status) : undefined,
      input.woongemeente ? eq(casussen.woongemeente, input.woongemeente) : undefined,
      input.regio
        ? inArray(
            casussen.woongemeente,
            db.orm.select({ code: gemeenten.code }).from(gemeenten).where(eq(gemeenten.regio, input.regio)),
          )
        : undefined,
    ),
  );
  const page = await paged(
    input,
    (limit, offset) => readCasussen(deps, where, { limit, offset }),
    () => db.orm.select({ n: count() }).from(casussen).where(where),
    (row) => row,
  );
  noteer(
    ctx,
    page.resultaten.map((r) => r.id),
  );
  return { ...page, resultaten: await toonAlle(deps, page.resultaten) };
});

export const getCasus = useCase(CASUSWERKERS, async (ctx, { id }: { id: string }) => toon(ctx.deps, await casusVan(ctx, id)));

/** A status change by a person: only the transitions in HANDMATIG; `gestopt` needs a reason. */
export const setCasusStatus = useCase(
  CASUSWERKERS,
  async (ctx, input: { id: string; wijziging: z.output<typeof CasusStatusInput>; versies?: number[] }) => {
    const { deps } = ctx;
    await casusVan(ctx, input.id);
    // An expired hold or proposal is ended first: the change starts from the case as it stands.
    await expireOverdue(deps, { casusId: input.id });
    const casus = await requireCasus(deps, input.id);
    assertVersion(casus.versie, input.versies);
    const naar = input.wijziging.status;
    assertOvergang(casus, naar, HANDMATIG);
    if (naar === "gestopt" && !input.wijziging.stopreden) {
      throw DomainError.invalid([{ name: "stopreden", code: "verplicht", reason: "Geef de reden waarom de casus stopt." }]);
    }
    const now = isoTimestamp(deps.clock.now());
    const wie = door(ctx.actor);
    const stopreden = naar === "gestopt" ? (input.wijziging.stopreden ?? null) : null;
    // Stopping notes the day (the wait ended then, unless the parents chose to wait); waiting again starts afresh.
    const extra = { stopreden, gestoptOp: naar === "gestopt" ? isoDate(deps.clock.now()) : null, startdatum: null };
    await atomicMetLog(
      ctx,
      [
        statusStep(deps, casus, naar, now, extra),
        casusHistorieStep(deps, {
          casusId: casus.id,
          soort: "status",
          van: casus.status,
          naar,
          reden: stopreden,
          door: wie,
          op: now,
        }),
        // Stopping a case ends its open proposal and gives a held place back.
        ...(await endKoppelingenSteps(deps, { casusId: casus.id, now, wie })),
      ],
      [casus.id],
    );
    return toon(deps, { ...casus, ...extra, status: naar, versie: casus.versie + 1, gewijzigdOp: now });
  },
);

/** Sets or clears a broker's override of the priority group; the reason is mandatory. */
export const overridePrioriteit = useCase(
  ["zorgmakelaar"],
  async (ctx, input: { id: string; wijziging: z.output<typeof HandmatigePrioriteitInput> }) => {
    const { deps } = ctx;
    const casus = await casusVan(ctx, input.id);
    const { groep, reden } = input.wijziging;
    if (casus.urgentie !== "regulier") {
      throw DomainError.conflict(
        `Casus ${casus.id} heeft urgentie ${casus.urgentie}: buiten het afwegingskader, dus zonder prioriteitsgroep.`,
      );
    }
    const now = isoTimestamp(deps.clock.now());
    const set = { handmatigeGroep: groep, handmatigeReden: groep === null ? null : reden, gewijzigdOp: now };
    await atomicMetLog(
      ctx,
      [
        { ...nextVersionStep(deps, casussen, casus, set), onMismatch: staleVersionError },
        casusHistorieStep(deps, {
          casusId: casus.id,
          soort: "prioriteit",
          van: casus.handmatigeGroep === null ? null : String(casus.handmatigeGroep),
          naar: groep === null ? null : String(groep),
          reden,
          door: door(ctx.actor),
          op: now,
        }),
      ],
      [casus.id],
    );
    return toon(deps, { ...casus, ...set, versie: casus.versie + 1 });
  },
);

const CORRIGEERBAAR = [
  "referentie",
  "geboortedatum",
  "woongemeente",
  "zorgvorm",
  "aanmelddatum",
  "urgentie",
  "maatregelen",
  "overbrugging",
] as const;

/**
 * Corrects a case (PATCH, with If-Match): by the organisation that registered it or a broker of
 * its region. Only the fields given change; each change is in the case history, old → new.
 */
export const correctCasus = useCase(
  CASUSWERKERS,
  async (ctx, input: { id: string; correctie: CasusCorrectie; versies?: number[] }) => {
    const { deps } = ctx;
    const casus = await casusVan(ctx, input.id);
    assertVersion(casus.versie, input.versies);
    const c = input.correctie;
    const huidig = toCasus(casus, await prioriteitVan(deps, casus));
    const nieuw = {
      referentie: c.referentie ?? casus.referentie,
      geboortedatum: c.geboortedatum ?? casus.geboortedatum,
      woongemeente: c.woongemeente ?? casus.woongemeente,
      zorgvorm: c.zorgvorm ?? casus.zorgvorm,
      aanmelddatum: c.aanmelddatum ?? casus.aanmelddatum,
      urgentie: c.urgentie ?? casus.urgentie,
      maatregelen: maatregelenUit(c) ?? casus.maatregelen,
      overbrugging: c.overbrugging === undefined ? huidig.overbrugging : c.overbrugging,
    };
    await validate(deps, { ...nieuw, maatregel: undefined, overbrugging: nieuw.overbrugging });
    if (ctx.actor.rol === "zorgmakelaar" && nieuw.woongemeente !== casus.woongemeente) {
      const gemeente = await findGemeente(deps, nieuw.woongemeente);
      if (!gemeente?.regio || !ctx.actor.regios.includes(gemeente.regio))
        throw DomainError.invalid([
          { name: "woongemeente", code: "buiten-regio", reason: "Deze gemeente hoort niet bij een regio waarvoor u werkt." },
        ]);
    }
    const oud: Record<string, unknown> = { ...huidig, maatregelen: casus.maatregelen };
    const gewijzigd = CORRIGEERBAAR.filter((k) => JSON.stringify(oud[k]) !== JSON.stringify(nieuw[k]));
    if (gewijzigd.length === 0) return huidig;
    const now = isoTimestamp(deps.clock.now());
    const set = {
      referentie: nieuw.referentie,
      geboortedatum: nieuw.geboortedatum,
      woongemeente: nieuw.woongemeente,
      zorgvorm: nieuw.zorgvorm,
      aanmelddatum: nieuw.aanmelddatum,
      urgentie: nieuw.urgentie,
      maatregelen: nieuw.maatregelen,
      overbruggingZorgvorm: nieuw.overbrugging?.zorgvorm ?? null,
      gewijzigdOp: now,
    };
    const bestaat = await deps.db.orm
      .select({ id: casussen.id })
      .from(casussen)
      .where(and(eq(casussen.organisatie, casus.organisatie), eq(casussen.referentie, set.referentie)));
    if (bestaat.some((b) => b.id !== casus.id))
      throw DomainError.conflict("Uw organisatie heeft al een casus met deze referentie.", {
        invalidParams: [{ name: "referentie", code: "bestaat-al", reason: "Deze referentie is al in gebruik." }],
      });
    await atomicMetLog(
      ctx,
      [
        { ...nextVersionStep(deps, casussen, casus, set), onMismatch: staleVersionError },
        casusHistorieStep(deps, {
          casusId: casus.id,
          soort: "correctie",
          van: JSON.stringify(Object.fromEntries(gewijzigd.map((k) => [k, oud[k]]))),
          naar: JSON.stringify(Object.fromEntries(gewijzigd.map((k) => [k, nieuw[k]]))),
          reden: `gecorrigeerd: ${gewijzigd.join(", ")}`,
          door: door(ctx.actor),
          op: now,
        }),
      ],
      [casus.id],
    );
    return toon(deps, { ...casus, ...set, versie: casus.versie + 1 });
  },
);

export async function readCasusHistorie({ db }: Deps, casusId: string) {
  return db.orm.select().from(casusHistorie).where(eq(casusHistorie.casusId, casusId)).orderBy(asc(casusHistorie.volgnummer));
}

/** Every transition and override of a case: what, who, when. */
export const listCasusHistorie = useCase(CASUSWERKERS, async (ctx, { id }: { id: string }) => {
  const casus = await casusVan(ctx, id);
  return readCasusHistorie(ctx.deps, casus.id);
});

/**
 * Everything the case page shows: the case, its priority as shown and as computed before any
 * override, the rule set in force, its history and its municipality.
 */
export const getCasusDossier = useCase(CASUSWERKERS, async (ctx, { id }: { id: string }) => {
  const { deps } = ctx;
  const row = await casusVan(ctx, id);
  const prioriteiten = await loadPrioriteitContext(deps);
  const regio = prioriteiten.regioVan.get(row.woongemeente) ?? undefined;
  return {
    row,
    prioriteit: prioriteiten.prioriteit(row),
    berekend: prioriteiten.berekend(row).groep,
    regio,
    regelset: prioriteiten.regelsetVoor(regio),
    peildatum: prioriteiten.opDatum,
    historie: await readCasusHistorie(deps, row.id),
    gemeente: await findGemeente(deps, row.woongemeente),
  };
});
export type CasusDossier = Awaited<ReturnType<typeof getCasusDossier>>;
