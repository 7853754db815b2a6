import { beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../src/services/toegang.ts";
import { maakAanbieder } from "../factories.ts";
import { makeRegister, type Register } from "../helpers.ts";
import { type Browser, inloggen, inloggenAls } from "./sessie.ts";

/**
 * Every page route × every role, through a real sign-in: the role policy of the web app in one
 * table. A GET answers its status; a POST with a wrong CSRF token is refused for the role
 * ("rol", 403) before the form is even read ("csrf", 403), or sent to sign in (303).
 */
type Uitkomst = number | "rol" | "csrf";
const ROLLEN = ["anoniem", "aanbieder", "verwijzer", "zorgmakelaar", "beheerder", "organisatiebeheerder"] as const;
type Wie = (typeof ROLLEN)[number];
const ONBEKEND = "00000000-0000-4000-8000-000000000000";

const A = (...u: Uitkomst[]) => u;
/** Left out, the organisatiebeheerder's outcome is the one all four other roles share, else "rol". */
function verwachtVoor(u: Uitkomst[], i: number): Uitkomst {
  if (i < 5 || u[5] !== undefined) return u[i] as Uitkomst;
  const rest = u.slice(1, 5);
  return rest.every((x) => x === rest[0]) ? (rest[0] as Uitkomst) : "rol";
}
const MATRIX: Record<string, Uitkomst[]> = {
  //                                          anoniem aanbieder verwijzer zorgmakelaar beheerder
  "GET /assets/plekwijzer.css": A(200, 200, 200, 200, 200),
  "GET /assets/plekwijzer.js": A(200, 200, 200, 200, 200),
  "GET /assets/utrecht.css": A(200, 200, 200, 200, 200),
  "GET /assets/tokens.css": A(200, 200, 200, 200, 200),
  "GET /assets/favicon.svg": A(200, 200, 200, 200, 200),
  "GET /favicon.ico": A(200, 200, 200, 200, 200),
  "GET /": A(303, 303, 303, 303, 303),
  "GET /inloggen": A(200, 303, 303, 303, 303),
  "POST /inloggen": A(403, 403, 403, 403, 403),
  "POST /uitloggen": A(303, "csrf", "csrf", "csrf", "csrf"),
  "GET /mijn-aanbod": A(303, 200, "rol", "rol", "rol"),
  "POST /mijn-aanbod": A(303, "csrf", "rol", "rol", "rol"),
  "GET /mijn-aanbod/:id/historie": A(303, 404, "rol", "rol", "rol"),
  "GET /mijn-aanbod/nieuw": A(303, 200, "rol", "rol", "rol"),
  "POST /mijn-aanbod/nieuw": A(303, "csrf", "rol", "rol", "rol"),
  "GET /mijn-aanbod/contactgegevens": A(303, 200, "rol", "rol", "rol"),
  "POST /mijn-aanbod/contactgegevens": A(303, "csrf", "rol", "rol", "rol"),
  "GET /mijn-aanbod/:id/gegevens": A(303, 404, "rol", "rol", "rol"),
  "POST /mijn-aanbod/:id/gegevens": A(303, "csrf", "rol", "rol", "rol"),
  "POST /mijn-aanbod/:id/beeindigen": A(303, "csrf", "rol", "rol", "rol"),
  "POST /mijn-aanbod/reserveringen/:id/plaatsing": A(303, "csrf", "rol", "rol", "rol"),
  "POST /mijn-aanbod/reserveringen/:id/intrekking": A(303, "csrf", "rol", "rol", "rol"),
  "GET /mijn-aanbod/aanmeldingen": A(303, 200, "rol", "rol", "rol"),
  "POST /mijn-aanbod/aanmeldingen/:id/acceptatie": A(303, "csrf", "rol", "rol", "rol"),
  "GET /mijn-aanbod/aanmeldingen/:id/afwijzen": A(303, 404, "rol", "rol", "rol"),
  "POST /mijn-aanbod/aanmeldingen/:id/afwijzing": A(303, "csrf", "rol", "rol", "rol"),
  "POST /mijn-aanbod/aanmeldingen/:id/start": A(303, "csrf", "rol", "rol", "rol"),
  "GET /mijn-aanbod/aanmeldingen/:id/intrekken": A(303, 404, "rol", "rol", "rol"),
  "POST /mijn-aanbod/aanmeldingen/:id/intrekking": A(303, "csrf", "rol", "rol", "rol"),
  "GET /mijn-casussen": A(303, "rol", 200, "rol", "rol"),
  "GET /mijn-casussen/nieuw": A(303, "rol", 200, "rol", "rol"),
  "POST /mijn-casussen/nieuw": A(303, "rol", "csrf", "rol", "rol"),
  "GET /mijn-casussen/:id": A(303, "rol", 404, "rol", "rol"),
  "GET /mijn-casussen/:id/corrigeren": A(303, "rol", 404, "rol", "rol"),
  "POST /mijn-casussen/:id/corrigeren": A(303, "rol", "csrf", "rol", "rol"),
  "GET /mijn-casussen/:id/aanmeldingen/:aid/bevestigen": A(303, "rol", 404, "rol", "rol"),
  "POST /mijn-casussen/:id/aanmeldingen/:aid/bevestiging": A(303, "rol", "csrf", "rol", "rol"),
  "GET /mijn-casussen/:id/aanmeldingen/:aid/intrekken": A(303, "rol", 404, "rol", "rol"),
  "POST /mijn-casussen/:id/aanmeldingen/:aid/intrekking": A(303, "rol", "csrf", "rol", "rol"),
  "POST /mijn-casussen/:id/escalaties": A(303, "rol", "csrf", "rol", "rol"),
  "GET /zoeken": A(303, 200, 200, 200, 200),
  "GET /zoeken/aanbod/:id": A(303, 404, 404, 404, 404),
  "GET /wachtlijst": A(303, "rol", "rol", 200, "rol"),
  "GET /wachtlijst/casus/:id": A(303, "rol", "rol", 404, "rol"),
  "POST /wachtlijst/casus/:id/prioriteit": A(303, "rol", "rol", "csrf", "rol"),
  "GET /wachtlijst/casus/:id/aanmeldingen/:aid/bevestigen": A(303, "rol", "rol", 404, "rol"),
  "POST /wachtlijst/casus/:id/aanmeldingen/:aid/bevestiging": A(303, "rol", "rol", "csrf", "rol"),
  "GET /wachtlijst/casus/:id/aanmeldingen/:aid/intrekken": A(303, "rol", "rol", 404, "rol"),
  "POST /wachtlijst/casus/:id/aanmeldingen/:aid/intrekking": A(303, "rol", "rol", "csrf", "rol"),
  "POST /wachtlijst/casus/:id/escalaties": A(303, "rol", "rol", "csrf", "rol"),
  // Without an offer there is nothing to refer to.
  "GET /aanmelden": A(303, "rol", 404, 404, "rol"),
  "POST /aanmelden": A(303, "rol", "csrf", "csrf", "rol"),
  "GET /matching": A(303, "rol", "rol", 200, "rol"),
  "GET /matching/reserveringen": A(303, "rol", "rol", 200, "rol"),
  "GET /matching/afgehandeld": A(303, "rol", "rol", 200, "rol"),
  "POST /matching/uitvoeren": A(303, "rol", "rol", "csrf", "rol"),
  "POST /matching/voorstellen/:id/acceptatie": A(303, "rol", "rol", "csrf", "rol"),
  "POST /matching/voorstellen/:id/afwijzing": A(303, "rol", "rol", "csrf", "rol"),
  "POST /matching/reserveringen/:id/plaatsing": A(303, "rol", "rol", "csrf", "rol"),
  "POST /matching/reserveringen/:id/intrekking": A(303, "rol", "rol", "csrf", "rol"),
  "GET /overzicht": A(303, "rol", "rol", 200, 200),
  "GET /overzicht/csv/:rapport": A(303, "rol", "rol", 404, 404),
  "GET /open": A(200, 200, 200, 200, 200),
  "POST /open/bestand": A(400, 400, 400, 400, 400),
  "GET /beheer": A(303, "rol", "rol", "rol", 200),
  "GET /beheer/catalogus": A(303, "rol", "rol", "rol", 200),
  "GET /beheer/contracten": A(303, "rol", "rol", "rol", 200),
  "POST /beheer/contracten": A(303, "rol", "rol", "rol", "csrf"),
  "POST /beheer/contracten/:id/verwijderen": A(303, "rol", "rol", "rol", "csrf"),
  "GET /beheer/contracten/:id/beeindigen": A(303, "rol", "rol", "rol", 404),
  "POST /beheer/contracten/:id/beeindigen": A(303, "rol", "rol", "rol", "csrf"),
  "GET /beheer/prioriteringsregels": A(303, "rol", "rol", "rol", 200),
  "POST /beheer/prioriteringsregels": A(303, "rol", "rol", "rol", "csrf"),
  "GET /beheer/prioriteringsregels/:id": A(303, "rol", "rol", "rol", 404),
  "GET /beheer/organisaties": A(303, "rol", "rol", "rol", 200),
  "POST /beheer/organisaties": A(303, "rol", "rol", "rol", "csrf"),
  "GET /beheer/tokens": A(303, "rol", "rol", "rol", 200),
  "POST /beheer/tokens": A(303, "rol", "rol", "rol", "csrf"),
  "POST /beheer/tokens/:id/intrekken": A(303, "rol", "rol", "rol", "csrf"),
  "GET /beheer/tokens/nieuw/:id": A(303, "rol", "rol", "rol", 410),
  // Signing in: every step without its attempt or form token is refused, signed in or not.
  "GET /inloggen/code": A(303, 303, 303, 303, 303),
  "POST /inloggen/code": A(403, 403, 403, 403, 403),
  "GET /inloggen/link/:token": A(403, 403, 403, 403, 403),
  "POST /inloggen/link/:token": A(403, 403, 403, 403, 403),
  "GET /inloggen/tweede-factor": A(303, 303, 303, 303, 303),
  "POST /inloggen/tweede-factor": A(403, 403, 403, 403, 403),
  "GET /inloggen/inschrijven": A(303, 303, 303, 303, 303),
  "POST /inloggen/inschrijven": A(403, 403, 403, 403, 403),
  "POST /inloggen/sso": A(403, 403, 403, 403, 403),
  "GET /inloggen/sso/terug": A(403, 403, 403, 403, 403),
  "GET /uitnodiging/:token": A(403, 403, 403, 403, 403),
  "POST /uitnodiging/:token": A(403, 403, 403, 403, 403),
  "GET /account": A(303, 200, 200, 200, 200),
  "POST /account/sessies/:id/beeindigen": A(303, "csrf", "csrf", "csrf", "csrf"),
  "POST /account/tweede-factor": A(303, "csrf", "csrf", "csrf", "csrf"),
  //                                          anoniem aanbieder verwijzer zorgmakelaar beheerder organisatiebeheerder
  "GET /gebruikers": A(303, "rol", "rol", "rol", 200, 200),
  "POST /gebruikers": A(303, "rol", "rol", "rol", "csrf", "csrf"),
  "GET /gebruikers/accountlog": A(303, "rol", "rol", "rol", 200, 200),
  "GET /gebruikers/inlogbeleid": A(303, "rol", "rol", "rol", 200, 200),
  "POST /gebruikers/inlogbeleid": A(303, "rol", "rol", "rol", "csrf", "csrf"),
  "GET /gebruikers/:id": A(303, "rol", "rol", "rol", 404, 404),
  "POST /gebruikers/:id/rol": A(303, "rol", "rol", "rol", "csrf", "csrf"),
  "POST /gebruikers/:id/blokkeren": A(303, "rol", "rol", "rol", "csrf", "csrf"),
  "POST /gebruikers/:id/deblokkeren": A(303, "rol", "rol", "rol", "csrf", "csrf"),
  "POST /gebruikers/:id/tweede-factor-resetten": A(303, "rol", "rol", "rol", "csrf", "csrf"),
  "POST /gebruikers/:id/uitnodigen": A(303, "rol", "rol", "rol", "csrf", "csrf"),
};

describe("the web app's role policy", () => {
  let r: Register;
  const sessies = {} as Record<Exclude<Wie, "anoniem">, Browser>;

  beforeAll(async () => {
    r = await makeRegister();
    sessies.aanbieder = await inloggen(r, await r.aanbiederToken((await maakAanbieder(r)).id));
    sessies.verwijzer = await inloggenAls(r, "verwijzer");
    sessies.zorgmakelaar = await inloggenAls(r, "zorgmakelaar");
    sessies.beheerder = await inloggenAls(r, "beheerder");
    const ob = await createToken(r.beheer, { organisatieId: r.organisaties.verwijzer.id, rol: "organisatiebeheerder" });
    sessies.organisatiebeheerder = await inloggen(r, ob.token);
  });

  it("has an entry for every page route the app serves", () => {
    const served = new Set(
      r.app.routes
        .filter((route) => route.method !== "ALL" && !/^\/(v1|docs)(\/|$)/.test(route.path))
        .map((route) => `${route.method} ${route.path}`),
    );
    expect([...served].filter((key) => !(key in MATRIX)).sort()).toEqual([]);
    expect(Object.keys(MATRIX).filter((key) => !served.has(key))).toEqual([]);
  });

  async function vraag(wie: Wie, method: string, pad: string): Promise<Uitkomst> {
    const cookie: Record<string, string> = wie === "anoniem" ? {} : { Cookie: `pw_sessie=${sessies[wie].cookie}` };
    const res = await r.app.request(pad, {
      method,
      headers: {
        Accept: "text/html",
        ...cookie,
        ...(method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
      body: method === "POST" ? "_csrf=niet-de-goede" : undefined,
    });
    const html = await res.text();
    if (res.status !== 403) return res.status;
    if (html.includes("<title>Geen toegang — Plekwijzer</title>")) return "rol";
    if (html.includes("<title>Formulier verlopen — Plekwijzer</title>")) return "csrf";
    return 403;
  }

  for (const [key, verwacht] of Object.entries(MATRIX)) {
    it(key, async () => {
      const [method, patroon] = key.split(" ") as [string, string];
      const pad = patroon.replace(/:a?id\b/g, ONBEKEND).replace(":token", "pw_onbekend");
      const got: Record<string, Uitkomst> = {};
      const want: Record<string, Uitkomst> = {};
      for (const [i, wie] of ROLLEN.entries()) {
        got[wie] = await vraag(wie, method, pad);
        want[wie] = verwachtVoor(verwacht, i);
      }
      expect(got).toEqual(want);
    });
  }
});
