import { expect } from "vitest";
import type { Register } from "../helpers.ts";

/** The value of a Set-Cookie header's cookie, or undefined. */
function cookieUit(res: Response, naam: string): string | undefined {
  for (const header of res.headers.getSetCookie()) {
    const [paar] = header.split(";");
    const [n, ...rest] = (paar ?? "").split("=");
    if (n?.trim() === naam) return rest.join("=");
  }
  return undefined;
}

/** The CSRF token in the first form of a page. */
export function csrfUit(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no CSRF field on the page");
  return match[1];
}

export interface Browser {
  /** GET a page with the session cookie. */
  get: (pad: string) => Response | Promise<Response>;
  /** POST a form (urlencoded) with the session cookie; the session's CSRF token is added unless given. */
  post: (pad: string, velden: Record<string, string>) => Response | Promise<Response>;
  csrf: string;
  cookie: string;
}

/**
 * Signs in through the sign-in page with `token`, as a browser would (CSRF cookie, form post),
 * and returns a client that sends the session cookie and the session's CSRF token.
 */
export async function inloggen(r: Register, token: string): Promise<Browser> {
  const formulier = await r.app.request("/inloggen");
  expect(formulier.status).toBe(200);
  const aanmeldCookie = cookieUit(formulier, "pw_aanmelden");
  const res = await r.app.request("/inloggen", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `pw_aanmelden=${aanmeldCookie}` },
    body: new URLSearchParams({ _csrf: csrfUit(await formulier.text()), token }).toString(),
  });
  expect(res.status, await res.clone().text()).toBe(303);
  const cookie = cookieUit(res, "pw_sessie");
  if (!cookie) throw new Error("no session cookie after signing in");
  const get = (pad: string) => r.app.request(pad, { headers: { Cookie: `pw_sessie=${cookie}`, Accept: "text/html" } });
  const start = await get(res.headers.get("location") ?? "/");
  const csrf = csrfUit(await start.text());
  const post = (pad: string, velden: Record<string, string>) =>
    r.app.request(pad, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `pw_sessie=${cookie}`, Accept: "text/html" },
      body: new URLSearchParams({ _csrf: csrf, ...velden }).toString(),
    });
  return { get, post, csrf, cookie };
}

/** Signs in with the register's token for a role (a provider: `inloggen(r, await r.aanbiederToken(id))`). */
export function inloggenAls(r: Register, rol: "verwijzer" | "zorgmakelaar" | "beheerder"): Promise<Browser> {
  return inloggen(r, r.tokens[rol]);
}
