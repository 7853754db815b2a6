import { openSqlite } from "../db/sqlite.ts";
import { createSearch } from "../search/index.ts";
import { loadReference } from "../seeds/reference.ts";
import { createApp } from "../src/app.ts";
import { fixedClock } from "../src/lib/time.ts";

export const NOW = "2026-11-27T09:00:00.000Z";

export interface RegisterOptions {
  /** Meilisearch to search with (besides SQLite); a test-unique index prefix keeps tests apart. */
  meili?: { url: string; apiKey: string; index: string };
}

/** A fresh register on an in-memory SQLite with migrations and reference data, and a fixed clock. */
export async function makeRegister(now = NOW, options: RegisterOptions = {}) {
  const db = openSqlite(":memory:");
  await loadReference(db);
  const clock = fixedClock(now);
  const search = await createSearch(db, { meili: options.meili, clock });
  const app = createApp({
    db,
    clock,
    config: { maxBodyBytes: 64 * 1024 },
    search: search.provider,
    afterWrite: search.worker ? () => search.worker?.kick() : undefined,
  });
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  /** Waits until the external engine has every change (a no-op on SQLite alone). */
  const sync = async () => {
    await search.worker?.flush();
  };
  return { db, clock, app, request, search, sync };
}
export type Register = Awaited<ReturnType<typeof makeRegister>>;
