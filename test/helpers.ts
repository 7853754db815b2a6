import { openSqlite } from "../db/sqlite.ts";
import { loadReference } from "../seeds/reference.ts";
import { createApp } from "../src/app.ts";
import { fixedClock } from "../src/lib/time.ts";

export const NOW = "2026-11-27T09:00:00.000Z";

/** A fresh register on an in-memory SQLite with migrations and reference data, and a fixed clock. */
export async function makeRegister(now = NOW) {
  const db = openSqlite(":memory:");
  await loadReference(db);
  const clock = fixedClock(now);
  const app = createApp({ db, clock, config: { maxBodyBytes: 64 * 1024 } });
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  return { db, clock, app, request };
}
export type Register = Awaited<ReturnType<typeof makeRegister>>;
