import type { z } from "zod";
import { DomainError, type InvalidParam } from "./errors.ts";

type Issue = z.core.$ZodIssue;

/** `["aanbod", 3, "vrijePlekken"]` → `aanbod[3].vrijePlekken`. */
export function paramName(path: readonly PropertyKey[]): string {
  let name = "";
  for (const part of path) {
    if (typeof part === "number") name += `[${part}]`;
    else name += name ? `.${String(part)}` : String(part);
  }
  return name;
}

const codes: Record<string, string> = {
  invalid_type: "ongeldig-type",
  too_small: "te-klein",
  too_big: "te-groot",
  invalid_format: "ongeldig-formaat",
  invalid_value: "ongeldige-waarde",
  not_multiple_of: "geen-veelvoud",
  invalid_union: "ongeldige-waarde",
  invalid_key: "ongeldige-sleutel",
  invalid_element: "ongeldig-element",
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Every zod issue becomes one `invalidParams` entry; unknown keys one entry per key.
 * `input` is the validated value, to tell a missing field from a wrong one.
 */
export function issuesToInvalidParams(issues: readonly Issue[], input: unknown, prefix: PropertyKey[] = []): InvalidParam[] {
  const out: InvalidParam[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({ name: paramName([...path, key]), code: "onbekend-veld", reason: "Dit veld is onbekend." });
      }
      continue;
    }
    if (issue.code === "invalid_type" && valueAt(input, issue.path) === undefined) {
      out.push({ name: paramName(path) || "body", code: "verplicht", reason: "Dit veld is verplicht." });
      continue;
    }
    const custom = issue.code === "custom" ? (issue.params as { code?: string } | undefined)?.code : undefined;
    out.push({
      name: paramName(path) || "body",
      code: custom ?? codes[issue.code] ?? "ongeldig",
      reason: issue.message,
    });
  }
  return out;
}

/** Collects domain-rule violations so that every one of them is reported, not only the first. */
export class Violations {
  private readonly list: InvalidParam[] = [];

  add(name: string, code: string, reason: string): this {
    this.list.push({ name, code, reason });
    return this;
  }

  get items(): readonly InvalidParam[] {
    return this.list;
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw DomainError.invalid([...this.list]);
  }
}

/**
 * A rule over several fields (leeftijdVan ≤ leeftijdTot). zod skips object refinements once a
 * field has failed, so these rules are also judged on the raw input of a failed request,
 * whenever the fields they read are valid themselves: one answer lists every problem.
 */
export interface CrossRule<T> {
  fields: readonly (keyof T & string)[];
  holds: (value: T) => boolean;
  name: keyof T & string;
  code: string;
  reason: string;
}

export function withCrossRules<S extends z.ZodType<Record<string, unknown>>>(schema: S, rules: CrossRule<z.infer<S>>[]) {
  return schema.superRefine((value, ctx) => {
    for (const rule of rules) {
      if (!rule.holds(value))
        ctx.addIssue({ code: "custom", path: [rule.name], message: rule.reason, params: { code: rule.code } });
    }
  });
}

/** The cross rules a failed input breaks, judged only where the fields they read are valid. */
export function brokenCrossRules<T>(rules: readonly CrossRule<T>[], raw: unknown, failed: readonly Issue[]): InvalidParam[] {
  // Only an object has fields to compare; an array or a scalar already failed as a whole.
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return [];
  const invalid = new Set(failed.map((issue) => String(issue.path[0])));
  return rules
    .filter((rule) => rule.fields.every((f) => !invalid.has(f)) && !rule.holds(raw as T))
    .map((rule) => ({ name: rule.name, code: rule.code, reason: rule.reason }));
}
