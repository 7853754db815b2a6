import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../../http/env.ts";
import { leesPoging } from "../../services/inlogpoging.ts";
import { SSO_TERUG, startSso, voltooiSso } from "../../services/sso.ts";
import { bevestigUitnodiging, leesUitnodiging } from "../../services/uitnodiging.ts";
import { Csrf, Knop, Link, Melding } from "../components.tsx";
import { leesFormulier } from "../forms.ts";
import { pagina } from "../layout.tsx";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { lokaalPad } from "../toegang.tsx";
import { csrfKlopt, nieuweCsrf, sessieVoor, Verlopen, verderNa, weiger, zetPoging } from "./inloggen-delen.tsx";

/**
 * The round trip to the organisation's provider comes back as a cross-site navigation: a
 * SameSite=Strict cookie would not come along, so this one cookie is Lax, for this path only.
 */
const SSO_COOKIE = "pw_sso";
const SSO_COOKIE_OPTIES = { httpOnly: true, secure: true, sameSite: "Lax", path: "/inloggen/sso" } as const;

/** After the provider's redirect, Strict cookies reach the next request only after a click on this site. */
function Doorgaan(c: Context<AppEnv>, naar: string, tekst: string) {
  return pagina(c, {
    titel: "Ingelogd via uw organisatie",
    children: (
      <>
        <Melding soort="ok">
          <p class="utrecht-paragraph">{tekst}</p>
        </Melding>
        <p class="utrecht-paragraph">
          <Link href={naar}>Doorgaan naar Plekwijzer</Link>
        </p>
      </>
    ),
  });
}

function Uitnodiging(c: Context<AppEnv>, u: NonNullable<Awaited<ReturnType<typeof leesUitnodiging>>>) {
  return pagina(c, {
    titel: "Welkom bij Plekwijzer",
    children: (
      <form method="post" action={c.req.path} class="pw-formulier">
        <Csrf token={nieuweCsrf(c)} />
        <p class="utrecht-paragraph">
          {u.naam}, u bent uitgenodigd voor Plekwijzer namens {u.organisatie}, met het e-mailadres {u.email}.
          {u.tweedeFactor
            ? " Na het bevestigen stelt u een tweede stap in: houd uw telefoon met een authenticator-app bij de hand."
            : ""}
        </p>
        <div>
          <Knop>Account bevestigen</Knop>
        </div>
      </form>
    ),
  });
}

/** Signing in through the organisation's OpenID Connect provider, and the invitation link. */
export function ssoPaginas(s: Sectie, uitnodiging: Sectie, deps: UiDeps): void {
  s.post("/sso", async (c) => {
    if (!(await csrfKlopt(c))) return Verlopen(c, "Het formulier was verlopen. Probeer het opnieuw.");
    const waarden = await leesFormulier(c);
    const start = await startSso(deps.services, (waarden.organisatieId ?? "").slice(0, 64), lokaalPad(waarden.terug) ?? null);
    if (!start) return Verlopen(c, "Deze organisatie logt niet in via een eigen dienst. Gebruik uw e-mailadres.");
    setCookie(c, SSO_COOKIE, start.cookie, { ...SSO_COOKIE_OPTIES, maxAge: 15 * 60 });
    return c.redirect(start.url, 303);
  });

  s.get(SSO_TERUG.replace("/inloggen", ""), async (c) => {
    const poging = await leesPoging(deps.services, getCookie(c, SSO_COOKIE));
    deleteCookie(c, SSO_COOKIE, SSO_COOKIE_OPTIES);
    if (!poging) return Verlopen(c);
    const uitkomst = await voltooiSso(deps.services, poging, new URL(c.req.url).searchParams);
    if (uitkomst.stap === "geweigerd") {
      await weiger(c, deps, uitkomst.reden === "vergrendeld" ? uitkomst : { stap: "geweigerd", reden: "ongeldig" });
      return Verlopen(c, "melding" in uitkomst ? uitkomst.melding : "Inloggen via uw organisatie lukte niet.");
    }
    if (uitkomst.stap === "klaar") {
      const verder = await sessieVoor(c, deps, uitkomst, "sso");
      return verder ? Doorgaan(c, verder, "U bent ingelogd via uw organisatie.") : Verlopen(c);
    }
    if (uitkomst.cookie) zetPoging(c, uitkomst.cookie);
    return Doorgaan(
      c,
      `/inloggen/${uitkomst.stap}`,
      "Uw organisatie heeft u herkend. Met gegevens van jeugdigen logt u daarnaast in met de code uit uw authenticator-app.",
    );
  });

  uitnodiging.get("/:token", async (c) => {
    const u = await leesUitnodiging(deps.services, c.req.param("token"));
    if (!u) {
      return Verlopen(c, "Deze uitnodiging is verlopen of al gebruikt. Vraag de beheerder van uw organisatie om een nieuwe.");
    }
    return Uitnodiging(c, u);
  });
  uitnodiging.post("/:token", async (c) => {
    if (!(await csrfKlopt(c))) return Verlopen(c, "Het formulier was verlopen. Open de link uit de uitnodiging opnieuw.");
    const volgende = await bevestigUitnodiging(deps.services, c.req.param("token"));
    if (volgende.stap === "geweigerd") {
      await weiger(c, deps, volgende);
      return Verlopen(c, "Deze uitnodiging is verlopen of al gebruikt. Vraag de beheerder van uw organisatie om een nieuwe.");
    }
    return verderNa(c, deps, volgende, "mail");
  });
}
