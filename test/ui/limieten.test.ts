import { describe, expect, it } from "vitest";
import { STANDAARD_GUARD } from "../../src/http/guard.ts";
import { makeRegister } from "../helpers.ts";
import { inloggenAls } from "./sessie.ts";

describe("scratch", () => {
  it("429 page", async () => {
    const r = await makeRegister(undefined, {
      config: { guard: { ...STANDAARD_GUARD, vertragingMs: 0, trustProxy: true, perAdres: 50, perToken: 3 } },
    });
    const b = await inloggenAls(r, "zorgmakelaar");
    let res: Response | undefined;
    for (let i = 0; i < 5; i++) res = await b.get("/wachtlijst");
    console.log(res?.status, (await res?.text())?.slice(0, 3000));
  });
});
