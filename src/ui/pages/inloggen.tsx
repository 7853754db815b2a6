import type { Context } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import { z } from "zod";
import type { AppEnv } from "../../http/env.ts";
import { SESSIE_COOKIE } from "../../http/guard.ts";
import { ROLLEN, type Rol } from "../../kern/vocabulary.ts";
import { demoGebruiker } from "../../services/demo.ts";
import { vraagAanmeldmail } from "../../services/inloggen.ts";
import { CODE_MINUTEN } from "../../services/inlogpoging.ts";
import { beeindigSessie } from "../../services/sessies.ts";
import { ssoOrganisaties } from "../../services/sso.ts";
import { Csrf, Foutsamenvatting, Keuzelijst, Knop, Melding, Tekstveld } from "../components.tsx";
import { type Formulier, LEEG_FORMULIER, leesFormulier } from "../forms.ts";
import { pagina, startpagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { lokaalPad, voor } from "../toegang.tsx";
import { COOKIE, csrfKlopt, nieuweCsrf, startNa, Verlopen, zetPoging } from "./inloggen-delen.tsx";
import { ssoPaginas } from "./inloggen-sso.tsx";
import { inlogstappen } from "./inloggen-stappen.tsx";

const EMAIL = z.email();
const ROL_NAMEN: Record<Rol, string> = {
  verwijzer: "verwijzer",
  zorgmakelaar: "zorgmakelaar",
  aanbieder: "aanbieder",
  beheerder: "beheerder",
  organisatiebeheerder: "organisatiebeheerder",
};

async function Aanmelden(
  c: Context<AppEnv>,
  deps: UiDeps,
  { formulier, terug }: { formulier: Formulier; terug?: string },
  status: 200 | 400 | 403 = 200,
) {
  const csrf = nieuweCsrf(c);
  const sso = await ssoOrganisaties(deps.services);
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
          <Foutsamenvatting formulier={formulier} labels={{ email: "E-mailadres" }} />
          <p class="utrecht-paragraph">
            Vul uw werk-e-mailadres in. U krijgt een e-mail met een inlogcode en een link, {CODE_MINUTEN} minuten geldig. Wie met
            gegevens van jeugdigen werkt, bevestigt daarna met de authenticator-app op de telefoon.
          </p>
          <form method="post" action="/inloggen" class="pw-formulier" novalidate>
            <Csrf token={csrf} />
            {terug ? <input type="hidden" name="terug" value={terug} /> : null}
            <Tekstveld naam="email" label="E-mailadres" type="email" verplicht formulier={formulier} autocomplete="username" />
            <div>
              <Knop>Stuur inlogcode</Knop>
            </div>
          </form>
          {sso.length > 0 ? (
            <>
              <h2 class="utrecht-heading-2">Inloggen via uw organisatie</h2>
              <form method="post" action="/inloggen/sso" class="pw-formulier" novalidate>
                <Csrf token={csrf} />
                {terug ? <input type="hidden" name="terug" value={terug} /> : null}
                <Keuzelijst
                  naam="organisatieId"
                  label="Organisatie"
                  verplicht
                  formulier={LEEG_FORMULIER}
                  opties={sso.map((o) => ({ waarde: o.id, tekst: o.naam }))}
                />
                <div>
                  <Knop soort="secondary">Inloggen via organisatie</Knop>
                </div>
              </form>
            </>
          ) : null}
          {deps.demo ? (
            <section class="pw-demo" aria-labelledby="demo-kop">
              <h2 class="utrecht-heading-2" id="demo-kop">
                Demo: inloggen zonder e-mail
              </h2>
              <Melding soort="warning">
                <p class="utrecht-paragraph">
                  Alleen in deze demo-omgeving met verzonnen gegevens. Een echt register heeft deze knoppen niet.
                </p>
              </Melding>
              <form method="post" action="/inloggen/demo" class="pw-rij-formulier">
                <Csrf token={csrf} />
                {terug ? <input type="hidden" name="terug" value={terug} /> : null}
                {ROLLEN.map((rol) => (
                  <Knop soort="secondary" naam="rol" waarde={rol}>
                    {`Demo: ${ROL_NAMEN[rol]}`}
                  </Knop>
                ))}
              </form>
            </section>
          ) : null}
        </>
      ),
    },
    status,
  );
}

/** /inloggen and its steps, /uitnodiging, /uitloggen: signing in as a person; a token is never accepted here. */
export function inlogPaginas(deps: UiDeps): { inloggen: Sectie; uitnodiging: Sectie; uitloggen: Sectie } {
  const s = sectie(deps);
  s.get("/", (c) => {
    const actor = c.get("actor");
    const terug = lokaalPad(c.req.query("terug"));
    if (actor) return c.redirect(terug ?? startpagina(actor.rol), 303);
    return Aanmelden(c, deps, { formulier: LEEG_FORMULIER, terug });
  });

  s.post("/", async (c) => {
    const waarden = await leesFormulier(c);
    const terug = lokaalPad(waarden.terug);
    if (!(await csrfKlopt(c))) {
      return Aanmelden(
        c,
        deps,
        { formulier: { waarden, fouten: {}, melding: "Het formulier was verlopen. Probeer het opnieuw." }, terug },
        403,
      );
    }
    const email = (waarden.email ?? "").trim();
    if (!EMAIL.safeParse(email).success || email.length > 254) {
      const fout = email === "" ? "Vul uw e-mailadres in." : "Vul een e-mailadres in, zoals naam@organisatie.nl.";
      // Something that is no address at all (a pasted token) is not shown again.
      const getypt: Record<string, string> = email.includes("@") ? { email } : {};
      return Aanmelden(c, deps, { formulier: { waarden: getypt, fouten: { email: fout } }, terug }, 400);
    }
    const { cookie } = await vraagAanmeldmail(deps.services, { email, terug });
    zetPoging(c, cookie);
    return c.redirect("/inloggen/code", 303);
  });

  if (deps.demo) {
    s.post("/demo", async (c) => {
      if (!(await csrfKlopt(c))) return Verlopen(c, "Het formulier was verlopen. Probeer het opnieuw.");
      const waarden = await leesFormulier(c);
      const rol = waarden.rol as Rol;
      const id = ROLLEN.includes(rol) ? await demoGebruiker(deps.services, rol) : undefined;
      if (!id) return Verlopen(c, "Deze demo-gebruiker bestaat hier niet.");
      return startNa(c, deps, { gebruikerId: id, terug: lokaalPad(waarden.terug) ?? null }, "demo");
    });
  }

  inlogstappen(s, deps);
  const uitnodiging = sectie(deps);
  ssoPaginas(s, uitnodiging, deps);

  const uitloggen = sectie(deps);
  uitloggen.post("/", voor(ROLLEN), async (c) => {
    const cookie = getCookie(c, SESSIE_COOKIE);
    if (cookie) await beeindigSessie(deps.services, cookie);
    deleteCookie(c, SESSIE_COOKIE, COOKIE);
    return c.redirect("/inloggen?uitgelogd", 303);
  });
  return { inloggen: s, uitnodiging, uitloggen };
}
