import { describe, expect, it } from "vitest";
import { authenticate } from "../../src/services/authenticatie.ts";
import { createOrganisatie, createToken, listTokens, revokeToken } from "../../src/services/toegang.ts";
import { listToegangslog } from "../../src/services/toegangslog.ts";
import { ctxAls, servicesRegister, weigering } from "./support.ts";

describe("access use cases, without HTTP", () => {
  it("the beheerder registers an organisation and issues a token the register then authenticates", async () => {
    const s = await servicesRegister();
    const gi = await createOrganisatie(s.beheer, { naam: "GI Test", type: "gecertificeerde-instelling" });
    const { row, token } = await createToken(s.beheer, { organisatieId: gi.id, rol: "verwijzer" });
    expect(row.aangemaaktDoor).toBe("systeem");
    expect(await authenticate(s.deps, token)).toMatchObject({ rol: "verwijzer", organisatieId: gi.id, tokenId: row.id });
    await revokeToken(s.beheer, { id: row.id });
    expect(await authenticate(s.deps, token)).toBeUndefined();
  });

  it("refuses every other role the administration of access, and a role that does not fit the organisation", async () => {
    const s = await servicesRegister();
    const st = await s.organisatie("Serviceteam", "regio", { regios: ["haaglanden"] });
    const gi = await s.organisatie("GI", "gecertificeerde-instelling");
    const makelaar = ctxAls(s.deps, s.actor("zorgmakelaar", st));
    expect(await weigering(createOrganisatie(makelaar, { naam: "X", type: "gemeente" }))).toBe("geen-toegang");
    expect(await weigering(createToken(makelaar, { organisatieId: gi.id, rol: "verwijzer" }))).toBe("geen-toegang");
    expect(await weigering(listTokens(makelaar, { pagina: 1, perPagina: 10 }))).toBe("geen-toegang");
    expect(await weigering(listToegangslog(makelaar, { pagina: 1, perPagina: 10 }))).toBe("geen-toegang");
    expect(await weigering(createToken(s.beheer, { organisatieId: gi.id, rol: "zorgmakelaar" }))).toBe("ongeldige-invoer");
  });
});
