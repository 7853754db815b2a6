import { deleteCookie } from "hono/cookie";
import { ctxOf } from "../../http/context.ts";
import { SESSIE_COOKIE } from "../../http/guard.ts";
import { ROLLEN } from "../../kern/vocabulary.ts";
import { getEigenAccount } from "../../services/gebruikers.ts";
import { startInschrijving } from "../../services/inschrijven.ts";
import { beeindigEigenSessie, listEigenSessies } from "../../services/sessies.ts";
import { Badge, Csrf, Knop, Melding } from "../components.tsx";
import { datumTijd } from "../format.ts";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { csrfVan, ingelogd, voor } from "../toegang.tsx";
import { Bevestiging, idUit, Tabel } from "./beheer-delen.tsx";
import { ROL_LABELS, STATUS_LABELS } from "./gebruikers-delen.tsx";
import { COOKIE, zetPoging } from "./inloggen-delen.tsx";

const VIA = { mail: "e-mail en app", sso: "via de organisatie", demo: "demoknop" } as const;

/** Mijn account: who you are here, your second factor, and your sessions (each can be ended). */
export function accountPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  s.use(voor(ROLLEN));

  s.get("/", async (c) => {
    const actor = ingelogd(c);
    const ctx = ctxOf(c, deps.services);
    const [account, sessies] = await Promise.all([getEigenAccount(ctx, undefined), listEigenSessies(ctx, undefined)]);
    const huidige = c.get("sessie")?.id;
    const csrf = csrfVan(c);
    return pagina(c, {
      titel: "Mijn account",
      children: (
        <>
          <Bevestiging c={c} teksten={{ beeindigd: "De sessie is beëindigd; op dat apparaat moet u opnieuw inloggen." }} />
          {account ? (
            <dl class="utrecht-data-list utrecht-data-list--rows">
              {[
                ["Naam", account.naam],
                ["E-mailadres", account.email],
                ["Organisatie", actor.organisatieNaam],
                ["Rol", ROL_LABELS[account.rol]],
                ["Status", STATUS_LABELS[account.status]],
                ["Laatst ingelogd", account.laatstIngelogdOp ? datumTijd(account.laatstIngelogdOp) : "—"],
              ].map(([term, waarde]) => (
                <div class="utrecht-data-list__item">
                  <dt class="utrecht-data-list__item-key">{term}</dt>
                  <dd class="utrecht-data-list__item-value">{waarde}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          <h2 class="utrecht-heading-2">Tweede stap</h2>
          {account?.tweedeFactor ? (
            <p class="utrecht-paragraph">
              <Badge soort="success">Ingesteld</Badge> U logt in met een code uit uw authenticator-app. Telefoon kwijt? Gebruik
              een herstelcode en vraag de beheerder van uw organisatie de tweede stap te resetten.
            </p>
          ) : (
            <>
              <p class="utrecht-paragraph">
                {account?.tweedeFactorVereist
                  ? "Voor uw rol is een tweede stap verplicht; u stelt hem in bij de volgende keer inloggen, of nu."
                  : "Niet verplicht voor uw rol, wel veiliger: een code uit een authenticator-app op uw telefoon."}
              </p>
              <form method="post" action="/account/tweede-factor" class="pw-formulier">
                <Csrf token={csrf} />
                <div>
                  <Knop soort="secondary">Tweede stap instellen</Knop>
                </div>
              </form>
            </>
          )}
          <h2 class="utrecht-heading-2">Sessies</h2>
          <p class="utrecht-paragraph">
            Waar u nu bent ingelogd. Herkent u een sessie niet? Beëindig hem en meld het bij de beheerder van uw organisatie.
          </p>
          <Tabel
            titel="Uw sessies, oudste eerst"
            koppen={["Begonnen", "Hoe", "Apparaat", "Adres", "Laatst gezien", "Actie"]}
            leeg="Geen sessies."
            rijen={sessies.map((sessie) => [
              datumTijd(sessie.aangemaaktOp),
              VIA[sessie.via],
              sessie.apparaat ?? "onbekend",
              sessie.clientadres ?? "onbekend",
              datumTijd(sessie.laatstGezienOp),
              <form method="post" action={`/account/sessies/${sessie.id}/beeindigen`} class="pw-inline">
                <Csrf token={csrf} />
                <Knop soort="secondary" label={`Beëindigen: sessie van ${datumTijd(sessie.aangemaaktOp)}`}>
                  {sessie.id === huidige ? "Beëindigen (deze sessie)" : "Beëindigen"}
                </Knop>
              </form>,
            ])}
          />
          {!account ? (
            <Melding soort="info">
              <p class="utrecht-paragraph">U bent ingelogd met een koppeling, niet als persoon.</p>
            </Melding>
          ) : null}
        </>
      ),
    });
  });

  s.post("/sessies/:id/beeindigen", async (c) => {
    const id = idUit(c, "Sessie");
    await beeindigEigenSessie(ctxOf(c, deps.services), { id });
    if (id === c.get("sessie")?.id) {
      deleteCookie(c, SESSIE_COOKIE, COOKIE);
      return c.redirect("/inloggen?uitgelogd", 303);
    }
    return c.redirect("/account?melding=beeindigd", 303);
  });

  s.post("/tweede-factor", async (c) => {
    const actor = ingelogd(c);
    const cookie = actor.gebruikerId ? await startInschrijving(deps.services, actor.gebruikerId) : undefined;
    if (!cookie) return c.redirect("/account", 303);
    zetPoging(c, cookie);
    return c.redirect("/inloggen/inschrijven", 303);
  });
  return s;
}
