import type { Context } from "hono";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { listAanbieders } from "../../services/aanbieders.ts";
import { readGemeenten, readRegios, readZorgvormen } from "../../services/catalogus.ts";
import {
  CONTRACT_REGELS,
  type Contract,
  ContractenQuery,
  ContractInput,
  createContract,
  deleteContract,
  listContracten,
} from "../../services/contracten.ts";
import { Csrf, Foutsamenvatting, Keuzelijst, Knop, type Optie, Paginering, Tekstveld } from "../components.tsx";
import { datum, zorgvormNaam, zorgvormOpties } from "../format.ts";
import { type Formulier, formulierUitFout, LEEG_FORMULIER, leesFormulier, valideer } from "../forms.ts";
import type { Sectie, UiDeps } from "../sectie.tsx";
import { csrfVan } from "../toegang.tsx";
import {
  ALLES,
  aantalPaginas,
  Bevestiging,
  beheerPagina,
  Filterkeuze,
  foutStatus,
  idUit,
  leesQuery,
  PER_PAGINA,
  Tabel,
  zonderMelding,
} from "./beheer-delen.tsx";

const PAD = "/beheer/contracten";
const LABELS: Record<string, string> = {
  aanbiederId: "Aanbieder",
  zorgvorm: "Zorgvorm",
  gemeente: "Gemeente",
  regio: "Regio",
  geldigVanaf: "Geldig vanaf",
  geldigTot: "Geldig tot",
};
const VELDEN = Object.keys(LABELS);
/** The API's cross-field messages name its fields; the page names its labels. */
const KRUISREGEL_TEKST: Record<string, string> = {
  "gemeente-of-regio": "Kies precies één: een gemeente óf een regio.",
  "voor-geldig-vanaf": "Geldig tot mag niet vóór Geldig vanaf liggen.",
};
const MELDINGEN = { aangemaakt: "Het contract is vastgelegd.", verwijderd: "Het contract is verwijderd." };
const PREFIX = "nieuw-";

/** The names a contract row shows, and the options of the form's selects. */
async function keuzes(c: Context<AppEnv>, deps: UiDeps) {
  const [aanbieders, vormen, gemeenten, regios] = await Promise.all([
    listAanbieders(ctxOf(c, deps.services), ALLES),
    readZorgvormen(deps.services),
    readGemeenten(deps.services),
    readRegios(deps.services),
  ]);
  const opties = {
    aanbiederId: aanbieders.resultaten.map((a) => ({ waarde: a.id, tekst: a.naam })),
    zorgvorm: zorgvormOpties(vormen, { actief: true }),
    gemeente: gemeenten.map((g) => ({ waarde: g.code, tekst: `${g.naam} (${g.code})` })),
    regio: regios.map((r) => ({ waarde: r.code, tekst: r.naam })),
  } satisfies Record<string, Optie[]>;
  const namen = {
    aanbieder: new Map(aanbieders.resultaten.map((a) => [a.id, a.naam])),
    zorgvorm: new Map(vormen.map((z) => [z.code, z.naam])),
    gemeente: new Map(gemeenten.map((g) => [g.code, g.naam])),
    regio: new Map(regios.map((r) => [r.code, r.naam])),
  };
  return { opties, namen };
}
type Keuzes = Awaited<ReturnType<typeof keuzes>>;

function beschrijf(k: Contract, { namen }: Keuzes) {
  return {
    aanbieder: namen.aanbieder.get(k.aanbiederId) ?? k.aanbiederId,
    zorgvorm: zorgvormNaam(namen.zorgvorm, k.zorgvorm),
    gebied: k.gemeente
      ? `Gemeente ${namen.gemeente.get(k.gemeente) ?? k.gemeente}`
      : `Regio ${namen.regio.get(k.regio ?? "") ?? k.regio}`,
    periode: k.geldigTot ? `${datum(k.geldigVanaf)} – ${datum(k.geldigTot)}` : `vanaf ${datum(k.geldigVanaf)}`,
  };
}

async function Lijst(c: Context<AppEnv>, deps: UiDeps, formulier: Formulier, status: 200 | 400 | 409 = 200) {
  const { pagina: p, perPagina: _, ...filter } = leesQuery(c, ContractenQuery);
  const [k, page] = await Promise.all([
    keuzes(c, deps),
    listContracten(ctxOf(c, deps.services), { ...filter, pagina: p, perPagina: PER_PAGINA }),
  ]);
  const csrf = csrfVan(c);
  return beheerPagina(
    c,
    {
      titel: "Contracten",
      kruimels: [{ pad: PAD, tekst: "Contracten" }],
      children: (
        <>
          <Bevestiging c={c} teksten={MELDINGEN} />
          <p class="utrecht-paragraph">
            Een contract zegt welke gemeente, of welke regio namens al haar gemeenten, een zorgvorm inkoopt bij een aanbieder. Het
            geldt ook voor de zorgvormen eronder. Verwijzers zoeken eerst binnen gecontracteerde zorg.
          </p>
          <h2 class="utrecht-heading-2">Filteren</h2>
          <form method="get" action={PAD} class="pw-filters">
            <Filterkeuze
              naam="aanbiederId"
              label="Filter op aanbieder"
              opties={k.opties.aanbiederId}
              gekozen={filter.aanbiederId}
              leeg="Alle aanbieders"
            />
            <Filterkeuze
              naam="zorgvorm"
              label="Filter op zorgvorm"
              opties={k.opties.zorgvorm}
              gekozen={filter.zorgvorm}
              leeg="Alle zorgvormen"
            />
            <Filterkeuze
              naam="gemeente"
              label="Filter op gemeente"
              opties={k.opties.gemeente}
              gekozen={filter.gemeente}
              leeg="Alle gemeenten"
            />
            <Filterkeuze
              naam="regio"
              label="Filter op regio"
              opties={k.opties.regio}
              gekozen={filter.regio}
              leeg="Alle regio's"
            />
            <div>
              <Knop soort="secondary">Filteren</Knop>
            </div>
          </form>
          <h2 class="utrecht-heading-2">Contracten</h2>
          <p class="utrecht-paragraph">{page.totaal === 1 ? "1 contract" : `${page.totaal} contracten`}</p>
          <Tabel
            titel="Gevonden contracten"
            koppen={["Aanbieder", "Zorgvorm", "Gemeente of regio", "Periode", "Actie"]}
            leeg="Er zijn geen contracten die hierbij passen."
            rijen={page.resultaten.map((contract) => {
              const b = beschrijf(contract, k);
              return [
                b.aanbieder,
                b.zorgvorm,
                b.gebied,
                b.periode,
                <form method="post" action={`${PAD}/${contract.id}/verwijderen`} class="pw-inline">
                  <Csrf token={csrf} />
                  <Knop
                    soort="secondary"
                    label={`Verwijderen: contract van ${b.aanbieder} voor ${b.zorgvorm}, ${b.gebied}, ${b.periode}`}
                  >
                    Verwijderen
                  </Knop>
                </form>,
              ];
            })}
          />
          <Paginering pad={PAD} query={zonderMelding(c)} pagina={page.pagina} aantalPaginas={aantalPaginas(page)} />
          <h2 class="utrecht-heading-2" id="nieuw">
            Nieuw contract
          </h2>
          <Foutsamenvatting formulier={formulier} labels={LABELS} prefix={PREFIX} />
          <form method="post" action={PAD} class="pw-formulier" novalidate>
            <Csrf token={csrf} />
            <Keuzelijst
              naam="aanbiederId"
              label="Aanbieder"
              prefix={PREFIX}
              formulier={formulier}
              opties={k.opties.aanbiederId}
              leeg="Kies een aanbieder"
              verplicht
            />
            <Keuzelijst
              naam="zorgvorm"
              label="Zorgvorm"
              prefix={PREFIX}
              formulier={formulier}
              opties={k.opties.zorgvorm}
              leeg="Kies een zorgvorm"
              verplicht
            />
            <Keuzelijst
              naam="gemeente"
              label="Gemeente"
              prefix={PREFIX}
              formulier={formulier}
              opties={k.opties.gemeente}
              leeg="Geen: de regio koopt in"
              beschrijving="Kies een gemeente óf een regio, niet allebei."
            />
            <Keuzelijst
              naam="regio"
              label="Regio"
              prefix={PREFIX}
              formulier={formulier}
              opties={k.opties.regio}
              leeg="Geen: de gemeente koopt in"
            />
            <Tekstveld naam="geldigVanaf" label="Geldig vanaf" type="date" prefix={PREFIX} formulier={formulier} verplicht />
            <Tekstveld
              naam="geldigTot"
              label="Geldig tot"
              type="date"
              prefix={PREFIX}
              formulier={formulier}
              beschrijving="Leeg: zonder einddatum."
            />
            <div>
              <Knop>Contract vastleggen</Knop>
            </div>
          </form>
        </>
      ),
    },
    status,
  );
}

/** The form as the API's ContractInput, its cross-field rules judged even when a field failed (as the API does). */
function leesContract(waarden: Record<string, string>) {
  // An empty field is an absent one, as in a JSON body without it: "Dit veld is verplicht." or no value.
  const velden = Object.fromEntries(VELDEN.flatMap((v) => (waarden[v]?.trim() ? [[v, waarden[v] ?? ""]] : [])));
  const result = valideer(ContractInput, velden);
  if (result.ok) return result;
  const raw: Record<string, string | undefined> = velden;
  const fouten = result.formulier.fouten;
  for (const regel of CONTRACT_REGELS) {
    if (!regel.fields.some((f) => fouten[f]) && !regel.holds(raw as never)) fouten[regel.name] ??= regel.reason;
    if (fouten[regel.name] === regel.reason) fouten[regel.name] = KRUISREGEL_TEKST[regel.code] ?? regel.reason;
  }
  return result;
}

/** /beheer/contracten: list with filters and paging, create, delete. */
export function contractenPaginas(s: Sectie, deps: UiDeps): void {
  s.get("/contracten", (c) => Lijst(c, deps, LEEG_FORMULIER));

  s.post("/contracten", async (c) => {
    const waarden = await leesFormulier(c);
    const gelezen = leesContract(waarden);
    if (!gelezen.ok) return Lijst(c, deps, gelezen.formulier, 400);
    try {
      await createContract(ctxOf(c, deps.services), gelezen.data);
    } catch (fout) {
      const formulier = formulierUitFout(fout, waarden);
      return Lijst(c, deps, formulier, foutStatus(formulier, fout));
    }
    return c.redirect(`${PAD}?melding=aangemaakt`, 303);
  });

  s.post("/contracten/:id/verwijderen", async (c) => {
    await deleteContract(ctxOf(c, deps.services), { id: idUit(c, "Contract") });
    return c.redirect(`${PAD}?melding=verwijderd`, 303);
  });
}
