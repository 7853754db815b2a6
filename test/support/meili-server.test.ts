import { existsSync } from "node:fs";
import { chmod, copyFile, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pinned from "../../search/meili-binary.json" with { type: "json" };
import {
  httpJson,
  isMeiliAvailable,
  type MeiliServer,
  meiliBinaryPath,
  startMeili,
  verifyMeiliBinary,
  waitForTask,
} from "./meili-server.ts";

const supported = process.platform === "linux" && process.arch === "x64";
const TIMEOUT = 60_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!supported)("Meilisearch binary", () => {
  it("is installed and available on this platform", () => {
    expect(isMeiliAvailable()).toBe(true);
  });

  it(
    "verifies against the pinned sha256 and returns an executable path",
    async () => {
      const binary = await verifyMeiliBinary();
      const mode = (await stat(binary)).mode;
      expect(mode & 0o100).toBe(0o100);
      expect(pinned.sha256).toMatch(/^[0-9a-f]{64}$/);
    },
    TIMEOUT,
  );

  it(
    "refuses a binary whose sha256 differs, naming expected and actual hash",
    async () => {
      const wrong = "0".repeat(64);
      const error = await verifyMeiliBinary({ expectedSha256: wrong }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(`expected ${wrong}`);
      expect((error as Error).message).toContain(`actual ${pinned.sha256}`);
    },
    TIMEOUT,
  );

  it(
    "sets the executable bit that npm leaves off",
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "meili-verify-test-"));
      try {
        const copy = path.join(dir, "meilisearch");
        await copyFile(meiliBinaryPath(), copy);
        await chmod(copy, 0o644);
        expect(await verifyMeiliBinary({ binaryPath: copy })).toBe(copy);
        expect((await stat(copy)).mode & 0o777).toBe(0o755);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );
});

describe.skipIf(!supported)("startMeili", () => {
  let server: MeiliServer | undefined;
  const meili = () => {
    if (!server) throw new Error("server not started");
    return server;
  };

  beforeAll(async () => {
    server = await startMeili();
  }, TIMEOUT);

  afterAll(async () => {
    await server?.stop();
  }, TIMEOUT);

  it("rejects a master key shorter than 16 bytes", async () => {
    await expect(startMeili({ masterKey: "too-short" })).rejects.toThrow(/at least 16 bytes/);
  });

  it(
    "listens on 127.0.0.1, is healthy and reports version 1.21.0",
    async () => {
      const { url, masterKey, port } = meili();
      expect(url).toBe(`http://127.0.0.1:${port}`);
      const health = await httpJson<{ status: string }>("GET", `${url}/health`);
      expect(health.status).toBe(200);
      expect(health.body.status).toBe("available");
      const version = await httpJson<{ pkgVersion: string }>("GET", `${url}/version`, { key: masterKey });
      expect(version.status).toBe(200);
      expect(version.body.pkgVersion).toBe(pinned.meilisearch);
    },
    TIMEOUT,
  );

  it(
    "requires the master key",
    async () => {
      const { url } = meili();
      expect((await httpJson("GET", `${url}/indexes`)).status).toBe(401);
      expect((await httpJson("GET", `${url}/version`)).status).toBe(401);
      expect((await httpJson("GET", `${url}/indexes`, { key: "a-wrong-key-of-enough-length" })).status).toBe(403);
    },
    TIMEOUT,
  );

  it(
    "keeps its data across kill() and restart() on the same port",
    async () => {
      const s = meili();
      const created = await httpJson<{ taskUid: number }>("POST", `${s.url}/indexes`, {
        key: s.masterKey,
        body: { uid: "probe", primaryKey: "id" },
      });
      expect(created.status).toBe(202);
      await waitForTask(s, created.body.taskUid);

      const firstPid = s.pid;
      await s.kill();
      expect(isAlive(firstPid)).toBe(false);
      expect(existsSync(path.join(s.dataDir, "data.ms"))).toBe(true);
      await expect(httpJson("GET", `${s.url}/health`, { timeoutMs: 1_000 })).rejects.toThrow();

      await s.restart();
      expect(s.pid).not.toBe(firstPid);
      const probe = await httpJson<{ uid: string; primaryKey: string }>("GET", `${s.url}/indexes/probe`, { key: s.masterKey });
      expect(probe.status).toBe(200);
      expect(probe.body).toMatchObject({ uid: "probe", primaryKey: "id" });
    },
    TIMEOUT,
  );

  it(
    "stop() ends the process and removes the data directory",
    async () => {
      const s = meili();
      const pid = s.pid;
      await s.stop();
      expect(isAlive(pid)).toBe(false);
      expect(existsSync(s.dataDir)).toBe(false);
      await s.stop(); // idempotent
      await expect(s.restart()).rejects.toThrow(/stopped/);
    },
    TIMEOUT,
  );
});
