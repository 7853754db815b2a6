import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { gebruikers } from "../../db/schema/index.ts";
import { AanmeldingInput, createAanmelding } from "../../src/services/aanmeldingen.ts";
import { createEscalatie, EscalatieInput } from "../../src/services/escalaties.ts";
import { zelf } from "../../src/services/inlogpoging.ts";
import { saveMaatregeltellingen } from "../../src/services/maatregeltellingen.ts";
import { createToken } from "../../src/services/toegang.ts";
import { maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie, names, problem, type Row } from "../factories.ts";
import { makeRegister, type Register, type RequestFn } from "../helpers.ts";
import { csrfUit, inloggen, inloggenAls } from "../ui/sessie.ts";

type Page<T> = { resultaten: T[]; totaal: number };
type Gebruiker = Row & { naam: string; email: string; organisatieId: string; rol: string; status: string; tweedeFactor: boolean };
type AccountRegel = {
  soort: string;
  gebruikerId: string | null;
  organisatieId: string;
  van: string | null;
  naar: string | null;
  door: string;
};

let volgnummer = 0;
const adres = () => `persoon-${++volgnummer}@test.invalid`;

/**
 * People and who manages them: an organisatiebeheerder (here the GI's, as a koppeling and as a
 * person) for its own organisation only, within the roles it may have; the register's beheerder
 * for every organisation, but never case-data access for its own (separation of duties).
 */
describe("/v1/gebruikers", () => {
  let r: Register;
  let gi: string;
  let st: string;
  let ob: RequestFn;
  let obSt: RequestFn;
  let beheer: RequestFn;

  beforeAll(async () => {
    r = await makeRegister();
    gi = r.organisaties.verwijzer.id;
    st = r.organisaties.zorgmakelaar.id;
    beheer = r.als("beheerder");
    ob = r.met((await createToken(r.beheer, { organisatieId: gi, rol: "organisatiebeheerder" })).token);
    obSt = r.met((await createToken(r.beheer, { organisatieId: st, rol: "organisatiebeheerder" })).token);
  });

  const nodig = async (als: RequestFn, body: Record<string, unknown>) =>
    als("POST", "/v1/gebruikers", { naam: "Nieuwe Collega", email: adres(), ...body });

  it("an organisatiebeheerder invites into its own organisation: 201, a mail with a 72-hour link, status uitgenodigd", async () => {
    const email = adres();
    const res = await ob("POST", "/v1/gebruikers", { naam: "Fatima Bakker", email: email.toUpperCase(), rol: "verwijzer" });
    const g = await json<Gebruiker & { uitnodigingVerstuurd: boolean }>(res, 201);
    expect(res.headers.get("location")).toBe(`/v1/gebruikers/${g.id}`);
    expect(g).toMatchObject({
      email,
      organisatieId: gi,
      rol: "verwijzer",
      status: "uitgenodigd",
      tweedeFactor: false,
      uitnodigingVerstuurd: true,
    });
    const mail = await r.postbus.wachtOp(email);
    expect(mail.onderwerp).toBe("Uitnodiging voor Plekwijzer");
    expect(mail.tekst).toContain("72 uur geldig");
    expect(mail.tekst).toMatch(/http:\/\/localhost\/uitnodiging\/pw_[A-Za-z0-9_-]{43}/);
    // Unique over the register, whatever the case of the letters.
    const dubbel = await problem(await ob("POST", "/v1/gebruikers", { naam: "Ander", email, rol: "verwijzer" }), 409);
    expect(names(dubbel)).toEqual(["email"]);
  });

  it("an organisatiebeheerder cannot touch another organisation: refused on invite, 404 for its people", async () => {
    const weigering = await problem(await nodig(ob, { organisatieId: st, rol: "verwijzer" }), 403);
    expect(names(weigering)).toEqual(["organisatieId"]);
    const elders = await json<Gebruiker>(await nodig(beheer, { organisatieId: st, rol: "zorgmakelaar" }), 201);
    await problem(await ob("GET", `/v1/gebruikers/${elders.id}`), 404);
    await problem(await ob("PUT", `/v1/gebruikers/${elders.id}/rol`, { rol: "verwijzer" }), 404);
    await problem(await ob("POST", `/v1/gebruikers/${elders.id}/blokkering`), 404);
    await problem(await ob("DELETE", `/v1/gebruikers/${elders.id}/tweede-factor`), 404);
    await problem(await ob("POST", `/v1/gebruikers/${elders.id}/uitnodiging`), 404);
    await problem(await ob("GET", `/v1/gebruikers?organisatieId=${st}`), 403);
    const lijst = await json<Page<Gebruiker>>(await ob("GET", "/v1/gebruikers?perPagina=100"), 200);
    expect(lijst.resultaten.every((g) => g.organisatieId === gi)).toBe(true);
    expect(lijst.resultaten.map((g) => g.id)).not.toContain(elders.id);
    await problem(await ob("GET", `/v1/organisaties/${st}/inlogbeleid`), 404);
    await problem(await ob("PUT", `/v1/organisaties/${st}/inlogbeleid`, { tweedeFactorVerplicht: true, sso: null }), 403);
    expect((await json<Gebruiker>(await beheer("GET", `/v1/gebruikers/${elders.id}`), 200)).status).toBe("uitgenodigd");
  });

  it("an organisatiebeheerder grants only roles its organisation may have, and never beheerder", async () => {
    const gi1 = await problem(await nodig(ob, { rol: "zorgmakelaar" }), 400);
    expect(gi1.invalidParams?.[0]).toMatchObject({ name: "rol", code: "past-niet" });
    const v = await json<Gebruiker>(await nodig(ob, { rol: "verwijzer" }), 201);
    expect(
      (await problem(await ob("PUT", `/v1/gebruikers/${v.id}/rol`, { rol: "aanbieder" }), 400)).invalidParams?.[0],
    ).toMatchObject({
      code: "past-niet",
    });
    // A region's organisatiebeheerder: zorgmakelaar yes, the register's beheerder no.
    expect((await nodig(obSt, { rol: "zorgmakelaar" })).status).toBe(201);
    expect((await problem(await nodig(obSt, { rol: "beheerder" }), 400)).invalidParams?.[0]).toMatchObject({
      code: "alleen-beheerder",
    });
    const beheerder = await json<Gebruiker>(await nodig(beheer, { organisatieId: st, rol: "beheerder" }), 201);
    await problem(await obSt("POST", `/v1/gebruikers/${beheerder.id}/blokkering`), 403);
    expect((await obSt("GET", `/v1/gebruikers/${beheerder.id}`)).status).toBe(200);
  });

  it("the register's beheerder manages every organisation, but gives its own no case-data access, not even through an organisatiebeheerder", async () => {
    const organisaties = await json<Page<Row & { naam: string }>>(await beheer("GET", "/v1/organisaties?perPagina=100"), 200);
    const beheerOrg = organisaties.resultaten.find((o) => o.naam === "Beheer Plekwijzer")?.id;
    for (const rol of ["verwijzer", "zorgmakelaar", "organisatiebeheerder"]) {
      const p = await problem(await nodig(beheer, { organisatieId: beheerOrg, rol }), 403);
      expect(p.invalidParams?.[0]).toMatchObject({ name: "organisatieId", code: "eigen-organisatie" });
    }
    const collega = await json<Gebruiker>(await nodig(beheer, { organisatieId: beheerOrg, rol: "beheerder" }), 201);
    await problem(await beheer("PUT", `/v1/gebruikers/${collega.id}/rol`, { rol: "verwijzer" }), 403);
    expect((await nodig(beheer, { organisatieId: gi, rol: "verwijzer" })).status).toBe(201);
    // Nor through a token for an organisatiebeheerder of its own organisation.
    await problem(await beheer("POST", "/v1/tokens", { organisatieId: beheerOrg, rol: "organisatiebeheerder" }), 403);
  });

  it("a role that sees case data is a grant: written to the access log and shown to the organisation", async () => {
    const v = await json<Gebruiker>(await nodig(ob, { rol: "verwijzer" }), 201);
    const toekenningen = await json<Page<{ rol: string; door: string }>>(
      await r.als("verwijzer")("GET", "/v1/toekenningen"),
      200,
    );
    expect(toekenningen.resultaten[0]).toMatchObject({ rol: "verwijzer", door: "Test Jeugdbescherming" });
    const log = await json<Page<{ actie: string; toegekendAan: string }>>(
      await beheer("GET", "/v1/toegangslog?perPagina=5"),
      200,
    );
    expect(log.resultaten[0]).toMatchObject({ actie: "toekenning", toegekendAan: gi });
    expect(v.rol).toBe("verwijzer");
  });

  it("logs every account change, append-only, for the organisation's and the register's beheerder only", async () => {
    const v = await json<Gebruiker>(await nodig(ob, { rol: "verwijzer" }), 201);
    expect((await ob("PUT", `/v1/gebruikers/${v.id}/rol`, { rol: "organisatiebeheerder" })).status).toBe(200);
    expect((await ob("POST", `/v1/gebruikers/${v.id}/blokkering`)).status).toBe(200);
    expect((await ob("DELETE", `/v1/gebruikers/${v.id}/blokkering`)).status).toBe(200);
    expect((await ob("DELETE", `/v1/gebruikers/${v.id}/tweede-factor`)).status).toBe(200);
    expect((await ob("POST", `/v1/gebruikers/${v.id}/uitnodiging`)).status).toBe(200);
    const regels = (await json<Page<AccountRegel>>(await ob("GET", `/v1/accountlog?gebruikerId=${v.id}`), 200)).resultaten;
    expect(regels.map((x) => [x.soort, x.van, x.naar])).toEqual([
      ["opnieuw-uitgenodigd", null, null],
      ["tweede-factor-gereset", null, null],
      ["gedeblokkeerd", "geblokkeerd", "uitgenodigd"],
      ["geblokkeerd", "uitgenodigd", "geblokkeerd"],
      ["rol-gewijzigd", "verwijzer", "organisatiebeheerder"],
      ["uitgenodigd", null, "verwijzer"],
    ]);
    expect(regels.every((x) => x.door === "Test Jeugdbescherming (organisatiebeheerder)")).toBe(true);
    expect((await json<Page<AccountRegel>>(await beheer("GET", `/v1/accountlog?gebruikerId=${v.id}`), 200)).totaal).toBe(6);
    // Another organisation's organisatiebeheerder sees none of it; roles that manage nobody, nothing at all.
    expect((await json<Page<AccountRegel>>(await obSt("GET", `/v1/accountlog?gebruikerId=${v.id}`), 200)).totaal).toBe(0);
    await problem(await obSt("GET", `/v1/accountlog?organisatieId=${gi}`), 403);
    await problem(await r.als("verwijzer")("GET", "/v1/accountlog"), 403);
    expect(() => r.db.sqlite.prepare("UPDATE accountlog SET soort = 'geactiveerd'").run()).toThrow(/append-only/);
    expect(() => r.db.sqlite.prepare("DELETE FROM accountlog").run()).toThrow(/append-only/);
  });
});

describe("people in the access log and the histories", () => {
  it("names the person and the organisation for every case access, refused ones included", async () => {
    const r = await makeRegister();
    const casus = await maakCasus(r, { referentie: "PERSOON-1" }, r.als("verwijzer"));
    const b = await inloggen(r, r.tokens.verwijzer, "Ilse de Wit");
    expect((await b.get(`/mijn-casussen/${casus.id}`)).status).toBe(200);
    // A case of another organisation: 404, and logged under the same person.
    const elders = await maakCasus(r, { referentie: "ELDERS-1" }, r.als("zorgmakelaar"));
    expect((await b.get(`/mijn-casussen/${elders.id}`)).status).toBe(404);
    const log = await json<
      Page<{
        actor: string;
        gebruikerId: string;
        gebruiker: string;
        organisatieId: string;
        rol: string;
        casusIds: string[];
        resultaat: number;
      }>
    >(await r.als("beheerder")("GET", `/v1/toegangslog?gebruikerId=${b.persoon.id}`), 200);
    expect(log.resultaten.map((x) => [x.resultaat, x.casusIds])).toEqual([
      [404, []],
      [200, [casus.id]],
    ]);
    for (const regel of log.resultaten) {
      expect(regel).toMatchObject({
        actor: b.persoon.id,
        gebruikerId: b.persoon.id,
        gebruiker: "Ilse de Wit",
        organisatieId: r.organisaties.verwijzer.id,
        rol: "verwijzer",
      });
    }
    // A koppeling's request has no person.
    await r.als("verwijzer")("GET", `/v1/casussen/${casus.id}`);
    const koppeling = await json<Page<{ gebruikerId: string | null }>>(
      await r.als("beheerder")("GET", "/v1/toegangslog?perPagina=1"),
      200,
    );
    expect(koppeling.resultaten[0]?.gebruikerId).toBeNull();
  });

  it("shows the person's name on history lines to their own organisation, the organisation to others", async () => {
    const r = await makeRegister();
    const casus = await maakCasus(r, { referentie: "HIST-1" }, r.als("verwijzer"));
    const makelaar = await inloggenAls(r, "zorgmakelaar");
    const pagina = await (await makelaar.get(`/wachtlijst/casus/${casus.id}`)).text();
    const res = await makelaar.post(`/wachtlijst/casus/${casus.id}/prioriteit`, {
      _csrf: csrfUit(pagina),
      groep: "1",
      reden: "Veiligheid thuis niet gewaarborgd",
    });
    expect(res.status).toBe(303);
    const regel = (lijst: { resultaten: { soort: string; door: string; doorPersoon: string | null }[] }) =>
      lijst.resultaten.find((x) => x.soort === "prioriteit");
    // The broker's own organisation (a koppeling of it) sees the name; the referrer's organisation the organisation only.
    const eigen = await json<{ resultaten: { soort: string; door: string; doorPersoon: string | null }[] }>(
      await r.als("zorgmakelaar")("GET", `/v1/casussen/${casus.id}/historie`),
      200,
    );
    expect(regel(eigen)).toMatchObject({
      door: "Test Serviceteam Haaglanden (zorgmakelaar)",
      doorPersoon: makelaar.persoon.naam,
    });
    const ander = await json<{ resultaten: { soort: string; door: string; doorPersoon: string | null }[] }>(
      await r.als("verwijzer")("GET", `/v1/casussen/${casus.id}/historie`),
      200,
    );
    expect(regel(ander)).toMatchObject({ door: "Test Serviceteam Haaglanden (zorgmakelaar)", doorPersoon: null });
    expect(JSON.stringify(ander)).not.toContain(makelaar.persoon.id);
  });

  it("names the person on referral, escalation and measure-count lines to their own organisation, the organisation to the provider and others", async () => {
    const r = await makeRegister();
    const aanbieder = await maakAanbieder(r);
    const locatie = await maakLocatie(r, aanbieder.id);
    await json(
      await r.als("beheerder")("POST", "/v1/contracten", {
        aanbiederId: aanbieder.id,
        zorgvorm: "gezinshuis",
        gemeente: "GM0518",
        geldigVanaf: "2026-01-01",
      }),
      201,
    );
    const offer = await maakAanbod(r, locatie.id, { leeftijdVan: 0, leeftijdTot: 18, capaciteit: 3, vrijePlekken: 1 });
    const casus = await maakCasus(r, { referentie: "AANM-PERSOON-1" }, r.als("verwijzer"));
    // A referrer signed in as herself sends the referral and records an escalation step (the pages' use cases).
    const v = await inloggen(r, r.tokens.verwijzer, "Noor Verwijzer");
    const [rij] = await r.db.orm.select().from(gebruikers).where(eq(gebruikers.id, v.persoon.id));
    const deps = { db: r.db, clock: r.clock };
    const ctx = { deps, actor: rij ? await zelf(deps, rij) : undefined };
    expect(ctx.actor?.gebruikerId).toBe(v.persoon.id);
    const aanmelding = (await createAanmelding(
      ctx,
      AanmeldingInput.parse({ casusId: casus.id, aanbodId: offer.id, contactpersoon: { naam: "N. Verwijzer" } }),
    )) as { id: string };
    await createEscalatie(ctx, { id: casus.id, escalatie: EscalatieInput.parse({ stap: "A1", datum: "2026-11-26" }) });

    type Regel = { door: string; doorPersoon: string | null };
    const door = "Test Jeugdbescherming (verwijzer)";
    const historie = async (als: RequestFn) =>
      (await json<{ resultaten: Regel[] }>(await als("GET", `/v1/aanmeldingen/${aanmelding.id}/historie`), 200)).resultaten;
    expect(await historie(r.als("verwijzer"))).toEqual([expect.objectContaining({ door, doorPersoon: "Noor Verwijzer" })]);
    const provider = r.met(await r.aanbiederToken(aanbieder.id));
    const bijAanbieder = await historie(provider);
    expect(bijAanbieder).toEqual([expect.objectContaining({ door, doorPersoon: null })]);
    expect(JSON.stringify(bijAanbieder)).not.toContain(v.persoon.id);

    const escalaties = async (als: RequestFn) =>
      (await json<{ resultaten: Regel[] }>(await als("GET", `/v1/casussen/${casus.id}/escalaties`), 200)).resultaten;
    expect(await escalaties(r.als("verwijzer"))).toEqual([expect.objectContaining({ door, doorPersoon: "Noor Verwijzer" })]);
    const bijMakelaar = await escalaties(r.als("zorgmakelaar"));
    expect(bijMakelaar).toEqual([expect.objectContaining({ door, doorPersoon: null })]);
    expect(JSON.stringify(bijMakelaar)).not.toContain(v.persoon.id);

    // The case's own history lines of both (and the status line the referral moved) name her too.
    const casusHistorie = async (als: RequestFn) =>
      (
        await json<{ resultaten: (Regel & { soort: string })[] }>(await als("GET", `/v1/casussen/${casus.id}/historie`), 200)
      ).resultaten.filter((x) => x.soort !== "aangemaakt");
    const eigen = await casusHistorie(r.als("verwijzer"));
    expect(eigen.map((x) => x.soort)).toEqual(expect.arrayContaining(["aanmelding", "escalatie"]));
    expect(eigen.every((x) => x.doorPersoon === "Noor Verwijzer")).toBe(true);
    expect((await casusHistorie(r.als("zorgmakelaar"))).every((x) => x.doorPersoon === null && x.door === door)).toBe(true);

    // The GI's count of measures for the norm report: entered by her, named to her organisation only.
    await saveMaatregeltellingen(ctx, {
      regio: "haaglanden",
      organisatieId: r.organisaties.verwijzer.id,
      maand: "2026-11",
      aantal: 120,
    });
    type Telling = { ingevoerdDoor: string; ingevoerdDoorPersoon: string | null };
    const tellingen = async (als: RequestFn) =>
      (await json<{ resultaten: Telling[] }>(await als("GET", "/v1/maatregeltellingen?regio=haaglanden"), 200)).resultaten;
    expect(await tellingen(r.als("verwijzer"))).toEqual([
      expect.objectContaining({ ingevoerdDoor: door, ingevoerdDoorPersoon: "Noor Verwijzer" }),
    ]);
    const bijRegio = await tellingen(r.als("zorgmakelaar"));
    expect(bijRegio).toEqual([expect.objectContaining({ ingevoerdDoor: door, ingevoerdDoorPersoon: null })]);
    expect(JSON.stringify(bijRegio)).not.toContain(v.persoon.id);
  });
});
