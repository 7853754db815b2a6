import type { Context } from "hono";
import { z } from "zod";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { uuidParam } from "../../kern/fields.ts";
import { getInlogbeleid, InlogbeleidInput, setInlogbeleid } from "../../services/inlogbeleid.ts";
import { SSO_TERUG } from "../../services/sso.ts";
import { Csrf, Foutsamenvatting, Knop, Link, Tekstveld, Vinkje } from "../components.tsx";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier } from "../forms.ts";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { csrfVan, ingelogd } from "../toegang.tsx";
import { Bevestiging, controleer, Filterkeuze, leesQuery } from "./beheer-delen.tsx";
import { Accountlog, beheerdeOrganisaties, mensenPagina } from "./gebruikers-delen.tsx";

const LABELS = {
  tweedeFactorVerplicht: "Tweede stap voor iedereen",
  issuer: "Issuer",
  clientId: "Client id",
  clientSecret: "Client secret",
};
const OrganisatieQuery = z.object({ organisatieId: uuidParam.optional() });

/** The organisation a page is about: chosen by the register's beheerder, always its own for an organisatiebeheerder. */
function organisatieVan(c: Context<AppEnv>): string | undefined {
  const actor = ingelogd(c);
  return actor.rol === "beheerder" ? leesQuery(c, OrganisatieQuery).organisatieId : actor.organisatieId;
}

async function Kiezer(c: Context<AppEnv>, deps: UiDeps, pad: string, gekozen?: string) {
  const actor = ingelogd(c);
  if (actor.rol !== "beheerder") return null;
  const orgs = await beheerdeOrganisaties(c, deps, actor);
  return (
    <form method="get" action={pad} class="pw-rij-formulier">
      <Filterkeuze
        naam="organisatieId"
        label="Organisatie"
        opties={orgs.map((o) => ({ waarde: o.id, tekst: o.naam }))}
        gekozen={gekozen}
        leeg="Kies een organisatie"
      />
      <Knop soort="secondary">Tonen</Knop>
    </form>
  );
}

async function Beleid(c: Context<AppEnv>, deps: UiDeps, formulier: Formulier, status: 200 | 400 = 200) {
  const organisatieId = organisatieVan(c);
  const beleid = organisatieId ? await getInlogbeleid(ctxOf(c, deps.services), { id: organisatieId }) : undefined;
  const publiek = deps.services.mail?.publiekeUrl ?? "";
  return mensenPagina(
    c,
    {
      titel: "Inlogbeleid",
      children: (
        <>
          <p class="utrecht-paragraph">
            <Link href="/gebruikers">Terug naar Mensen</Link>
          </p>
          <Bevestiging c={c} teksten={{ opgeslagen: "Het inlogbeleid is opgeslagen." }} />
          {await Kiezer(c, deps, "/gebruikers/inlogbeleid", organisatieId)}
          {beleid ? (
            <>
              <Foutsamenvatting formulier={formulier} labels={LABELS} />
              <form
                method="post"
                action={`/gebruikers/inlogbeleid?organisatieId=${beleid.organisatieId}`}
                class="pw-formulier"
                novalidate
              >
                <Csrf token={csrfVan(c)} />
                <Vinkje
                  naam="tweedeFactorVerplicht"
                  label="Tweede stap (authenticator-app) voor iedereen van de organisatie"
                  formulier={formulier}
                  aan={beleid.tweedeFactorVerplicht}
                  beschrijving="Voor verwijzers en zorgmakelaars is de tweede stap altijd verplicht."
                />
                <h2 class="utrecht-heading-2">Inloggen via de eigen organisatie (OpenID Connect)</h2>
                <p class="utrecht-paragraph">
                  Registreer Plekwijzer bij uw identiteitsprovider met als redirect-URI <code>{`${publiek}${SSO_TERUG}`}</code>.
                  Uw mensen loggen dan in met het account van de organisatie, in plaats van met een code per e-mail. Laat de
                  velden leeg om dit uit te zetten.
                </p>
                <Tekstveld naam="issuer" label="Issuer" formulier={formulier} standaard={beleid.ssoIssuer} />
                <Tekstveld naam="clientId" label="Client id" formulier={formulier} standaard={beleid.ssoClientId} />
                <Tekstveld
                  naam="clientSecret"
                  label="Client secret"
                  type="password"
                  formulier={{ ...formulier, waarden: {} }}
                  beschrijving={beleid.ssoClientSecret ? "Ingesteld; leeg laten houdt het huidige geheim." : undefined}
                />
                <div>
                  <Knop>Opslaan</Knop>
                </div>
              </form>
              <h2 class="utrecht-heading-2">Accountlog</h2>
              {
                await Accountlog({
                  c,
                  deps,
                  filter: { organisatieId: beleid.organisatieId },
                  titel: "Wijzigingen van accounts, nieuwste eerst",
                })
              }
            </>
          ) : null}
        </>
      ),
    },
    status,
  );
}

async function Log(c: Context<AppEnv>, deps: UiDeps) {
  const organisatieId = organisatieVan(c);
  return mensenPagina(c, {
    titel: "Accountlog",
    children: (
      <>
        <p class="utrecht-paragraph">
          <Link href="/gebruikers">Terug naar Mensen</Link>
        </p>
        <p class="utrecht-paragraph">
          Elke uitnodiging, rolwijziging, blokkering en wijziging van de tweede stap, met wie het deed. Het log kan niet worden
          gewijzigd.
        </p>
        {await Kiezer(c, deps, "/gebruikers/accountlog", organisatieId)}
        {await Accountlog({ c, deps, filter: { organisatieId }, titel: "Accountlog, nieuwste eerst" })}
      </>
    ),
  });
}

/** /gebruikers/inlogbeleid (second factor for everyone, SSO) and /gebruikers/accountlog. */
export function beleidPaginas(s: Sectie, deps: UiDeps): void {
  s.get("/accountlog", (c) => Log(c, deps));
  s.get("/inlogbeleid", (c) => Beleid(c, deps, LEEG_FORMULIER));
  s.post("/inlogbeleid", async (c) => {
    const organisatieId = organisatieVan(c);
    if (!organisatieId) return c.redirect("/gebruikers/inlogbeleid", 303);
    const waarden = await leesFormulier(c);
    const issuer = (waarden.issuer ?? "").trim();
    const clientId = (waarden.clientId ?? "").trim();
    const invoer = {
      tweedeFactorVerplicht: waarden.tweedeFactorVerplicht !== undefined,
      sso: issuer || clientId ? { issuer, clientId, clientSecret: waarden.clientSecret || undefined } : null,
    };
    const gelezen = controleer(InlogbeleidInput, invoer, waarden, (naam) => naam.replace(/^sso\./, ""));
    if (!gelezen.ok) return Beleid(c, deps, gelezen.formulier, 400);
    try {
      await setInlogbeleid(ctxOf(c, deps.services), { id: organisatieId, ...gelezen.data });
    } catch (fout) {
      const formulier = formulierUitFout(fout, waarden);
      for (const naam of Object.keys(formulier.fouten).filter((n) => n.startsWith("sso."))) {
        formulier.fouten[naam.slice(4)] = formulier.fouten[naam] ?? "";
        delete formulier.fouten[naam];
      }
      return Beleid(c, deps, formulier, 400);
    }
    return c.redirect(`/gebruikers/inlogbeleid?organisatieId=${organisatieId}&melding=opgeslagen`, 303);
  });
}
