import type { Context } from "hono";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { GebruikerInput, GebruikersQuery, inviteGebruiker, listGebruikers } from "../../services/gebruikers.ts";
import { Badge, Csrf, Foutsamenvatting, Keuzelijst, Knop, Link, Paginering, Tekstveld } from "../components.tsx";
import { datumTijd } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier } from "../forms.ts";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { csrfVan, ingelogd, voor } from "../toegang.tsx";
import {
  aantalPaginas,
  Bevestiging,
  controleer,
  Filterkeuze,
  foutStatus,
  leesQuery,
  PER_PAGINA,
  Tabel,
  zonderMelding,
} from "./beheer-delen.tsx";
import { gebruikerPaginas } from "./gebruiker.tsx";
import { beleidPaginas } from "./gebruikers-beleid.tsx";
import { beheerdeOrganisaties, mensenPagina, ROL_LABELS, rolOpties, StatusBadge } from "./gebruikers-delen.tsx";

const PAD = "/gebruikers";
const LABELS: Record<string, string> = { naam: "Naam", email: "E-mailadres", organisatieId: "Organisatie", rol: "Rol" };

async function Lijst(c: Context<AppEnv>, deps: UiDeps, formulier: Formulier, status: 200 | 400 | 409 = 200) {
  const actor = ingelogd(c);
  const { pagina: p, perPagina: _, ...filter } = leesQuery(c, GebruikersQuery);
  const [page, orgs] = await Promise.all([
    listGebruikers(ctxOf(c, deps.services), { ...filter, pagina: p, perPagina: PER_PAGINA }),
    beheerdeOrganisaties(c, deps, actor),
  ]);
  const orgNaam = new Map(orgs.map((o) => [o.id, o.naam]));
  const orgOpties = orgs.map((o) => ({ waarde: o.id, tekst: o.naam }));
  const register = actor.rol === "beheerder";
  return mensenPagina(
    c,
    {
      titel: register ? "Mensen" : `Mensen van ${actor.organisatieNaam}`,
      children: (
        <>
          <Bevestiging
            c={c}
            teksten={{
              uitgenodigd: "De uitnodiging is verstuurd. De link in de e-mail werkt 72 uur.",
              "niet-verstuurd":
                "De gebruiker is vastgelegd, maar de e-mail kon niet worden verstuurd. Stuur de uitnodiging opnieuw.",
            }}
          />
          <p class="utrecht-paragraph">
            Iedereen logt in als zichzelf. Nodig mensen uit, wijzig hun rol of blokkeer iemand die vertrekt: alle sessies van die
            persoon eindigen dan meteen. Elke wijziging staat in het <Link href={`${PAD}/accountlog`}>accountlog</Link>. Hoe uw
            organisatie inlogt, staat in het <Link href={`${PAD}/inlogbeleid`}>inlogbeleid</Link>.
          </p>
          {register ? (
            <form method="get" action={PAD} class="pw-rij-formulier">
              <Filterkeuze
                naam="organisatieId"
                label="Filter op organisatie"
                opties={orgOpties}
                gekozen={filter.organisatieId}
                leeg="Alle organisaties"
              />
              <Knop soort="secondary">Filteren</Knop>
            </form>
          ) : null}
          <Tabel
            titel="Gebruikers"
            koppen={
              register
                ? ["Naam", "Organisatie", "Rol", "Status", "Tweede stap", "Laatst ingelogd"]
                : ["Naam", "Rol", "Status", "Tweede stap", "Laatst ingelogd"]
            }
            leeg="Er zijn nog geen gebruikers."
            rijen={page.resultaten.map((g) => [
              <Link href={`${PAD}/${g.id}`}>{g.naam}</Link>,
              ...(register ? [orgNaam.get(g.organisatieId) ?? g.organisatieId] : []),
              ROL_LABELS[g.rol],
              <StatusBadge status={g.status} />,
              g.tweedeFactor ? <Badge soort="success">Ingesteld</Badge> : <Badge soort="inactive">Nee</Badge>,
              g.laatstIngelogdOp ? datumTijd(g.laatstIngelogdOp) : "nooit",
            ])}
          />
          <Paginering pad={PAD} query={zonderMelding(c)} pagina={page.pagina} aantalPaginas={aantalPaginas(page)} />
          <h2 class="utrecht-heading-2" id="nieuw">
            Iemand uitnodigen
          </h2>
          <Foutsamenvatting formulier={formulier} labels={LABELS} />
          <form method="post" action={PAD} class="pw-formulier" novalidate>
            <Csrf token={csrfVan(c)} />
            <Tekstveld naam="naam" label="Naam" verplicht formulier={formulier} autocomplete="off" />
            <Tekstveld
              naam="email"
              label="E-mailadres"
              type="email"
              verplicht
              formulier={formulier}
              beschrijving="Het werkadres; daar komt de uitnodiging."
            />
            {register ? (
              <Keuzelijst
                naam="organisatieId"
                label="Organisatie"
                verplicht
                formulier={formulier}
                opties={orgOpties}
                leeg="Kies een organisatie"
              />
            ) : null}
            <Keuzelijst
              naam="rol"
              label="Rol"
              verplicht
              formulier={formulier}
              opties={rolOpties(actor, register ? undefined : actor.organisatieType)}
              leeg="Kies een rol"
              beschrijving="Verwijzers en zorgmakelaars zien gegevens van jeugdigen en loggen altijd in met een tweede stap."
            />
            <div>
              <Knop>Uitnodigen</Knop>
            </div>
          </form>
        </>
      ),
    },
    status,
  );
}

/** Mensen (organisatiebeheerder for its organisation, beheerder for every one): people, invitations, roles, blocks. */
export function gebruikersPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  s.use(voor(listGebruikers.rollen));
  s.get("/", (c) => Lijst(c, deps, LEEG_FORMULIER));
  s.post("/", async (c) => {
    const actor = ingelogd(c);
    const waarden = await leesFormulier(c);
    const invoer = {
      naam: waarden.naam ?? "",
      email: (waarden.email ?? "").trim(),
      organisatieId: actor.rol === "beheerder" ? waarden.organisatieId?.trim() || undefined : undefined,
      rol: waarden.rol?.trim() || undefined,
    };
    const gelezen = controleer(GebruikerInput, invoer, waarden);
    if (!gelezen.ok) return Lijst(c, deps, gelezen.formulier, 400);
    if (actor.rol === "beheerder" && !gelezen.data.organisatieId) {
      return Lijst(c, deps, { waarden, fouten: { organisatieId: "Dit veld is verplicht." } }, 400);
    }
    let verstuurd: boolean;
    try {
      verstuurd = (await inviteGebruiker(ctxOf(c, deps.services), gelezen.data)).verstuurd;
    } catch (fout) {
      const formulier = formulierUitFout(fout, waarden);
      return Lijst(c, deps, formulier, foutStatus(formulier, fout));
    }
    return c.redirect(`/gebruikers?melding=${verstuurd ? "uitgenodigd" : "niet-verstuurd"}`, 303);
  });
  // Before /:id, which would take these paths for an id.
  beleidPaginas(s, deps);
  gebruikerPaginas(s, deps);
  return s;
}
