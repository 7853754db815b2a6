import type { Context } from "hono";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { ROLLEN, type Rol } from "../../kern/vocabulary.ts";
import type { UseCase } from "../../services/context.ts";
import {
  blokkeerGebruiker,
  deblokkeerGebruiker,
  getGebruiker,
  reinviteGebruiker,
  resetTweedeFactor,
  setRol,
} from "../../services/gebruikers.ts";
import { Csrf, Foutsamenvatting, Keuzelijst, Knop, Link } from "../components.tsx";
import { datumTijd } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier } from "../forms.ts";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { csrfVan, ingelogd } from "../toegang.tsx";
import { Bevestiging, foutStatus, idUit } from "./beheer-delen.tsx";
import { Accountlog, beheerdeOrganisaties, mensenPagina, ROL_LABELS, rolOpties, StatusBadge } from "./gebruikers-delen.tsx";

const MELDINGEN = {
  rol: "De rol is gewijzigd. De sessies van deze persoon zijn beëindigd.",
  geblokkeerd: "Geblokkeerd: alle sessies van deze persoon zijn beëindigd.",
  gedeblokkeerd: "De blokkering is opgeheven.",
  gereset: "De tweede stap is gereset; bij de volgende keer inloggen stelt de persoon een nieuwe in.",
  uitgenodigd: "Een nieuwe uitnodiging is verstuurd; de vorige link werkt niet meer.",
  "niet-verstuurd": "De e-mail kon niet worden verstuurd. Probeer het later opnieuw.",
};

function Actie({ c, pad, tekst, uitleg }: { c: Context<AppEnv>; pad: string; tekst: string; uitleg: string }) {
  return (
    <form method="post" action={pad} class="pw-formulier">
      <Csrf token={csrfVan(c)} />
      <p class="utrecht-paragraph">{uitleg}</p>
      <div>
        <Knop soort="secondary">{tekst}</Knop>
      </div>
    </form>
  );
}

async function Detail(c: Context<AppEnv>, deps: UiDeps, formulier: Formulier, status: 200 | 400 | 409 = 200) {
  const actor = ingelogd(c);
  const id = idUit(c, "Gebruiker");
  const g = await getGebruiker(ctxOf(c, deps.services), { id });
  const org = (await beheerdeOrganisaties(c, deps, actor)).find((o) => o.id === g.organisatieId);
  const pad = `/gebruikers/${id}`;
  const zelf = actor.gebruikerId === g.id;
  const mag = !zelf && (g.rol !== "beheerder" || actor.rol === "beheerder");
  return mensenPagina(
    c,
    {
      titel: g.naam,
      children: (
        <>
          <p class="utrecht-paragraph">
            <Link href="/gebruikers">Terug naar Mensen</Link>
          </p>
          <Bevestiging c={c} teksten={MELDINGEN} />
          <dl class="utrecht-data-list utrecht-data-list--rows">
            {[
              ["E-mailadres", g.email],
              ["Organisatie", org?.naam ?? g.organisatieId],
              ["Rol", ROL_LABELS[g.rol]],
              ["Status", <StatusBadge status={g.status} />],
              ["Tweede stap", g.totpGeheim ? "ingesteld" : "niet ingesteld"],
              ["Uitgenodigd", datumTijd(g.aangemaaktOp)],
              ["Laatst ingelogd", g.laatstIngelogdOp ? datumTijd(g.laatstIngelogdOp) : "nooit"],
            ].map(([term, waarde]) => (
              <div class="utrecht-data-list__item">
                <dt class="utrecht-data-list__item-key">{term}</dt>
                <dd class="utrecht-data-list__item-value">{waarde}</dd>
              </div>
            ))}
          </dl>
          {mag ? (
            <>
              <h2 class="utrecht-heading-2">Rol wijzigen</h2>
              <Foutsamenvatting formulier={formulier} labels={{ rol: "Rol", organisatieId: "Organisatie" }} />
              <form method="post" action={`${pad}/rol`} class="pw-formulier" novalidate>
                <Csrf token={csrfVan(c)} />
                <Keuzelijst
                  naam="rol"
                  label="Rol"
                  verplicht
                  formulier={formulier}
                  standaard={g.rol}
                  opties={rolOpties(actor, org && "type" in org ? org.type : undefined)}
                />
                <div>
                  <Knop>Rol opslaan</Knop>
                </div>
              </form>
              <h2 class="utrecht-heading-2">Toegang</h2>
              {g.status === "geblokkeerd" ? (
                <Actie c={c} pad={`${pad}/deblokkeren`} tekst="Blokkering opheffen" uitleg="Deze persoon kan niet inloggen." />
              ) : (
                <Actie
                  c={c}
                  pad={`${pad}/blokkeren`}
                  tekst="Blokkeren"
                  uitleg="Vertrokken, of de laptop kwijt? Blokkeren beëindigt meteen alle sessies en links van deze persoon."
                />
              )}
              {g.status === "uitgenodigd" ? (
                <Actie
                  c={c}
                  pad={`${pad}/uitnodigen`}
                  tekst="Uitnodiging opnieuw sturen"
                  uitleg="De vorige link werkt dan niet meer."
                />
              ) : null}
              {g.totpGeheim ? (
                <Actie
                  c={c}
                  pad={`${pad}/tweede-factor-resetten`}
                  tekst="Tweede stap resetten"
                  uitleg="Telefoon kwijt? Na het resetten stelt de persoon bij de volgende keer inloggen een nieuwe tweede stap in."
                />
              ) : null}
            </>
          ) : null}
          <h2 class="utrecht-heading-2">Accountlog</h2>
          {
            await Accountlog({
              c,
              deps,
              filter: { gebruikerId: g.id },
              titel: `Wijzigingen van het account van ${g.naam}, nieuwste eerst`,
            })
          }
        </>
      ),
    },
    status,
  );
}

/** /gebruikers/:id: one person, with the changes the actor may make. */
export function gebruikerPaginas(s: Sectie, deps: UiDeps): void {
  s.get("/:id", (c) => Detail(c, deps, LEEG_FORMULIER));

  s.post("/:id/rol", async (c) => {
    const id = idUit(c, "Gebruiker");
    const waarden = await leesFormulier(c);
    const rol = waarden.rol as Rol;
    if (!ROLLEN.includes(rol)) return Detail(c, deps, { waarden, fouten: { rol: "Kies een rol." } }, 400);
    try {
      await setRol(ctxOf(c, deps.services), { id, rol });
    } catch (fout) {
      const formulier = formulierUitFout(fout, waarden);
      return Detail(c, deps, formulier, foutStatus(formulier, fout));
    }
    return c.redirect(`/gebruikers/${id}?melding=rol`, 303);
  });

  const acties: [string, UseCase<{ id: string }, unknown>, string][] = [
    ["blokkeren", blokkeerGebruiker, "geblokkeerd"],
    ["deblokkeren", deblokkeerGebruiker, "gedeblokkeerd"],
    ["tweede-factor-resetten", resetTweedeFactor, "gereset"],
  ];
  for (const [pad, actie, melding] of acties) {
    s.post(`/:id/${pad}`, async (c) => {
      const id = idUit(c, "Gebruiker");
      await actie(ctxOf(c, deps.services), { id });
      return c.redirect(`/gebruikers/${id}?melding=${melding}`, 303);
    });
  }
  s.post("/:id/uitnodigen", async (c) => {
    const id = idUit(c, "Gebruiker");
    const { verstuurd } = await reinviteGebruiker(ctxOf(c, deps.services), { id });
    return c.redirect(`/gebruikers/${id}?melding=${verstuurd ? "uitgenodigd" : "niet-verstuurd"}`, 303);
  });
}
