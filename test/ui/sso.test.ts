import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessies } from "../../db/schema/index.ts";
import { json, maakAanbieder, type Row } from "../factories.ts";
import { makeRegister, PUBLIEKE_URL, type Register } from "../helpers.ts";
import { doorIdp, type Idp, startIdp } from "../support/oidc.ts";
import { browserVoor, csrfUit } from "./sessie.ts";

const TERUG = `${PUBLIEKE_URL}/inloggen/sso/terug`;

/**
 * Signing in through an organisation's own OpenID Connect provider: a real oidc-provider in this
 * process, the register's openid-client on the other side (authorization code, PKCE, state, nonce).
 */
describe("SSO through the organisation's OpenID Connect provider", () => {
  let idp: Idp;
  let ander: Idp;
  let r: Register;
  let aanbiederOrg: string;
  let gi: string;

  beforeAll(async () => {
    [idp, ander] = await Promise.all([startIdp(TERUG), startIdp(TERUG)]);
    r = await makeRegister();
    const aanbieder = await maakAanbieder(r);
    aanbiederOrg = (
      await json<Row>(
        await r.als("beheerder")("POST", "/v1/organisaties", {
          naam: "SSO Aanbieder",
          type: "aanbieder",
          aanbiederId: aanbieder.id,
        }),
        201,
      )
    ).id;
    gi = r.organisaties.verwijzer.id;
    for (const org of [aanbiederOrg, gi]) {
      const res = await r.als("beheerder")("PUT", `/v1/organisaties/${org}/inlogbeleid`, {
        tweedeFactorVerplicht: false,
        sso: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret },
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(JSON.stringify(await res.json())).not.toContain(idp.clientSecret);
    }
    const nodig = async (naam: string, email: string, organisatieId: string, rol: string) =>
      json<Row>(await r.als("beheerder")("POST", "/v1/gebruikers", { naam, email, organisatieId, rol }), 201);
    await nodig("Sanne SSO", "sanne@aanbieder.test.invalid", aanbiederOrg, "aanbieder");
    await nodig("Vera SSO", "vera@gi.test.invalid", gi, "verwijzer");
    idp.accounts.set("sanne", { email: "Sanne@aanbieder.test.invalid", email_verified: true });
    idp.accounts.set("vera", { email: "vera@gi.test.invalid", email_verified: true });
    idp.accounts.set("onbekend", { email: "niemand@aanbieder.test.invalid", email_verified: true });
    idp.accounts.set("onbevestigd", { email: "sanne@aanbieder.test.invalid", email_verified: false });
    ander.accounts.set("sanne", { email: "sanne@aanbieder.test.invalid", email_verified: true });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([idp?.close(), ander?.close()]);
  });

  /** Starts SSO for an organisation on the sign-in page: the browser and where the register sends it. */
  async function start(organisatieId: string) {
    const b = browserVoor(r);
    const pagina = await (await b.get("/inloggen")).text();
    expect(pagina).toContain("Inloggen via uw organisatie");
    const res = await b.post("/inloggen/sso", { _csrf: csrfUit(pagina), organisatieId });
    expect(res.status).toBe(303);
    const url = new URL(res.headers.get("location") ?? "");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("state")).toMatch(/.{20,}/);
    expect(url.searchParams.get("nonce")).toMatch(/.{20,}/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("pw_sso=")) ?? "";
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/inloggen\/sso/);
    return { b, url };
  }

  it("signs in a provider's person matched on the verified e-mail, confirming the invitation", async () => {
    const { b, url } = await start(aanbiederOrg);
    idp.zetInlog("sanne");
    const terug = await doorIdp(url.href, TERUG);
    const res = await b.get(terug);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("U bent ingelogd via uw organisatie.");
    expect(b.koekjes.waarden.has("pw_sessie")).toBe(true);
    expect((await b.get("/mijn-aanbod")).status).toBe(200);
    const [sessie] = (await r.db.orm.select().from(sessies)).filter((s) => s.via === "sso");
    expect(sessie).toBeDefined();
    const log = await json<{ resultaten: { soort: string; naar: string }[] }>(
      await r.als("beheerder")("GET", `/v1/accountlog?organisatieId=${aanbiederOrg}`),
      200,
    );
    expect(log.resultaten.map((x) => x.soort)).toContain("geactiveerd");
  });

  it("still asks a case-data role for the second factor, unless the provider says it did one (amr)", async () => {
    const zonder = await start(gi);
    idp.zetInlog("vera", ["pwd"]);
    const res = await zonder.b.get(await doorIdp(zonder.url.href, TERUG));
    expect(zonder.b.koekjes.waarden.has("pw_sessie")).toBe(false);
    expect(await res.text()).toContain('href="/inloggen/inschrijven"');
    expect((await zonder.b.get("/inloggen/inschrijven")).status).toBe(200);

    const met = await start(gi);
    idp.zetInlog("vera", ["pwd", "mfa"]);
    await met.b.get(await doorIdp(met.url.href, TERUG));
    expect(met.b.koekjes.waarden.has("pw_sessie")).toBe(true);
    expect((await met.b.get("/mijn-casussen")).status).toBe(200);
  });

  it("refuses an unknown person, an unverified address, someone of another organisation, and a blocked person", async () => {
    const geblokkeerd = await json<Row>(
      await r.als("beheerder")("POST", "/v1/gebruikers", {
        naam: "Bram Vertrokken",
        email: "bram@aanbieder.test.invalid",
        organisatieId: aanbiederOrg,
        rol: "aanbieder",
      }),
      201,
    );
    expect((await r.als("beheerder")("POST", `/v1/gebruikers/${geblokkeerd.id}/blokkering`)).status).toBe(200);
    idp.accounts.set("bram", { email: "bram@aanbieder.test.invalid", email_verified: true });
    for (const [account, org] of [
      ["onbekend", aanbiederOrg],
      ["onbevestigd", aanbiederOrg],
      ["sanne", gi],
      ["bram", aanbiederOrg],
    ] as const) {
      const { b, url } = await start(org);
      idp.zetInlog(account);
      const res = await b.get(await doorIdp(url.href, TERUG));
      expect(res.status, account).toBe(403);
      expect(b.koekjes.waarden.has("pw_sessie"), account).toBe(false);
    }
  });

  it("refuses a bad state, and an attempt used once already", async () => {
    const { b, url } = await start(aanbiederOrg);
    idp.zetInlog("sanne");
    const terug = new URL(await doorIdp(url.href, TERUG), PUBLIEKE_URL);
    const goed = terug.searchParams.get("state") ?? "";
    terug.searchParams.set("state", `${goed}x`);
    const fout = await b.get(terug.pathname + terug.search);
    expect(fout.status).toBe(403);
    expect(await fout.text()).toContain("klopte niet");
    expect(b.koekjes.waarden.has("pw_sessie")).toBe(false);
    // The attempt is spent: the right state does not help afterwards.
    terug.searchParams.set("state", goed);
    expect((await b.get(terug.pathname + terug.search)).status).toBe(403);
    expect(b.koekjes.waarden.has("pw_sessie")).toBe(false);
  });

  it("refuses an answer from another issuer (a mix-up: the browser was sent to another provider)", async () => {
    const { b, url } = await start(aanbiederOrg);
    // The same request, but at another provider that knows the same client and the same person.
    const elders = new URL(url.pathname + url.search, ander.issuer);
    ander.zetInlog("sanne");
    const terug = await doorIdp(elders.href, TERUG);
    expect(new URL(terug, PUBLIEKE_URL).searchParams.get("iss")).toBe(ander.issuer);
    const res = await b.get(terug);
    expect(res.status).toBe(403);
    expect(b.koekjes.waarden.has("pw_sessie")).toBe(false);
  });

  it("lets only the organisation's or the register's beheerder set SSO, and never shows the client secret", async () => {
    const eigen = await r.als("beheerder")("GET", `/v1/organisaties/${gi}/inlogbeleid`);
    const beleid = (await eigen.json()) as { sso: { clientSecretIngesteld: boolean } };
    expect(beleid.sso.clientSecretIngesteld).toBe(true);
    expect(JSON.stringify(beleid)).not.toContain(idp.clientSecret);
    expect(
      (await r.als("verwijzer")("PUT", `/v1/organisaties/${gi}/inlogbeleid`, { tweedeFactorVerplicht: true, sso: null })).status,
    ).toBe(403);
    const http = await r.als("beheerder")("PUT", `/v1/organisaties/${gi}/inlogbeleid`, {
      tweedeFactorVerplicht: false,
      sso: { issuer: "http://login.example.nl", clientId: "x", clientSecret: "y" },
    });
    expect(http.status).toBe(400);
  });
});
