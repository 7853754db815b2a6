import { TOTP } from "otpauth";
import { expect } from "vitest";
import { authenticate } from "../../src/services/authenticatie.ts";
import type { Register } from "../helpers.ts";
import { linkUit } from "../support/postbus.ts";

/** The CSRF token in the first form of a page. */
export function csrfUit(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no CSRF field on the page");
  return match[1];
}

/** The TOTP secret an enrolment page shows to type in by hand. */
export function geheimUit(html: string): string {
  const match = /<code class="pw-sleutel">([A-Z2-7 ]+)<\/code>/.exec(html);
  if (!match?.[1]) throw new Error("no TOTP secret on the page");
  return match[1].replace(/ /g, "");
}

/** What an authenticator app shows for `geheim` at `op` (RFC 6238, computed by the test with otpauth). */
export function totp(geheim: string, op: Date): string {
  return new TOTP({ secret: geheim, algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: op.getTime() });
}

export const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

/** A tiny cookie jar for one browser: what Set-Cookie gave, sent back on every request. */
export class Koekjes {
  readonly waarden = new Map<string, string>();
  neem(res: Response): Response {
    for (const header of res.headers.getSetCookie()) {
      const [paar] = header.split(";");
      const [naam, ...rest] = (paar ?? "").split("=");
      if (!naam) continue;
      if (/max-age=0/i.test(header)) this.waarden.delete(naam.trim());
      else this.waarden.set(naam.trim(), rest.join("="));
    }
    return res;
  }
  get header(): string {
    return [...this.waarden].map(([n, w]) => `${n}=${w}`).join("; ");
  }
}

/** GET and POST a form as one browser would, keeping its cookies. */
export function browserVoor(r: Register, koekjes = new Koekjes()) {
  const get = async (pad: string) =>
    koekjes.neem(await r.app.request(pad, { headers: { Cookie: koekjes.header, Accept: "text/html" } }));
  const post = async (pad: string, velden: Record<string, string>) =>
    koekjes.neem(
      await r.app.request(pad, {
        method: "POST",
        headers: { ...FORM, Cookie: koekjes.header, Accept: "text/html" },
        body: new URLSearchParams(velden).toString(),
      }),
    );
  return { get, post, koekjes };
}

export interface Browser {
  /** GET a page with the session cookie. */
  get: (pad: string) => Response | Promise<Response>;
  /** POST a form (urlencoded) with the session cookie; the session's CSRF token is added unless given. */
  post: (pad: string, velden: Record<string, string>) => Response | Promise<Response>;
  csrf: string;
  cookie: string;
  /** Who signed in. */
  persoon: Persoon;
}

export interface Persoon {
  id: string;
  naam: string;
  email: string;
  /** The TOTP secret, when the person set up a second factor. */
  geheim?: string;
  herstelcodes: string[];
}

let volgnummer = 0;

/**
 * A new person of the organisation and role of `token` (a koppeling of the test register), who
 * is invited over the API, gets the invitation by mail (real SMTP), confirms it on the page,
 * sets up the second factor where required (the test computes the TOTP code) and is signed in:
 * a browser with that person's session. A token itself never signs in.
 */
export async function inloggen(r: Register, token: string, naam?: string): Promise<Browser> {
  const wie = await authenticate({ db: r.db, clock: r.clock }, token);
  if (!wie) throw new Error("unknown token");
  const email = `${wie.rol}-${++volgnummer}@test.invalid`;
  const wat = naam ?? `Test ${wie.rol} ${volgnummer}`;
  const res = await r.als("beheerder")("POST", "/v1/gebruikers", {
    naam: wat,
    email,
    organisatieId: wie.organisatieId,
    rol: wie.rol,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  return bevestigUitnodiging(r, { id, naam: wat, email });
}

/** Opens the invitation from the mail, confirms it, and sets up the second factor when asked. */
export async function bevestigUitnodiging(r: Register, persoon: { id: string; naam: string; email: string }): Promise<Browser> {
  const bericht = await r.postbus.wachtOp(persoon.email);
  const b = browserVoor(r);
  const pagina = await b.get(linkUit(bericht, "/uitnodiging/"));
  expect(pagina.status).toBe(200);
  const bevestigd = await b.post(linkUit(bericht, "/uitnodiging/"), { _csrf: csrfUit(await pagina.text()) });
  expect(bevestigd.status).toBe(303);
  let geheim: string | undefined;
  let herstelcodes: string[] = [];
  if (bevestigd.headers.get("location") === "/inloggen/inschrijven") {
    const scherm = await b.get("/inloggen/inschrijven");
    const html = await scherm.text();
    geheim = geheimUit(html);
    const klaar = await b.post("/inloggen/inschrijven", { _csrf: csrfUit(html), code: totp(geheim, r.clock.now()) });
    const codes = await klaar.text();
    expect(klaar.status, codes).toBe(200);
    herstelcodes = [...codes.matchAll(/<code>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})<\/code>/g)].map(
      (m) => m[1] as string,
    );
  }
  const cookie = b.koekjes.waarden.get("pw_sessie");
  if (!cookie) throw new Error("no session cookie after confirming the invitation");
  const start = await b.get("/account");
  const csrf = csrfUit(await start.text());
  return sessieBrowser(r, cookie, csrf, { ...persoon, geheim, herstelcodes });
}

/** A client that sends the session cookie and the session's CSRF token. */
export function sessieBrowser(r: Register, cookie: string, csrf: string, persoon: Persoon): Browser {
  const get = (pad: string) => r.app.request(pad, { headers: { Cookie: `pw_sessie=${cookie}`, Accept: "text/html" } });
  const post = (pad: string, velden: Record<string, string>) =>
    r.app.request(pad, {
      method: "POST",
      headers: { ...FORM, Cookie: `pw_sessie=${cookie}`, Accept: "text/html" },
      body: new URLSearchParams({ _csrf: csrf, ...velden }).toString(),
    });
  return { get, post, csrf, cookie, persoon };
}

/** Signs in a new person with the role of the register's token (a provider: `inloggen(r, await r.aanbiederToken(id))`). */
export function inloggenAls(r: Register, rol: "verwijzer" | "zorgmakelaar" | "beheerder"): Promise<Browser> {
  return inloggen(r, r.tokens[rol]);
}
