import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { json } from "../factories.ts";
import { makeRegister } from "../helpers.ts";

const run = promisify(execFile);
// The Logius ruleset stays outside the repository, in the team's shared folder.
const RULESET = resolve(import.meta.dirname, "../../../shared/standards/nl-api-design-rules.spectral.yaml");
const SPECTRAL = resolve(import.meta.dirname, "../../node_modules/.bin/spectral");

interface SpectralResult {
  code: string;
  severity: number;
  path: string[];
  message: string;
}

async function lint(document: unknown): Promise<SpectralResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "plekwijzer-oas-"));
  const file = join(dir, "openapi.json");
  writeFileSync(file, JSON.stringify(document));
  const { stdout } = await run(SPECTRAL, ["lint", "-r", RULESET, "-f", "json", "--quiet", "--fail-severity", "error", file], {
    maxBuffer: 32 * 1024 * 1024,
  }).catch((err: { stdout?: string; code?: number }) => {
    if (err.code === 1 && err.stdout) return { stdout: err.stdout };
    throw err;
  });
  return JSON.parse(stdout || "[]") as SpectralResult[];
}

async function document() {
  const r = await makeRegister();
  const res = await r.request("GET", "/v1/openapi.json");
  expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  return json<Record<string, unknown> & { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>(
    res,
    200,
  );
}

describe("OpenAPI document", () => {
  it("documents every route under /v1 with the version header", async () => {
    const doc = await document();
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/aanbieders",
        "/aanbod/{id}/beschikbaarheid",
        "/aanbod/{id}/bevestiging",
        "/aanbod/{id}/historie",
      ]),
    );
  });

  it("gives every schema a type or a $ref (Scalar on /docs reports an untyped schema as a document validation error)", async () => {
    type Schema = { $ref?: string; type?: unknown; properties?: Record<string, Schema>; items?: Schema; [k: string]: unknown };
    type Inhoud = Record<string, { schema?: Schema }>;
    type Operatie = {
      parameters?: { in: string; name: string; schema?: Schema }[];
      requestBody?: { content?: Inhoud };
      responses?: Record<string, { content?: Inhoud }>;
    };
    const doc = (await document()) as unknown as {
      components: { schemas: Record<string, Schema> };
      paths: Record<string, Record<string, Operatie>>;
    };
    const zonderType: string[] = [];
    const loop = (s: Schema | undefined, waar: string): void => {
      if (!s || typeof s !== "object") return;
      if (s.$ref === undefined && s.type === undefined) zonderType.push(waar);
      for (const k of ["anyOf", "oneOf", "allOf"])
        for (const [i, x] of ((s[k] as Schema[] | undefined) ?? []).entries()) loop(x, `${waar}/${k}/${i}`);
      for (const [k, v] of Object.entries(s.properties ?? {})) loop(v, `${waar}/properties/${k}`);
      loop(s.items, `${waar}/items`);
      if (typeof s.additionalProperties === "object") loop(s.additionalProperties as Schema, `${waar}/additionalProperties`);
    };
    for (const [naam, schema] of Object.entries(doc.components.schemas)) loop(schema, `#/components/schemas/${naam}`);
    for (const [pad, ops] of Object.entries(doc.paths))
      for (const [methode, op] of Object.entries(ops)) {
        const waar = `${methode} ${pad}`;
        for (const p of op.parameters ?? []) loop(p.schema, `${waar} ${p.in} ${p.name}`);
        for (const [type, m] of Object.entries(op.requestBody?.content ?? {})) loop(m.schema, `${waar} body ${type}`);
        for (const [status, r] of Object.entries(op.responses ?? {}))
          for (const [type, m] of Object.entries(r.content ?? {})) loop(m.schema, `${waar} ${status} ${type}`);
      }
    expect(zonderType).toEqual([]);
  });

  if (!existsSync(RULESET)) {
    it.skip(`Logius ruleset not found at ${RULESET}: Spectral check skipped`, () => {});
    return;
  }

  it("passes the Logius API Design Rules ruleset with zero errors", async () => {
    const errors = (await lint(await document())).filter((r) => r.severity === 0);
    expect(errors.map((e) => `${e.code} ${e.path.join(".")}: ${e.message}`)).toEqual([]);
  }, 60_000);

  it("the Spectral check fails on a document that breaks a rule (it can fail)", async () => {
    const doc = await document();
    const get = doc.paths["/aanbieders"]?.get;
    if (!get) throw new Error("missing /aanbieders");
    delete (get.responses["200"] as { headers?: unknown }).headers;
    const errors = (await lint(doc)).filter((r) => r.severity === 0);
    expect(errors.map((e) => e.code)).toContain("nlgov:missing-header");
  }, 60_000);
});
