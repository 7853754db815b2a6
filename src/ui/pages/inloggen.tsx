import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../../http/env.ts";
import { type Guard, SESSIE_COOKIE } from "../../http/guard.ts";
import { generateToken } from "../../services/authenticatie.ts";
import type { Deps } from "../../services/context.ts";
import { beeindigSessie, SESSIE_UREN, startSessie } from "../../services/sessies.ts";
import { Csrf, Foutsamenvatting, Knop, Melding, Tekstveld } from "../components.tsx";
import { type Formulier, LEEG_FORMULIER, leesFormulier } from "../forms.ts";
import { pagina, startpagina } from "../layout.tsx";
import { gelijk, lokaalPad } from "../toegang.tsx";

/** Before there is a session, the sign-in form is protected by a double-submit cookie. */
const AANMELD_CSRF = "pw_aanmelden";
const COOKIE = { httpOnly: true, secure: true, sameSite: "Strict", path: "/" } as const;

function Aanmelden({ c, formulier, terug, csrf }: { c: Context<AppEnv>; formulier: Formulier; terug?: string; csrf: string }) {
  return pagina(
    c,
    {
      titel: "Inloggen",
      children: (
        <>
          {c.req.query("uitgelogd") !== undefined ? (
            <Melding soort="ok">
              <p class="utrecht-paragraph">U bent uitgelogd.</p>
            </Melding>
          ) : null}
          <Foutsamenvatting formulier={formulier} labels={{ token: "Toegangscode" }} />
          <p class="utrecht-paragraph">
            Log in met de toegangscode (API-token) die de beheerder van uw regio u gaf. De code begint met <code>pw_</code>. Na{" "}
            {SESSIE_UREN} uur logt u opnieuw in.
          </p>
          <form method="post" action="/inloggen" class="pw-formulier" novalidate>
            <Csrf token={csrf} />
            {terug ? <input type="hidden" name="terug" value={terug} /> : null}
            <Tekstveld
              naam="token"
              label="Toegangscode"
              type="password"
              verplicht
              formulier={{ ...formulier, waarden: {} }}
              autocomplete="current-password"
            />
            <Knop>Inloggen</Knop>
          </form>
        </>
      ),
    },
    Object.keys(formulier.fouten).length > 0 ? 400 : formulier.melding ? 403 : 200,
  );
}

export function inloggen(deps: Deps, guard: Guard) {
  const nieuweCsrf = (c: Context<AppEnv>) => {
    const csrf = generateToken();
    setCookie(c, AANMELD_CSRF, csrf, { ...COOKIE, maxAge: 3600 });
    return csrf;
  };

  return {
    get: (c: Context<AppEnv>) => {
      const actor = c.get("actor");
      const terug = lokaalPad(c.req.query("terug"));
      if (actor) return c.redirect(terug ?? startpagina(actor.rol), 303);
      return Aanmelden({ c, formulier: LEEG_FORMULIER, terug, csrf: nieuweCsrf(c) });
    },
    post: async (c: Context<AppEnv>) => {
      const body = await c.req.parseBody();
      const waarden = await leesFormulier(c);
      const terug = lokaalPad(waarden.terug);
      const cookie = getCookie(c, AANMELD_CSRF);
      const csrf = body._csrf;
      if (!cookie || typeof csrf !== "string" || !gelijk(cookie, csrf) || c.req.header("sec-fetch-site") === "cross-site") {
        return Aanmelden({
          c,
          formulier: { waarden, fouten: {}, melding: "Het formulier was verlopen. Vul uw toegangscode opnieuw in." },
          terug,
          csrf: nieuweCsrf(c),
        });
      }
      const token = (waarden.token ?? "").trim();
      if (token === "") {
        return Aanmelden({ c, formulier: { waarden, fouten: { token: "Vul uw toegangscode in." } }, terug, csrf: nieuweCsrf(c) });
      }
      const gestart = token.length <= 512 ? await startSessie(deps, token) : undefined;
      if (!gestart) {
        const wacht = await guard.aanmeldingMislukt(c);
        if (wacht !== undefined) throw guard.geblokkeerd(wacht);
        return Aanmelden({
          c,
          formulier: { waarden, fouten: { token: "Deze toegangscode is onbekend, verlopen of ingetrokken." } },
          terug,
          csrf: nieuweCsrf(c),
        });
      }
      deleteCookie(c, AANMELD_CSRF, COOKIE);
      setCookie(c, SESSIE_COOKIE, gestart.cookie, { ...COOKIE, maxAge: SESSIE_UREN * 3600 });
      return c.redirect(terug ?? startpagina(gestart.sessie.actor.rol), 303);
    },
    uitloggen: async (c: Context<AppEnv>) => {
      const cookie = getCookie(c, SESSIE_COOKIE);
      if (cookie) await beeindigSessie(deps, cookie);
      deleteCookie(c, SESSIE_COOKIE, COOKIE);
      return c.redirect("/inloggen?uitgelogd", 303);
    },
  };
}
