import type { Context } from "hono";
import { ctxOf, markeerToegang } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { statusOf } from "../../http/problem.ts";
import type { Actor } from "../../kern/actor.ts";
import { DomainError, ErrorCode, isDomainError } from "../../kern/errors.ts";
import { getAanmelding, listAanmeldingen } from "../../services/aanmeldingen.ts";
import { getCasus } from "../../services/casussen.ts";
import { readZorgvormen } from "../../services/catalogus.ts";
import type { Deps } from "../../services/context.ts";
import { AfwijzingInput, acceptVoorstel, declineVoorstel, getVoorstel } from "../../services/matchvoorstellen.ts";
import { getMatchingOverzicht } from "../../services/matchvoorstellen-overzicht.ts";
import { MatchingInput, runMatching } from "../../services/matchvoorstellen-run.ts";
import { getReservering, placeReservering, withdrawReservering } from "../../services/reserveringen.ts";
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
  Fout,
  type HoldAanmelding,
  VoorstelKaart,
} from "./matching-delen.tsx";

const PER_PAGINA = 20;
/** How many ended holds and decided proposals of each outcome the page lists. */
const RECENT = 10;
const MAX_ACTIEF = 200;
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

/** Referrals in play with a held place (hold id → referral): such a hold follows its referral. */
async function holdsMetAanmelding(c: Context<AppEnv>, svc: Deps): Promise<Map<string, HoldAanmelding>> {
  // Only to tell which holds belong to a referral: the holds themselves are logged where they are shown.
  const ctx = { ...ctxOf(c, svc), noteer: undefined };
  const out = new Map<string, HoldAanmelding>();
  for (const status of ["verzonden", "geaccepteerd"] as const) {
    for (let nr = 1; ; nr++) {
      const page = await listAanmeldingen(ctx, { status, pagina: nr, perPagina: 100 });
      for (const a of page.resultaten)
        if (a.reserveringId) out.set(a.reserveringId, { status: a.status, antwoordVoor: a.antwoordVoor });
      if (nr * 100 >= page.totaal || nr >= MAX_ACTIEF / 100) break;
    }
  }
  return out;
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

const terug = (regio: string | undefined, melding: string, extra = "") =>
  `/matching?${new URLSearchParams({ ...(regio ? { regio } : {}), melding }).toString()}${extra}`;

function statusVan(error: unknown): 400 | 404 | 409 {
  const status = error instanceof DomainError ? statusOf(error.code) : 400;
  return status === 404 || status === 409 ? status : 400;
}

/** The page: the broker's region, the run form, open proposals, holds and what was decided lately. */
async function toon(c: Context<AppEnv>, svc: Deps, stand: Stand, status: 200 | 400 | 404 | 409 = 200) {
  const { regio } = stand;
  if (!regio) {
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
  const nr = stand.pagina ?? 1;
  const fout = stand.voorstel;
  // Showing proposals and holds shows cases: the page view is logged, also when it lists none.
  markeerToegang(c, "lijst");
  const o = await getMatchingOverzicht(ctxOf(c, svc), {
    regio,
    pagina: nr,
    perPagina: PER_PAGINA,
    recent: RECENT,
    maxActief: MAX_ACTIEF,
    geweigerdVoorstel: fout?.id,
  });
  const { namen } = o;
  const open = o.open;
  const openV = o.open.rijen;
  const actief = o.actief;
  const actiefV = o.actief.rijen;
  const afgerondV = o.afgerond;
  const zorgvormen = await readZorgvormen(svc);
  const regios = o.regios.map((r) => ({ waarde: r.code, tekst: r.naam }));
  const regioNaam = regios.find((r) => r.waarde === regio)?.tekst ?? regio;
  const csrf = csrfVan(c);
  const runFormulier = stand.run ?? LEEG_FORMULIER;
  const foutBijKaart = fout && openV.some((v) => v.id === fout.id);
  const aantalPaginas = Math.max(1, Math.ceil(open.totaal / PER_PAGINA));

  return pagina(
    c,
    {
      titel: "Matching",
      actief: "/matching",
      children: (
        <>
          {stand.melding ? (
            <Melding soort="ok">
              <p class="utrecht-paragraph">{stand.melding}</p>
            </Melding>
          ) : null}
          <form method="get" action="/matching" class="pw-filters">
            <Keuzelijst naam="regio" label="Regio" verplicht formulier={LEEG_FORMULIER} standaard={regio} opties={regios} />
            <div>
              <Knop soort="secondary">Regio tonen</Knop>
            </div>
          </form>

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

          <h2 class="utrecht-heading-2">Open voorstellen ({open.totaal})</h2>
          {fout && !foutBijKaart ? <Fout tekst={fout.formulier.melding ?? "Dit voorstel is niet meer open."} /> : null}
          {openV.length === 0 ? (
            <p class="utrecht-paragraph">Er zijn geen open voorstellen in {regioNaam}.</p>
          ) : (
            openV.map((v) => (
              <VoorstelKaart
                v={v}
                namen={namen}
                csrf={csrf}
                regio={regio}
                formulier={fout?.id === v.id ? fout.formulier : undefined}
              />
            ))
          )}
          <Paginering pad="/matching" query={new URLSearchParams({ regio })} pagina={nr} aantalPaginas={aantalPaginas} />

          <h2 class="utrecht-heading-2">Reserveringen</h2>
          <Fout tekst={stand.reservering} />
          <ActieveReserveringen
            rijen={actiefV}
            namen={namen}
            csrf={csrf}
            regio={regio}
            aanmeldingen={await holdsMetAanmelding(c, svc)}
          />
          {actief.totaal > actiefV.length ? (
            <p class="utrecht-paragraph">
              Hier staan de eerste {actiefV.length} van {actief.totaal} actieve reserveringen.
            </p>
          ) : null}
          <AfgerondeReserveringen rijen={afgerondV} namen={namen} />

          <h2 class="utrecht-heading-2">Afgehandelde voorstellen</h2>
          <AfgehandeldeVoorstellen rijen={o.besloten} namen={namen} />
        </>
      ),
    },
    status,
  );
}

export function matchingPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  const svc = deps.services;
  s.use(casusPaginas((c) => (c.req.method === "GET" ? "lijst" : c.req.path.endsWith("/uitvoeren") ? "matching" : "wijzigen")));
  s.use(voor(runMatching.rollen));

  s.get("/", async (c) => {
    const actor = ingelogd(c);
    const code = c.req.query("melding");
    const melding =
      code === "matching"
        ? matchingMelding(c.req.query("aantal"))
        : code === "aangemeld"
          ? await aangemeldMelding(c, svc, c.req.query("aanmelding"))
          : code
            ? MELDINGEN[code]
            : undefined;
    const nr = /^\d{1,5}$/.test(c.req.query("pagina") ?? "") ? Math.max(1, Number(c.req.query("pagina"))) : 1;
    return toon(c, svc, { regio: kiesRegio(actor, c.req.query("regio")), pagina: nr, melding });
  });

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
        return c.redirect(terug(regio, "matching", `&aantal=${result.voorstellen.length}`), 303);
      } catch (error) {
        // As on the API: another region answers as if it did not exist.
        if (isDomainError(error, ErrorCode.notFound)) throw error;
        formulier = formulierUitFout(error, waarden, "");
        status = statusVan(error);
      }
    } else formulier = { ...geldig.formulier, waarden };
    // The region is no field of this form: its problem is the form's.
    const { regio: regioFout, ...fouten } = formulier.fouten;
    return toon(c, svc, { regio, run: { waarden, fouten, melding: regioFout ?? formulier.melding } }, status);
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
      return toon(c, svc, { regio, voorstel: { id: voorstel.id, formulier: formulierUitFout(error, {}) } }, statusVan(error));
    }
    return c.redirect(terug(regio, "aangemeld", `&aanmelding=${aanmelding}`), 303);
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
      return toon(c, svc, { regio, voorstel: { id: voorstel.id, formulier: { waarden, fouten } } }, 400);
    }
    try {
      await declineVoorstel(ctx, { id: voorstel.id, afwijzing: geldig.data });
    } catch (error) {
      return toon(
        c,
        svc,
        { regio, voorstel: { id: voorstel.id, formulier: formulierUitFout(error, waarden) } },
        statusVan(error),
      );
    }
    return c.redirect(terug(regio, "afgewezen"), 303);
  });

  for (const [pad, beeindig, melding] of [
    ["plaatsing", placeReservering, "geplaatst"],
    ["intrekking", withdrawReservering, "ingetrokken"],
  ] as const) {
    s.post(`/reserveringen/:id/${pad}`, async (c) => {
      const actor = ingelogd(c);
      markeerToegang(c, "wijzigen");
      const waarden = await leesFormulier(c);
      const ctx = ctxOf(c, svc);
      const hold = await getReservering(ctx, { id: c.req.param("id") });
      const regio = terugRegio(actor, waarden.regio);
      try {
        await beeindig(ctx, { id: hold.id });
      } catch (error) {
        const tekst = formulierUitFout(error, {}).melding ?? "Dat lukte niet.";
        const ref = hold.casusId ? (await getCasus(ctx, { id: hold.casusId }).catch(() => undefined))?.referentie : undefined;
        return toon(c, svc, { regio, reservering: `Reservering voor casus ${ref ?? "onbekend"}: ${tekst}` }, statusVan(error));
      }
      return c.redirect(terug(regio, melding), 303);
    });
  }
  return s;
}
