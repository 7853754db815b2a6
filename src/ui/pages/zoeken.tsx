import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { getAanbieder } from "../../services/aanbieders.ts";
import { getAanbod, toAanbod } from "../../services/aanbod.ts";
import { createAanmelding } from "../../services/aanmeldingen.ts";
import { findGemeente, findZorgvorm, readGemeenten, readZorgvormen } from "../../services/catalogus.ts";
import { getLocatie } from "../../services/locaties.ts";
import { searchAanbod, type Zoekantwoord, type ZoekParams } from "../../services/zoeken.ts";
import { Foutsamenvatting, Knop, Link, Melding, Paginering } from "../components.tsx";
import { ACTUALITEIT_LABELS, datumTijd, geleden, INTAKE_LABELS, plekken, vrijePlekken, weken } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, type Waarden } from "../forms.ts";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { ingelogd, voor } from "../toegang.tsx";
import {
  AanmeldKnop,
  ActualiteitBadge,
  Cijfers,
  contactLinks,
  FacetGroep,
  FilterKeuze,
  FilterTekst,
  FilterVinkje,
  type Keuzes,
  LABELS,
  leeftijden,
  leesZoekopdracht,
  ResultaatKaart,
  SORTEER_LABELS,
  VERBORGEN,
  VINKJES,
  verdeel,
} from "./zoeken-delen.tsx";

/** Zoeken: the search of `GET /v1/aanbod` as a page whose URL holds the query, and one offer in detail. */

/** The search a detail page returns to: only a plain query string, never a URL or a path. */
export function terugQuery(terug: string | undefined): string | undefined {
  if (terug === undefined) return undefined;
  const q = terug.startsWith("?") ? terug.slice(1) : terug;
  return /^[A-Za-z0-9%+=&*._~-]*$/.test(q) ? q : undefined;
}

function Zoekformulier({ formulier: f, k }: { formulier: Formulier; k: Keuzes }) {
  const opties = (labels: Record<string, string>) => Object.entries(labels).map(([waarde, tekst]) => ({ waarde, tekst }));
  const veld = (naam: string) => ({ naam, label: LABELS[naam] ?? naam, formulier: f });
  return (
    <section aria-labelledby="zoekopdracht-kop">
      <h2 class="utrecht-heading-2" id="zoekopdracht-kop">
        Zoekopdracht
      </h2>
      <Foutsamenvatting formulier={f} labels={LABELS} />
      <form method="get" action="/zoeken" aria-labelledby="zoekopdracht-kop" novalidate>
        <div class="pw-filters">
          <FilterKeuze {...veld("zorgvorm")} opties={k.zorgvormen} leeg="Alle zorgvormen" />
          <FilterKeuze
            {...veld("gemeente")}
            opties={k.gemeenten}
            leeg="Geen gemeente (alle contracten)"
            beschrijving="Dan ziet u alleen aanbod dat deze gemeente (of haar regio) heeft gecontracteerd."
          />
          <FilterTekst {...veld("leeftijd")} getal="numeric" />
          <FilterTekst {...veld("maxWachttijd")} getal="numeric" beschrijving="Aanmeld- en behandelwachttijd samen." />
          <FilterTekst
            {...veld("nabij")}
            lijst="zoeken-gemeenten"
            beschrijving="Een gemeentecode (zoals GM0518) of coördinaten (zoals 52.07,4.30)."
          />
          <FilterTekst {...veld("straal")} getal="decimal" />
          <FilterTekst {...veld("q")} type="search" />
          <FilterKeuze {...veld("intakeStatus")} opties={opties(INTAKE_LABELS)} leeg="Elke intakestatus" />
          <FilterKeuze
            {...veld("sorteer")}
            opties={opties(SORTEER_LABELS)}
            leeg="Standaard (wachttijd, of relevantie bij een zoektekst)"
          />
        </div>
        <datalist id="zoeken-gemeenten">
          {k.gemeenten.map((g) => (
            <option value={g.waarde}>{g.tekst}</option>
          ))}
        </datalist>
        {[...VINKJES].map((naam) => (
          <FilterVinkje {...veld(naam)} />
        ))}
        {VERBORGEN.filter((naam) => f.waarden[naam]).map((naam) => (
          <input type="hidden" name={naam} value={f.waarden[naam]} />
        ))}
        <div class="pw-acties">
          <Knop>Zoeken</Knop>
          <Link href="/zoeken">Alle filters wissen</Link>
        </div>
      </form>
    </section>
  );
}

/** Whether the signed-in role may refer a case (a referrer or a broker): then each offer gets "Aanmelden". */
const magAanmelden = (c: Context<AppEnv>) => createAanmelding.rollen.includes(ingelogd(c).rol);
const aanmeldPad = (id: string) => `/aanmelden?aanbod=${id}`;

function Resultaten(p: {
  antwoord: Zoekantwoord;
  params: ZoekParams;
  query: URLSearchParams;
  k: Keuzes;
  now: Date;
  aanmelden: boolean;
}) {
  const { antwoord, params, query, k } = p;
  const met = (naam: string, waarde: string) => {
    const q = new URLSearchParams(query);
    q.delete("pagina");
    q.set(naam, waarde);
    return `/zoeken?${q.toString()}`;
  };
  const terug = encodeURIComponent(query.toString());
  const gemeente = params.gemeente ? (k.gemeenteNaam.get(params.gemeente) ?? params.gemeente) : undefined;
  const { totaal, facetten } = antwoord;
  return (
    <section aria-labelledby="resultaten-kop">
      <h2 class="utrecht-heading-2" id="resultaten-kop">
        {totaal === 0 ? "Geen resultaten" : totaal === 1 ? "1 resultaat" : `${totaal} resultaten`}
      </h2>
      {gemeente ? (
        <p class="utrecht-paragraph">
          {params.ookNietGecontracteerd
            ? `Eerst aanbod dat ${gemeente} heeft gecontracteerd, daarna aanbod zonder contract met ${gemeente}.`
            : `Alleen aanbod dat ${gemeente} vandaag heeft gecontracteerd.`}
        </p>
      ) : null}
      {totaal === 0 ? (
        <Melding soort="info">
          <p class="utrecht-paragraph">Er is geen aanbod dat aan alle filters voldoet. Maak de zoekopdracht ruimer.</p>
          {gemeente && !params.ookNietGecontracteerd ? (
            <p class="utrecht-paragraph">
              <Link href={met("ookNietGecontracteerd", "true")}>Zoek ook aanbod dat {gemeente} niet heeft gecontracteerd</Link>
            </p>
          ) : null}
        </Melding>
      ) : (
        <nav aria-label="Verfijnen" class="pw-facetten">
          <FacetGroep
            titel="Categorie"
            telling={facetten.zorgvorm}
            label={(c) => `${c} ${k.zorgvormNaam.get(c) ?? ""}`.trim()}
            link={(c) => met("zorgvorm", c)}
            gekozen={params.zorgvorm}
          />
          <FacetGroep
            titel="Intakestatus"
            telling={facetten.intakeStatus}
            label={(s) => INTAKE_LABELS[s] ?? s}
            link={(s) => met("intakeStatus", s)}
            gekozen={params.intakeStatus}
          />
          <FacetGroep titel="Gemeente van de locatie" telling={facetten.gemeente} label={(g) => k.gemeenteNaam.get(g) ?? g} />
          <FacetGroep titel="Actualiteit" telling={facetten.actualiteit} label={(a) => ACTUALITEIT_LABELS[a] ?? a} />
        </nav>
      )}
      {params.inclusiefVerouderd ? null : (
        <p class="utrecht-paragraph">
          Aanbod dat 14 dagen of langer niet is bevestigd, staat er niet bij.{" "}
          <Link href={met("inclusiefVerouderd", "true")}>Toon ook sterk verouderd aanbod</Link>
        </p>
      )}
      {antwoord.resultaten.map((r) => (
        <ResultaatKaart
          r={r}
          href={`/zoeken/aanbod/${r.id}?terug=${terug}`}
          zorgvormNaam={k.zorgvormNaam.get(r.zorgvorm) ?? r.zorgvorm}
          now={p.now}
          aanmelden={p.aanmelden ? aanmeldPad(r.id) : undefined}
        />
      ))}
      <Paginering pad="/zoeken" query={query} pagina={antwoord.pagina} aantalPaginas={Math.ceil(totaal / antwoord.perPagina)} />
    </section>
  );
}

/** The shareable link is the page's own path and query: that is the whole search. */
function Delen({ link }: { link: string }) {
  return (
    <section aria-labelledby="delen-kop">
      <h2 class="utrecht-heading-2" id="delen-kop">
        Link naar deze zoekopdracht
      </h2>
      <div class="utrecht-form-field utrecht-form-field--text">
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for="zoeklink">
            Link om deze zoekopdracht te delen of te bewaren
          </label>
        </div>
        <div class="utrecht-form-field__input">
          <input class="utrecht-textbox utrecht-textbox--html-input pw-breed" id="zoeklink" type="text" readonly value={link} />
        </div>
      </div>
      <div class="pw-acties">
        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-kopieer="" hidden>
          Kopieer link
        </button>
      </div>
    </section>
  );
}

async function keuzes(deps: UiDeps): Promise<Keuzes> {
  const [zorgvormen, gemeenten] = await Promise.all([readZorgvormen(deps.services), readGemeenten(deps.services)]);
  gemeenten.sort((a, b) => a.naam.localeCompare(b.naam, "nl"));
  return {
    // Forms of care indented beneath their iJw category; one no longer in use can still be searched.
    zorgvormen: zorgvormen.map((z) => ({
      waarde: z.code,
      tekst: `${z.bovenliggend ? `\u00a0\u00a0\u00a0${z.naam}` : `${z.code} ${z.naam} (alle vormen)`}${z.actief ? "" : " (niet meer in gebruik)"}`,
    })),
    zorgvormNaam: new Map(zorgvormen.map((z) => [z.code, z.naam])),
    gemeenten: gemeenten.map((g) => ({ waarde: g.code, tekst: g.naam })),
    gemeenteNaam: new Map(gemeenten.map((g) => [g.code, g.naam])),
  };
}

/** A search runs only once the form was sent (any query parameter); the bare page explains. */
async function zoekpagina(c: Context<AppEnv>, deps: UiDeps) {
  const url = new URL(c.req.url);
  const k = await keuzes(deps);
  const waarden: Waarden = Object.fromEntries(url.searchParams);
  const toon = (children: Child, status: 200 | 400 = 200) => pagina(c, { titel: "Zoeken", actief: "/zoeken", children }, status);

  // The form sends every field; the address to share or bookmark holds only the filters set.
  const gezet = [...url.searchParams].filter(([, v]) => v.trim() !== "");
  if (gezet.length > 0 && gezet.length < [...url.searchParams].length) {
    return c.redirect(`/zoeken?${new URLSearchParams(gezet).toString()}`, 303);
  }

  if ([...url.searchParams.keys()].length === 0) {
    return toon(
      <>
        <p class="utrecht-paragraph">
          Zoek tijdig beschikbare jeugdhulp. Kies de zorgvorm en de woongemeente van de jeugdige: dan ziet u alleen aanbod dat die
          gemeente heeft gecontracteerd. Lege velden tellen niet mee. De link naar de resultaten kunt u delen of bewaren.
        </p>
        <Zoekformulier formulier={LEEG_FORMULIER} k={k} />
      </>,
    );
  }
  const gelezen = leesZoekopdracht(waarden);
  if (!gelezen.ok) return toon(<Zoekformulier formulier={gelezen.formulier} k={k} />, 400);
  let antwoord: Zoekantwoord;
  try {
    antwoord = (await searchAanbod(ctxOf(c, deps.services), gelezen.params)).antwoord;
  } catch (error) {
    const { fouten, melding } = formulierUitFout(error, waarden);
    const lijst = Object.entries(fouten).map(([name, reason]) => ({ name, reason }));
    return toon(<Zoekformulier formulier={verdeel(waarden, lijst, melding)} k={k} />, 400);
  }
  return toon(
    <>
      <Zoekformulier formulier={{ waarden, fouten: {} }} k={k} />
      <Resultaten
        antwoord={antwoord}
        params={gelezen.params}
        query={new URLSearchParams(url.searchParams)}
        k={k}
        now={deps.services.clock.now()}
        aanmelden={magAanmelden(c)}
      />
      <Delen link={url.pathname + url.search} />
    </>,
  );
}

/** One offer with all its figures, opened from a result; "terug" leads back to that search. */
async function aanbodDetail(c: Context<AppEnv>, deps: UiDeps) {
  const now = deps.services.clock.now();
  const ctx = ctxOf(c, deps.services);
  const a = toAanbod(await getAanbod(ctx, { id: c.req.param("id") ?? "" }), now);
  const [locatie, aanbieder, zorgvorm] = await Promise.all([
    getLocatie(ctx, { id: a.locatieId }),
    getAanbieder(ctx, { id: a.aanbiederId }),
    findZorgvorm(deps.services, a.zorgvorm),
  ]);
  const gemeente = await findGemeente(deps.services, locatie.gemeente);
  const terug = terugQuery(c.req.query("terug"));
  const contact = contactLinks(aanbieder);
  const samen =
    a.aanmeldwachttijdWeken === null || a.behandelwachttijdWeken === null
      ? null
      : weken(a.aanmeldwachttijdWeken + a.behandelwachttijdWeken);
  const kop = (tekst: string) => <h2 class="utrecht-heading-2">{tekst}</h2>;
  return pagina(c, {
    titel: a.naam,
    actief: "/zoeken",
    children: (
      <>
        <p class="utrecht-paragraph">
          {terug === undefined ? (
            <Link href="/zoeken">Naar zoeken</Link>
          ) : (
            <Link href={`/zoeken?${terug}`}>Terug naar de resultaten</Link>
          )}
        </p>
        <p class="utrecht-paragraph">
          {aanbieder.naam} — {locatie.naam}, {locatie.plaats}
        </p>
        {magAanmelden(c) && a.intakeStatus !== "gesloten" ? <AanmeldKnop href={aanmeldPad(a.id)} naam={a.naam} /> : null}
        {kop("Beschikbaarheid")}
        <Cijfers
          rijen={[
            ["Vrije plekken", vrijePlekken({ ...a, capaciteit: undefined })],
            ["Capaciteit", plekken(a.capaciteit)],
            ["Aanmeldwachttijd", weken(a.aanmeldwachttijdWeken)],
            ["Behandelwachttijd", weken(a.behandelwachttijdWeken)],
            ["Wachttijd samen", samen],
            ["Intake", INTAKE_LABELS[a.intakeStatus] ?? a.intakeStatus],
            ["Overbruggingszorg", a.overbrugging ? "Ja, biedt zorg tijdens het wachten" : "Nee"],
          ]}
        />
        {kop("Actualiteit")}
        <Cijfers
          rijen={[
            [
              "Bevestigd",
              <>
                {a.bevestigdOp ? `${geleden(a.bevestigdOp, now)}, op ${datumTijd(a.bevestigdOp)}` : "nooit"}{" "}
                <ActualiteitBadge actualiteit={a.actualiteit} />
              </>,
            ],
            ["Laatst gewijzigd", datumTijd(a.gewijzigdOp)],
          ]}
        />
        {kop("Over dit aanbod")}
        <Cijfers
          rijen={[
            ["Zorgvorm", zorgvorm?.naam ?? a.zorgvorm],
            ["Leeftijd", leeftijden(a.leeftijdVan, a.leeftijdTot)],
            ["Omschrijving", a.omschrijving || null],
          ]}
        />
        {kop("Locatie")}
        <Cijfers
          rijen={[
            ["Naam", locatie.naam],
            ["Adres", `${locatie.adres}, ${locatie.postcode} ${locatie.plaats}`],
            ["Gemeente", gemeente?.naam ?? locatie.gemeente],
          ]}
        />
        {kop("Contact")}
        <Cijfers
          rijen={[
            ["Aanbieder", aanbieder.naam],
            ["Telefoon", contact.telefoon],
            ["E-mail", contact.email],
            ["Website", contact.website],
          ]}
        />
      </>
    ),
  });
}

export function zoekenPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  s.use(voor(searchAanbod.rollen));
  s.get("/", (c) => zoekpagina(c, deps));
  s.get("/aanbod/:id", (c) => aanbodDetail(c, deps));
  return s;
}
