import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { statusOf } from "../http/problem.ts";
import { DomainError } from "../kern/errors.ts";
import { issuesToInvalidParams } from "../kern/violations.ts";

/** What the user typed, field by field, exactly as typed: shown again when the server refuses it. */
export type Waarden = Record<string, string>;
/** One Dutch message per field name. */
export type Fouten = Record<string, string>;

/** A form as the page shows it: the user's values, a message per field, and one for the whole form. */
export interface Formulier {
  waarden: Waarden;
  fouten: Fouten;
  /** A problem that belongs to no single field (someone else changed the offer meanwhile). */
  melding?: string;
}

export const LEEG_FORMULIER: Formulier = { waarden: {}, fouten: {} };

/** The fields of a posted form as strings (the CSRF field left out); files are ignored. */
export async function leesFormulier(c: Context): Promise<Waarden> {
  const body = await c.req.parseBody();
  const waarden: Waarden = {};
  for (const [naam, waarde] of Object.entries(body)) {
    if (naam === CSRF_VELD) continue;
    if (typeof waarde === "string") waarden[naam] = waarde;
    else if (Array.isArray(waarde)) waarden[naam] = waarde.filter((w) => typeof w === "string").join(",");
  }
  return waarden;
}

export const CSRF_VELD = "_csrf";

const GEHEEL_GETAL = /^\s*-?\d{1,9}\s*$/;

/**
 * Reads a form into the API's own schema, so a page refuses exactly what the API refuses.
 * `getallen` are integer fields (empty means null); `vinkjes` are checkboxes (absent means false).
 */
export function valideer<S extends z.ZodType>(
  schema: S,
  waarden: Waarden,
  soorten: { getallen?: readonly string[]; vinkjes?: readonly string[]; leegIsNull?: readonly string[] } = {},
): { ok: true; data: z.output<S> } | { ok: false; formulier: Formulier } {
  const fouten: Fouten = {};
  const invoer: Record<string, unknown> = {};
  for (const [naam, waarde] of Object.entries(waarden))
    invoer[naam] = waarde.trim() === "" && soorten.leegIsNull?.includes(naam) ? null : waarde;
  for (const naam of soorten.getallen ?? []) {
    const waarde = waarden[naam] ?? "";
    if (waarde.trim() === "") invoer[naam] = null;
    else if (GEHEEL_GETAL.test(waarde)) invoer[naam] = Number(waarde);
    else fouten[naam] = "Vul een geheel getal in.";
  }
  for (const naam of soorten.vinkjes ?? []) invoer[naam] = waarden[naam] !== undefined;
  const result = schema.safeParse(invoer);
  if (!result.success) {
    for (const p of issuesToInvalidParams(result.error.issues, invoer)) fouten[p.name] ??= p.reason;
  }
  if (Object.keys(fouten).length > 0 || !result.success) return { ok: false, formulier: { waarden, fouten } };
  return { ok: true, data: result.data };
}

/**
 * A refusal from a service as a form to show again: each invalid parameter next to its field,
 * anything else (a conflict, a changed version, something that no longer exists) above the form.
 * Errors that are not the user's (5xx) are thrown on.
 */
export function formulierUitFout(error: unknown, waarden: Waarden, prefix = ""): Formulier {
  if (!(error instanceof DomainError) || statusOf(error.code) >= 500) throw error;
  const fouten: Fouten = {};
  for (const p of error.invalidParams ?? []) fouten[`${prefix}${p.name}`] ??= p.reason;
  if (Object.keys(fouten).length > 0) return { waarden, fouten };
  return { waarden, fouten, melding: error.detail };
}
