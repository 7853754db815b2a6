import { type SQL, sql } from "drizzle-orm";
import { type AtomicStep, rawWrite } from "../../db/database.ts";
import type { Auteur } from "../kern/actor.ts";
import { DomainError } from "../kern/errors.ts";
import { newId } from "../kern/ids.ts";
import type { Deps } from "./context.ts";
import { jsonIds } from "./query.ts";

/**
 * An offer's places (DOMAIN.md, "Empty beds are not always available beds"). `vrijePlekken` is
 * what the provider reports as free, including the places it holds for a child through the
 * register; a hold is a row in `reserveringen` that counts against them until it ends or
 * expires. What others can still take is the difference. The rule: held places never exceed
 * free places, and free places never exceed capacity, in every write path and under
 * concurrency (each guard a single conditional statement).
 */

/** The holds that count at `now` for the offer `aanbodId` (an expired hold no longer counts, finalised or not). */
export function actieveHolds(aanbodId: SQL | string, now: string): SQL {
  return sql`(SELECT count(*) FROM reserveringen r WHERE r.aanbod_id = ${aanbodId} AND r.status = 'actief' AND r.verloopt_op > ${now})`;
}

/** Holds counting at `now`, per offer. */
export async function vastgehoudenVoor(deps: Deps, aanbodIds: readonly string[], now: string): Promise<Map<string, number>> {
  if (aanbodIds.length === 0) return new Map();
  const rows = await deps.db.orm.all<{ id: string; n: number }>(
    sql`SELECT aanbod_id AS id, count(*) AS n FROM reserveringen
        WHERE aanbod_id IN (SELECT value FROM json_each(${jsonIds(aanbodIds)})) AND status = 'actief' AND verloopt_op > ${now}
        GROUP BY aanbod_id`,
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** The hold's row, inserted only while the offer has a free place no other hold counts on (else 409, nothing kept). */
export function holdInsertStep(row: {
  id: string;
  aanbodId: string;
  casusId: string;
  voorstelId: string | null;
  verlooptOp: string;
  aangemaaktOp: string;
}): AtomicStep {
  return {
    query:
      rawWrite(sql`INSERT INTO reserveringen (id, aanbod_id, casus_id, voorstel_id, status, verloopt_op, aangemaakt_op, gewijzigd_op)
      SELECT ${row.id}, ${row.aanbodId}, ${row.casusId}, ${row.voorstelId}, 'actief', ${row.verlooptOp}, ${row.aangemaaktOp}, ${row.aangemaaktOp}
      WHERE (SELECT vrije_plekken FROM aanbod WHERE id = ${row.aanbodId}) > ${actieveHolds(row.aanbodId, row.aangemaaktOp)}`),
    expectChanges: 1,
    onMismatch: () => DomainError.conflict("Er is geen vrije plek meer bij dit aanbod."),
  };
}

/**
 * A guard for a new figure of free places: it may not fall below the places held now. A no-op
 * write that changes one row only while the rule holds, so a hold taken between the check and
 * the write refuses the whole write.
 */
export function nietOnderVastgehoudenStep(aanbodId: string, vrijePlekken: number, now: string): AtomicStep {
  return {
    query: rawWrite(
      sql`UPDATE aanbod SET versie = versie WHERE id = ${aanbodId} AND ${vrijePlekken} >= ${actieveHolds(aanbodId, now)}`,
    ),
    expectChanges: 1,
    onMismatch: () =>
      DomainError.conflict(
        "Er is intussen een plek vastgehouden via Plekwijzer; er is niets opgeslagen. Bekijk de cijfers opnieuw.",
        {
          invalidParams: [{ name: "vrijePlekken", code: "lager-dan-vastgehouden", reason: "Intussen is een plek vastgehouden." }],
        },
      ),
  };
}

/** The child started: the held place is taken, one free place fewer, with its history line. */
export function plaatsingSteps(aanbodId: string, { door, gebruikerId }: Auteur, op: string): AtomicStep[] {
  return [
    {
      query: rawWrite(sql`INSERT INTO aanbod_historie (id, aanbod_id, soort, wijzigingen, door, gebruiker_id, op, volgnummer)
        SELECT ${newId()}, id, 'gewijzigd', json_array(json_object('veld', 'vrijePlekken', 'oud', vrije_plekken, 'nieuw', vrije_plekken - 1)), ${door}, ${gebruikerId}, ${op},
          (SELECT COALESCE(MAX(volgnummer), 0) + 1 FROM aanbod_historie WHERE aanbod_id = ${aanbodId})
        FROM aanbod WHERE id = ${aanbodId} AND vrije_plekken > 0`),
    },
    {
      query: rawWrite(sql`UPDATE aanbod SET vrije_plekken = vrije_plekken - 1, versie = versie + 1, gewijzigd_op = ${op}
        WHERE id = ${aanbodId} AND vrije_plekken > 0`),
    },
  ];
}
