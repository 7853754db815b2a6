import type { z } from "zod";
import { DomainError } from "../kern/errors.ts";
import { brokenCrossRules, type CrossRule, issuesToInvalidParams } from "../kern/violations.ts";

type HookResult = { success: boolean; target: string; error?: z.ZodError; data?: unknown };

/** The validation hook: every failure becomes one problem+json naming each invalid parameter. */
export function validationHook(result: HookResult, rules: readonly CrossRule<never>[] = []): void {
  if (result.success || !result.error) return;
  // On failure @hono/zod-validator passes the raw input as `data`.
  const issues = result.error.issues;
  const params = issuesToInvalidParams(issues, result.data);
  const cross = result.target === "json" ? brokenCrossRules(rules, result.data, issues) : [];
  throw DomainError.invalid([...params, ...cross.filter((c) => !params.some((p) => p.name === c.name && p.code === c.code))]);
}

/** A route hook that also judges the route's cross-field rules on a failed request. */
export function hookWith<T>(rules: readonly CrossRule<T>[]) {
  return (result: HookResult): undefined => {
    validationHook(result, rules as readonly CrossRule<never>[]);
  };
}
