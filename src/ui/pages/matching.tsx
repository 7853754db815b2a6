import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { ctxOf, markeerToegang } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { statusOf } from "../../http/problem.ts";
import type { Actor } from "../../kern/actor.ts";
import { DomainError, ErrorCode, isDomainError } from "../../kern/errors.ts";
import { getAanmelding } from "../../services/aanmeldingen.ts";
import { readZorgvormen } from "../../services/catalogus.ts";
import type { Deps } from "../../services/context.ts";
import { AfwijzingInput, acceptVoorstel, declineVoorstel, getVoorstel } from "../../services/matchvoorstellen.ts";
import {
  getAfgehandeldeVoorstellen,
  getOpenVoorstellen,
  getReserveringenOverzicht,
  getReserveringMetNamen,
} from "../../services/matchvoorstellen-overzicht.ts";
import { MatchingInput, runMatching } from "../../services/matchvoorstellen-run.ts";
import { placeReservering, withdrawReservering } from "../../services/reserveringen.ts";
import { Bevestigstap, isBevestigd } from "../bevestigen.tsx";
import { Csrf, Foutsamenvatting, Keuzelijst, Knop, Melding, Paginering } from "../components.tsx";
import { datum, termijn, zorgvormOpties } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier, valideer, type Waarden } from "../forms.ts";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { casusPaginas, csrfVan, ingelogd, voor } from "../toegang.tsx";
import {
  ActieveReserveringen,
  AfgehandeldeVoorstellen,
  AfgerondeReserveringen,
  aanbodTekst,
  Fout,
  MatchingTabs,
  TABS,
  type Tab,
  VoorstelKaart,
} from "./matching-delen.tsx";

const PER_PAGINA = 20;
/** Proposals carry their whole explanation: fewer a page keeps the page short enough to work through. */
const VOORSTELLEN_PER_PAGINA = 10;
/** How many ended holds and decided proposals of each outcome the pages list. */
const RECENT = 10;
const RUN_SCHEMA = MatchingInput;
const AFWIJZING_SCHEMA = AfwijzingInput;

/** Fixed message codes after a redirect; the query never carries the user's own text. */
const MELDINGEN: Record<string, string> = {
  afgewezen: "Het voorstel is afgewezen. Deze combinatie van casus en aanbod wordt niet opnieuw voorgesteld.",
  geplaatst: "De plaatsing is vastgelegd. De plek blijft bezet.",
  ingetrokken: "De reservering is ingetrokken. De plek is weer vrij.",
};

function matchingMelding(aantal: string | undefined): string | undefined {
  if (!aantal || !/^\d{1,6}$/.test(aantal)) return undefined;
  const n = Number(aantal);
  if (n === 0)
    return "De matching is uitgevoerd. Er zijn geen nieuwe voorstellen: geen wachtende casus past nu bij een vrije plek.";
  return `De matching is uitgevoerd: ${n === 1 ? "1 nieuw voorstel" : `${n} nieuwe voorstellen`}.`;
}

/** After accepting: where the aanmelding went, and whether a place is held (looked up; the query carries only its id). */
async function aangemeldMelding(c: Context<AppEnv>, svc: Deps, id: string | undefined): Promise<string | undefined> {
  if (!id || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const a = await getAanmelding(ctxOf(c, svc), { id }).catch(() => undefined);
  if (!a) return undefined;
  const naar = a.aanbiederNaam
    ? `${a.aanbiederNaam}${a.aanbodNaam ? ` (${a.aanbodNaam})` : ""}`
    : (a.aanbodNaam ?? "de aanbieder");
  const verwacht = a.verwachteStartdatum ? ` Verwachte start volgens de wachttijden: ${datum(a.verwachteStartdatum)}.` : "";
  return a.reserveringId
    ? `Aanmelding verstuurd naar ${naar}; de plek wordt vastgehouden tot het antwoord (uiterlijk op ${termijn(a.antwoordVoor)}).${verwacht}`
    : `Aanmelding verstuurd naar ${naar}, op de wachtlijst van de aanbieder; er wordt geen plek vastgehouden. Antwoord uiterlijk op ${termijn(a.antwoordVoor)}.${verwacht}`;
}

/** What a page shows besides the data: a message after a redirect, or a refusal at its place. */
interface Stand {
  regio: string | undefined;
  pagina?: number;
  melding?: string;
  run?: Formulier;
  voorstel?: { id: string; formulier: Formulier };
  reservering?: string;
}

/** A region of the broker's own (default the first); another region answers as if it did not exist. */
function kiesRegio(actor: Actor, gevraagd: string | undefined): string | undefined {
  if (gevraagd === undefined || gevraagd === "") return actor.regios[0];
  if (actor.regios.includes(gevraagd)) return gevraagd;
  throw DomainError.notFound(/^[a-z0-9-]{1,40}$/i.test(gevraagd) ? `Regio ${gevraagd}` : "Deze regio");
}

/** Where to return after a form: its region if it is the broker's, else the first. */
const terugRegio = (actor: Actor, regio: string | undefined) => (regio && actor.regios.includes(regio) ? regio : actor.regios[0]);

const terug = (tab: Tab, regio: string | undefined, melding?: string, extra = "") =>
  `${TABS[tab].pad}?${new URLSearchParams({ ...(regio ? { regio } : {}), ...(melding ? { melding } : {}) }).toString()}${extra}`;

function statusVan(error: unknown): 400 | 404 | 409 {
  const status = error instanceof DomainError ? statusOf(error.code) : 400;
  return status === 404 || status === 409 ? status : 400;
}

const paginaUit = (c: Context<AppEnv>) =>
  /^\d{1,5}$/.test(c.req.query("pagina") ?? "") ? Math.max(1, Number(c.req.query("pagina"))) : 1;

const melding = (tekst: string | undefined) =>
  tekst ? (
    <Melding soort="ok">
      <p class="utrecht-paragraph">{tekst}</p>
    </Melding>
  ) : null;

/**
 * The frame of the three matching pages: the region choice (it stays on this page) and the
 * tabs, plain links with their own address, so every page works without script.
 */
function matchingPagina(
  c: Context<AppEnv>,
  p: { tab: Tab; regio: string; regios: { code: string; naam: string }[]; children: Child },
  status: 200 | 400 | 404 | 409 = 200,
) {
  const opties = p.regios.map((r) => ({ waarde: r.code, tekst: r.naam }));
  return pagina(
    c,
    {
      titel: `Matching: ${TABS[p.tab].titel.toLowerCase()}`,
      actief: "/matching",
      children: (
        <>
          <MatchingTabs actief={p.tab} regio={p.regio} />
          {opties.length > 1 ? (
            <form method="get" action={TABS[p.tab].pad} class="pw-filters">
              <Keuzelijst naam="regio" label="Regio" verplicht formulier={LEEG_FORMULIER} standaard={p.regio} opties={opties} />
              <div>
                <Knop soort="secondary">Toon regio</Knop>
              </div>
            </form>
          ) : null}
          {p.children}
        </>
      ),
    },
    status,
  );
}

function geenRegio(c: Context<AppEnv>) {
  return pagina(c, {
    titel: "Matching",
    actief: "/matching",
    children: (
      <Melding soort="warning">
        <p class="utrecht-paragraph">Uw organisatie is aan geen regio gekoppeld. Vraag de beheerder om een regio.</p>
      </Melding>
    ),
  });
}

/** The proposals page: the run form and the open proposals in waiting-list order, paged. */
async function toonVoorstellen(c: Context<AppEnv>, svc: Deps, stand: Stand, status: 200 | 400 | 404 | 409 = 200) {
  const { regio } = stand;
  if (!regio) return geenRegio(c);
  const nr = stand.pagina ?? 1;
  const fout = stand.voorstel;
  // Showing proposals shows cases: the page view is logged, also when it lists none.
  markeerToegang(c, "lijst");
  const o = await getOpenVoorstellen(ctxOf(c, svc), {
    regio,
    pagina: nr,
    perPagina: VOORSTELLEN_PER_PAGINA,
    geweigerdVoorstel: fout?.id,
  });
  const zorgvormen = await readZorgvormen(svc);
  const regioNaam = o.regios.find((r) => r.code === regio)?.naam ?? regio;
  const csrf = csrfVan(c);
  const runFormulier = stand.run ?? LEEG_FORMULIER;
  const foutBijKaart = fout && o.open.some((v) => v.id === fout.id);
  const aantalPaginas = Math.max(1, Math.ceil(o.totaal / VOORSTELLEN_PER_PAGINA));
  return matchingPagina(
    c,
    {
      tab: "voorstellen",
      regio,
      regios: o.regios,
      children: (
        <>
          {melding(stand.melding)}
          <h2 class="utrecht-heading-2">Matching uitvoeren</h2>
          <Foutsamenvatting formulier={runFormulier} labels={{ zorgvorm: "Zorgvorm" }} prefix="run-" />
          <p class="utrecht-paragraph">
            De matching zoekt voor de wachtende casussen in {regioNaam} (regulier, zonder open voorstel) het best passende
            gecontracteerde aanbod dat op tijd kan starten: een vrije plek, of een wachtlijst die de jeugdige vóór de normdatum
            laat starten. Elk voorstel komt met een uitleg; u beslist. Accepteren stuurt een aanmelding naar de aanbieder.
          </p>
          <form method="post" action="/matching/uitvoeren" class="pw-filters" novalidate>
            <Csrf token={csrf} />
            <input type="hidden" name="regio" value={regio} />
            <Keuzelijst
              naam="zorgvorm"
              label="Zorgvorm"
              prefix="run-"
              formulier={runFormulier}
              leeg="Alle zorgvormen"
              opties={zorgvormOpties(zorgvormen)}
            />
            <div>
              <Knop>Matching uitvoeren</Knop>
            </div>
          </form>

          <h2 class="utrecht-heading-2">Open voorstellen ({o.totaal})</h2>
          {fout && !foutBijKaart ? <Fout tekst={fout.formulier.melding ?? "Dit voorstel is niet meer open."} /> : null}
          {o.open.length === 0 ? (
            <p class="utrecht-paragraph">Er zijn geen open voorstellen in {regioNaam}.</p>
          ) : (
            <>
              <p class="utrecht-paragraph">
                In de volgorde van de wachtlijst van {regioNaam}: wie het eerst aan de beurt is, staat bovenaan.
              </p>
              {o.open.map((v) => (
                <VoorstelKaart
                  v={v}
                  namen={o.namen}
                  csrf={csrf}
                  regio={regio}
                  formulier={fout?.id === v.id ? fout.formulier : undefined}
                />
              ))}
            </>
          )}
          <Paginering pad="/matching" query={new URLSearchParams({ regio })} pagina={nr} aantalPaginas={aantalPaginas} />
        </>
      ),
    },
    status,
  );
}

/** The holds page: active holds paged (with their actions), and the newest that ended. */
async function toonReserveringen(c: Context<AppEnv>, svc: Deps, stand: Stand, status: 200 | 400 | 404 | 409 = 200) {
  const { regio } = stand;
  if (!regio) return geenRegio(c);
  const nr = stand.pagina ?? 1;
  markeerToegang(c, "lijst");
  const o = await getReserveringenOverzicht(ctxOf(c, svc), { regio, pagina: nr, perPagina: PER_PAGINA, recent: RECENT });
  const aantalPaginas = Math.max(1, Math.ceil(o.actief.totaal / PER_PAGINA));
  return matchingPagina(
    c,
    {
      tab: "reserveringen",
      regio,
      regios: o.regios,
      children: (
        <>
          {melding(stand.melding)}
          <h2 class="utrecht-heading-2">Actieve reserveringen ({o.actief.totaal})</h2>
          <Fout tekst={stand.reservering} />
          <ActieveReserveringen
            rijen={o.actief.rijen}
            namen={o.namen}
            csrf={csrfVan(c)}
            regio={regio}
            aanmeldingen={o.aanmeldingen}
          />
          <Paginering
            pad={TABS.reserveringen.pad}
            query={new URLSearchParams({ regio })}
            pagina={nr}
            aantalPaginas={aantalPaginas}
          />
          <h2 class="utrecht-heading-2">Afgeronde reserveringen</h2>
          <AfgerondeReserveringen rijen={o.afgerond} namen={o.namen} />
        </>
      ),
    },
    status,
  );
}

/** What was decided lately: accepted, declined and expired proposals, newest first. */
async function toonAfgehandeld(c: Context<AppEnv>, svc: Deps, regio: string | undefined) {
  if (!regio) return geenRegio(c);
  markeerToegang(c, "lijst");
  const o = await getAfgehandeldeVoorstellen(ctxOf(c, svc), { regio, recent: RECENT });
  return matchingPagina(c, {
    tab: "afgehandeld",
    regio,
    regios: o.regios,
    children: (
      <>
        <p class="utrecht-paragraph">
          De laatste {RECENT} geaccepteerde, {RECENT} afgewezen en {RECENT} verlopen voorstellen, nieuwste eerst.
        </p>
        <AfgehandeldeVoorstellen rijen={o.besloten} namen={o.namen} />
      </>
    ),
  });
}

export function matchingPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  const svc = deps.services;
  s.use(casusPaginas((c) => (c.req.method === "GET" ? "lijst" : c.req.path.endsWith("/uitvoeren") ? "matching" : "wijzigen")));
  s.use(voor(runMatching.rollen));

  s.get("/", async (c) => {
    const actor = ingelogd(c);
    const code = c.req.query("melding");
    const tekst =
      code === "matching"
        ? matchingMelding(c.req.query("aantal"))
        : code === "aangemeld"
          ? await aangemeldMelding(c, svc, c.req.query("aanmelding"))
          : code
            ? MELDINGEN[code]
            : undefined;
    return toonVoorstellen(c, svc, { regio: kiesRegio(actor, c.req.query("regio")), pagina: paginaUit(c), melding: tekst });
  });

  s.get("/reserveringen", async (c) => {
    const actor = ingelogd(c);
    const code = c.req.query("melding");
    return toonReserveringen(c, svc, {
      regio: kiesRegio(actor, c.req.query("regio")),
      pagina: paginaUit(c),
      melding: code ? MELDINGEN[code] : undefined,
    });
  });

  s.get("/afgehandeld", async (c) => toonAfgehandeld(c, svc, kiesRegio(ingelogd(c), c.req.query("regio"))));

  s.post("/uitvoeren", async (c) => {
    const actor = ingelogd(c);
    markeerToegang(c, "matching");
    const waarden = await leesFormulier(c);
    const invoer: Waarden = { regio: waarden.regio ?? "" };
    if (waarden.zorgvorm) invoer.zorgvorm = waarden.zorgvorm;
    const regio = terugRegio(actor, invoer.regio);
    const geldig = valideer(RUN_SCHEMA, invoer);
    let formulier: Formulier;
    let status: 400 | 404 | 409 = 400;
    if (geldig.ok) {
      try {
        const result = await runMatching(ctxOf(c, svc), geldig.data);
        return c.redirect(terug("voorstellen", regio, "matching", `&aantal=${result.voorstellen.length}`), 303);
      } catch (error) {
        // As on the API: another region answers as if it did not exist.
        if (isDomainError(error, ErrorCode.notFound)) throw error;
        formulier = formulierUitFout(error, waarden, "");
        status = statusVan(error);
      }
    } else formulier = { ...geldig.formulier, waarden };
    // The region is no field of this form: its problem is the form's.
    const { regio: regioFout, ...fouten } = formulier.fouten;
    return toonVoorstellen(c, svc, { regio, run: { waarden, fouten, melding: regioFout ?? formulier.melding } }, status);
  });

  s.post("/voorstellen/:id/acceptatie", async (c) => {
    const actor = ingelogd(c);
    markeerToegang(c, "wijzigen");
    const waarden = await leesFormulier(c);
    const ctx = ctxOf(c, svc);
    const voorstel = await getVoorstel(ctx, { id: c.req.param("id") });
    const regio = terugRegio(actor, waarden.regio);
    let aanmelding: string;
    try {
      aanmelding = (await acceptVoorstel(ctx, { id: voorstel.id })).id;
    } catch (error) {
      return toonVoorstellen(
        c,
        svc,
        { regio, voorstel: { id: voorstel.id, formulier: formulierUitFout(error, {}) } },
        statusVan(error),
      );
    }
    return c.redirect(terug("voorstellen", regio, "aangemeld", `&aanmelding=${aanmelding}`), 303);
  });

  s.post("/voorstellen/:id/afwijzing", async (c) => {
    const actor = ingelogd(c);
    markeerToegang(c, "wijzigen");
    const waarden = await leesFormulier(c);
    const ctx = ctxOf(c, svc);
    const voorstel = await getVoorstel(ctx, { id: c.req.param("id") });
    const regio = terugRegio(actor, waarden.regio);
    const invoer: Waarden = { reden: waarden.reden ?? "" };
    if ((waarden.toelichting ?? "").trim() !== "") invoer.toelichting = waarden.toelichting ?? "";
    const geldig = valideer(AFWIJZING_SCHEMA, invoer);
    if (!geldig.ok) {
      const fouten = { ...geldig.formulier.fouten };
      if (invoer.reden === "") fouten.reden = "Kies de reden waarom u dit voorstel afwijst.";
      return toonVoorstellen(c, svc, { regio, voorstel: { id: voorstel.id, formulier: { waarden, fouten } } }, 400);
    }
    try {
      await declineVoorstel(ctx, { id: voorstel.id, afwijzing: geldig.data });
    } catch (error) {
      return toonVoorstellen(
        c,
        svc,
        { regio, voorstel: { id: voorstel.id, formulier: formulierUitFout(error, waarden) } },
        statusVan(error),
      );
    }
    return c.redirect(terug("voorstellen", regio, "afgewezen"), 303);
  });

  // Placing and withdrawing cannot be undone: the first post asks once, the confirmed post acts.
  for (const [pad, beeindig, code, vraag] of [
    ["plaatsing", placeReservering, "geplaatst", "Ja, plaatsing vastleggen"],
    ["intrekking", withdrawReservering, "ingetrokken", "Ja, reservering intrekken"],
  ] as const) {
    s.post(`/reserveringen/:id/${pad}`, async (c) => {
      const actor = ingelogd(c);
      markeerToegang(c, "wijzigen");
      const waarden = await leesFormulier(c);
      const ctx = ctxOf(c, svc);
      const { hold, namen } = await getReserveringMetNamen(ctx, { id: c.req.param("id") });
      const regio = terugRegio(actor, waarden.regio);
      const ref = namen.casussen.get(hold.casusId ?? "") ?? "onbekend";
      if (!isBevestigd(waarden)) {
        return matchingPagina(c, {
          tab: "reserveringen",
          regio: regio ?? "",
          regios: [],
          children: (
            <Bevestigstap
              actie={`/matching/reserveringen/${hold.id}/${pad}`}
              csrf={csrfVan(c)}
              waarden={{ regio: regio ?? "" }}
              knop={vraag}
              terug={terug("reserveringen", regio)}
            >
              <p class="utrecht-paragraph">
                {pad === "plaatsing"
                  ? `U legt vast dat casus ${ref} is geplaatst bij ${aanbodTekst(namen, hold.aanbodId)}. De plek blijft bezet en de casus staat niet meer op de wachtlijst.`
                  : `U trekt de reservering voor casus ${ref} bij ${aanbodTekst(namen, hold.aanbodId)} in. De plek komt weer vrij voor anderen en de casus wacht weer.`}{" "}
                Dit kunt u niet ongedaan maken.
              </p>
            </Bevestigstap>
          ),
        });
      }
      try {
        await beeindig(ctx, { id: hold.id });
      } catch (error) {
        // The register's message names ids; the page says it in the broker's words.
        const tekst =
          error instanceof DomainError && error.extensions?.aanmeldingId
            ? "deze reservering hoort bij een aanmelding. De aanbieder legt daar de start vast; intrekken gaat via die aanmelding op de pagina van de casus."
            : error instanceof DomainError && error.code === ErrorCode.conflict
              ? "deze reservering is intussen beëindigd."
              : (formulierUitFout(error, {}).melding ?? "Dat lukte niet.");
        return toonReserveringen(c, svc, { regio, reservering: `Reservering voor casus ${ref}: ${tekst}` }, statusVan(error));
      }
      return c.redirect(terug("reserveringen", regio, code), 303);
    });
  }
  return s;
}
