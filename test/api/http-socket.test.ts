import http from "node:http";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../bench/lib.ts";
import { snapshot } from "../factories.ts";
import { ADMIN_TOKEN, makeRegister, type Register } from "../helpers.ts";

/**
 * The body checks and CORS over a real socket, as `npm start` serves them (@hono/node-server):
 * in-process requests carry no Content-Length, so only here does a request state its length,
 * or stream its body in chunks without one.
 */
let r: Register;
let server: ServerType;
let port: number;
const ORIGIN = "https://wachtlijst.example";

beforeAll(async () => {
  r = await makeRegister(undefined, { config: { corsOrigins: [ORIGIN], maxBodyBytes: 64 * 1024 } });
  port = await freePort();
  server = serve({ fetch: r.app.fetch, port, hostname: "127.0.0.1" });
});
afterAll(() => {
  server?.close();
});

/** A request as a client sends it: `chunks` go out one by one without a Content-Length (chunked). */
function send(
  method: string,
  path: string,
  body: { bytes: Buffer } | { chunks: Buffer[] } | undefined,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        headers: {
          Authorization: `Bearer ${ADMIN_TOKEN}`,
          "Content-Type": "application/json",
          ...(body && "bytes" in body ? { "Content-Length": String(body.bytes.length) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    if (body && "chunks" in body) for (const chunk of body.chunks) req.write(chunk);
    req.end(body && "bytes" in body ? body.bytes : undefined);
  });
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const type = (res: { body: string }) => (JSON.parse(res.body) as { type: string }).type;

describe("the body and CORS over a socket", () => {
  it("stores a body that states its length, and one sent in chunks", async () => {
    const a = await send("POST", "/v1/aanbieders", { bytes: json({ naam: "Met lengte" }) });
    expect(a.status).toBe(201);
    const b = await send("POST", "/v1/aanbieders", { chunks: [Buffer.from('{"naam":'), Buffer.from('"In stukken"}')] });
    expect(b.status).toBe(201);
    expect((JSON.parse(b.body) as { naam: string }).naam).toBe("In stukken");
  });

  it("refuses a body over the limit, by its stated length or while it streams in, and stores nothing", async () => {
    const before = await snapshot(r);
    const groot = json({ naam: "x".repeat(70 * 1024) });
    const gezegd = await send("POST", "/v1/aanbieders", { bytes: groot });
    expect(gezegd.status).toBe(413);
    expect(gezegd.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const gestroomd = await send("POST", "/v1/aanbieders", { chunks: [groot.subarray(0, 40_000), groot.subarray(40_000)] });
    expect(gestroomd.status).toBe(413);
    expect(await snapshot(r)).toEqual(before);
  });

  it("refuses bad UTF-8, a body that is not JSON, and malformed JSON, with a stated length or in chunks", async () => {
    const before = await snapshot(r);
    const kapot = Buffer.concat([Buffer.from('{"naam":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    for (const body of [{ bytes: kapot }, { chunks: [kapot.subarray(0, 5), kapot.subarray(5)] }]) {
      const res = await send("POST", "/v1/aanbieders", body);
      expect(res.status).toBe(400);
      expect(type(res)).toMatch(/ongeldige-json$/);
    }
    expect(
      (await send("POST", "/v1/aanbieders", { bytes: Buffer.from("naam=x") }, { "Content-Type": "text/plain" })).status,
    ).toBe(415);
    expect(
      (await send("POST", "/v1/aanbieders", { chunks: [Buffer.from("naam=x")] }, { "Content-Type": "text/plain" })).status,
    ).toBe(415);
    const half = await send("POST", "/v1/aanbieders", { bytes: Buffer.from('{"naam":') });
    expect(half.status).toBe(400);
    expect(type(half)).toMatch(/ongeldige-json$/);
    expect(await snapshot(r)).toEqual(before);
  });

  it("gives a koppeling without Origin no CORS headers but Vary: Origin; a browser of an allowed origin gets them", async () => {
    const zonder = await send("GET", "/v1/zorgvormen", undefined);
    expect(zonder.status).toBe(200);
    expect(zonder.headers.vary).toBe("Origin");
    expect(zonder.headers["access-control-allow-origin"]).toBeUndefined();
    expect(zonder.headers["x-content-type-options"]).toBe("nosniff");
    expect(zonder.headers["api-version"]).toMatch(/^\d+\.\d+\.\d+$/);
    const browser = await send("GET", "/v1/zorgvormen", undefined, { Origin: ORIGIN });
    expect(browser.headers["access-control-allow-origin"]).toBe(ORIGIN);
    expect(browser.headers["access-control-expose-headers"]).toContain("ETag");
    expect(browser.headers.vary).toContain("Origin");
    const ander = await send("GET", "/v1/zorgvormen", undefined, { Origin: "https://elders.example" });
    expect(ander.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
