import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { ctxOf, markeerToegang, noteerCasussen } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import type { Actor } from "../../kern/actor.ts";
import { plusDagen } from "../../kern/dates.ts";
import { ErrorCode, isDomainError } from "../../kern/errors.ts";
import { isoDate } from "../../kern/time.ts";
import { type AanmeldingView, listAanmeldingen } from "../../services/aanmeldingen.ts";
import { type Casus, HandmatigePrioriteitInput, listCasussen, overridePrioriteit } from "../../services/casussen.ts";
import { readGemeenten, readRegios, readZorgvormen } from "../../services/catalogus.ts";
import { getWachtlijst, WachtlijstQuery } from "../../services/wachtlijst.ts";
import { Foutsamenvatting, Keuzelijst, Knop, Melding, type Optie, Vinkje } from "../components.tsx";
import { datum, zorgvormOpties } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier, valideer, type Waarden } from "../forms.ts";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { casusPaginas, csrfVan, ingelogd, voor } from "../toegang.tsx";
import { type CasusBeeld, type CasusFormulieren, casusActies, laadCasus, type Namen } from "./casus-acties.tsx";
import { CasusPagina, PrioriteitTekst } from "./casus-pagina.tsx";
import {
  EscalatieTabel,
  GestartTabel,
  type Lijst,
  OudersKiezenWachtenTabel,
  Overschrijven,
  Tabel,
  VerlopenTabel,
} from "./wachtlijst-delen.tsx";

/** The use cases' own schemas: the page refuses exactly what the API refuses. */
const LIJST_QUERY = WachtlijstQuery;
const PRIORITEIT_INVOER = HandmatigePrioriteitInput;

const FILTER_LABELS = { regio: "Regio", zorgvorm: "Zorgvorm", normOverschreden: "Alleen norm overschreden" };

function Normtelling({ lijst }: { lijst: Lijst }) {
  const n = [...lijst.resultaten, ...lijst.buitenKader].filter((r) => r.prioriteit.normOverschreden).length;
  const ouders = lijst.oudersKiezenWachten.filter((r) => r.prioriteit.normOverschreden).length;
  const tekst =
    n === 0
      ? "Geen kind wacht langer dan de norm van 3 maanden."
      : `${n} ${n === 1 ? "kind wacht" : "kinderen wachten"} langer dan de norm van 3 maanden.`;
  const apart =
    ouders === 0
      ? ""
      : ` Daarnaast ${ouders === 1 ? "wacht 1 kind" : `wachten ${ouders} kinderen`} langer dan de norm omdat de ouders kiezen te wachten (apart hieronder).`;
  return (
    <Melding soort={n + ouders === 0 ? "info" : "warning"}>
      <p class="utrecht-paragraph">
        {tekst}
        {apart} De norm: passende hulp binnen 3 maanden na de uitspraak van de maatregel.
      </p>
    </Melding>
  );
}

/** A list that can be long: folded when it is (a native details element, no script needed), open when short. */
function Uitklap({ titel, aantal, children }: { titel: string; aantal: number; children: Child }) {
  return (
    <details class="pw-uitklap" open={aantal <= 5}>
      <summary>
        <span class="utrecht-heading-3">
          {titel} ({aantal})
        </span>
      </summary>
      {children}
    </details>
  );
}

function Regelsetuitleg({ lijst, regioNaam }: { lijst: Lijst; regioNaam: string }) {
  const set = lijst.regelset;
  if (!set) {
    return (
      <p class="utrecht-paragraph">
        Peildatum {datum(lijst.peildatum)}. Voor regio {regioNaam} geldt geen regelset; er zijn geen prioriteitsgroepen.
      </p>
    );
  }
  return (
    <>
      <p class="utrecht-paragraph">
        Peildatum {datum(lijst.peildatum)}. Gerangschikt volgens het afwegingskader van regio {regioNaam}, regelset versie{" "}
        {set.versie}, geldig vanaf {datum(set.geldigVanaf)}. Binnen een groep gaat wie het langst wacht voor.
      </p>
      <ol class="utrecht-ordered-list">
        {/* A group without a condition (a placeholder the region has yet to fill in) holds no one by rule: not shown. */}
        {set.groepen
          .filter((g) => g.voorwaarde !== null)
          .map((g) => (
            <li class="utrecht-ordered-list__item" value={g.nummer}>{`Groep ${g.nummer}: ${g.naam}`}</li>
          ))}
      </ol>
    </>
  );
}

function LijstPagina({
  c,
  formulier,
  lijst,
  verlopen = [],
  gestart = [],
  regioOpties,
  zorgvormOpties,
  status = 200,
}: {
  c: Context<AppEnv>;
  formulier: Formulier;
  lijst?: Lijst;
  verlopen?: AanmeldingView[];
  gestart?: Casus[];
  regioOpties: Optie[];
  zorgvormOpties: Optie[];
  status?: 200 | 400;
}) {
  const regioNaam = regioOpties.find((o) => o.waarde === lijst?.regio)?.tekst ?? lijst?.regio ?? "";
  const gefilterd = Boolean(formulier.waarden.zorgvorm || formulier.waarden.normOverschreden);
  const alle = lijst ? [...lijst.resultaten, ...lijst.buitenKader, ...lijst.oudersKiezenWachten] : [];
  return pagina(
    c,
    {
      titel: "Wachtlijst",
      actief: "/wachtlijst",
      children: (
        <>
          <Foutsamenvatting formulier={formulier} labels={FILTER_LABELS} />
          <form method="get" action="/wachtlijst" class="pw-filters" aria-label="Wachtlijst filteren">
            <Keuzelijst naam="regio" label={FILTER_LABELS.regio} verplicht opties={regioOpties} formulier={formulier} />
            <Keuzelijst
              naam="zorgvorm"
              label={FILTER_LABELS.zorgvorm}
              leeg="Alle zorgvormen"
              opties={zorgvormOpties}
              formulier={formulier}
            />
            <Vinkje naam="normOverschreden" label={FILTER_LABELS.normOverschreden} formulier={formulier} />
            <div>
              <Knop soort="secondary">Toon wachtlijst</Knop>
            </div>
          </form>
          {lijst ? (
            <>
              <Regelsetuitleg lijst={lijst} regioNaam={regioNaam} />
              <Normtelling lijst={lijst} />
              <h2 class="utrecht-heading-2">Aandacht nodig</h2>
              <Uitklap titel="Escalatie nodig" aantal={alle.filter((r) => r.escalatie?.nodig).length}>
                <EscalatieTabel regels={alle} regioNaam={regioNaam} />
              </Uitklap>
              <Uitklap titel="Verlopen aanmeldingen" aantal={verlopen.length}>
                <VerlopenTabel aanmeldingen={verlopen} referenties={new Map(alle.map((r) => [r.row.id, r.row]))} />
              </Uitklap>
              <h2 class="utrecht-heading-2">Spoed en crisis, buiten de rangschikking</h2>
              {lijst.buitenKader.length > 0 ? (
                <Tabel
                  regels={lijst.buitenKader}
                  lijst={lijst}
                  caption={`Spoed en crisis in ${regioNaam}: ${lijst.buitenKader.length}, crisis eerst`}
                  buitenKader
                />
              ) : (
                <p class="utrecht-paragraph">Geen spoed- of crisiscasussen{gefilterd ? " die aan de filters voldoen" : ""}.</p>
              )}
              <h2 class="utrecht-heading-2">Gerangschikte wachtlijst</h2>
              {lijst.resultaten.length > 0 ? (
                <Tabel
                  regels={lijst.resultaten}
                  lijst={lijst}
                  caption={`Wachtlijst ${regioNaam} op ${datum(lijst.peildatum)}: ${lijst.resultaten.length} wachtend, in volgorde van prioriteit`}
                />
              ) : (
                <p class="utrecht-paragraph">
                  {gefilterd ? "Geen wachtende kinderen die aan de filters voldoen." : "Er wachten geen kinderen in deze regio."}
                </p>
              )}
              <h2 class="utrecht-heading-2">Ouders kiezen ervoor te wachten</h2>
              <p class="utrecht-paragraph">
                Deze casussen zijn gestopt omdat de ouders willen wachten op een bepaalde aanbieder. Voor de norm en de rapportage
                tellen ze nog als wachtend.
              </p>
              <OudersKiezenWachtenTabel regels={lijst.oudersKiezenWachten} lijst={lijst} />
              <h2 class="utrecht-heading-2">Hulp gestart in de laatste {GESTART_DAGEN} dagen</h2>
              <GestartTabel casussen={gestart} namen={lijst.namen} dagen={GESTART_DAGEN} />
            </>
          ) : null}
        </>
      ),
    },
    status,
  );
}

async function namenVoor(deps: UiDeps, gemeenten: { code: string; naam: string }[]): Promise<Namen> {
  const zorgvormen = await readZorgvormen(deps.services);
  return {
    zorgvorm: new Map(zorgvormen.map((z) => [z.code, z.naam])),
    gemeente: new Map(gemeenten.map((g) => [g.code, g.naam])),
  };
}

async function opties(deps: UiDeps, actor: Actor) {
  const regios = new Map((await readRegios(deps.services)).map((r) => [r.code, r.naam]));
  const zorgvormen = await readZorgvormen(deps.services);
  return {
    regioOpties: actor.regios.map((code) => ({ waarde: code, tekst: regios.get(code) ?? code })),
    zorgvormOpties: zorgvormOpties(zorgvormen),
  };
}

/** How far back the list of cases whose help started looks, and how many placed cases it reads at most. */
const GESTART_DAGEN = 30;
const MAX_GEPLAATST = 1000;

/**
 * Cases of the region whose help started lately, with their lead time from the ruling: the
 * figure the doorbraak norm is about. Only those shown go into the access-log row.
 */
async function recentGestart(c: Context<AppEnv>, deps: UiDeps, regio: string): Promise<Casus[]> {
  const ctx = { ...ctxOf(c, deps.services), noteer: undefined };
  const vanaf = plusDagen(isoDate(deps.services.clock.now()), -GESTART_DAGEN);
  const out: Casus[] = [];
  for (let nr = 1; nr * 100 <= MAX_GEPLAATST; nr++) {
    const page = await listCasussen(ctx, { status: "geplaatst", regio, pagina: nr, perPagina: 100 });
    out.push(...page.resultaten.filter((x) => x.startdatum !== null && x.startdatum >= vanaf));
    if (nr * 100 >= page.totaal) break;
  }
  return out.sort((a, b) => (b.startdatum ?? "").localeCompare(a.startdatum ?? ""));
}

/** More expired referrals than this at once is not a list to follow up any more; the newest are shown. */
const MAX_VERLOPEN = 100;

/**
 * Expired referrals of the cases on this list that wait with nothing in play, newest first. Only
 * those shown go into the page's access-log row (the list's cases are in it already).
 */
async function verlopenAanmeldingen(c: Context<AppEnv>, deps: UiDeps, lijst: Lijst): Promise<AanmeldingView[]> {
  const wachtend = new Set(
    [...lijst.resultaten, ...lijst.buitenKader, ...lijst.oudersKiezenWachten]
      .filter((r) => r.row.status === "wachtend" || r.row.status === "voorgesteld" || r.row.status === "gestopt")
      .map((r) => r.row.id),
  );
  if (wachtend.size === 0) return [];
  const page = await listAanmeldingen(
    { ...ctxOf(c, deps.services), noteer: undefined },
    { status: "verlopen", pagina: 1, perPagina: MAX_VERLOPEN },
  );
  return page.resultaten.filter((a) => wachtend.has(a.casusId ?? "")).reverse();
}

/** The broker's ranked waiting list per region and the case page with override, referrals, escalation and history. */
export function wachtlijstPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  s.use(casusPaginas((c) => (c.req.method === "POST" ? "wijzigen" : c.req.path.includes("/casus/") ? "lezen" : "lijst")));
  s.use(voor(getWachtlijst.rollen));

  s.get("/", async (c) => {
    const actor = ingelogd(c);
    // Like the API route: the request is logged even when it is refused.
    markeerToegang(c, "lijst");
    const q = c.req.query();
    const waarden: Waarden = { regio: q.regio ?? actor.regios[0] ?? "" };
    if (q.zorgvorm) waarden.zorgvorm = q.zorgvorm;
    if (q.normOverschreden !== undefined && q.normOverschreden !== "false") waarden.normOverschreden = "true";
    const keuzes = await opties(deps, actor);
    const v = valideer(LIJST_QUERY, waarden);
    if (!v.ok) return LijstPagina({ c, formulier: v.formulier, ...keuzes, status: 400 });
    let w: Awaited<ReturnType<typeof getWachtlijst>>;
    try {
      // Another region's list answers as if the region did not exist (an unknown code is a 400).
      w = await getWachtlijst(ctxOf(c, deps.services), v.data);
    } catch (error) {
      if (isDomainError(error, ErrorCode.notFound)) throw error;
      return LijstPagina({ c, formulier: formulierUitFout(error, waarden), ...keuzes, status: 400 });
    }
    const lijst: Lijst = {
      regio: w.regio,
      peildatum: w.peildatum,
      regelset: w.regelset,
      resultaten: w.resultaten,
      buitenKader: w.buitenKader,
      oudersKiezenWachten: w.oudersKiezenWachten,
      lopend: w.lopend,
      namen: await namenVoor(deps, await readGemeenten(deps.services, { regio: w.regio })),
    };
    const verlopen = await verlopenAanmeldingen(c, deps, lijst);
    const gestart = await recentGestart(c, deps, w.regio);
    noteerCasussen(c, [...verlopen.map((a) => a.casusId ?? ""), ...gestart.map((x) => x.id)]);
    return LijstPagina({ c, formulier: { waarden, fouten: {} }, lijst, verlopen, gestart, ...keuzes });
  });

  const pad = (id: string) => `/wachtlijst/casus/${id}`;
  const toon = (c: Context<AppEnv>, beeld: CasusBeeld, formulieren: CasusFormulieren, status: 200 | 400 | 409 = 200) =>
    CasusPagina({
      c,
      beeld,
      formulieren,
      csrf: csrfVan(c),
      status,
      actief: "/wachtlijst",
      terug: {
        href: beeld.dossier.regio ? `/wachtlijst?regio=${encodeURIComponent(beeld.dossier.regio)}` : "/wachtlijst",
        tekst: "Terug naar de wachtlijst",
      },
      pad: pad(beeld.casus.id),
      prioriteit: (
        <>
          <PrioriteitTekst beeld={beeld} />
          <Overschrijven beeld={beeld} formulier={formulieren.prioriteit ?? LEEG_FORMULIER} csrf={csrfVan(c)} />
        </>
      ),
    });

  s.get("/casus/:id", async (c) => toon(c, await laadCasus(c, deps, "lezen"), {}));

  s.post("/casus/:id/prioriteit", async (c) => {
    const beeld = await laadCasus(c, deps, "wijzigen");
    const waarden = await leesFormulier(c);
    const v = valideer(PRIORITEIT_INVOER, waarden, { getallen: ["groep"] });
    if (!v.ok) return toon(c, beeld, { prioriteit: v.formulier }, 400);
    try {
      await overridePrioriteit(ctxOf(c, deps.services), { id: beeld.casus.id, wijziging: v.data });
    } catch (error) {
      if (isDomainError(error, ErrorCode.notFound)) throw error;
      const status = isDomainError(error, ErrorCode.conflict) || isDomainError(error, ErrorCode.preconditionFailed) ? 409 : 400;
      return toon(c, await laadCasus(c, deps, "wijzigen"), { prioriteit: formulierUitFout(error, waarden) }, status);
    }
    return c.redirect(`${pad(beeld.casus.id)}?melding=prioriteit`, 303);
  });

  casusActies(s, deps, { patroon: "/casus/:id", pad, toon });

  return s;
}
