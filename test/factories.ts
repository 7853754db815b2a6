import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Register } from "./helpers.ts";

/** Builds the data a test needs through the API itself, so each test starts from its own state. */

let counter = 0;
const next = () => ++counter;

export async function json<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : undefined) as T;
}

export type Row = Record<string, unknown> & { id: string; versie: number };

export async function maakAanbieder(r: Register, overrides: Record<string, unknown> = {}): Promise<Row> {
  return json<Row>(
    await r.als("beheerder")("POST", "/v1/aanbieders", { naam: `Stichting Testzorg ${next()}`, ...overrides }),
    201,
  );
}

export async function maakLocatie(r: Register, aanbiederId: string, overrides: Record<string, unknown> = {}): Promise<Row> {
  return json<Row>(
    await r.als("beheerder")("POST", "/v1/locaties", {
      aanbiederId,
      naam: `Locatie ${next()}`,
      adres: "Testlaan 1",
      postcode: "2511 AB",
      plaats: "Den Haag",
      gemeente: "GM0518",
      ...overrides,
    }),
    201,
  );
}

export const AANBOD_BASIS = {
  zorgvorm: "gezinshuis",
  naam: "Gezinshuis De Testboom",
  omschrijving: "Wonen in een gezin",
  leeftijdVan: 4,
  leeftijdTot: 18,
  capaciteit: 4,
  vrijePlekken: 1,
  aanmeldwachttijdWeken: 2,
  behandelwachttijdWeken: 6,
  intakeStatus: "open",
};

export async function maakAanbod(r: Register, locatieId: string, overrides: Record<string, unknown> = {}): Promise<Row> {
  return json<Row>(await r.als("beheerder")("POST", "/v1/aanbod", { ...AANBOD_BASIS, locatieId, ...overrides }), 201);
}

/** A provider with one location and `n` offers. */
export async function maakAanbiederMetAanbod(r: Register, n = 1, overrides: Record<string, unknown> = {}) {
  const aanbieder = await maakAanbieder(r);
  const locatie = await maakLocatie(r, aanbieder.id);
  const aanbod: Row[] = [];
  for (let i = 0; i < n; i++) aanbod.push(await maakAanbod(r, locatie.id, { naam: `Aanbod ${i + 1}`, ...overrides }));
  return { aanbieder, locatie, aanbod };
}

/** Every row of every table: compare before and after to prove a rejected request changed nothing. */
/**
 * Every stored row, to compare before and after a rejected request. Left out: the access log
 * (a rejected request on case data is logged, by design) and a token's last-used time.
 */
export async function snapshot(r: Register): Promise<Record<string, unknown[]>> {
  // Also left out on D1: its own bookkeeping (_cf_*, d1_migrations); everywhere: rate-limit counters.
  const tables = await r.db.orm.all<{ name: string }>(
    sql.raw(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'zoek_tekst_%' AND name NOT LIKE 'toegangslog%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT IN ('d1_migrations', 'limiet_tellers') ORDER BY name",
    ),
  );
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const rows = await r.db.orm.all<Record<string, unknown>>(sql.raw(`SELECT * FROM "${name}" ORDER BY rowid`));
    out[name] = rows.map((row) => (name === "tokens" ? { ...row, laatst_gebruikt_op: null } : row));
  }
  return out;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  invalidParams?: { name: string; code: string; reason: string }[];
}

/** Asserts a problem+json answer and returns its body. */
export async function problem(res: Response, status: number): Promise<ProblemBody> {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = await json<ProblemBody>(res, status);
  expect(body).toMatchObject({ status, instance: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(body.type).toMatch(/^https:\/\/plekwijzer\.nl\/problemen\//);
  return body;
}

export function names(body: ProblemBody): string[] {
  return (body.invalidParams ?? []).map((p) => p.name).sort();
}
