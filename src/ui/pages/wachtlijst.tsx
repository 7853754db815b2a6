import type { Context } from "hono";
import { ctxOf, markeerToegang } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import type { Actor } from "../../kern/actor.ts";
import { ErrorCode, isDomainError } from "../../kern/errors.ts";
import { type CasusDossier, getCasusDossier, HandmatigePrioriteitInput, overridePrioriteit } from "../../services/casussen.ts";
import { readGemeenten, readRegios, readZorgvormen } from "../../services/catalogus.ts";
import { getWachtlijst, WachtlijstQuery } from "../../services/wachtlijst.ts";
import { Foutsamenvatting, Keuzelijst, Knop, Melding, type Optie, Vinkje } from "../components.tsx";
import { datum } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier, valideer, type Waarden } from "../forms.ts";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { casusPaginas, csrfVan, ingelogd, voor } from "../toegang.tsx";
import { CasusPagina, type Lijst, MELDINGEN, type Namen, Tabel } from "./wachtlijst-delen.tsx";

/** The use cases' own schemas: the page refuses exactly what the API refuses. */
const LIJST_QUERY = WachtlijstQuery;
const PRIORITEIT_INVOER = HandmatigePrioriteitInput;

const FILTER_LABELS = { regio: "Regio", zorgvorm: "Zorgvorm", normOverschreden: "Alleen norm overschreden" };

function Normtelling({ lijst }: { lijst: Lijst }) {
  const n = [...lijst.resultaten, ...lijst.buitenKader].filter((r) => r.prioriteit.normOverschreden).length;
  const tekst =
    n === 0
      ? "Geen kind wacht langer dan de norm van 3 maanden."
      : `${n} ${n === 1 ? "kind wacht" : "kinderen wachten"} langer dan de norm van 3 maanden.`;
  return (
    <Melding soort={n === 0 ? "info" : "warning"}>
      <p class="utrecht-paragraph">{tekst} De norm: passende hulp binnen 3 maanden na de uitspraak van de maatregel.</p>
    </Melding>
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
        {set.groepen.map((g) => (
          <li class="utrecht-ordered-list__item">{`Groep ${g.nummer}: ${g.naam}`}</li>
        ))}
      </ol>
    </>
  );
}

function LijstPagina({
  c,
  formulier,
  lijst,
  regioOpties,
  zorgvormOpties,
  status = 200,
}: {
  c: Context<AppEnv>;
  formulier: Formulier;
  lijst?: Lijst;
  regioOpties: Optie[];
  zorgvormOpties: Optie[];
  status?: 200 | 400;
}) {
  const regioNaam = regioOpties.find((o) => o.waarde === lijst?.regio)?.tekst ?? lijst?.regio ?? "";
  const melding = MELDINGEN[c.req.query("melding") ?? ""];
  return pagina(
    c,
    {
      titel: "Wachtlijst",
      actief: "/wachtlijst",
      children: (
        <>
          {melding ? (
            <Melding soort="ok">
              <p class="utrecht-paragraph">{melding}</p>
            </Melding>
          ) : null}
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
              <h2 class="utrecht-heading-2">Spoed en crisis, buiten de rangschikking</h2>
              {lijst.buitenKader.length > 0 ? (
                <Tabel
                  regels={lijst.buitenKader}
                  lijst={lijst}
                  caption={`Spoed en crisis in ${regioNaam}: ${lijst.buitenKader.length}, crisis eerst`}
                  buitenKader
                />
              ) : (
                <p class="utrecht-paragraph">
                  Geen spoed- of crisiscasussen
                  {formulier.waarden.zorgvorm || formulier.waarden.normOverschreden ? " die aan de filters voldoen" : ""}.
                </p>
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
                  {formulier.waarden.zorgvorm || formulier.waarden.normOverschreden
                    ? "Geen wachtende kinderen die aan de filters voldoen."
                    : "Er wachten geen kinderen in deze regio."}
                </p>
              )}
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
    zorgvormOpties: zorgvormen.map((z) => ({
      waarde: z.code,
      tekst: z.bovenliggend ? `${z.naam} (onder ${z.bovenliggend})` : `${z.code} ${z.naam}`,
    })),
  };
}

/** The broker's ranked waiting list per region and the case page with override and history. */
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
      namen: await namenVoor(deps, await readGemeenten(deps.services, { regio: w.regio })),
    };
    return LijstPagina({ c, formulier: { waarden, fouten: {} }, lijst, ...keuzes });
  });

  /** The case with everything the page shows; 404 outside the broker's regions, logged like the API. */
  const dossier = async (c: Context<AppEnv>, actie: "lezen" | "wijzigen") => {
    // Logged before the read, so a refused attempt leaves its row too.
    markeerToegang(c, actie);
    return getCasusDossier(ctxOf(c, deps.services), { id: c.req.param("id") ?? "" });
  };
  const toon = async (c: Context<AppEnv>, d: CasusDossier, formulier: Formulier, status?: 200 | 400 | 409) =>
    CasusPagina({
      c,
      d: { ...d, namen: await namenVoor(deps, d.gemeente ? [d.gemeente] : []) },
      formulier,
      csrf: csrfVan(c),
      status,
    });

  s.get("/casus/:id", async (c) => toon(c, await dossier(c, "lezen"), LEEG_FORMULIER));

  s.post("/casus/:id/prioriteit", async (c) => {
    const d = await dossier(c, "wijzigen");
    const waarden = await leesFormulier(c);
    const v = valideer(PRIORITEIT_INVOER, waarden, { getallen: ["groep"] });
    if (!v.ok) return toon(c, d, v.formulier, 400);
    try {
      await overridePrioriteit(ctxOf(c, deps.services), { id: d.row.id, wijziging: v.data });
    } catch (error) {
      if (isDomainError(error, ErrorCode.notFound)) throw error;
      const status = isDomainError(error, ErrorCode.conflict) || isDomainError(error, ErrorCode.preconditionFailed) ? 409 : 400;
      return toon(c, await dossier(c, "wijzigen"), formulierUitFout(error, waarden), status);
    }
    return c.redirect(`/wachtlijst/casus/${d.row.id}?melding=prioriteit`, 303);
  });

  return s;
}
