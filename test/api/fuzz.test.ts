import { beforeAll, describe, expect, it } from "vitest";
import { maakCasus } from "../casus-factories.ts";
import { json, maakAanbiederMetAanbod, type Row, snapshot } from "../factories.ts";
import { makeRegister, type Register } from "../helpers.ts";
import {
  CORPUS_SIZE,
  controlRequests,
  countByFamily,
  FAMILIES,
  type FuzzCase,
  type FuzzIds,
  generateCorpus,
  type OpenApiDocument,
  operationsOf,
} from "../support/fuzz-corpus.ts";

/**
 * Acceptance: 1,000 malformed requests from a generated corpus (wrong types, huge strings, deep
 * JSON, bad UTF-8, SQL and script snippets, malformed URLs and bodies) all get a 4xx
 * problem+json answer and leave the data unchanged.
 */

const MIN_PER_FAMILY = 50;
const MIN_PER_OPERATION = 5;

interface Failure {
  c: FuzzCase;
  status: number;
  contentType: string | null;
  reason: string;
  text: string;
}

function describeBody(body: FuzzCase["body"]): string {
  if (body === undefined) return "-";
  if (typeof body === "string") return `${JSON.stringify(body.slice(0, 80))} (${body.length} chars)`;
  const hex = Array.from(body.slice(0, 40), (b) => b.toString(16).padStart(2, "0")).join(" ");
  return `bytes ${hex}… (${body.length} bytes)`;
}

function describeFailure(f: Failure): string {
  return [
    `[${f.c.family}] ${f.c.method} ${f.c.path.slice(0, 160)} as ${f.c.rol} (${f.c.note.slice(0, 100)})`,
    `  headers ${JSON.stringify(f.c.headers)} body ${describeBody(f.c.body)}`,
    `  → ${f.status} ${f.contentType}: ${f.reason}; ${f.text.slice(0, 200)}`,
  ].join("\n");
}

/** What is wrong with the answer to a malformed request, or undefined if it is a proper 4xx problem. */
async function judge(c: FuzzCase, res: Response): Promise<Failure | undefined> {
  const text = await res.text();
  const contentType = res.headers.get("content-type");
  const fail = (reason: string): Failure => ({ c, status: res.status, contentType, reason, text });
  if (res.status < 400 || res.status > 499) return fail("status is not 4xx");
  if (c.expect !== undefined && res.status !== c.expect) return fail(`expected ${c.expect}`);
  if (!contentType?.startsWith("application/problem+json")) return fail("not application/problem+json");
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return fail("body is not JSON");
  }
  if (typeof body.type !== "string" || body.type === "") return fail("no type");
  if (typeof body.title !== "string" || body.title === "") return fail("no title");
  if (body.status !== res.status) return fail("status member differs from the HTTP status");
  if (typeof body.detail !== "string" || body.detail === "") return fail("no detail");
  return undefined;
}

/**
 * A register with a provider (one location, two offers), a contract, a case with a match
 * proposal, a second case with a hold, a spare token and an invited person: the ids the corpus'
 * paths and bodies use.
 */
async function vulRegister(): Promise<{ r: Register; ids: FuzzIds }> {
  const r = await makeRegister();
  const beheerder = r.als("beheerder");
  const zorgmakelaar = r.als("zorgmakelaar");
  const { aanbieder, locatie, aanbod } = await maakAanbiederMetAanbod(r, 2, {
    leeftijdVan: 0,
    leeftijdTot: 18,
    capaciteit: 2,
    vrijePlekken: 1,
  });
  const contract = await json<Row>(
    await beheerder("POST", "/v1/contracten", {
      aanbiederId: aanbieder.id,
      zorgvorm: "gezinshuis",
      gemeente: "GM0518",
      geldigVanaf: "2026-01-01",
    }),
    201,
  );
  const casus = await maakCasus(r, { geboortedatum: "2012-01-01", maatregel: { type: "ots", ingangsdatum: "2026-06-01" } });
  const run = await json<{ resultaten: (Row & { aanbodId: string })[] }>(
    await zorgmakelaar("POST", "/v1/matchvoorstellen", { regio: "haaglanden" }),
    201,
  );
  const voorstel = run.resultaten[0];
  const vrij = aanbod.find((a) => a.id !== voorstel?.aanbodId);
  const tweede = await maakCasus(r);
  const reservering = await json<Row>(
    await zorgmakelaar("POST", "/v1/reserveringen", { aanbodId: vrij?.id, casusId: tweede.id }),
    201,
  );
  const token = await json<Row>(
    await beheerder("POST", "/v1/tokens", { organisatieId: r.organisaties.zorgmakelaar.id, rol: "zorgmakelaar" }),
    201,
  );
  const regels = await json<{ resultaten: Row[] }>(await beheerder("GET", "/v1/prioriteringsregels"), 200);
  const gebruiker = await json<Row>(
    await beheerder("POST", "/v1/gebruikers", {
      naam: "Fuzz Persoon",
      email: "fuzz.persoon@test.invalid",
      organisatieId: r.organisaties.zorgmakelaar.id,
      rol: "verwijzer",
    }),
    201,
  );
  const derde = await maakCasus(r);
  const aanmelding = await json<Row>(
    await zorgmakelaar("POST", "/v1/aanmeldingen", {
      casusId: derde.id,
      aanbodId: vrij?.id,
      contactpersoon: { naam: "A. Bakker" },
    }),
    201,
  );
  aanbiederTokens.set(r, await r.aanbiederToken(aanbieder.id));
  const ids: FuzzIds = {
    aanbieder: aanbieder.id,
    locatie: locatie.id,
    aanbod: aanbod[0]?.id,
    contract: contract.id,
    casus: casus.id,
    organisatie: r.organisaties.zorgmakelaar.id,
    token: token.id,
    regelset: regels.resultaten[0]?.id,
    matchvoorstel: voorstel?.id,
    reservering: reservering.id,
    gebruiker: gebruiker.id,
    aanmelding: aanmelding.id,
    gi: r.organisaties.verwijzer.id,
  };
  return { r, ids };
}

/** The provider's token of each register: the provider answers aanmeldingen to its own offers. */
const aanbiederTokens = new Map<Register, string>();

function send(r: Register, c: Pick<FuzzCase, "method" | "path" | "headers" | "body" | "rol">): Promise<Response> {
  const token = c.rol === "aanbieder" ? aanbiederTokens.get(r) : r.tokens[c.rol];
  const headers = { ...c.headers, Authorization: `Bearer ${token}` };
  return Promise.resolve(r.app.request(new Request(`http://localhost${c.path}`, { method: c.method, headers, body: c.body })));
}

describe("fuzzing the API with 1,000 malformed requests", () => {
  let r: Register;
  let doc: OpenApiDocument;
  let ids: FuzzIds;
  let corpus: FuzzCase[];

  beforeAll(async () => {
    ({ r, ids } = await vulRegister());
    doc = await json<OpenApiDocument>(await r.anoniem("GET", "/v1/openapi.json"), 200);
    corpus = generateCorpus(doc, ids);
  });

  it("generates exactly 1,000 cases, deterministically, from every family and for every operation", () => {
    expect(CORPUS_SIZE).toBe(1000);
    expect(corpus).toHaveLength(1000);
    const fingerprint = (cs: FuzzCase[]) => cs.map((c) => `${c.method} ${c.path} ${c.body?.length ?? "-"}`);
    expect(fingerprint(generateCorpus(doc, ids))).toEqual(fingerprint(corpus));
    expect(Object.values(ids).every((id) => typeof id === "string")).toBe(true);

    const families = countByFamily(corpus);
    for (const family of FAMILIES) expect(families[family], family).toBeGreaterThanOrEqual(MIN_PER_FAMILY);

    const operations = operationsOf(doc).map((op) => op.key);
    expect(operations.length).toBeGreaterThan(40);
    const perOperation = new Map<string, number>();
    for (const c of corpus) perOperation.set(c.operation, (perOperation.get(c.operation) ?? 0) + 1);
    const thin = operations.filter((op) => (perOperation.get(op) ?? 0) < MIN_PER_OPERATION);
    expect(thin, `operations with fewer than ${MIN_PER_OPERATION} cases`).toEqual([]);
    expect([...perOperation.keys()].filter((op) => !operations.includes(op))).toEqual([]);
    // Every case is a request to the API (a malformed route included), not to another part of the app.
    for (const c of corpus) expect(c.path.startsWith("/v1/") || c.path.startsWith("/V1/"), c.path.slice(0, 60)).toBe(true);
    console.info(`fuzz corpus per family: ${JSON.stringify(families)}`);
  });

  it("answers every case with 4xx problem+json and leaves the data unchanged", async () => {
    const before = await snapshot(r);
    const failures: Failure[] = [];
    const statuses = new Map<string, number>();
    const errors = console.error;
    const logged: string[] = [];
    console.error = (...args: unknown[]) => {
      logged.push(args.map(String).join(" ").slice(0, 300));
    };
    try {
      for (const c of corpus) {
        const res = await send(r, c);
        const key = `${c.family} ${res.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        const failure = await judge(c, res);
        if (failure) failures.push(failure);
      }
    } finally {
      console.error = errors;
    }
    // Soft, so that a failing run still reports whether the data changed.
    expect
      .soft(
        failures.length,
        `${failures.length} of ${corpus.length} malformed requests were not answered with a 4xx problem:\n${failures
          .slice(0, 20)
          .map(describeFailure)
          .join("\n")}\nserver errors logged:\n${logged.slice(0, 5).join("\n")}`,
      )
      .toBe(0);
    console.info(`fuzz answers per family and status: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(await snapshot(r)).toEqual(before);
  }, 60_000);

  it("accepts the unbroken request of every operation, so each case fails by its mutation (control)", async () => {
    // On a register of its own: these requests are valid and change data. Deletes go last.
    const own = await vulRegister();
    const controls = controlRequests(doc, own.ids).sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));
    expect(controls).toHaveLength(operationsOf(doc).length);
    const refused: string[] = [];
    for (const c of controls) {
      const res = await send(own.r, c);
      // A conflict or gone row is the register's state; a 400/413/415 or 5xx would be the request.
      if ([400, 401, 403, 413, 415].includes(res.status) || res.status >= 500)
        refused.push(`${c.method} ${c.path} ${describeBody(c.body)} → ${res.status} ${(await res.text()).slice(0, 300)}`);
    }
    expect(refused, refused.join("\n")).toEqual([]);
  });
});
