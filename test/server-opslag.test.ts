import { spawn } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../bench/lib.ts";
import { openSqlite } from "../db/sqlite.ts";
import { loadReference } from "../seeds/reference.ts";
import { systemClock } from "../src/kern/time.ts";
import { bootstrapBeheer } from "../src/services/toegang.ts";
import { CASUS_BASIS } from "./casus-factories.ts";
import { problem } from "./factories.ts";
import { ADMIN_TOKEN, makeRegister } from "./helpers.ts";
import { inloggenAls } from "./ui/sessie.ts";

/**
 * Storage as production breaks it: a read-only file, folder or disk, and a full disk. The
 * register keeps answering reads, refuses writes with a clear problem (never a bare 500) and
 * loses nothing already stored.
 */
const ROOT = resolve(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "plekwijzer-opslag-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a full disk", () => {
  it("answers writes with 507 and Retry-After, API and pages alike; what was stored stays", async () => {
    const r = await makeRegister();
    const { page_count } = r.db.sqlite.prepare("PRAGMA page_count").get() as { page_count: number };
    r.db.sqlite.pragma(`max_page_count = ${page_count}`);
    const statussen: number[] = [];
    let vol: Response | undefined;
    for (let i = 0; i < 200 && !vol; i++) {
      const res = await r.als("zorgmakelaar")("POST", "/v1/casussen", { ...CASUS_BASIS, referentie: `VOL-${i}` });
      statussen.push(res.status);
      if (res.status !== 201) vol = res;
    }
    expect(vol, "the disk never filled").toBeDefined();
    const p = await problem(vol as Response, 507);
    expect(p.type).toMatch(/opslag-vol$/);
    expect(vol?.headers.get("Retry-After")).toMatch(/^\d+$/);
    const opgeslagen = statussen.filter((s) => s === 201).length;
    expect(r.db.sqlite.prepare("SELECT count(*) AS n FROM casussen").get()).toEqual({ n: opgeslagen });
    // Reads go on. (A case read whose access-log row no longer fits is refused with a clear 503:
    // test/access/bevindingen.test.ts makes that log write fail deterministically.)
    expect((await r.als("zorgmakelaar")("GET", "/v1/aanbod")).status).toBe(200);

    const b = await inloggenAls(r, "zorgmakelaar");
    const { id } = r.db.sqlite.prepare("SELECT id FROM casussen WHERE referentie = 'VOL-0'").get() as { id: string };
    const pagina = await b.post(`/wachtlijst/casus/${id}/prioriteit`, { groep: "2", reden: "Thuissituatie onveilig" });
    expect(pagina.status).toBe(507);
    expect(await pagina.text()).toContain("De opslag is vol");
    expect(r.db.sqlite.prepare("SELECT handmatige_groep AS g FROM casussen WHERE id = ?").get(id)).toEqual({ g: null });
  });
});

describe("a read-only database", () => {
  it("starts read-only: reads answer, writes get 503 problem+json with Retry-After, and the log says so", async () => {
    const folder = join(dir, "alleen-lezen");
    mkdirSync(folder);
    const path = join(folder, "register.db");
    const db = openSqlite(path);
    await loadReference(db);
    await bootstrapBeheer({ db, clock: systemClock }, ADMIN_TOKEN);
    db.close();
    // Root writes anything: the server then runs as nobody, as in a hardened container.
    const alsNiemand = process.getuid?.() === 0;
    if (alsNiemand) {
      chownSync(folder, 0, 0);
      chmodSync(dir, 0o755);
    }
    chmodSync(path, 0o444);
    chmodSync(folder, 0o555);

    const port = await freePort();
    const server = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_PATH: path,
        DEMO_DATA: "false",
        PLEKWIJZER_ADMIN_TOKEN: ADMIN_TOKEN,
      },
      stdio: ["ignore", "pipe", "pipe"],
      ...(alsNiemand ? { uid: 65534, gid: 65534 } : {}),
    });
    let output = "";
    server.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    server.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    try {
      const deadline = Date.now() + 60_000;
      while (!output.includes("listens on")) {
        if (server.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(output).toContain("read-only");
      const url = `http://127.0.0.1:${port}`;
      const headers = { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" };
      expect((await fetch(`${url}/v1/zorgvormen`, { headers })).status).toBe(200);
      expect((await fetch(`${url}/v1/organisaties`, { headers })).status).toBe(200);
      const schrijf = await fetch(`${url}/v1/organisaties`, {
        method: "POST",
        headers,
        body: JSON.stringify({ naam: "Nieuw", type: "gecertificeerde-instelling" }),
      });
      const p = await problem(schrijf, 503);
      expect(p.type).toMatch(/alleen-lezen$/);
      expect(schrijf.headers.get("Retry-After")).toMatch(/^\d+$/);
      expect((await fetch(`${url}/zoeken`)).status).toBe(200);
    } finally {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
      chmodSync(folder, 0o755);
    }
  }, 90_000);
});
