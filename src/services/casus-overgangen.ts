import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { type AtomicStep, rawWrite } from "../../db/database.ts";
import { casusHistorie, casussen } from "../../db/schema/index.ts";
import { leeftijdJaren } from "../kern/dates.ts";
import { DomainError } from "../kern/errors.ts";
import { newId } from "../kern/ids.ts";
import { isoDate, isoTimestamp } from "../kern/time.ts";
import type { CasusHistorieSoort, CasusStatus } from "../kern/vocabulary.ts";
import type { Deps } from "./context.ts";
import { jsonIds } from "./query.ts";
import { casusInScope, HEEL_REGISTER, type Scope } from "./scope.ts";

/**
 * A case's life on the waiting list: its statuses and their transitions, the guarded status
 * write and the history line every change leaves. Shared by cases, holds and matching.
 */

export type CasusRow = typeof casussen.$inferSelect;

/** The transitions any path may make (proposals, holds, expiry, people). */
export const OVERGANGEN: Record<CasusStatus, CasusStatus[]> = {
  wachtend: ["voorgesteld", "aangemeld", "gereserveerd", "gestopt"],
  voorgesteld: ["wachtend", "aangemeld", "gereserveerd", "gestopt"],
  aangemeld: ["wachtend", "gereserveerd", "geplaatst", "gestopt"],
  gereserveerd: ["wachtend", "aangemeld", "geplaatst", "gestopt"],
  geplaatst: ["wachtend"],
  gestopt: ["wachtend"],
};

/** The statuses that follow from what is in play for the case: holds, referrals, proposals. */
const LOPEND = sql.raw("('wachtend', 'voorgesteld', 'aangemeld', 'gereserveerd')");

export function assertOvergang(casus: Pick<CasusRow, "id" | "status">, naar: CasusStatus, toegestaan = OVERGANGEN): void {
  if (!toegestaan[casus.status].includes(naar)) {
    throw DomainError.conflict(`Casus ${casus.id} kan niet van ${casus.status} naar ${naar}.`, {
      extensions: { status: 409, huidigeStatus: casus.status },
    });
  }
}

/** The history insert of one case event, written atomically with the event itself. */
export function casusHistorieStep(
  { db }: Deps,
  entry: {
    casusId: string;
    soort: CasusHistorieSoort;
    van?: string | null;
    naar?: string | null;
    reden?: string | null;
    door: string;
    op: string;
  },
): AtomicStep {
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
export function statusStep({ db }: Deps, casus: CasusRow, naar: CasusStatus, op: string, extra: Partial<CasusRow> = {}) {
  return {
    query: db.orm
      .update(casussen)
      .set({ status: naar, versie: casus.versie + 1, gewijzigdOp: op, ...extra })
      .where(and(eq(casussen.id, casus.id), eq(casussen.status, casus.status))),
    expectChanges: 1,
    onMismatch: () => DomainError.conflict(`Casus ${casus.id} is intussen gewijzigd; haal hem opnieuw op.`),
  };
}

/**
 * What a case in play stands at, at `now`, from what is in play for it: a hold that counts
 * makes it `gereserveerd`, else a referral awaiting its answer (before its deadline) or
 * accepted makes it `aangemeld`, else an open proposal `voorgesteld`, else it waits.
 */
function lopendeStatus(now: string, id: SQL): SQL<CasusStatus> {
  return sql<CasusStatus>`CASE
    WHEN EXISTS (SELECT 1 FROM reserveringen r WHERE r.casus_id = ${id} AND r.status = 'actief' AND r.verloopt_op > ${now}) THEN 'gereserveerd'
    WHEN EXISTS (SELECT 1 FROM aanmeldingen a WHERE a.casus_id = ${id}
      AND (a.status = 'geaccepteerd' OR (a.status = 'verzonden' AND a.antwoord_voor > ${now}))) THEN 'aangemeld'
    WHEN EXISTS (SELECT 1 FROM matchvoorstellen v WHERE v.casus_id = ${id} AND v.status = 'open' AND v.verloopt_op > ${now}) THEN 'voorgesteld'
    ELSE 'wachtend' END`;
}

/**
 * Steps that bring a case in play to the status that follows from its holds, referrals and
 * proposals after a change to them, in the same atomic write, with a history line when it
 * changes. A case that was placed or stopped in the meantime is left alone.
 */
export function herberekenSteps(casusId: string, reden: string, door: string, op: string): AtomicStep[] {
  const naar = lopendeStatus(op, sql.raw("casussen.id"));
  return [
    {
      query: rawWrite(sql`INSERT INTO casus_historie (id, casus_id, volgnummer, soort, van, naar, reden, door, op)
        SELECT ${newId()}, id, (SELECT COALESCE(MAX(volgnummer), 0) + 1 FROM casus_historie WHERE casus_id = ${casusId}),
          'status', status, ${naar}, ${reden}, ${door}, ${op}
        FROM casussen WHERE id = ${casusId} AND status IN ${LOPEND} AND status <> ${naar}`),
    },
    {
      query: rawWrite(sql`UPDATE casussen SET status = ${naar}, versie = versie + 1, gewijzigd_op = ${op}
        WHERE id = ${casusId} AND status IN ${LOPEND} AND status <> ${naar}`),
    },
  ];
}

/**
 * A case's status as it stands at `now`: a case whose hold, referral or proposal expired is
 * where the rest of what is in play puts it, whether or not a timer or a later write has
 * finalised the expiry yet.
 */
export function effectieveStatus(now: string): SQL<CasusStatus> {
  // Qualified by hand: inside the subqueries an unqualified "id" would be the subquery's own.
  return sql<CasusStatus>`CASE WHEN casussen.status IN ${LOPEND}
    THEN ${lopendeStatus(now, sql.raw("casussen.id"))} ELSE casussen.status END`;
}

/** Case rows as they stand now (their effective status), with the conditions given. */
export async function readCasussen(deps: Deps, where: SQL | undefined, page?: { limit: number; offset: number }) {
  const now = isoTimestamp(deps.clock.now());
  const query = deps.db.orm
    .select({ casus: casussen, status: effectieveStatus(now) })
    .from(casussen)
    .where(where)
    .orderBy(asc(casussen.aanmelddatum), asc(casussen.id));
  const rows = await (page ? query.limit(page.limit).offset(page.offset) : query);
  return rows.map((r): CasusRow => ({ ...r.casus, status: r.status }));
}

export async function findCasus(deps: Deps, id: string): Promise<CasusRow | undefined> {
  const [row] = await readCasussen(deps, eq(casussen.id, id));
  return row;
}

/** A case, or 404 when it does not exist or lies outside the caller's scope (not revealed). */
export async function requireCasus(deps: Deps, id: string, scope: Scope = HEEL_REGISTER): Promise<CasusRow> {
  const row = await findCasus(deps, id);
  if (!row || !(await casusInScope(deps, scope, row))) throw DomainError.notFound(`Casus ${id}`);
  return row;
}

/** What a provider may learn of a case: the child's age today and the care asked. */
export interface Kenmerken {
  leeftijd: number;
  gevraagdeZorgvorm: string;
}

/** The provider's view of cases, by case id (nothing that tells a priority group, a measure or the waiting). */
export async function kenmerken(deps: Deps, casusIds: readonly string[]): Promise<Map<string, Kenmerken>> {
  if (casusIds.length === 0) return new Map();
  const vandaag = isoDate(deps.clock.now());
  const rows = await deps.db.orm
    .select({ id: casussen.id, geboortedatum: casussen.geboortedatum, zorgvorm: casussen.zorgvorm })
    .from(casussen)
    .where(sql`${casussen.id} IN (SELECT value FROM json_each(${jsonIds(casusIds)}))`);
  return new Map(rows.map((r) => [r.id, { leeftijd: leeftijdJaren(r.geboortedatum, vandaag), gevraagdeZorgvorm: r.zorgvorm }]));
}
