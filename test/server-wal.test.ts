import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSqlite } from "../db/sqlite.ts";

/**
 * The server's file folds its WAL into the database on a thread of its own (db/checkpointer.ts):
 * no commit pays for a checkpoint, and the WAL still stays small.
 */
const dir = mkdtempSync(join(tmpdir(), "plekwijzer-wal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MB = 1024 * 1024;
const walSize = (path: string) => statSync(`${path}-wal`).size;

/** Writes about `mb` MB in 64 KB rows, each its own commit. */
function write(db: ReturnType<typeof openSqlite>, mb: number) {
  const insert = db.sqlite.prepare("INSERT INTO ballast (data) VALUES (randomblob(65536))");
  for (let i = 0; i < mb * 16; i++) insert.run();
}

async function walAfterTwoRounds(checkpointOpAchtergrond: boolean, name: string): Promise<{ wal: number; auto: number }> {
  const path = join(dir, name);
  const db = openSqlite(path, { migrate: false, checkpointOpAchtergrond });
  if (!checkpointOpAchtergrond) db.sqlite.pragma("wal_autocheckpoint = 0");
  db.sqlite.exec("CREATE TABLE ballast (id INTEGER PRIMARY KEY, data BLOB)");
  write(db, 6);
  // Time for the thread to start, see the WAL past its limit and copy it into the file (it looks every 100 ms).
  await new Promise((resolve) => setTimeout(resolve, 1500));
  write(db, 6);
  const result = { wal: walSize(path), auto: db.sqlite.pragma("wal_autocheckpoint", { simple: true }) as number };
  db.close();
  return result;
}

describe("the WAL of the server's file", () => {
  it("is folded in by a thread of its own: a commit never checkpoints, and the WAL starts over once folded in", async () => {
    const achtergrond = await walAfterTwoRounds(true, "achtergrond.db");
    expect(achtergrond.auto).toBe(0);
    // The second 6 MB reused the WAL from its start: the first 6 MB had been folded in.
    expect(achtergrond.wal).toBeLessThan(9 * MB);

    // Without the thread (and without SQLite's own checkpoint) the WAL holds all 12 MB.
    const zonder = await walAfterTwoRounds(false, "zonder.db");
    expect(zonder.wal).toBeGreaterThan(11 * MB);
  });
});
