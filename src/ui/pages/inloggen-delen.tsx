import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../../http/env.ts";
import { SESSIE_COOKIE } from "../../http/guard.ts";
import { DomainError, ErrorCode } from "../../kern/errors.ts";
import { generateToken } from "../../services/authenticatie.ts";
import { leesPoging, type Poging, type Volgende } from "../../services/inlogpoging.ts";
import { SESSIE_UREN, type SessieStart, startSessie } from "../../services/sessies.ts";
import { Link, Melding } from "../components.tsx";
import { pagina, startpagina } from "../layout.tsx";
import type { UiDeps } from "../sectie.tsx";
import { gelijk, lokaalPad } from "../toegang.tsx";

export const COOKIE = { httpOnly: true, secure: true, sameSite: "Strict", path: "/" } as const;
/** Before there is an attempt, the sign-in forms are protected by a double-submit cookie. */
const AANMELD_CSRF = "pw_aanmelden";
/** The sign-in in progress in this browser (a code to type, a second factor, enrolment). */
export const INLOG_COOKIE = "pw_inlog";

export type Geweigerd = Extract<Volgende, { stap: "geweigerd" }>;

/** A fresh double-submit token for a form shown before there is an attempt. */
export function nieuweCsrf(c: Context<AppEnv>): string {
  const csrf = generateToken();
  setCookie(c, AANMELD_CSRF, csrf, { ...COOKIE, maxAge: 3600 });
  return csrf;
}

/** The form carries the token of its double-submit cookie, and is not posted from another site. */
export async function csrfKlopt(c: Context<AppEnv>): Promise<boolean> {
  const body = await c.req.parseBody();
  const cookie = getCookie(c, AANMELD_CSRF);
  const csrf = body._csrf;
  return !!cookie && typeof csrf === "string" && gelijk(cookie, csrf) && c.req.header("sec-fetch-site") !== "cross-site";
}

/** The attempt of this browser, if its form carries the attempt's own CSRF token. */
export async function pogingMetCsrf(c: Context<AppEnv>, deps: UiDeps): Promise<Poging | undefined> {
  const poging = await leesPoging(deps.services, getCookie(c, INLOG_COOKIE));
  if (!poging || c.req.header("sec-fetch-site") === "cross-site") return undefined;
  const csrf = (await c.req.parseBody())._csrf;
  return typeof csrf === "string" && gelijk(csrf, poging.csrf) ? poging : undefined;
}

export function zetPoging(c: Context<AppEnv>, cookie: string): void {
  setCookie(c, INLOG_COOKIE, cookie, { ...COOKIE, maxAge: 15 * 60 });
}

/** A page of the sign-in steps that cannot go on: the form expired, or the attempt is gone. */
export function Verlopen(c: Context<AppEnv>, tekst = "Deze inlogpoging is verlopen of al gebruikt. Begin opnieuw.") {
  return pagina(
    c,
    {
      titel: "Inloggen verlopen",
      children: (
        <>
          <Melding soort="error">
            <p class="utrecht-paragraph">{tekst}</p>
          </Melding>
          <p class="utrecht-paragraph">
            <Link href="/inloggen">Opnieuw inloggen</Link>
          </p>
        </>
      ),
    },
    403,
  );
}

/**
 * A wrong code or link: the person's count was raised by the use case; here the address's
 * count too (the same limit as bad tokens), and a locked person or address waits (429).
 */
export async function weiger(c: Context<AppEnv>, deps: UiDeps, fout: Geweigerd): Promise<void> {
  if (fout.reden === "vergrendeld") {
    const seconden = Math.max(1, Math.ceil((Date.parse(fout.tot ?? "") - deps.services.clock.now().getTime()) / 1000));
    throw new DomainError(
      ErrorCode.tooManyRequests,
      `Te veel mislukte pogingen voor dit account. Probeer het over ${Math.ceil(seconden / 60)} minuten opnieuw.`,
      { retryAfter: seconden },
    );
  }
  const wacht = await deps.guard.aanmeldingMislukt(c);
  if (wacht !== undefined) throw deps.guard.geblokkeerd(wacht);
}

/**
 * The person proved who they are: a session starts (its cookie set on this answer). Answers
 * where the browser goes next, or undefined when the account is not active.
 */
export async function sessieVoor(
  c: Context<AppEnv>,
  deps: UiDeps,
  klaar: { gebruikerId: string; terug: string | null },
  via: SessieStart["via"],
): Promise<string | undefined> {
  const gestart = await startSessie(deps.services, klaar.gebruikerId, {
    via,
    clientadres: c.get("clientadres") ?? null,
    apparaat: c.req.header("user-agent") ?? null,
  });
  if (!gestart) return undefined;
  setCookie(c, SESSIE_COOKIE, gestart.cookie, { ...COOKIE, maxAge: SESSIE_UREN * 3600 });
  deleteCookie(c, INLOG_COOKIE, COOKIE);
  deleteCookie(c, AANMELD_CSRF, COOKIE);
  return lokaalPad(klaar.terug ?? undefined) ?? startpagina(gestart.sessie.actor.rol);
}

export async function startNa(
  c: Context<AppEnv>,
  deps: UiDeps,
  klaar: { gebruikerId: string; terug: string | null },
  via: SessieStart["via"],
): Promise<Response> {
  const verder = await sessieVoor(c, deps, klaar, via);
  return verder
    ? c.redirect(verder, 303)
    : Verlopen(c, "Uw account is niet (meer) actief. Vraag de beheerder van uw organisatie.");
}

/** The next step after a code, a link or an invitation. */
export async function verderNa(
  c: Context<AppEnv>,
  deps: UiDeps,
  volgende: Exclude<Volgende, Geweigerd>,
  via: SessieStart["via"],
): Promise<Response> {
  if (volgende.stap === "klaar") return startNa(c, deps, volgende, via);
  if (volgende.cookie) zetPoging(c, volgende.cookie);
  return c.redirect(`/inloggen/${volgende.stap}`, 303);
}
