import type { Context } from "hono";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { ORGANISATIE_TYPES, type OrganisatieType } from "../../kern/vocabulary.ts";
import { listAanbieders } from "../../services/aanbieders.ts";
import { readRegios } from "../../services/catalogus.ts";
import { createOrganisatie, listOrganisaties, OrganisatieInput, OrganisatiesQuery } from "../../services/toegang.ts";
import { Csrf, Foutsamenvatting, Keuzelijst, Knop, Paginering, Tekstveld, Vinkje } from "../components.tsx";
import { datumTijd } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier } from "../forms.ts";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { csrfVan } from "../toegang.tsx";
import {
  ALLES,
  aantalPaginas,
  Bevestiging,
  beheerPagina,
  controleer,
  Filterkeuze,
  foutStatus,
  leesQuery,
  PER_PAGINA,
  Tabel,
  zonderMelding,
} from "./beheer-delen.tsx";

const PAD = "/beheer/organisaties";
export const TYPE_LABELS: Record<OrganisatieType, string> = {
  aanbieder: "Aanbieder",
  "gecertificeerde-instelling": "Gecertificeerde instelling",
  gemeente: "Gemeente",
  regio: "Regio",
};
const LABELS: Record<string, string> = { naam: "Naam", type: "Type", aanbiederId: "Aanbieder", regios: "Regio's" };
const TYPE_OPTIES = ORGANISATIE_TYPES.map((t) => ({ waarde: t, tekst: TYPE_LABELS[t] }));
/** Each region is a checkbox of its own: a form posts one value per name. */
const vinkje = (code: string) => `regio-${code}`;

async function Lijst(c: Context<AppEnv>, deps: UiDeps, formulier: Formulier, status: 200 | 400 | 409 = 200) {
  const { pagina: p, perPagina: _, ...filter } = leesQuery(c, OrganisatiesQuery);
  const ctx = ctxOf(c, deps.services);
  const [page, aanbieders, regios] = await Promise.all([
    listOrganisaties(ctx, { ...filter, pagina: p, perPagina: PER_PAGINA }),
    listAanbieders(ctx, ALLES),
    readRegios(deps.services),
  ]);
  const aanbiederNaam = new Map(aanbieders.resultaten.map((a) => [a.id, a.naam]));
  const regioNaam = new Map(regios.map((r) => [r.code, r.naam]));
  const regioFout = formulier.fouten.regios;
  return beheerPagina(
    c,
    {
      titel: "Organisaties",
      kruimels: [{ pad: PAD, tekst: "Organisaties" }],
      children: (
        <>
          <Bevestiging c={c} teksten={{ aangemaakt: "De organisatie is vastgelegd. Geef haar nu een token." }} />
          <p class="utrecht-paragraph">
            Elke toegangscode (token) hoort bij een organisatie. Een aanbieder-organisatie houdt het aanbod van één aanbieder bij;
            de zorgmakelaars van een organisatie zien de wachtlijst van haar regio's.
          </p>
          <form method="get" action={PAD} class="pw-rij-formulier">
            <Filterkeuze naam="type" label="Filter op type" opties={TYPE_OPTIES} gekozen={filter.type} leeg="Alle types" />
            <Knop soort="secondary">Filteren</Knop>
          </form>
          <Tabel
            titel="Organisaties"
            koppen={["Naam", "Type", "Aanbieder of regio's", "Aangemaakt"]}
            leeg="Er zijn geen organisaties van dit type."
            rijen={page.resultaten.map((o) => [
              o.naam,
              TYPE_LABELS[o.type],
              o.aanbiederId
                ? (aanbiederNaam.get(o.aanbiederId) ?? o.aanbiederId)
                : o.regios.map((r) => regioNaam.get(r) ?? r).join(", ") || "—",
              datumTijd(o.aangemaaktOp),
            ])}
          />
          <Paginering pad={PAD} query={zonderMelding(c)} pagina={page.pagina} aantalPaginas={aantalPaginas(page)} />
          <h2 class="utrecht-heading-2" id="nieuw">
            Nieuwe organisatie
          </h2>
          <Foutsamenvatting formulier={formulier} labels={LABELS} />
          <form method="post" action={PAD} class="pw-formulier" novalidate>
            <Csrf token={csrfVan(c)} />
            <Tekstveld naam="naam" label="Naam" formulier={formulier} verplicht />
            <Keuzelijst naam="type" label="Type" formulier={formulier} opties={TYPE_OPTIES} leeg="Kies een type" verplicht />
            <Keuzelijst
              naam="aanbiederId"
              label="Aanbieder"
              formulier={formulier}
              opties={aanbieders.resultaten.map((a) => ({ waarde: a.id, tekst: a.naam }))}
              leeg="Geen"
              beschrijving="Alleen bij type Aanbieder, en dan verplicht: de aanbieder waarvan deze organisatie het aanbod bijhoudt."
            />
            <fieldset
              class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${regioFout ? " utrecht-form-fieldset--invalid" : ""}`}
              id="regios"
              aria-describedby={regioFout ? "regios-fout" : undefined}
            >
              <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
                Regio's (niet verplicht)
              </legend>
              <p class="utrecht-form-field-description">
                Van deze regio's houden de zorgmakelaars van de organisatie de wachtlijst bij.
              </p>
              {regioFout ? (
                <p class="utrecht-form-field-error-message" id="regios-fout">
                  {regioFout}
                </p>
              ) : null}
              {regios.map((r) => (
                <Vinkje naam={vinkje(r.code)} label={r.naam} formulier={formulier} />
              ))}
            </fieldset>
            <div>
              <Knop>Organisatie vastleggen</Knop>
            </div>
          </form>
        </>
      ),
    },
    status,
  );
}

/** /beheer/organisaties: list and create. */
export function organisatiesPaginas(s: Sectie, deps: UiDeps): void {
  s.get("/organisaties", (c) => Lijst(c, deps, LEEG_FORMULIER));

  s.post("/organisaties", async (c) => {
    const waarden = await leesFormulier(c);
    const regios = (await readRegios(deps.services)).map((r) => r.code).filter((code) => waarden[vinkje(code)] !== undefined);
    const invoer = {
      naam: waarden.naam ?? "",
      type: waarden.type?.trim() || undefined,
      aanbiederId: waarden.aanbiederId?.trim() ? waarden.aanbiederId : null,
      regios,
    };
    // `regios[2]` is a checkbox of the group: its message goes with the group.
    const veld = (naam: string) => (naam.startsWith("regios") ? "regios" : naam);
    const gelezen = controleer(OrganisatieInput, invoer, waarden, veld);
    if (!gelezen.ok) return Lijst(c, deps, gelezen.formulier, 400);
    try {
      await createOrganisatie(ctxOf(c, deps.services), gelezen.data);
    } catch (fout) {
      const formulier = formulierUitFout(fout, waarden);
      for (const naam of Object.keys(formulier.fouten).filter((n) => n.startsWith("regios["))) {
        formulier.fouten.regios ??= formulier.fouten[naam] ?? "";
        delete formulier.fouten[naam];
      }
      return Lijst(c, deps, formulier, foutStatus(formulier, fout));
    }
    return c.redirect(`${PAD}?melding=aangemaakt`, 303);
  });
}
