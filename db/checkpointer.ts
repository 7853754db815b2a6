import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** WAL size (bytes) from which the background thread folds the WAL into the database file. */
const WAL_GRENS = 4 * 1024 * 1024;
/** How often the thread looks at the WAL's size. */
const INTERVAL_MS = 100;

/**
 * The thread's code, plain CommonJS (run with `eval`, so that it needs no file of its own in
 * the bundle `npm start` runs): its own connection to the file, and every INTERVAL_MS a PASSIVE
 * checkpoint once the WAL has grown past the limit. PASSIVE never waits for or blocks a reader
 * or writer; what it cannot copy yet it copies the next time.
 */
const CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const { statSync } = require("node:fs");
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = 0");
const size = () => { try { return statSync(workerData.path + "-wal").size; } catch { return 0; } };
const timer = setInterval(() => {
  if (size() < workerData.limit) return;
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
}, workerData.interval);
parentPort.once("message", () => { clearInterval(timer); db.close(); parentPort.postMessage("gestopt"); });
`;

/**
 * Folds the WAL into the database file on a thread of its own, instead of SQLite's automatic
 * checkpoint, which runs inside whichever commit crosses 1,000 pages and so costs that one
 * request several milliseconds (the single weekly update's p99 of `npm run bench`). Answers
 * how to stop it; the connection of the caller should have `wal_autocheckpoint = 0`.
 */
export function checkpointOpAchtergrond(path: string): { stop(): void } {
  const worker = new Worker(CODE, {
    eval: true,
    workerData: {
      path,
      module: createRequire(import.meta.url).resolve("better-sqlite3"),
      limit: WAL_GRENS,
      interval: INTERVAL_MS,
    },
  });
  worker.unref();
  return {
    stop() {
      worker.postMessage("stop");
    },
  };
}
