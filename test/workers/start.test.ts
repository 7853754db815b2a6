import { applyD1Migrations, reset } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createWorker } from "../../src/worker.ts";

describe("a fresh D1 (only the migrations applied)", () => {
  it("gets the reference data and the admin token's beheerder on the first request, as Node does on its first start", async () => {
    await reset();
    await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
    const worker = createWorker({ log: () => {} });
    const token = "eerste-start-beheerder-token-0123456789";
    const res = await worker.fetch(
      new Request("http://localhost/v1/zorgvormen?perPagina=100", { headers: { Authorization: `Bearer ${token}` } }),
      {
        DB: env.DB,
        PLEKWIJZER_ADMIN_TOKEN: token,
      },
    );
    const body = (await res.json()) as { totaal: number; resultaten: { code: string }[] };
    expect(res.status).toBe(200);
    expect(body.resultaten.map((z) => z.code)).toContain("gezinshuis");
  });
});
