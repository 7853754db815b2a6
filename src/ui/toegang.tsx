import type { Context, MiddlewareHandler } from "hono";
import { markeerToegang } from "../http/context.ts";
import type { AppEnv } from "../http/env.ts";
import type { Actor } from "../kern/actor.ts";
import type { Actie, Rol } from "../kern/vocabulary.ts";
import { Melding } from "./components.tsx";
import { CSRF_VELD } from "./forms.ts";
import { pagina } from "./layout.tsx";

/** Only a path on this site may be a return address after signing in (no open redirect, no control characters). */
export function lokaalPad(pad: string | undefined): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here.
  return pad && /^\/(?![/\\])[^\s\x00-\x1f\x7f]*$/.test(pad) ? pad : undefined;
}

/**
 * A part of the site that shows or changes case data: every request is access-logged, also a
 * refused one (no session, another role, a bad form), exactly as the API logs 401, 403 and 404.
 */
export function casusPaginas(actie: (c: Context<AppEnv>) => Actie): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    markeerToegang(c, actie(c));
    await next();
  };
}

/**
 * A page for these roles: without a session the user is sent to sign in (and back afterwards),
 * with another role the page says so (403). Every POST must carry the session's CSRF token.
 */
export function voor(rollen: readonly Rol[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get("actor");
    if (!actor) {
      const terug = c.req.method === "GET" ? `?terug=${encodeURIComponent(c.req.path + new URL(c.req.url).search)}` : "";
      return c.redirect(`/inloggen${terug}`, 303);
    }
    if (!rollen.includes(actor.rol)) {
      return pagina(
        c,
        {
          titel: "Geen toegang",
          children: (
            <Melding soort="warning">
              <p class="utrecht-paragraph">
                Met de rol {actor.rol} kunt u deze pagina niet gebruiken. Kies een pagina in het menu.
              </p>
            </Melding>
          ),
        },
        403,
      );
    }
    if (c.req.method === "POST" && !(await csrfKlopt(c))) {
      return pagina(
        c,
        {
          titel: "Formulier verlopen",
          children: (
            <Melding soort="error">
              <p class="utrecht-paragraph">
                Dit formulier hoort niet (meer) bij uw sessie. Er is niets opgeslagen. Ga terug, laad de pagina opnieuw en probeer
                het nog eens.
              </p>
            </Melding>
          ),
        },
        403,
      );
    }
    await next();
  };
}

/** Constant-time comparison of two strings of any length. */
export function gelijk(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let verschil = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) verschil |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return verschil === 0;
}

/** Synchronizer token in the form, and never a cross-site request (SameSite=Strict is the backstop). */
async function csrfKlopt(c: Context<AppEnv>): Promise<boolean> {
  if (c.req.header("sec-fetch-site") === "cross-site") return false;
  const sessie = c.get("sessie");
  if (!sessie) return false;
  const body = await c.req.parseBody();
  const token = body[CSRF_VELD];
  return typeof token === "string" && gelijk(token, sessie.csrf);
}

/** The signed-in actor of a page behind `voor()`. */
export function ingelogd(c: Context<AppEnv>): Actor {
  const actor = c.get("actor");
  if (!actor) throw new Error("voor() must guard this page");
  return actor;
}

/** The CSRF token for the forms of this page. */
export function csrfVan(c: Context<AppEnv>): string {
  return c.get("sessie")?.csrf ?? "";
}
