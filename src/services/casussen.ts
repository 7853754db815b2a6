import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { rawWrite } from "../../db/database.ts";
import { type CasusStatus, casusHistorie, casussen, gemeenten } from "../../db/schema/index.ts";
import { ApiError, ErrorCode } from "../lib/errors.ts";
import { assertVersion, staleVersionError } from "../lib/etag.ts";
import { newId } from "../lib/ids.ts";
import { isoDate, isoTimestamp } from "../lib/time.ts";
import { Violations } from "../lib/validation.ts";
import { checkReferences } from "./catalogus.ts";
import { conditions, type Paging, paged } from "./common.ts";
import type { ServiceDeps } from "./deps.ts";
import { type Prioriteit, prioriteitVan } from "./prioritering.ts";
import { releaseSteps } from "./reserveringen.ts";
import { casusInScope, casusWhere, HEEL_REGISTER, type Scope } from "./scope.ts";

export type CasusRow = typeof casussen.$inferSelect;

export interface CasusInput {
  referentie: string;
  geboortedatum: string;
  woongemeente: string;
  zorgvorm: string;
  aanmelddatum: string;
  urgentie: "regulier" | "spoed" | "crisis";
  maatregel?: { type: string; ingangsdatum: string } | null;
  overbrugging?: { zorgvorm: string } | null;
}

export function toCasus(row: CasusRow, prioriteit: Prioriteit) {
  return {
    id: row.id,
    referentie: row.referentie,
    geboortedatum: row.geboortedatum,
    woongemeente: row.woongemeente,
    zorgvorm: row.zorgvorm,
    aanmelddatum: row.aanmelddatum,
    urgentie: row.urgentie,
    maatregel: row.maatregelType ? { type: row.maatregelType, ingangsdatum: row.maatregelIngangsdatum as string } : null,
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
    normOverschreden: prioriteit.normOverschreden,
    versie: row.versie,
    aangemaaktOp: row.aangemaaktOp,
    gewijzigdOp: row.gewijzigdOp,
  };
}
export type Casus = ReturnType<typeof toCasus>;

/** The statuses a person may set directly; the others follow from proposals and holds. */
const HANDMATIG: Record<CasusStatus, CasusStatus[]> = {
  wachtend: ["gestopt"],
  voorgesteld: ["gestopt"],
  gereserveerd: ["gestopt"],
  geplaatst: ["wachtend"], // re-entry after a failed placement
  gestopt: ["wachtend"], // reopened
};

/** The transitions any path may make (proposals, holds, expiry, people). */
export const OVERGANGEN: Record<CasusStatus, CasusStatus[]> = {
  wachtend: ["voorgesteld", "gereserveerd", "gestopt"],
  voorgesteld: ["wachtend", "gereserveerd", "gestopt"],
  gereserveerd: ["wachtend", "geplaatst", "gestopt"],
  geplaatst: ["wachtend"],
  gestopt: ["wachtend"],
};

export function assertOvergang(casus: Pick<CasusRow, "id" | "status">, naar: CasusStatus, toegestaan = OVERGANGEN): void {
  if (!toegestaan[casus.status].includes(naar)) {
    throw new ApiError(ErrorCode.conflict, `Casus ${casus.id} kan niet van ${casus.status} naar ${naar}.`, {
      extensions: { status: 409, huidigeStatus: casus.status },
    });
  }
}

/** The history insert of one case event, written atomically with the event itself. */
export function casusHistorieStep(
  { db }: ServiceDeps,
  entry: {
    casusId: string;
    soort: "aangemaakt" | "status" | "prioriteit";
    van?: string | null;
    naar?: string | null;
    reden?: string | null;
    door: string;
    op: string;
  },
) {
  return {
    query: db.orm.insert(casusHistorie).values({
      id: newId(),
      casusId: entry.casusId,
      soort: entry.soort,
      van: entry.van ?? null,
      naar: entry.naar ?? null,
      reden: entry.reden ?? null,
      door: entry.door,
      op: entry.op,
      volgnummer: sql`(SELECT COALESCE(MAX(volgnummer), 0) + 1 FROM casus_historie WHERE casus_id = ${entry.casusId})`,
    }),
  };
}

/** A guarded status change: only from the status the caller saw. */
export function statusStep({ db }: ServiceDeps, casus: CasusRow, naar: CasusStatus, op: string, extra: Partial<CasusRow> = {}) {
  return {
    query: db.orm
      .update(casussen)
      .set({ status: naar, versie: casus.versie + 1, gewijzigdOp: op, ...extra })
      .where(and(eq(casussen.id, casus.id), eq(casussen.status, casus.status))),
    expectChanges: 1,
    onMismatch: () => new ApiError(ErrorCode.conflict, `Casus ${casus.id} is intussen gewijzigd; haal hem opnieuw op.`),
  };
}

export async function findCasus({ db }: ServiceDeps, id: string): Promise<CasusRow | undefined> {
  const [row] = await db.orm.select().from(casussen).where(eq(casussen.id, id));
  return row;
}

/** A case, or 404 when it does not exist or lies outside the caller's scope (not revealed). */
export async function getCasus(deps: ServiceDeps, id: string, scope: Scope = HEEL_REGISTER): Promise<CasusRow> {
  const row = await findCasus(deps, id);
  if (!row || !(await casusInScope(deps, scope, row))) throw ApiError.notFound(`Casus ${id}`);
  return row;
}

async function validate(deps: ServiceDeps, input: CasusInput, v = new Violations()): Promise<void> {
  const vandaag = isoDate(deps.clock.now());
  if (input.geboortedatum > vandaag) v.add("geboortedatum", "in-de-toekomst", "De geboortedatum ligt in de toekomst.");
  if (input.aanmelddatum > vandaag) v.add("aanmelddatum", "in-de-toekomst", "De aanmelddatum ligt in de toekomst.");
  if (input.aanmelddatum < input.geboortedatum)
    v.add("aanmelddatum", "voor-geboortedatum", "De aanmelddatum ligt voor de geboortedatum.");
  if (input.maatregel && input.maatregel.ingangsdatum > vandaag) {
    v.add("maatregel.ingangsdatum", "in-de-toekomst", "De ingangsdatum van de maatregel ligt in de toekomst.");
  }
  await checkReferences(
    deps,
    { zorgvorm: { name: "zorgvorm", code: input.zorgvorm }, gemeente: { name: "woongemeente", code: input.woongemeente } },
    v,
  );
  if (input.overbrugging)
    await checkReferences(deps, { zorgvorm: { name: "overbrugging.zorgvorm", code: input.overbrugging.zorgvorm } }, v);
  v.throwIfAny();
}

/** Registers a waiting case; the reference must be unique within the organisation. */
export async function createCasus(deps: ServiceDeps, input: CasusInput, door: string, organisatie: string): Promise<CasusRow> {
  await validate(deps, input);
  const now = isoTimestamp(deps.clock.now());
  const row: CasusRow = {
    id: newId(),
    organisatie,
    referentie: input.referentie,
    geboortedatum: input.geboortedatum,
    woongemeente: input.woongemeente,
    zorgvorm: input.zorgvorm,
    aanmelddatum: input.aanmelddatum,
    urgentie: input.urgentie,
    maatregelType: input.maatregel?.type ?? null,
    maatregelIngangsdatum: input.maatregel?.ingangsdatum ?? null,
    overbruggingZorgvorm: input.overbrugging?.zorgvorm ?? null,
    status: "wachtend",
    stopreden: null,
    handmatigeGroep: null,
    handmatigeReden: null,
    versie: 1,
    aangemaaktOp: now,
    gewijzigdOp: now,
  };
  await deps.db.atomic([
    {
      query: rawWrite(
        sql`INSERT INTO casussen (id, organisatie, referentie, geboortedatum, woongemeente, zorgvorm, aanmelddatum, urgentie, maatregel_type, maatregel_ingangsdatum, overbrugging_zorgvorm, status, versie, aangemaakt_op, gewijzigd_op)
            SELECT ${row.id}, ${row.organisatie}, ${row.referentie}, ${row.geboortedatum}, ${row.woongemeente}, ${row.zorgvorm}, ${row.aanmelddatum}, ${row.urgentie}, ${row.maatregelType}, ${row.maatregelIngangsdatum}, ${row.overbruggingZorgvorm}, 'wachtend', 1, ${now}, ${now}
            WHERE NOT EXISTS (SELECT 1 FROM casussen WHERE organisatie = ${row.organisatie} AND referentie = ${row.referentie})`,
      ),
      expectChanges: 1,
      onMismatch: () =>
        // Never echo the reference: error messages may end up in logs.
        new ApiError(ErrorCode.conflict, "Uw organisatie heeft al een casus met deze referentie.", {
          invalidParams: [{ name: "referentie", code: "bestaat-al", reason: "Deze referentie is al in gebruik." }],
        }),
    },
    casusHistorieStep(deps, { casusId: row.id, soort: "aangemaakt", naar: "wachtend", door, op: now }),
  ]);
  return row;
}

export interface CasusFilter {
  status?: CasusStatus;
  regio?: string;
  woongemeente?: string;
}

export async function listCasussen(deps: ServiceDeps, filter: CasusFilter, paging: Paging, scope: Scope) {
  const { db } = deps;
  const where = and(
    ...conditions(
      casusWhere(deps, scope),
      filter.status ? eq(casussen.status, filter.status) : undefined,
      filter.woongemeente ? eq(casussen.woongemeente, filter.woongemeente) : undefined,
      filter.regio
        ? inArray(
            casussen.woongemeente,
            db.orm.select({ code: gemeenten.code }).from(gemeenten).where(eq(gemeenten.regio, filter.regio)),
          )
        : undefined,
    ),
  );
  const page = await paged(
    paging,
    (limit, offset) =>
      db.orm
        .select()
        .from(casussen)
        .where(where)
        .orderBy(asc(casussen.aanmelddatum), asc(casussen.id))
        .limit(limit)
        .offset(offset),
    () => db.orm.select({ n: count() }).from(casussen).where(where),
    (row) => row,
  );
  const resultaten = await Promise.all(page.resultaten.map(async (row) => toCasus(row, await prioriteitVan(deps, row))));
  return { ...page, resultaten };
}

/** A status change by a person: only the transitions in HANDMATIG; `gestopt` needs a reason. */
export async function wijzigStatus(
  deps: ServiceDeps,
  id: string,
  input: { status: CasusStatus; stopreden?: string | null },
  door: string,
  allowedVersions?: number[],
): Promise<CasusRow> {
  const casus = await getCasus(deps, id);
  assertVersion(casus.versie, allowedVersions);
  assertOvergang(casus, input.status, HANDMATIG);
  if (input.status === "gestopt" && !input.stopreden) {
    throw ApiError.invalid([{ name: "stopreden", code: "verplicht", reason: "Geef de reden waarom de casus stopt." }]);
  }
  const now = isoTimestamp(deps.clock.now());
  const stopreden = input.status === "gestopt" ? (input.stopreden ?? null) : null;
  const steps = [
    statusStep(deps, casus, input.status, now, { stopreden }),
    casusHistorieStep(deps, {
      casusId: id,
      soort: "status",
      van: casus.status,
      naar: input.status,
      reden: stopreden,
      door,
      op: now,
    }),
    ...(await releaseFor(deps, casus, now, door)),
  ];
  await deps.db.atomic(steps);
  return { ...casus, status: input.status, stopreden, versie: casus.versie + 1, gewijzigdOp: now };
}

/** Stopping a case ends its open proposal and gives a held place back. */
function releaseFor(deps: ServiceDeps, casus: CasusRow, now: string, door: string) {
  return releaseSteps(deps, { casusId: casus.id, now, door, reden: "casus-gewijzigd" });
}

/** Sets or clears a broker's override of the priority group; the reason is mandatory. */
export async function zetHandmatigeGroep(
  deps: ServiceDeps,
  id: string,
  input: { groep: number | null; reden: string },
  door: string,
): Promise<CasusRow> {
  const casus = await getCasus(deps, id);
  if (casus.urgentie !== "regulier") {
    throw new ApiError(
      ErrorCode.conflict,
      `Casus ${id} heeft urgentie ${casus.urgentie}: buiten het afwegingskader, dus zonder prioriteitsgroep.`,
    );
  }
  const now = isoTimestamp(deps.clock.now());
  await deps.db.atomic([
    {
      query: deps.db.orm
        .update(casussen)
        .set({
          handmatigeGroep: input.groep,
          handmatigeReden: input.groep === null ? null : input.reden,
          versie: casus.versie + 1,
          gewijzigdOp: now,
        })
        .where(and(eq(casussen.id, id), eq(casussen.versie, casus.versie))),
      expectChanges: 1,
      onMismatch: staleVersionError,
    },
    casusHistorieStep(deps, {
      casusId: id,
      soort: "prioriteit",
      van: casus.handmatigeGroep === null ? null : String(casus.handmatigeGroep),
      naar: input.groep === null ? null : String(input.groep),
      reden: input.reden,
      door,
      op: now,
    }),
  ]);
  return {
    ...casus,
    handmatigeGroep: input.groep,
    handmatigeReden: input.groep === null ? null : input.reden,
    versie: casus.versie + 1,
    gewijzigdOp: now,
  };
}

export async function listCasusHistorie({ db }: ServiceDeps, casusId: string) {
  return db.orm.select().from(casusHistorie).where(eq(casusHistorie.casusId, casusId)).orderBy(asc(casusHistorie.volgnummer));
}
