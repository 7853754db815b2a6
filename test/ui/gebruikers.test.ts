import { describe, expect, it } from "vitest";
import { createToken } from "../../src/services/toegang.ts";
import { makeRegister } from "../helpers.ts";
import { csrfUit, inloggen, inloggenAls } from "./sessie.ts";

const tekst = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** Mensen: an organisatiebeheerder manages its own organisation's people through the pages. */
describe("Mensen (organisatiebeheerder)", () => {
  async function opzet() {
    const r = await makeRegister();
    const ob = await createToken(r.beheer, { organisatieId: r.organisaties.verwijzer.id, rol: "organisatiebeheerder" });
    const beheer = await inloggen(r, ob.token, "Olga Beheer");
    return { r, beheer };
  }

  it("invites a colleague, refusing a role the organisation may not have next to the field", async () => {
    const { r, beheer } = await opzet();
    const lijst = await (await beheer.get("/gebruikers")).text();
    expect(tekst(lijst)).toContain("Mensen van Test Jeugdbescherming");
    // A GI may have verwijzers and organisatiebeheerders only: the form offers those.
    expect(lijst).toContain('<option value="verwijzer"');
    expect(lijst).not.toContain('<option value="zorgmakelaar"');
    const fout = await beheer.post("/gebruikers", { naam: "Kees", email: "kees@test.invalid", rol: "zorgmakelaar" });
    expect(fout.status).toBe(400);
    expect(tekst(await fout.text())).toContain(
      "Rol: Deze rol past niet bij een gecertificeerde instelling: kies verwijzer of organisatiebeheerder.",
    );
    const goed = await beheer.post("/gebruikers", { naam: "Kees de Vries", email: "kees@test.invalid", rol: "verwijzer" });
    expect(goed.status).toBe(303);
    expect(goed.headers.get("location")).toBe("/gebruikers?melding=uitgenodigd");
    expect((await r.postbus.wachtOp("kees@test.invalid")).onderwerp).toBe("Uitnodiging voor Plekwijzer");
    const na = tekst(await (await beheer.get("/gebruikers?melding=uitgenodigd")).text());
    expect(na).toContain("De uitnodiging is verstuurd.");
    expect(na).toContain("Kees de Vries Verwijzer Uitgenodigd");
  });

  it("blocks a colleague (whose sessions end at once) and changes a role (ending them too), but not its own account", async () => {
    const { r, beheer } = await opzet();
    const collega = await inloggenAls(r, "verwijzer");
    const pagina = await (await beheer.get(`/gebruikers/${collega.persoon.id}`)).text();
    expect(tekst(pagina)).toContain(collega.persoon.naam);
    const csrf = csrfUit(pagina);

    expect(
      (await beheer.post(`/gebruikers/${collega.persoon.id}/rol`, { _csrf: csrf, rol: "organisatiebeheerder" })).status,
    ).toBe(303);
    expect((await collega.get("/mijn-casussen")).status).toBe(303);

    const tweede = await inloggenAls(r, "verwijzer");
    const blok = await beheer.post(`/gebruikers/${tweede.persoon.id}/blokkeren`, { _csrf: csrf });
    expect(blok.headers.get("location")).toBe(`/gebruikers/${tweede.persoon.id}?melding=geblokkeerd`);
    expect((await tweede.get("/mijn-casussen")).status).toBe(303);
    const detail = tekst(await (await beheer.get(`/gebruikers/${tweede.persoon.id}`)).text());
    expect(detail).toContain("Geblokkeerd");
    expect(detail).toContain(
      `Geblokkeerd ${tweede.persoon.naam} actief geblokkeerd Olga Beheer, Test Jeugdbescherming (organisatiebeheerder)`,
    );

    const zelf = await beheer.post(`/gebruikers/${beheer.persoon.id}/blokkeren`, { _csrf: csrf });
    expect(zelf.status).toBe(403);
    expect((await beheer.get("/gebruikers")).status).toBe(200);
  });

  it("sees a person of another organisation as not existing", async () => {
    const { r, beheer } = await opzet();
    const elders = await inloggenAls(r, "zorgmakelaar");
    expect((await beheer.get(`/gebruikers/${elders.persoon.id}`)).status).toBe(404);
    const csrf = csrfUit(await (await beheer.get("/gebruikers")).text());
    expect((await beheer.post(`/gebruikers/${elders.persoon.id}/blokkeren`, { _csrf: csrf })).status).toBe(404);
    expect((await elders.get("/wachtlijst")).status).toBe(200);
  });
});
