import { createPrng, type Prng } from "../../seeds/prng.ts";

/**
 * A deterministic corpus of malformed requests, generated from the OpenAPI document: every
 * operation gets cases from several mutation families, and each case is sent with a role that
 * may call the route, so that validation (not authorization) is what has to reject it.
 * Synthetic data only: the ids are those of the test register, the rest is made up here.
 */

export const FAMILIES = [
  "wrong-type",
  "huge-string",
  "deep-json",
  "bad-utf8",
  "injection",
  "malformed-url",
  "malformed-body",
] as const;
export type Family = (typeof FAMILIES)[number];

/** Cases per family; they add up to the corpus size. */
export const QUOTAS: Record<Family, number> = {
  "wrong-type": 150,
  "huge-string": 120,
  "deep-json": 100,
  "bad-utf8": 100,
  injection: 200,
  "malformed-url": 200,
  "malformed-body": 130,
};
export const CORPUS_SIZE = Object.values(QUOTAS).reduce((a, b) => a + b, 0);

export type FuzzRol = "beheerder" | "zorgmakelaar" | "verwijzer" | "aanbieder";

export interface FuzzCase {
  family: Family;
  /** The operation of the OpenAPI document, e.g. `PUT /aanbod/{id}`. */
  operation: string;
  method: string;
  /** Request target including the server prefix and query, already percent-encoded (or deliberately not). */
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  rol: FuzzRol;
  /** What was broken, for failure messages. */
  note: string;
  /** The exact status when the mutation determines it (413, 415, 400); otherwise any 4xx. */
  expect?: number;
}

/** A correct request to an operation, to show that the corpus' requests fail for their mutation. */
export type ControlRequest = Omit<FuzzCase, "family" | "expect">;

/** Ids of rows that exist in the register under test; a missing one becomes a random UUID. */
export interface FuzzIds {
  aanbieder?: string;
  locatie?: string;
  aanbod?: string;
  contract?: string;
  casus?: string;
  organisatie?: string;
  token?: string;
  regelset?: string;
  matchvoorstel?: string;
  reservering?: string;
  aanmelding?: string;
  /** A gecertificeerde instelling (the ids' organisatie is a regional service team). */
  gi?: string;
}

// ---------------------------------------------------------------------------------------------
// The parts of OpenAPI 3.1 the generator reads.

export interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  example?: unknown;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

interface OperationObject {
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  servers?: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
}

const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;

export interface Operation {
  key: string;
  method: string;
  template: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  bodySchema: Schema | undefined;
  rol: FuzzRol;
}

const CASE_ROUTES = /^\/(casussen|wachtlijst|matchvoorstellen|reserveringen|aanmeldingen)(\/|$)/;

/** The roles of the `Toegang: a, b.` line the register appends to each operation's description. */
function rolFor(template: string, description: string | undefined): FuzzRol {
  const rollen = /Toegang: ([^.;]+)/.exec(description ?? "")?.[1]?.split(/,\s*/) ?? [];
  // Open to everyone: any token will do.
  if (rollen.includes("iedereen")) return "beheerder";
  if (CASE_ROUTES.test(template) && rollen.includes("zorgmakelaar")) return "zorgmakelaar";
  if (rollen.includes("beheerder")) return "beheerder";
  if (rollen.includes("zorgmakelaar")) return "zorgmakelaar";
  if (rollen.includes("verwijzer")) return "verwijzer";
  if (rollen.includes("aanbieder")) return "aanbieder";
  throw new Error(`No usable role for ${template}: ${description}`);
}

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const m of HTTP_METHODS) {
      const op = item[m] as OperationObject | undefined;
      if (!op) continue;
      // A file upload (CSV) is not a JSON operation: test/api/rapportages.test.ts feeds it bad files.
      if (op.requestBody?.content && !op.requestBody.content["application/json"]) continue;
      const params = op.parameters ?? [];
      out.push({
        key: `${m.toUpperCase()} ${template}`,
        method: m.toUpperCase(),
        template,
        pathParams: params.filter((p) => p.in === "path"),
        queryParams: params.filter((p) => p.in === "query"),
        bodySchema: op.requestBody?.content?.["application/json"]?.schema,
        rol: rolFor(template, op.description),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Snippets and byte sequences.

export const SQL_SNIPPETS = [
  "' OR 1=1 --",
  '"; DROP TABLE aanbod; --',
  "1; DELETE FROM casussen",
  "' UNION SELECT token_hash FROM tokens --",
  "1' AND (SELECT COUNT(*) FROM sqlite_master) > 0 --",
  "'); UPDATE aanbod SET vrije_plekken = 99; --",
];
export const SCRIPT_SNIPPETS = [
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  '"><img src=x onerror=alert(1)>',
  "<svg/onload=alert(document.cookie)>",
  "javascript:/*--></title></style></textarea></script><xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
];
const SNIPPETS = [...SQL_SNIPPETS, ...SCRIPT_SNIPPETS];

/** Invalid UTF-8: a bad continuation, bytes never valid, a lone surrogate, overlong and out-of-range forms, truncations. */
export const BAD_UTF8: readonly (readonly number[])[] = [
  [0xc3, 0x28],
  [0xff],
  [0xfe, 0xfe, 0xff, 0xff],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0x80],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
];

const HUGE_CHARS = ["x", "A", "é", "€", "𝕏", "'", "<"];

// ---------------------------------------------------------------------------------------------
// Schema helpers.

class Schemas {
  constructor(private readonly doc: OpenApiDocument) {}

  resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    for (let i = 0; s.$ref && i < 20; i++) {
      const name = s.$ref.replace("#/components/schemas/", "");
      const target = this.doc.components?.schemas?.[name];
      if (!target) throw new Error(`Unresolvable $ref ${s.$ref}`);
      s = target;
    }
    return s;
  }

  /** The JSON types a value may have: string, integer, number, boolean, array, object, null; `any` if open. */
  types(schema: Schema | undefined): Set<string> {
    const s = this.resolve(schema);
    const out = new Set<string>();
    for (const option of [...(s.oneOf ?? []), ...(s.anyOf ?? [])]) for (const t of this.types(option)) out.add(t);
    if (s.type) for (const t of Array.isArray(s.type) ? s.type : [s.type]) out.add(t);
    for (const v of s.enum ?? []) out.add(v === null ? "null" : typeof v);
    if (s.nullable) out.add("null");
    if (out.size === 0) out.add("any");
    return out;
  }

  /** The object schema behind a property that is an object (possibly nullable or one of several). */
  objectOf(schema: Schema | undefined): Schema | undefined {
    const s = this.resolve(schema);
    if (s.properties) return s;
    for (const option of [...(s.oneOf ?? []), ...(s.anyOf ?? [])]) {
      const o = this.objectOf(option);
      if (o) return o;
    }
    return undefined;
  }

  /** A string whose content is constrained (enum, pattern, format), as opposed to free text. */
  isCoded(schema: Schema | undefined): boolean {
    const s = this.resolve(schema);
    const types = this.types(s);
    if (!types.has("string")) return false;
    return Boolean(s.enum || s.pattern || s.format);
  }

  /** A field that a 10,000-character string must break: a limited, coded, numeric or boolean field. */
  isBounded(schema: Schema | undefined): boolean {
    const s = this.resolve(schema);
    const types = this.types(s);
    if (types.has("any")) return false;
    if (!types.has("string")) return true;
    return this.isCoded(s) || s.maxLength !== undefined;
  }
}

const ID_FOR_SEGMENT: Record<string, keyof FuzzIds> = {
  aanbieders: "aanbieder",
  locaties: "locatie",
  aanbod: "aanbod",
  contracten: "contract",
  casussen: "casus",
  organisaties: "organisatie",
  tokens: "token",
  prioriteringsregels: "regelset",
  matchvoorstellen: "matchvoorstel",
  reserveringen: "reservering",
  aanmeldingen: "aanmelding",
};

/** Body fields that take an id of another kind than their name says (a count is entered for a GI). */
const ID_HINTS: Record<string, Record<string, keyof FuzzIds>> = {
  "POST /maatregeltellingen": { organisatieId: "gi" },
};

/**
 * Values a valid body needs where the schema alone cannot tell: a contract names a gemeente or a
 * regio, an organisation of type aanbieder needs its provider, a token's role must suit its
 * organisation (the ids' organisatie is the zorgmakelaar's regional service team).
 */
const BASE_HINTS: Record<string, Record<string, unknown>> = {
  "POST /organisaties": { type: "regio", regios: ["haaglanden"] },
  "POST /tokens": { rol: "zorgmakelaar" },
  "POST /contracten": { gemeente: "GM0518" },
  "PUT /contracten/{id}": { gemeente: "GM0518" },
  "PATCH /casussen/{id}": { aanmelddatum: "2026-09-02" },
  "POST /aanmeldingen/{id}/acceptatie": { verwachteStartdatum: "2026-12-14" },
  "POST /aanmeldingen/{id}/start": { startdatum: "2026-11-27" },
};

const KNOWN_PATTERNS: Record<string, string> = {
  "^[0-9]{8}$": "12345678",
  "^\\+?[0-9 ()-]{10,20}$": "070 123 4567",
};

type FieldPath = (string | number)[];
interface Field {
  path: FieldPath;
  schema: Schema;
}

function pathName(path: FieldPath): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

// ---------------------------------------------------------------------------------------------
// The generator.

class Generator {
  private readonly schemas: Schemas;
  private readonly base: string;

  constructor(
    doc: OpenApiDocument,
    private readonly ids: FuzzIds,
    private readonly prng: Prng,
  ) {
    this.schemas = new Schemas(doc);
    const server = doc.servers?.[0]?.url ?? "/v1";
    this.base = server.startsWith("/") ? server.replace(/\/$/, "") : "/v1";
  }

  /** Random UUIDs for missing ids come from a generator of their own, so the corpus' choices do not depend on them. */
  private readonly spare = createPrng(0x5eed);

  private id(key: keyof FuzzIds | undefined): string {
    return (key && this.ids[key]) || this.spare.uuid();
  }

  // --- valid values -------------------------------------------------------------------------

  /** A valid value for the schema, or undefined when none can be made up. */
  example(schema: Schema | undefined, name: string): unknown {
    const s = this.schemas.resolve(schema);
    const options = [...(s.oneOf ?? []), ...(s.anyOf ?? [])];
    if (options.length > 0) {
      if (options.some((o) => this.schemas.types(o).has("null"))) return null;
      for (const o of options) {
        const v = this.example(o, name);
        if (v !== undefined) return v;
      }
      return undefined;
    }
    const types = this.schemas.types(s);
    if (s.enum) return s.enum.find((v) => v !== null);
    if (s.example !== undefined) return structuredClone(s.example);
    if (types.has("object") || s.properties) return this.exampleObject(s, name);
    if (types.has("array")) {
      const item = this.example(s.items, name);
      return item === undefined ? [] : [item];
    }
    if (types.has("string")) {
      if (s.format === "uuid") return this.id(name.endsWith("Id") ? (name.slice(0, -2) as keyof FuzzIds) : undefined);
      if (s.format === "date") return "2026-06-01";
      if (s.format === "date-time") return "2027-01-15T09:00:00.000Z";
      if (s.format === "uri") return "https://example.org/fuzz";
      if (s.format === "email") return "fuzz@example.org";
      if (s.pattern) return KNOWN_PATTERNS[s.pattern];
      const text = "Fuzztekst";
      return text.padEnd(Math.max(s.minLength ?? 0, text.length), "x");
    }
    if (types.has("integer") || types.has("number")) {
      const min = s.minimum ?? 0;
      const max = s.maximum ?? Number.MAX_SAFE_INTEGER;
      return Math.min(Math.max(1, min), max);
    }
    if (types.has("boolean")) return false;
    if (types.has("null")) return null;
    return undefined;
  }

  /** The required properties, each with a valid value. */
  exampleObject(schema: Schema, key = ""): Record<string, unknown> {
    const s = this.schemas.objectOf(schema) ?? {};
    const out: Record<string, unknown> = {};
    for (const name of s.required ?? []) {
      const v = this.example(s.properties?.[name], name);
      if (v !== undefined) out[name] = v;
    }
    // A copy: mutations write into the body in place.
    const ids = Object.fromEntries(Object.entries(ID_HINTS[key] ?? {}).map(([veld, id]) => [veld, this.ids[id]]));
    return { ...out, ...structuredClone(BASE_HINTS[key] ?? {}), ...ids };
  }

  /** The operation called correctly: real ids, required query parameters, a valid body. */
  control(op: Operation): ControlRequest {
    const body = this.validBodyText(op);
    const headers: Record<string, string> = body === undefined ? {} : { "Content-Type": "application/json" };
    return { operation: op.key, method: op.method, path: this.url(op), headers, body, rol: op.rol, note: "valid request" };
  }

  baseBody(op: Operation): Record<string, unknown> {
    return op.bodySchema ? this.exampleObject(op.bodySchema, op.key) : {};
  }

  /** Top-level fields, the fields of nested objects and of the first item of arrays. */
  fields(schema: Schema | undefined, prefix: FieldPath = [], depth = 0): Field[] {
    const s = this.schemas.objectOf(schema);
    if (!s?.properties) return [];
    const out: Field[] = [];
    for (const [name, prop] of Object.entries(s.properties)) {
      const path = [...prefix, name];
      out.push({ path, schema: prop });
      if (depth >= 2) continue;
      const resolved = this.schemas.resolve(prop);
      if (this.schemas.objectOf(resolved)) out.push(...this.fields(resolved, path, depth + 1));
      if (resolved.items) {
        const item = this.schemas.resolve(resolved.items);
        out.push({ path: [...path, 0], schema: item });
        if (this.schemas.objectOf(item)) out.push(...this.fields(item, [...path, 0], depth + 1));
      }
    }
    return out;
  }

  /** Sets `path` in `body`, making the parents on the way valid objects or one-item arrays first. */
  setPath(body: Record<string, unknown>, bodySchema: Schema, path: FieldPath, value: unknown): void {
    let target: Record<string | number, unknown> = body;
    let schema: Schema | undefined = bodySchema;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i] as string | number;
      const s: Schema = this.schemas.resolve(schema);
      const child: Schema | undefined =
        typeof key === "number" ? s.items : (this.schemas.objectOf(s)?.properties?.[key] ?? undefined);
      const resolvedChild = this.schemas.resolve(child);
      let current = target[key];
      if (typeof path[i + 1] === "number") {
        if (!Array.isArray(current) || current.length === 0) {
          const item = this.example(resolvedChild.items, String(key));
          current = item === undefined ? [] : [item];
        }
      } else if (current === null || typeof current !== "object" || Array.isArray(current)) {
        current = this.exampleObject(resolvedChild);
      }
      target[key] = current;
      target = current as Record<string | number, unknown>;
      schema = child;
    }
    target[path[path.length - 1] as string | number] = value;
  }

  // --- request building ---------------------------------------------------------------------

  /**
   * The path of the operation with real ids (or `overrides`, already encoded) and a raw query;
   * required query parameters that the query leaves out are added with a valid value.
   */
  url(op: Operation, overrides: Record<string, string> = {}, query = ""): string {
    const required = op.queryParams
      .filter((p) => p.required && !new RegExp(`(^|&)${p.name}=`).test(query))
      .map((p) => `${p.name}=${encodeURIComponent(String(this.example(p.schema, p.name)))}`);
    const fullQuery = [...required, ...(query ? [query] : [])].join("&");
    const segment = op.template.split("/")[1] ?? "";
    const path = op.template.replace(/\{([^}]+)\}/g, (_, name: string) => {
      if (overrides[name] !== undefined) return overrides[name];
      const param = op.pathParams.find((p) => p.name === name);
      const schema = this.schemas.resolve(param?.schema);
      if (schema.format === "uuid") return this.id(ID_FOR_SEGMENT[segment]);
      return encodeURIComponent(String(this.example(schema, name) ?? "fuzz"));
    });
    return `${this.base}${path}${fullQuery ? `?${fullQuery}` : ""}`;
  }

  private make(
    family: Family,
    op: Operation,
    note: string,
    parts: { path?: string; body?: string | Uint8Array; headers?: Record<string, string>; expect?: number },
  ): FuzzCase {
    const headers = parts.headers ?? (parts.body === undefined ? {} : { "Content-Type": "application/json" });
    return {
      family,
      operation: op.key,
      method: op.method,
      path: parts.path ?? this.url(op),
      headers,
      body: parts.body,
      rol: op.rol,
      note,
      ...(parts.expect === undefined ? {} : { expect: parts.expect }),
    };
  }

  /** The valid body of a body operation (as JSON text), undefined for operations without one. */
  private validBodyText(op: Operation): string | undefined {
    return op.bodySchema ? JSON.stringify(this.baseBody(op)) : undefined;
  }

  private hasBody(op: Operation): boolean {
    return op.bodySchema !== undefined;
  }

  private sendsBody(op: Operation): boolean {
    return op.method === "POST" || op.method === "PUT" || op.method === "PATCH";
  }

  /** A body-field mutation where the body is JSON text with `value` spliced in raw at `path`. */
  private bodyWithRaw(op: Operation, path: FieldPath, raw: string): string {
    const schema = op.bodySchema as Schema;
    const body = this.baseBody(op);
    const marker = "@@FUZZ-MARKER@@";
    this.setPath(body, schema, path, marker);
    return JSON.stringify(body).replace(`"${marker}"`, () => raw);
  }

  // --- families -----------------------------------------------------------------------------

  eligible(family: Family, op: Operation): boolean {
    switch (family) {
      case "wrong-type":
      case "deep-json":
        return this.hasBody(op);
      case "bad-utf8":
      case "malformed-body":
        return this.sendsBody(op);
      default:
        return true;
    }
  }

  generate(family: Family, op: Operation): FuzzCase {
    switch (family) {
      case "wrong-type":
        return this.wrongType(op);
      case "huge-string":
        return this.hugeString(op);
      case "deep-json":
        return this.deepJson(op);
      case "bad-utf8":
        return this.badUtf8(op);
      case "injection":
        return this.injection(op);
      case "malformed-url":
        return this.malformedUrl(op);
      case "malformed-body":
        return this.malformedBody(op);
    }
  }

  /** JSON values of another type than the schema allows. */
  private wrongValues(schema: Schema): unknown[] {
    const types = this.schemas.types(schema);
    if (types.has("any")) return [];
    const numeric = types.has("number") || types.has("integer");
    const candidates: [boolean, unknown][] = [
      [types.has("string"), "fuzz"],
      [types.has("string"), "12"],
      [types.has("string"), ""],
      [numeric, 42],
      [numeric, 0],
      [types.has("number"), -3.5],
      [types.has("number"), 1e308],
      [types.has("boolean"), true],
      [types.has("boolean"), false],
      [types.has("array"), []],
      [types.has("array"), ["fuzz", 1]],
      [types.has("object"), {}],
      [types.has("object"), { waarde: 1 }],
      [types.has("null"), null],
    ];
    return candidates.filter(([allowed]) => !allowed).map(([, v]) => v);
  }

  private wrongType(op: Operation): FuzzCase {
    const schema = op.bodySchema as Schema;
    const fields = this.fields(schema).filter((f) => this.wrongValues(f.schema).length > 0);
    const body = this.baseBody(op);
    const count = this.prng.chance(0.75) ? 1 : 2;
    const notes: string[] = [];
    for (let i = 0; i < count; i++) {
      const field = this.prng.pick(fields);
      const value = this.prng.pick(this.wrongValues(field.schema));
      this.setPath(body, schema, field.path, value);
      notes.push(`${pathName(field.path)}=${JSON.stringify(value)}`);
    }
    return this.make("wrong-type", op, `wrong type: ${notes.join(", ")}`, {
      path: this.url(op),
      body: JSON.stringify(body),
      expect: 400,
    });
  }

  private huge(length: number): string {
    return this.prng.pick(HUGE_CHARS).repeat(length);
  }

  private hugeString(op: Operation): FuzzCase {
    const bodyFields = this.hasBody(op)
      ? this.fields(op.bodySchema).filter((f) => this.schemas.types(f.schema).has("string") && this.schemas.isBounded(f.schema))
      : [];
    const queryParams = op.queryParams.filter((p) => this.schemas.isBounded(p.schema));
    const options: string[] = [];
    if (this.sendsBody(op)) options.push("body-100k", "body-100k");
    if (bodyFields.length > 0) options.push("field-10k", "field-10k");
    if (queryParams.length > 0) options.push("query");
    if (op.pathParams.length > 0) options.push("path");
    // Nothing else to make huge (a CSV upload): a body over the limit is refused all the same.
    if (options.length === 0) options.push("body-100k");
    const option = this.prng.pick(options);
    const validBody = this.validBodyText(op);
    if (option === "body-100k") {
      // Larger than the 64 KiB limit: a string field of 100k+ characters, or any JSON of that size.
      const length = this.prng.int(100_000, 120_000);
      const text =
        bodyFields.length > 0
          ? this.bodyWithRaw(op, this.prng.pick(bodyFields).path, JSON.stringify(this.huge(length)))
          : JSON.stringify({ opmerking: this.huge(length) });
      return this.make("huge-string", op, `body of ${length}+ characters`, { path: this.url(op), body: text, expect: 413 });
    }
    if (option === "field-10k") {
      const field = this.prng.pick(bodyFields);
      const length = this.prng.int(10_000, 12_000);
      const text = this.bodyWithRaw(op, field.path, JSON.stringify(this.huge(length)));
      return this.make("huge-string", op, `${length} characters in ${pathName(field.path)}`, {
        path: this.url(op),
        body: text,
        expect: 400,
      });
    }
    const length = this.prng.int(10_000, 40_000);
    const value = encodeURIComponent(this.huge(length));
    if (option === "query") {
      const param = this.prng.pick(queryParams);
      return this.make("huge-string", op, `${length} characters in query ${param.name}`, {
        path: this.url(op, {}, `${param.name}=${value}`),
        body: validBody,
        expect: 400,
      });
    }
    const param = this.prng.pick(op.pathParams);
    return this.make("huge-string", op, `${length} characters in path ${param.name}`, {
      path: this.url(op, { [param.name]: value }),
      body: validBody,
    });
  }

  private deepJson(op: Operation): FuzzCase {
    const MAX = 60_000;
    const variant = this.prng.pick(["arrays", "objects", "mixed", "field", "field", "recursive"] as const);
    const fields = this.fields(op.bodySchema);
    const recursive = fields.filter((f) => f.path[f.path.length - 1] === "voorwaarde");
    let text: string;
    let note: string;
    if (variant === "arrays") {
      const depth = this.prng.int(10_000, 29_000);
      text = "[".repeat(depth) + "]".repeat(depth);
      note = `${depth} nested arrays as the body`;
    } else if (variant === "objects") {
      const depth = this.prng.int(5_000, 9_900);
      text = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
      note = `${depth} nested objects as the body`;
    } else if (variant === "mixed") {
      const depth = this.prng.int(3_000, 7_000);
      text = `${'[{"k":'.repeat(depth)}null${"}]".repeat(depth)}`;
      note = `${depth} nested array-object pairs as the body`;
    } else if (variant === "recursive" && recursive.length > 0) {
      // A recursive condition ({ alle: [{ alle: [...] }] }) far deeper than the rule allows.
      const field = this.prng.pick(recursive);
      const room = MAX - (this.validBodyText(op)?.length ?? 0) - 60;
      const depth = Math.min(this.prng.int(1_000, 6_000), Math.floor(room / 11));
      const raw = `${'{"alle":['.repeat(depth)}{"veld":"wachtdagen","op":">","waarde":1}${"]}".repeat(depth)}`;
      text = this.bodyWithRaw(op, field.path, raw);
      note = `${depth} nested conditions in ${pathName(field.path)}`;
    } else {
      const field = this.prng.pick(fields);
      const room = MAX - (this.validBodyText(op)?.length ?? 0) - 20;
      const objects = this.prng.chance(0.5);
      const depth = Math.min(this.prng.int(2_000, 20_000), Math.floor(room / (objects ? 7 : 2)));
      const raw = objects ? `${'{"x":'.repeat(depth)}"y"${"}".repeat(depth)}` : "[".repeat(depth) + "]".repeat(depth);
      text = this.bodyWithRaw(op, field.path, raw);
      note = `${depth} nested ${objects ? "objects" : "arrays"} in ${pathName(field.path)}`;
    }
    return this.make("deep-json", op, note, { path: this.url(op), body: text, expect: 400 });
  }

  private badUtf8(op: Operation): FuzzCase {
    const text = this.validBodyText(op) ?? `{"opmerking":"fuzz"}`;
    const bytes = this.prng.pick(BAD_UTF8);
    const encoder = new TextEncoder();
    // Inside a string value (after an opening quote), or at any position of the text.
    const quotes = [...text.matchAll(/:"/g)].map((m) => (m.index ?? 0) + 2);
    const at = quotes.length > 0 && this.prng.chance(0.7) ? this.prng.pick(quotes) : this.prng.int(0, text.length);
    const before = encoder.encode(text.slice(0, at));
    const after = encoder.encode(text.slice(at));
    const body = new Uint8Array(before.length + bytes.length + after.length);
    body.set(before, 0);
    body.set(bytes, before.length);
    body.set(after, before.length + bytes.length);
    const hex = bytes.map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
    const type = this.prng.pick(["application/json", "application/json; charset=utf-8", "application/problem+json"]);
    return this.make("bad-utf8", op, `bytes ${hex} at offset ${at}`, {
      path: this.url(op),
      body,
      headers: { "Content-Type": type },
      expect: 400,
    });
  }

  private snippet(realId: string | undefined): string {
    const s = this.prng.pick(SNIPPETS);
    return realId && this.prng.chance(0.3) ? `${realId}${s}` : s;
  }

  private injection(op: Operation): FuzzCase {
    const targets: ("path" | "query" | "body")[] = [];
    const queryParams = op.queryParams.filter((p) => {
      const types = this.schemas.types(p.schema);
      return this.schemas.isCoded(p.schema) || (!types.has("string") && !types.has("any"));
    });
    const bodyFields = this.hasBody(op) ? this.fields(op.bodySchema).filter((f) => this.schemas.isCoded(f.schema)) : [];
    if (op.pathParams.length > 0) targets.push("path");
    if (queryParams.length > 0) targets.push("query");
    if (bodyFields.length > 0) targets.push("body", "body");
    const target = this.prng.pick(targets);
    const validBody = this.validBodyText(op);
    if (target === "path") {
      const param = this.prng.pick(op.pathParams);
      const segment = op.template.split("/")[1] ?? "";
      const real =
        this.schemas.resolve(param.schema).format === "uuid" ? this.ids[ID_FOR_SEGMENT[segment] ?? "aanbieder"] : undefined;
      const s = this.snippet(real);
      return this.make("injection", op, `path ${param.name}=${s}`, {
        path: this.url(op, { [param.name]: encodeURIComponent(s) }),
        body: validBody,
      });
    }
    if (target === "query") {
      const param = this.prng.pick(queryParams);
      const s = this.snippet(this.schemas.resolve(param.schema).format === "uuid" ? this.ids.aanbieder : undefined);
      return this.make("injection", op, `query ${param.name}=${s}`, {
        path: this.url(op, {}, `${param.name}=${encodeURIComponent(s)}`),
        body: validBody,
        expect: 400,
      });
    }
    const field = this.prng.pick(bodyFields);
    const body = this.baseBody(op);
    // A code with a snippet appended, or the bare snippet; a URL or address gets only the bare one
    // (a valid URL may carry any text in its path, which output escaping must handle).
    const format = this.schemas.resolve(field.schema).format;
    const original = format === "uri" || format === "email" ? undefined : this.example(field.schema, String(field.path.at(-1)));
    const s = this.snippet(typeof original === "string" ? original : undefined);
    this.setPath(body, op.bodySchema as Schema, field.path, s);
    return this.make("injection", op, `body ${pathName(field.path)}=${s}`, {
      path: this.url(op),
      body: JSON.stringify(body),
      expect: 400,
    });
  }

  /** An invalid value for a query parameter, by its schema, already encoded. */
  private badQueryValue(param: Parameter): string {
    const s = this.schemas.resolve(param.schema);
    const types = this.schemas.types(s);
    const garbage = ["%ZZ", "%00", "%C3%28", "%", "%E0%A4%A", "%FF%FE"];
    if (param.name === "pagina") return this.prng.pick(["-1", "0", "100001", "1.5", "abc", "%ZZ", "%00", "NaN", "Infinity"]);
    if (param.name === "perPagina") return this.prng.pick(["100000", "0", "-5", "101", "2.5", "%ZZ", "tien"]);
    if (types.has("integer") || types.has("number")) return this.prng.pick(["-1", "99999", "abc", "%ZZ", "1,5", "Infinity"]);
    if (types.has("boolean")) return this.prng.pick(["ja", "1", "TRUE", "%00", "yes"]);
    if (s.format === "uuid") return this.prng.pick(["123", "not-a-uuid", "0b8a3c1e6f0e4c579a552f1f3f0e7a10", ...garbage]);
    if (s.format === "date-time") return this.prng.pick(["gisteren", "2026-13-45T99:00:00Z", "2026-11-27", ...garbage]);
    if (s.enum) return this.prng.pick(["ONBEKEND", "open%00", ...garbage]);
    if (s.pattern) return this.prng.pick(["-", "!!", "GM05", "a%20b", "%2F%2E%2E", ...garbage]);
    // Free text: only too long is wrong.
    return "x".repeat((s.maxLength ?? 200) + 1);
  }

  private badPathValue(param: Parameter): string {
    const real = this.ids.aanbieder ?? "0b8a3c1e-6f0e-4c57-9a55-2f1f3f0e7a10";
    const s = this.schemas.resolve(param.schema);
    const common = ["%ZZ", "%00", "%", "%C3%28", "%E2%82", "..%2F..%2Fetc%2Fpasswd", "%2500", "a%20b", "%0D%0ASet-Cookie:x=1"];
    if (s.format === "uuid")
      return this.prng.pick([
        ...common,
        "123",
        "not-a-uuid",
        real.replaceAll("-", ""),
        `${real}0`,
        real.slice(0, 35),
        `${real}%00`,
        `{${real}}`,
        "00000000-0000-0000-0000-00000000000g",
        "-1",
      ]);
    return this.prng.pick([...common, "-", "GM05189", "_", "ab%2Fcd"]);
  }

  private malformedUrl(op: Operation): FuzzCase {
    const validBody = this.validBodyText(op);
    const options: string[] = [];
    if (op.pathParams.length > 0) options.push("path", "path", "path");
    if (op.queryParams.length > 0) options.push("query", "query", "repeated", "unknown");
    if (options.length === 0) options.push("route");
    const option = this.prng.pick(options);
    if (option === "path") {
      const param = this.prng.pick(op.pathParams);
      const value = this.badPathValue(param);
      return this.make("malformed-url", op, `path ${param.name}=${value}`, {
        path: this.url(op, { [param.name]: value }),
        body: validBody,
      });
    }
    if (option === "query") {
      const param = this.prng.pick(op.queryParams);
      const value = this.badQueryValue(param);
      return this.make("malformed-url", op, `query ${param.name}=${value.slice(0, 40)}`, {
        path: this.url(op, {}, `${param.name}=${value}`),
        body: validBody,
        expect: 400,
      });
    }
    if (option === "repeated") {
      const param = this.prng.pick(op.queryParams);
      const valid = String(
        param.name === "pagina" || param.name === "perPagina" ? 1 : (this.example(param.schema, param.name) ?? "x"),
      );
      const times = this.prng.int(2, 4);
      const query = Array.from({ length: times }, () => `${param.name}=${encodeURIComponent(valid)}`).join("&");
      return this.make("malformed-url", op, `${param.name} repeated ${times} times`, {
        path: this.url(op, {}, query),
        body: validBody,
        expect: 400,
      });
    }
    if (option === "unknown") {
      // An unknown key with a bad value, next to a known parameter with a bad one.
      const param = this.prng.pick(op.queryParams);
      const unknown = `${this.prng.pick(["%ZZ", "%00", "filter[$where]", "__proto__", "constructor", "sort;drop"])}=${this.prng.pick(["%ZZ", "%00", encodeURIComponent(this.prng.pick(SNIPPETS))])}`;
      const query = this.prng.chance(0.5)
        ? `${unknown}&${param.name}=${this.badQueryValue(param)}`
        : `${param.name}=${this.badQueryValue(param)}&${unknown}`;
      return this.make("malformed-url", op, `unknown key with bad value and bad ${param.name}`, {
        path: this.url(op, {}, query),
        body: validBody,
        expect: 400,
      });
    }
    // No parameters: a malformed route to the operation.
    const path = this.url(op);
    const broken = this.prng.pick([
      `${path}/`,
      `${path}%00`,
      `${path}%ZZ`,
      path.replace(this.base, `${this.base}/`),
      `${path};jsessionid=1`,
      `${path}/%2e%2Fadmin`,
      path.toUpperCase(),
    ]);
    return this.make("malformed-url", op, `malformed route ${broken.slice(0, 60)}`, { path: broken, body: validBody });
  }

  private malformedBody(op: Operation): FuzzCase {
    const validBody = this.validBodyText(op);
    const path = this.url(op);
    const options = this.hasBody(op)
      ? [
          "content-type",
          "content-type",
          "missing-type",
          "truncated",
          "duplicate",
          "trailing",
          "scalar",
          "scalar",
          "syntax",
          "proto",
        ]
      : ["content-type", "missing-type"];
    const option = this.prng.pick(options);
    const text = validBody ?? `{"opmerking":"fuzz"}`;
    if (option === "content-type") {
      const type = this.prng.pick([
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=fuzz",
        "text/json",
        "application/jsonp",
        "application/javascript",
        "json",
        "",
        "application/octet-stream",
      ]);
      return this.make("malformed-body", op, `Content-Type "${type}"`, {
        path,
        body: text,
        headers: { "Content-Type": type },
        expect: 415,
      });
    }
    if (option === "missing-type") {
      return this.make("malformed-body", op, "no Content-Type", {
        path,
        body: new TextEncoder().encode(text),
        headers: {},
        expect: 415,
      });
    }
    if (option === "truncated") {
      const cut = this.prng.int(1, text.length - 1);
      return this.make("malformed-body", op, `truncated at ${cut} of ${text.length}`, {
        path,
        body: text.slice(0, cut),
        expect: 400,
      });
    }
    if (option === "duplicate") {
      // The last of two equal keys wins in JSON.parse: make that one wrong.
      const fields = this.fields(op.bodySchema).filter((f) => f.path.length === 1 && this.wrongValues(f.schema).length > 0);
      const field = this.prng.pick(fields);
      const wrong = JSON.stringify(this.prng.pick(this.wrongValues(field.schema)));
      const body = `${text.slice(0, -1)}${text.length > 2 ? "," : ""}"${field.path[0]}":${wrong}}`;
      return this.make("malformed-body", op, `duplicate key ${field.path[0]} last ${wrong}`, { path, body, expect: 400 });
    }
    if (option === "proto") {
      // Prototype keys next to the valid fields: unknown keys of a strict object, never merged.
      const key = this.prng.pick([
        '"__proto__":{"rol":"beheerder","isAdmin":true}',
        '"constructor":{"prototype":{"isAdmin":true}}',
        '"__proto__":null',
        '"prototype":[]',
      ]);
      const body = this.prng.chance(0.5)
        ? `{${key}${text.length > 2 ? "," : ""}${text.slice(1)}`
        : `${text.slice(0, -1)}${text.length > 2 ? "," : ""}${key}}`;
      return this.make("malformed-body", op, `prototype key ${key.slice(0, 30)}`, { path, body, expect: 400 });
    }
    if (option === "trailing") {
      const tail = this.prng.pick(["}", "]", "garbage", ",", `${text}`, "\u0000", "/* */", " x", "\n--", "null"]);
      return this.make("malformed-body", op, `trailing ${JSON.stringify(tail.slice(0, 10))}`, {
        path,
        body: `${text}${tail}`,
        expect: 400,
      });
    }
    if (option === "scalar") {
      const scalar = this.prng.pick(["42", "-1", "0", "3.14", "1e999", '"fuzz"', "true", "false", "null", "[]", `[${text}]`]);
      return this.make("malformed-body", op, `JSON ${scalar.slice(0, 20)} where an object is expected`, {
        path,
        body: scalar,
        expect: 400,
      });
    }
    const broken = this.prng.pick([
      text.replaceAll('"', "'"),
      text.replace(/"([A-Za-z]+)":/, "$1:"),
      text.replace("}", ",}"),
      `{"a":NaN}`,
      `{"a":undefined}`,
      `{"a":0x1F}`,
      `// comment\n${text}`,
      "",
      " ",
      "{",
    ]);
    return this.make("malformed-body", op, `invalid JSON syntax ${JSON.stringify(broken.slice(0, 20))}`, {
      path,
      body: broken,
      expect: 400,
    });
  }
}

/**
 * Exactly `CORPUS_SIZE` malformed requests for the operations of `doc`: each family fills its
 * quota by cycling over the operations it applies to (in a seeded order), so every operation
 * gets cases from several families. Same document, ids and seed: same corpus.
 */
export function generateCorpus(doc: OpenApiDocument, ids: FuzzIds, seed = 20261127): FuzzCase[] {
  const prng = createPrng(seed);
  const generator = new Generator(doc, ids, prng);
  const operations = operationsOf(doc);
  const corpus: FuzzCase[] = [];
  for (const family of FAMILIES) {
    const eligible = operations.filter((op) => generator.eligible(family, op));
    if (eligible.length === 0) throw new Error(`No operation for family ${family}`);
    // A seeded shuffle, so that the quota's remainder falls on different operations per family.
    const order = eligible
      .map((op) => ({ op, k: prng.next() }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.op);
    for (let i = 0; i < QUOTAS[family]; i++) corpus.push(generator.generate(family, order[i % order.length] as Operation));
  }
  return corpus;
}

/**
 * Each operation called correctly (real ids, a valid body), family "control": not part of the
 * corpus. Sent to a separate register, they show that the corpus' requests are rejected for
 * their mutation, not for a flaw of the request they were made from.
 */
export function controlRequests(doc: OpenApiDocument, ids: FuzzIds, seed = 20261127): ControlRequest[] {
  const generator = new Generator(doc, ids, createPrng(seed));
  return operationsOf(doc).map((op) => generator.control(op));
}

/** Cases per family. */
export function countByFamily(corpus: readonly FuzzCase[]): Record<Family, number> {
  const counts = Object.fromEntries(FAMILIES.map((f) => [f, 0])) as Record<Family, number>;
  for (const c of corpus) counts[c.family]++;
  return counts;
}
