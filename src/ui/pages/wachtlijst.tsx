import type { Context } from "hono";
import type { AppEnv } from "../../app.ts";
import { type Actor, door, scopeOf } from "../../lib/access.ts";
import { ApiError } from "../../lib/errors.ts";
import { prioriteit as prioriteitRoute, wachtlijst as wachtlijstRoute } from "../../routes/casussen/casussen.routes.ts";
import { type CasusRow, getCasus, listCasusHistorie, zetHandmatigeGroep } from "../../services/casussen.ts";
import { getGemeente, getRegio, listGemeenten, listRegios, listZorgvormen } from "../../services/catalogus.ts";
import { prioriteitContext, wachtlijst } from "../../services/prioritering.ts";
import { regioInScope } from "../../services/scope.ts";
import { Foutsamenvatting, Keuzelijst, Knop, Melding, type Optie, Vinkje } from "../components.tsx";
import { datum } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier, valideer, type Waarden } from "../forms.ts";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { csrfVan, ingelogd, logtCasussen, voor } from "../toegang.tsx";
import { CasusPagina, type Lijst, MELDINGEN, type Namen, Tabel } from "./wachtlijst-delen.tsx";

/** The API's own schemas: the page refuses exactly what the API refuses. */
const LIJST_QUERY = wachtlijstRoute.request.query;
const PRIORITEIT_INVOER = prioriteitRoute.request.body.content["application/json"].schema;

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
  const zorgvormen = await listZorgvormen(deps.services);
  return {
    zorgvorm: new Map(zorgvormen.map((z) => [z.code, z.naam])),
    gemeente: new Map(gemeenten.map((g) => [g.code, g.naam])),
  };
}

async function opties(deps: UiDeps, actor: Actor) {
  const regios = new Map((await listRegios(deps.services)).map((r) => [r.code, r.naam]));
  const zorgvormen = await listZorgvormen(deps.services);
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
  s.use(voor(["zorgmakelaar"]));

  s.get("/", async (c) => {
    const actor = ingelogd(c);
    // Like the API route: the request is logged even when it is refused.
    logtCasussen(c, "lijst");
    const q = c.req.query();
    const waarden: Waarden = { regio: q.regio ?? actor.regios[0] ?? "" };
    if (q.zorgvorm) waarden.zorgvorm = q.zorgvorm;
    if (q.normOverschreden !== undefined && q.normOverschreden !== "false") waarden.normOverschreden = "true";
    const keuzes = await opties(deps, actor);
    const v = valideer(LIJST_QUERY, waarden);
    if (!v.ok) return LijstPagina({ c, formulier: v.formulier, ...keuzes, status: 400 });
    const filter = v.data;
    // Another region's list answers as if the region did not exist (an unknown code is a 400).
    if (!regioInScope(scopeOf(actor), filter.regio) && (await getRegio(deps.services, filter.regio))) {
      throw ApiError.notFound(`Regio ${filter.regio}`);
    }
    let w: Awaited<ReturnType<typeof wachtlijst>>;
    try {
      w = await wachtlijst(deps.services, filter);
    } catch (error) {
      return LijstPagina({ c, formulier: formulierUitFout(error, waarden), ...keuzes, status: 400 });
    }
    logtCasussen(
      c,
      "lijst",
      [...w.resultaten, ...w.buitenKader].map((x) => x.row.id),
    );
    const ctx = await prioriteitContext(deps.services, w.peildatum);
    const lijst: Lijst = {
      regio: w.regio,
      peildatum: w.peildatum,
      regelset: ctx.regelsetVoor(w.regio),
      resultaten: w.resultaten,
      buitenKader: w.buitenKader,
      namen: await namenVoor(deps, await listGemeenten(deps.services, { regio: w.regio })),
    };
    return LijstPagina({ c, formulier: { waarden, fouten: {} }, lijst, ...keuzes });
  });

  /** The case with everything the page shows; 404 outside the broker's regions, logged like the API. */
  const casusData = async (c: Context<AppEnv>, actie: "lezen" | "wijzigen") => {
    logtCasussen(c, actie);
    const row = await getCasus(deps.services, c.req.param("id") ?? "", scopeOf(ingelogd(c)));
    logtCasussen(c, actie, [row.id]);
    return row;
  };
  const toon = async (c: Context<AppEnv>, row: CasusRow, formulier: Formulier, status?: 200 | 400 | 409) => {
    const ctx = await prioriteitContext(deps.services);
    const regio = ctx.regioVan.get(row.woongemeente) ?? undefined;
    const gemeente = await getGemeente(deps.services, row.woongemeente);
    const d = {
      row,
      prioriteit: ctx.prioriteit(row),
      berekend: ctx.berekend(row).groep,
      regio,
      regelset: ctx.regelsetVoor(regio),
      peildatum: ctx.opDatum,
      historie: await listCasusHistorie(deps.services, row.id),
      namen: await namenVoor(deps, gemeente ? [gemeente] : []),
    };
    return CasusPagina({ c, d, formulier, csrf: csrfVan(c), status });
  };

  s.get("/casus/:id", async (c) => toon(c, await casusData(c, "lezen"), LEEG_FORMULIER));

  s.post("/casus/:id/prioriteit", async (c) => {
    // Logged before the change, so a refused attempt leaves its row too.
    const row = await casusData(c, "wijzigen");
    const waarden = await leesFormulier(c);
    const v = valideer(PRIORITEIT_INVOER, waarden, { getallen: ["groep"] });
    if (!v.ok) return toon(c, row, v.formulier, 400);
    try {
      await zetHandmatigeGroep(deps.services, row.id, v.data, door(ingelogd(c)));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) throw error;
      const status = error instanceof ApiError && (error.status === 409 || error.status === 412) ? 409 : 400;
      return toon(c, await getCasus(deps.services, row.id), formulierUitFout(error, waarden), status);
    }
    return c.redirect(`/wachtlijst/casus/${row.id}?melding=prioriteit`, 303);
  });

  return s;
}
