import type { Context } from "hono";
import { ctxOf, markeerToegang } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { ErrorCode, isDomainError } from "../../kern/errors.ts";
import { isoDate } from "../../kern/time.ts";
import { CASUS_STATUSSEN } from "../../kern/vocabulary.ts";
import { type AanmeldingView, listAanmeldingen } from "../../services/aanmeldingen.ts";
import { type Casus, correctCasus, createCasus, getCasus, listCasussen } from "../../services/casussen.ts";
import { readGemeenten, readZorgvormen } from "../../services/catalogus.ts";
import { Badge, Keuzelijst, Knop, Link, Melding, Paginering } from "../components.tsx";
import { zorgvormOpties } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier } from "../forms.ts";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { casusPaginas, csrfVan, voor } from "../toegang.tsx";
import { type CasusBeeld, type CasusFormulieren, casusActies, laadCasus, type Namen, namenVoor } from "./casus-acties.tsx";
import {
  AANMELDING_STATUS,
  aanbodVan,
  CASUS_STATUS_LABELS,
  dagen,
  escalatieLabel,
  NormKort,
  STOPREDEN_LABELS,
} from "./casus-delen.tsx";
import { CasusFormulier, type CasusKeuzes, foutenNaarSlots, leesCorrectie, leesNieuweCasus } from "./casus-formulier.tsx";
import { CasusPagina, jaren, PrioriteitTekst } from "./casus-pagina.tsx";

/**
 * Mijn casussen: the referrer's own organisation's cases with their status, norm clock,
 * referrals and escalation; a case page; registering a case and correcting one.
 */

const PAD = "/mijn-casussen";
const PER_PAGINA = 25;
const pad = (id: string) => `${PAD}/${id}`;

async function keuzes(deps: UiDeps): Promise<CasusKeuzes> {
  const [gemeenten, zorgvormen] = await Promise.all([readGemeenten(deps.services), readZorgvormen(deps.services)]);
  gemeenten.sort((a, b) => a.naam.localeCompare(b.naam, "nl"));
  return {
    gemeenten: gemeenten.map((g) => ({ waarde: g.code, tekst: g.naam })),
    // All care types a case may hold (a correction must never drop the current one); the same label style as search.
    zorgvormen: zorgvormOpties(zorgvormen, { actief: true }),
  };
}

/** The referrals of a case in a table cell: each offer with its answer (withdrawn ones left out). */
function AanmeldingenKort({ lijst }: { lijst: AanmeldingView[] }) {
  const getoond = lijst.filter((a) => a.status !== "ingetrokken");
  if (getoond.length === 0) return <span>Geen</span>;
  return (
    <ul class="utrecht-unordered-list">
      {getoond.map((a) => (
        <li class="utrecht-unordered-list__item">
          {aanbodVan(a)}: {AANMELDING_STATUS[a.status][0].toLowerCase()}
        </li>
      ))}
    </ul>
  );
}

function EscalatieKort({ casus }: { casus: Casus }) {
  const e = casus.escalatie;
  if (!e) return <span>—</span>;
  return (
    <>
      {e.nodig ? <Badge soort="warning">Escalatie nodig</Badge> : null}
      {e.stap ? <span> {escalatieLabel(e.stap)}</span> : e.nodig ? null : <span>Niet nodig</span>}
    </>
  );
}

function CasusTabel(p: { casussen: Casus[]; aanmeldingen: Map<string, AanmeldingView[]>; namen: Namen; vandaag: string }) {
  return (
    <div class="pw-tabel-wrap">
      <table class="pw-tabel">
        <caption>Casussen van uw organisatie, oudste aanmelding eerst</caption>
        <thead>
          <tr>
            {[
              "Referentie",
              "Leeftijd",
              "Gevraagde zorg",
              "Status",
              "Wachttijd",
              "Norm van 3 maanden",
              "Aanmeldingen",
              "Escalatie",
            ].map((k) => (
              <th scope="col">{k}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.casussen.map((casus) => (
            <tr class={casus.normOverschreden ? "pw-norm" : undefined}>
              <th scope="row">
                <Link href={pad(casus.id)}>{casus.referentie}</Link>
              </th>
              <td>{jaren(casus.geboortedatum, p.vandaag)}</td>
              <td>{p.namen.zorgvorm.get(casus.zorgvorm) ?? casus.zorgvorm}</td>
              <td>
                {CASUS_STATUS_LABELS[casus.status] ?? casus.status}
                {casus.stopreden ? ` (${(STOPREDEN_LABELS[casus.stopreden] ?? casus.stopreden).toLowerCase()})` : ""}
              </td>
              <td>
                {casus.startdatum
                  ? `Gestart na ${dagen(casus.doorlooptijdDagen ?? casus.wachttijd)}`
                  : `${dagen(casus.wachttijd)}`}
              </td>
              <td>
                <NormKort casus={casus} />
              </td>
              <td>
                <AanmeldingenKort lijst={p.aanmeldingen.get(casus.id) ?? []} />
              </td>
              <td>
                <EscalatieKort casus={casus} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const STATUS_OPTIES = CASUS_STATUSSEN.map((s) => ({ waarde: s, tekst: CASUS_STATUS_LABELS[s] ?? s }));

async function lijstPagina(c: Context<AppEnv>, deps: UiDeps) {
  markeerToegang(c, "lijst");
  const ctx = ctxOf(c, deps.services);
  const status = CASUS_STATUSSEN.find((s) => s === c.req.query("status"));
  const nr = /^\d{1,5}$/.test(c.req.query("pagina") ?? "") ? Math.max(1, Number(c.req.query("pagina"))) : 1;
  const page = await listCasussen(ctx, { pagina: nr, perPagina: PER_PAGINA, status });
  const aanmeldingen = new Map(
    await Promise.all(
      page.resultaten.map(
        async (casus) =>
          [casus.id, (await listAanmeldingen(ctx, { casusId: casus.id, pagina: 1, perPagina: 20 })).resultaten] as const,
      ),
    ),
  );
  const namen = await namenVoor(deps, []);
  const vandaag = isoDate(deps.services.clock.now());
  const voorbij = page.resultaten.filter((x) => x.normOverschreden && !x.startdatum).length;
  const escalatie = page.resultaten.filter((x) => x.escalatieNodig).length;
  return pagina(c, {
    titel: "Mijn casussen",
    actief: PAD,
    children: (
      <>
        <p class="utrecht-paragraph">
          De wachtende jeugdigen van uw organisatie, met de norm van 3 maanden na de uitspraak, de aanmeldingen bij aanbieders en
          of er een escalatie nodig is. Open een casus om aan te melden, een acceptatie te bevestigen of een escalatiestap vast te
          leggen.
        </p>
        <p class="utrecht-paragraph">
          <Link href={`${PAD}/nieuw`}>Nieuwe casus registreren</Link>
        </p>
        <form method="get" action={PAD} class="pw-filters" aria-label="Casussen filteren">
          <Keuzelijst
            naam="status"
            label="Status"
            zonderNietVerplicht
            leeg="Alle statussen"
            opties={STATUS_OPTIES}
            formulier={LEEG_FORMULIER}
            standaard={status}
          />
          <div>
            <Knop soort="secondary">Toon casussen</Knop>
          </div>
        </form>
        {page.totaal === 0 ? (
          <Melding soort="info">
            <p class="utrecht-paragraph">
              {status ? "Er zijn geen casussen met deze status." : "Uw organisatie heeft nog geen casussen geregistreerd."}
            </p>
          </Melding>
        ) : (
          <>
            {voorbij + escalatie > 0 ? (
              <Melding soort="warning">
                <p class="utrecht-paragraph">
                  Op deze pagina: {voorbij === 1 ? "1 casus wacht" : `${voorbij} casussen wachten`} langer dan de norm;{" "}
                  {escalatie === 1 ? "1 casus heeft" : `${escalatie} casussen hebben`} een escalatie nodig.
                </p>
              </Melding>
            ) : null}
            <CasusTabel casussen={page.resultaten} aanmeldingen={aanmeldingen} namen={namen} vandaag={vandaag} />
          </>
        )}
        <Paginering
          pad={PAD}
          query={new URLSearchParams(status ? { status } : {})}
          pagina={nr}
          aantalPaginas={Math.ceil(page.totaal / PER_PAGINA)}
        />
      </>
    ),
  });
}

function toon(c: Context<AppEnv>, beeld: CasusBeeld, formulieren: CasusFormulieren, status: 200 | 400 | 409 = 200) {
  return CasusPagina({
    c,
    beeld,
    formulieren,
    csrf: csrfVan(c),
    status,
    actief: PAD,
    terug: { href: PAD, tekst: "Terug naar Mijn casussen" },
    pad: pad(beeld.casus.id),
    bijGegevens: (
      <div class="utrecht-data-list__item">
        <dt class="utrecht-data-list__item-key">Corrigeren</dt>
        <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">
          <Link href={`${pad(beeld.casus.id)}/corrigeren`}>Gegevens corrigeren</Link>
        </dd>
      </div>
    ),
    prioriteit: <PrioriteitTekst beeld={beeld} />,
  });
}

const VERSIE_CONFLICT =
  "Iemand anders heeft deze casus intussen gewijzigd. Uw invoer staat hieronder nog; vergelijk die met wat nu is opgeslagen (open de casus in een ander venster) en sla opnieuw op als het klopt.";

async function formulierPagina(
  c: Context<AppEnv>,
  deps: UiDeps,
  formulier: Formulier,
  casus?: Casus,
  status: 200 | 400 | 409 = 200,
) {
  const vandaag = isoDate(deps.services.clock.now());
  return pagina(
    c,
    {
      titel: casus ? `Casus ${casus.referentie} corrigeren` : "Nieuwe casus registreren",
      actief: PAD,
      children: (
        <>
          <p class="utrecht-paragraph">
            <Link href={casus ? pad(casus.id) : PAD}>{casus ? "Terug naar de casus" : "Terug naar Mijn casussen"}</Link>
          </p>
          <p class="utrecht-paragraph">
            {casus
              ? "Pas aan wat niet klopt. Alleen wat u verandert wordt opgeslagen; elke wijziging komt in de historie van de casus."
              : "Registreer alleen wat nodig is om passende hulp te vinden: een referentie van uw organisatie, nooit een naam of BSN."}
          </p>
          <CasusFormulier
            formulier={formulier}
            keuzes={await keuzes(deps)}
            csrf={csrfVan(c)}
            actie={casus ? `${pad(casus.id)}/corrigeren` : `${PAD}/nieuw`}
            knop={casus ? "Correctie opslaan" : "Casus registreren"}
            annuleren={casus ? pad(casus.id) : PAD}
            casus={casus}
            vandaag={vandaag}
          />
        </>
      ),
    },
    status,
  );
}

const statusVan = (error: unknown) =>
  isDomainError(error, ErrorCode.conflict) || isDomainError(error, ErrorCode.preconditionFailed) ? 409 : 400;

export function mijnCasussenPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  const actie = casusPaginas((c) =>
    c.req.method === "GET" ? (c.req.path === PAD ? "lijst" : "lezen") : c.req.path.endsWith("/nieuw") ? "aanmaken" : "wijzigen",
  );
  // The empty form for a new case shows no case data: not logged.
  s.use((c, next) => (c.req.method === "GET" && c.req.path === `${PAD}/nieuw` ? next() : actie(c, next)));
  s.use(voor(["verwijzer"]));

  s.get("/", (c) => lijstPagina(c, deps));

  s.get("/nieuw", (c) => formulierPagina(c, deps, LEEG_FORMULIER));

  s.post("/nieuw", async (c) => {
    const waarden = await leesFormulier(c);
    const gelezen = leesNieuweCasus(waarden);
    if (!gelezen.ok) return formulierPagina(c, deps, gelezen.formulier, undefined, 400);
    let casus: Casus;
    try {
      casus = await createCasus(ctxOf(c, deps.services), gelezen.data);
    } catch (error) {
      return formulierPagina(c, deps, foutenNaarSlots(formulierUitFout(error, waarden), waarden), undefined, statusVan(error));
    }
    return c.redirect(`${pad(casus.id)}?melding=aangemaakt`, 303);
  });

  s.get("/:id", async (c) => toon(c, await laadCasus(c, deps, "lezen"), {}));

  s.get("/:id/corrigeren", async (c) => {
    markeerToegang(c, "lezen");
    const casus = await getCasus(ctxOf(c, deps.services), { id: c.req.param("id") });
    return formulierPagina(c, deps, LEEG_FORMULIER, casus);
  });

  s.post("/:id/corrigeren", async (c) => {
    markeerToegang(c, "wijzigen");
    const ctx = ctxOf(c, deps.services);
    const casus = await getCasus(ctx, { id: c.req.param("id") });
    const waarden = await leesFormulier(c);
    const gelezen = leesCorrectie(waarden, casus);
    if (!gelezen.ok) return formulierPagina(c, deps, gelezen.formulier, casus, 400);
    if (Object.keys(gelezen.data).length === 0) return c.redirect(`${pad(casus.id)}?melding=ongewijzigd`, 303);
    const versie = /^\d{1,9}$/.exec(waarden.versie ?? "")?.[0];
    try {
      await correctCasus(ctx, { id: casus.id, correctie: gelezen.data, versies: versie ? [Number(versie)] : undefined });
    } catch (error) {
      if (isDomainError(error, ErrorCode.notFound)) throw error;
      const formulier = isDomainError(error, ErrorCode.preconditionFailed)
        ? { waarden, fouten: {}, melding: VERSIE_CONFLICT }
        : foutenNaarSlots(formulierUitFout(error, waarden), waarden);
      return formulierPagina(c, deps, formulier, await getCasus(ctx, { id: casus.id }), statusVan(error));
    }
    return c.redirect(`${pad(casus.id)}?melding=gecorrigeerd`, 303);
  });

  casusActies(s, deps, { patroon: "/:id", pad, toon });

  return s;
}
