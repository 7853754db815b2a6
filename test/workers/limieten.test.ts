import { describe, expect, it } from "vitest";
import { createWorker } from "../../src/worker.ts";
import { makeRegister } from "./register.ts";

/**
 * Rate limits on Workers are counted in D1 (limiet_tellers): a client whose requests land on
 * different isolates is counted once, where counters in each isolate's memory would each allow
 * the full limit.
 */
describe("rate limits on Workers", () => {
  it("count a token's requests across isolates: the limit holds for the sum", async () => {
    const r = await makeRegister();
    // Two isolates: each builds its own app from its own bindings object, on the same D1.
    const isolaten = [createWorker({ clock: r.clock, log: () => {} }), createWorker({ clock: r.clock, log: () => {} })].map(
      (worker) => ({ worker, bindings: { ...r.bindings, RATE_LIMIT_PER_TOKEN: "3" } }),
    );
    const statussen: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { worker, bindings } = isolaten[i % 2] as (typeof isolaten)[number];
      const res = await worker.fetch(
        new Request("http://localhost/v1/zorgvormen", { headers: { Authorization: `Bearer ${r.tokens.verwijzer}` } }),
        bindings,
      );
      await res.arrayBuffer();
      statussen.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    }
    expect(statussen).toEqual([200, 200, 200, 429]);
  });

  it("count failed sign-ins per address across isolates, and a valid token from that address goes on", async () => {
    const r = await makeRegister();
    const isolaten = [
      createWorker({ clock: r.clock, log: () => {}, guard: { vertragingMs: 0 } }),
      createWorker({ clock: r.clock, log: () => {}, guard: { vertragingMs: 0 } }),
    ].map((worker) => ({ worker, bindings: { ...r.bindings, MAX_MISLUKTE_AANMELDINGEN: "2" } }));
    const vraag = async (i: number, token: string) => {
      const { worker, bindings } = isolaten[i % 2] as (typeof isolaten)[number];
      const res = await worker.fetch(
        new Request("http://localhost/v1/zorgvormen", {
          headers: { Authorization: `Bearer ${token}`, "CF-Connecting-IP": "192.0.2.7" },
        }),
        bindings,
      );
      await res.arrayBuffer();
      return res.status;
    };
    const fout = "pw_onbekend-token-0000000000000000000000000000";
    expect([await vraag(0, fout), await vraag(1, fout), await vraag(0, fout)]).toEqual([401, 401, 429]);
    expect(await vraag(1, r.tokens.verwijzer)).toBe(200);
  });
});
