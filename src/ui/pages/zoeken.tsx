import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { WOONPLAATSEN } from "../../kern/plaatsen.ts";
import { getAanbieder } from "../../services/aanbieders.ts";
import { getAanbod, toAanbod } from "../../services/aanbod.ts";
import { createAanmelding } from "../../services/aanmeldingen.ts";
import { findGemeente, findRegio, findZorgvorm, readGemeenten, readZorgvormen } from "../../services/catalogus.ts";
import { getLocatie } from "../../services/locaties.ts";
import type { Nabij } from "../../services/nabij.ts";
import { getRegioInstellingen } from "../../services/regio-instellingen.ts";
import {
  getContractVoorAanbod,
  searchAanbod,
  type Zoekantwoord,
  type ZoekParams,
  type ZoekResultaat,
} from "../../services/zoeken.ts";
import { Foutsamenvatting, Knop, Link, Melding, Paginering } from "../components.tsx";
import {
  ACTUALITEIT_LABELS,
  datumTijd,
  geleden,
  INTAKE_LABELS,
  plekken,
  vrijePlekken,
  weken,
  zorgvormNaam,
  zorgvormOpties,
} from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, type Waarden } from "../forms.ts";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { ingelogd, voor } from "../toegang.tsx";
import { ContractStatus, Verwijzen } from "./zoeken-aanbod.tsx";
import {
  AanmeldKnop,
  ActualiteitBadge,
  Cijfers,
  contactLinks,
  FacetGroep,
  FilterKeuze,
  FilterTekst,
  FilterVinkje,
  INTAKE_UITLEG,
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
import { ResultatenTabel } from "./zoeken-tabel.tsx";

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
          <FilterKeuze
            {...veld("zorgvorm")}
            opties={k.zorgvormen}
            leeg="Alle zorgvormen"
            naamVan={(code) => k.zorgvormNaam.get(code)}
          />
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
            lijst="zoeken-plaatsen"
            beschrijving="Een plaats, gemeente of postcode, zoals Delft of 2611 AB."
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
        <datalist id="zoeken-plaatsen">
          {k.plaatsen.map((p) => (
            <option value={p} />
          ))}
        </datalist>
        <details class="pw-uitklap">
          <summary>Codes van de zorgvormen</summary>
          <p class="utrecht-paragraph">
            Voor wie met codes werkt: de iJw-productcategorie of de code van de regio achter elke zorgvorm. Zoeken op een
            categorie vindt ook alle vormen eronder.
          </p>
          <Cijfers rijen={k.codes.map((z) => [z.code, z.naam])} />
        </details>
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

/** Links that widen a search that found nothing, each one step: what the referrer can still let go of. */
function Verruimen({
  params,
  gemeente,
  met,
}: {
  params: ZoekParams;
  gemeente?: string;
  met: (naam: string, waarde?: string) => string;
}) {
  const stappen: { href: string; tekst: string }[] = [];
  if (gemeente && !params.ookNietGecontracteerd) {
    stappen.push({
      href: met("ookNietGecontracteerd", "true"),
      tekst: `Zoek ook aanbod dat ${gemeente} niet heeft gecontracteerd`,
    });
  }
  if (params.straal !== undefined && params.straal < 300) {
    const ruimer = Math.min(300, Math.max(params.straal * 2, params.straal + 10));
    stappen.push({ href: met("straal", String(ruimer)), tekst: `Zoek binnen ${ruimer} km in plaats van ${params.straal} km` });
  }
  if (params.maxWachttijd !== undefined) {
    stappen.push({ href: met("maxWachttijd"), tekst: `Zoek zonder maximale wachttijd (nu ${weken(params.maxWachttijd)})` });
  }
  if (params.alleenVrij)
    stappen.push({ href: met("alleenVrij"), tekst: "Zoek ook aanbod zonder vrije plek of met een wachtlijst" });
  if (params.intakeStatus) stappen.push({ href: met("intakeStatus"), tekst: "Zoek met elke intakestatus" });
  if (params.leeftijd !== undefined) stappen.push({ href: met("leeftijd"), tekst: "Zoek zonder leeftijd" });
  if (params.q) stappen.push({ href: met("q"), tekst: `Zoek zonder de zoektekst "${params.q}"` });
  if (!params.inclusiefVerouderd) {
    stappen.push({ href: met("inclusiefVerouderd", "true"), tekst: "Zoek ook aanbod dat 14 dagen of langer niet is bevestigd" });
  }
  if (stappen.length === 0) return null;
  return (
    <ul class="utrecht-unordered-list">
      {stappen.map((s) => (
        <li class="utrecht-unordered-list__item">
          <Link href={s.href}>{s.tekst}</Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * Who helps when the register finds nothing: the region's zorgmakelaar. The register holds no
 * contact details of the regions, so it says the way that is true: a referrer registers the
 * case, which puts it on the region's waiting list that the zorgmakelaar works from.
 */
function Zorgmakelaar({ regio, verwijzer }: { regio?: string; verwijzer: boolean }) {
  const van = regio ? `de zorgmakelaar van regio ${regio}` : "de zorgmakelaar van de regio";
  return verwijzer ? (
    <p class="utrecht-paragraph">
      Vindt u niets dat op tijd past? Registreer de jeugdige als casus (<Link href="/mijn-casussen/nieuw">Nieuwe casus</Link>): de
      casus staat dan op de wachtlijst van de regio, waar {van} hem ziet en meezoekt, ook buiten de gecontracteerde zorg.
    </p>
  ) : (
    <p class="utrecht-paragraph">
      Vindt u niets dat op tijd past? Neem contact op met {van} of met de gemeente van de jeugdige: zij zoeken mee, ook buiten de
      gecontracteerde zorg. Hun contactgegevens staan niet in Plekwijzer.
    </p>
  );
}

function Resultaten(p: {
  antwoord: Zoekantwoord;
  params: ZoekParams;
  nabij?: Nabij;
  query: URLSearchParams;
  k: Keuzes;
  now: Date;
  aanmelden: boolean;
  verwijzer: boolean;
  regio?: string;
}) {
  const { antwoord, params, query, k } = p;
  const met = (naam: string, waarde?: string) => {
    const q = new URLSearchParams(query);
    q.delete("pagina");
    if (waarde === undefined) q.delete(naam);
    else q.set(naam, waarde);
    return `/zoeken?${q.toString()}`;
  };
  const terug = encodeURIComponent(query.toString());
  const href = (r: ZoekResultaat) => `/zoeken/aanbod/${r.id}?terug=${terug}`;
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
      {p.nabij ? (
        <p class="utrecht-paragraph">
          Afstand gemeten vanaf {p.nabij.naam}
          {params.straal === undefined ? "." : `, binnen ${params.straal} km.`}
        </p>
      ) : null}
      {p.nabij?.benadering ? (
        <Melding soort="info">
          <p class="utrecht-paragraph">{p.nabij.benadering}</p>
        </Melding>
      ) : null}
      {totaal === 0 ? (
        <Melding soort="info">
          <p class="utrecht-paragraph">Er is geen aanbod dat aan alle filters voldoet. Zo zoekt u ruimer:</p>
          <Verruimen params={params} gemeente={gemeente} met={met} />
          <Zorgmakelaar regio={p.regio} verwijzer={p.verwijzer} />
        </Melding>
      ) : (
        <nav aria-label="Verfijnen" class="pw-facetten">
          <FacetGroep
            titel="Soort zorg"
            telling={facetten.zorgvorm}
            label={(c) => k.zorgvormNaam.get(c) ?? c}
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
      {params.inclusiefVerouderd || totaal === 0 ? null : (
        <p class="utrecht-paragraph">
          Aanbod dat 14 dagen of langer niet is bevestigd, staat er niet bij.{" "}
          <Link href={met("inclusiefVerouderd", "true")}>Toon ook sterk verouderd aanbod</Link>
        </p>
      )}
      {antwoord.resultaten.some((r) => r.intakeStatus === "na-intake") ? (
        <p class="utrecht-paragraph">{INTAKE_UITLEG["na-intake"]}</p>
      ) : null}
      {totaal === 0 ? null : (
        <ResultatenTabel
          resultaten={antwoord.resultaten}
          href={href}
          metAfstand={p.nabij !== undefined}
          metContract={gemeente !== undefined}
          now={p.now}
          aanmelden={p.aanmelden ? (r) => aanmeldPad(r.id) : undefined}
        />
      )}
      <div class="pw-resultaten-kaarten">
        {antwoord.resultaten.map((r) => (
          <ResultaatKaart
            r={r}
            href={href(r)}
            zorgvormNaam={k.zorgvormNaam.get(r.zorgvorm) ?? r.zorgvorm}
            now={p.now}
            aanmelden={p.aanmelden ? aanmeldPad(r.id) : undefined}
          />
        ))}
      </div>
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
  const opties = zorgvormOpties(zorgvormen, { zoekbaar: true });
  const getoond = new Set(opties.map((o) => o.waarde));
  return {
    // A form no longer in use can still be searched (marked so); the GI's own tasks are no care to search.
    zorgvormen: opties,
    zorgvormNaam: new Map(zorgvormen.map((z) => [z.code, zorgvormNaam(zorgvormen, z.code)])),
    codes: zorgvormen.filter((z) => getoond.has(z.code)).map((z) => ({ code: z.code, naam: z.naam })),
    gemeenten: gemeenten.map((g) => ({ waarde: g.code, tekst: g.naam })),
    gemeenteNaam: new Map(gemeenten.map((g) => [g.code, g.naam])),
    plaatsen: [...new Set([...gemeenten.map((g) => g.naam), ...WOONPLAATSEN.map((w) => w.naam)])].sort((a, b) =>
      a.localeCompare(b, "nl"),
    ),
  };
}

/** The name of the region of the child's municipality, for the way to its zorgmakelaar. */
async function regioNaam(deps: UiDeps, gemeente: string | undefined): Promise<string | undefined> {
  const g = gemeente ? await findGemeente(deps.services, gemeente) : undefined;
  return g?.regio ? (await findRegio(deps.services, g.regio))?.naam : undefined;
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
  let gezocht: Awaited<ReturnType<typeof searchAanbod>>;
  try {
    gezocht = await searchAanbod(ctxOf(c, deps.services), gelezen.params);
  } catch (error) {
    const { fouten, melding } = formulierUitFout(error, waarden);
    const lijst = Object.entries(fouten).map(([name, reason]) => ({ name, reason }));
    return toon(<Zoekformulier formulier={verdeel(waarden, lijst, melding)} k={k} />, 400);
  }
  return toon(
    <>
      <Zoekformulier formulier={{ waarden, fouten: {} }} k={k} />
      <Resultaten
        antwoord={gezocht.antwoord}
        params={gelezen.params}
        nabij={gezocht.nabij}
        verwijzer={ingelogd(c).rol === "verwijzer"}
        regio={await regioNaam(deps, gelezen.params.gemeente)}
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
  // The child's municipality: chosen here, or the one of the search this page was opened from.
  const gekozen = c.req.query("gemeente") || new URLSearchParams(terug ?? "").get("gemeente") || undefined;
  const [contract, gemeenten] = await Promise.all([
    gekozen ? getContractVoorAanbod(ctx, { aanbiederId: a.aanbiederId, zorgvorm: a.zorgvorm, gemeente: gekozen }) : undefined,
    readGemeenten(deps.services),
  ]);
  const termijn = contract?.gemeente.regio ? await getRegioInstellingen(ctx, { code: contract.gemeente.regio }) : undefined;
  const aanmelden = magAanmelden(c);
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
        {aanmelden && a.intakeStatus !== "gesloten" ? <AanmeldKnop href={aanmeldPad(a.id)} naam={a.naam} /> : null}
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
        <p class="utrecht-paragraph">{INTAKE_UITLEG[a.intakeStatus]}</p>
        {kop("Contract")}
        <ContractStatus
          contract={contract}
          gekozen={gekozen}
          gemeenten={gemeenten
            .map((g) => ({ waarde: g.code, tekst: g.naam }))
            .sort((x, y) => x.tekst.localeCompare(y.tekst, "nl"))}
          terug={terug}
          pad={`/zoeken/aanbod/${a.id}`}
        />
        {kop("Zo meldt u aan")}
        <Verwijzen
          aanbod={a}
          aanbieder={aanbieder.naam}
          contact={contact}
          aanmeldPad={aanmelden ? aanmeldPad(a.id) : undefined}
          termijn={
            termijn && contract ? { werkdagen: termijn.antwoordtermijnWerkdagen, gemeente: contract.gemeente.naam } : undefined
          }
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
            ["Zorgvorm", zorgvorm ? zorgvormNaam([zorgvorm], a.zorgvorm) : a.zorgvorm],
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
