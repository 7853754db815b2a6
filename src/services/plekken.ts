import { sql } from "drizzle-orm";
import { type AtomicStep, rawWrite } from "../../db/database.ts";
import { DomainError } from "../kern/errors.ts";
import { newId } from "../kern/ids.ts";

/**
 * Takes one free place of an offer in a single conditional statement, so that of many
 * requests for the last place exactly one wins; the history row is written first, in the
 * same atomic write, and rolled back with it when the place was gone.
 */
export function takePlekSteps(aanbodId: string, door: string, op: string): AtomicStep[] {
  return [
    {
      query: rawWrite(sql`INSERT INTO aanbod_historie (id, aanbod_id, soort, wijzigingen, door, op, volgnummer)
        SELECT ${newId()}, id, 'gewijzigd', json_array(json_object('veld', 'vrijePlekken', 'oud', vrije_plekken, 'nieuw', vrije_plekken - 1)), ${door}, ${op},
          (SELECT COALESCE(MAX(volgnummer), 0) + 1 FROM aanbod_historie WHERE aanbod_id = ${aanbodId})
        FROM aanbod WHERE id = ${aanbodId} AND vrije_plekken > 0`),
    },
    {
      query: rawWrite(sql`UPDATE aanbod SET vrije_plekken = vrije_plekken - 1, versie = versie + 1, gewijzigd_op = ${op}
        WHERE id = ${aanbodId} AND vrije_plekken > 0`),
      expectChanges: 1,
      onMismatch: () => DomainError.conflict("Er is geen vrije plek meer bij dit aanbod."),
    },
  ];
}

/** Gives a held place back (never above capacity), with its history row. */
export function givePlekBackSteps(aanbodId: string, door: string, op: string): AtomicStep[] {
  return [
    {
      query: rawWrite(sql`INSERT INTO aanbod_historie (id, aanbod_id, soort, wijzigingen, door, op, volgnummer)
        SELECT ${newId()}, id, 'gewijzigd', json_array(json_object('veld', 'vrijePlekken', 'oud', vrije_plekken, 'nieuw', MIN(capaciteit, vrije_plekken + 1))), ${door}, ${op},
          (SELECT COALESCE(MAX(volgnummer), 0) + 1 FROM aanbod_historie WHERE aanbod_id = ${aanbodId})
        FROM aanbod WHERE id = ${aanbodId} AND vrije_plekken < capaciteit`),
    },
    {
      query: rawWrite(sql`UPDATE aanbod SET vrije_plekken = vrije_plekken + 1, versie = versie + 1, gewijzigd_op = ${op}
        WHERE id = ${aanbodId} AND vrije_plekken < capaciteit`),
    },
  ];
}
