import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { datumLang, isGeldigeDatum } from "../../kern/dates.ts";
import { isoDate } from "../../kern/time.ts";
import { listAanbieders } from "../../services/aanbieders.ts";
import { readGemeenten, readRegios, readZorgvormen } from "../../services/catalogus.ts";
import {
  beeindigContract,
  CONTRACT_REGELS,
  type Contract,
  ContractenQuery,
  ContractInput,
  type ContractStatus,
  contractStatus,
  createContract,
  deleteContract,
  getContract,
  listContracten,
  toContract,
} from "../../services/contracten.ts";
import { Bevestigstap, isBevestigd } from "../bevestigen.tsx";
import { Badge, Csrf, Foutsamenvatting, Keuzelijst, Knop, Link, type Optie, Paginering, Tekstveld } from "../components.tsx";
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
const MELDINGEN = {
  aangemaakt: "Het contract is vastgelegd.",
  verwijderd: "Het contract is verwijderd.",
  beeindigd: "Het contract is beëindigd.",
};
const STATUS_BADGE: Record<ContractStatus, Child> = {
  lopend: <Badge soort="success">Lopend</Badge>,
  toekomstig: <Badge soort="neutral">Toekomstig</Badge>,
  verlopen: <Badge soort="inactive">Verlopen</Badge>,
};
/** The list's own query keys: the filters and the page, kept across a deletion or an end date. */
const LIJST_SLEUTELS = ["aanbiederId", "zorgvorm", "gemeente", "regio", "pagina"];

/** The list's query, carried through a confirmation step in a hidden field; only the list's own keys survive. */
function lijstQuery(terug: string | undefined): string {
  const q = new URLSearchParams(terug ?? "");
  const schoon = new URLSearchParams();
  for (const sleutel of LIJST_SLEUTELS) {
    const waarde = q.get(sleutel);
    if (waarde) schoon.set(sleutel, waarde);
  }
  return schoon.toString();
}
const naarLijst = (terug: string | undefined, melding?: string) => {
  const q = new URLSearchParams(lijstQuery(terug));
  if (melding) q.set("melding", melding);
  const tekst = q.toString();
  return tekst ? `${PAD}?${tekst}` : PAD;
};
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
  const naam = k.gemeente ? (namen.gemeente.get(k.gemeente) ?? k.gemeente) : (namen.regio.get(k.regio ?? "") ?? k.regio);
  return {
    /** Inside a sentence: "gemeente Den Haag". */
    gebiedIn: `${k.gemeente ? "gemeente" : "regio"} ${naam}`,
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
  const terug = c.req.method === "GET" ? lijstQuery(new URL(c.req.url).search) : "";
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
            geldt ook voor de zorgvormen eronder. Verwijzers zoeken eerst binnen gecontracteerde zorg. Lopende contracten staan
            bovenaan, dan de contracten die nog moeten ingaan, dan de verlopen contracten.
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
            koppen={["Aanbieder", "Zorgvorm", "Gemeente of regio", "Periode", "Status", "Acties"]}
            leeg="Er zijn geen contracten die hierbij passen."
            rijen={page.resultaten.map((contract) => {
              const b = beschrijf(contract, k);
              const wat = `contract van ${b.aanbieder} voor ${b.zorgvorm}, ${b.gebied}, ${b.periode}`;
              return [
                b.aanbieder,
                b.zorgvorm,
                b.gebied,
                b.periode,
                STATUS_BADGE[contract.status],
                <div class="pw-acties">
                  {contract.status === "verlopen" ? null : (
                    <Link
                      href={`${PAD}/${contract.id}/beeindigen${terug ? `?terug=${encodeURIComponent(terug)}` : ""}`}
                      label={`Beëindigen: ${wat}`}
                    >
                      Beëindigen
                    </Link>
                  )}
                  <form method="post" action={`${PAD}/${contract.id}/verwijderen`} class="pw-inline">
                    <Csrf token={csrf} />
                    <input type="hidden" name="terug" value={terug} />
                    <Knop soort="secondary" label={`Verwijderen: ${wat}`}>
                      Verwijderen
                    </Knop>
                  </form>
                </div>,
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

/** /beheer/contracten: list with filters and paging (current first), create, end, delete (each asks once, the filters kept). */
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
    const id = idUit(c, "Contract");
    const waarden = await leesFormulier(c);
    if (!isBevestigd(waarden)) {
      const [contract, k] = await Promise.all([getContract(ctxOf(c, deps.services), { id }), keuzes(c, deps)]);
      const b = beschrijf(toContract(contract, isoDate(deps.services.clock.now())), k);
      return beheerPagina(c, {
        titel: "Contract verwijderen",
        kruimels: [
          { pad: PAD, tekst: "Contracten" },
          { pad: "", tekst: "Contract verwijderen" },
        ],
        children: (
          <Bevestigstap
            actie={`${PAD}/${id}/verwijderen`}
            csrf={csrfVan(c)}
            waarden={{ terug: lijstQuery(waarden.terug) }}
            knop="Ja, contract verwijderen"
            terug={naarLijst(waarden.terug)}
          >
            <p class="utrecht-paragraph">
              U verwijdert het contract van {b.aanbieder} voor {b.zorgvorm}, {b.gebiedIn}, {b.periode}. Het contract verdwijnt
              helemaal, ook uit wat er vroeger gecontracteerd was. Dit kunt u niet ongedaan maken. Loopt het contract af? Beëindig
              het dan in plaats van het te verwijderen.
            </p>
          </Bevestigstap>
        ),
      });
    }
    await deleteContract(ctxOf(c, deps.services), { id });
    return c.redirect(naarLijst(waarden.terug, "verwijderd"), 303);
  });

  s.get("/contracten/:id/beeindigen", async (c) => {
    const id = idUit(c, "Contract");
    const vandaag = isoDate(deps.services.clock.now());
    return Beeindigen(c, deps, id, { waarden: { geldigTot: vandaag, terug: lijstQuery(c.req.query("terug")) }, fouten: {} });
  });

  s.post("/contracten/:id/beeindigen", async (c) => {
    const id = idUit(c, "Contract");
    const waarden = await leesFormulier(c);
    const geldigTot = (waarden.geldigTot ?? "").trim();
    if (!isGeldigeDatum(geldigTot)) {
      const fout = geldigTot === "" ? "Vul de laatste dag van het contract in." : "Vul een bestaande datum in.";
      return Beeindigen(c, deps, id, { waarden, fouten: { geldigTot: fout } }, 400);
    }
    try {
      if (!isBevestigd(waarden)) {
        await beeindigContract(ctxOf(c, deps.services), { id, geldigTot, alleenToetsen: true });
        return Beeindigen(c, deps, id, { waarden, fouten: {} }, 200, true);
      }
      await beeindigContract(ctxOf(c, deps.services), { id, geldigTot });
    } catch (fout) {
      const formulier = formulierUitFout(fout, waarden);
      return Beeindigen(c, deps, id, formulier, foutStatus(formulier, fout));
    }
    return c.redirect(naarLijst(waarden.terug, "beeindigd"), 303);
  });
}

/** The end-date form of one contract, and then its confirmation step. */
async function Beeindigen(
  c: Context<AppEnv>,
  deps: UiDeps,
  id: string,
  formulier: Formulier,
  status: 200 | 400 | 409 = 200,
  vragen = false,
) {
  const vandaag = isoDate(deps.services.clock.now());
  const [row, k] = await Promise.all([getContract(ctxOf(c, deps.services), { id }), keuzes(c, deps)]);
  const contract = toContract(row, vandaag);
  const b = beschrijf(contract, k);
  const terug = lijstQuery(formulier.waarden.terug);
  const actie = `${PAD}/${id}/beeindigen`;
  const geldigTot = formulier.waarden.geldigTot ?? "";
  return beheerPagina(
    c,
    {
      titel: "Contract beëindigen",
      kruimels: [
        { pad: naarLijst(terug), tekst: "Contracten" },
        { pad: "", tekst: "Contract beëindigen" },
      ],
      children: (
        <>
          <p class="utrecht-paragraph">
            Contract van {b.aanbieder} voor {b.zorgvorm}, {b.gebiedIn}, {b.periode} ({contractStatus(row, vandaag)}).
          </p>
          {vragen ? (
            <Bevestigstap
              actie={actie}
              csrf={csrfVan(c)}
              waarden={{ geldigTot, terug }}
              knop="Ja, contract beëindigen"
              terug={naarLijst(terug)}
            >
              <p class="utrecht-paragraph">
                Het contract geldt tot en met {datumLang(geldigTot)}. Daarna is deze zorg niet meer gecontracteerd voor{" "}
                {b.gebiedIn}: verwijzers zien dat bij het zoeken. Een latere einddatum kiezen kan daarna alleen door het contract
                te wijzigen.
              </p>
            </Bevestigstap>
          ) : (
            <>
              <Foutsamenvatting formulier={formulier} labels={{ geldigTot: "Laatste dag" }} />
              <form method="post" action={actie} class="pw-formulier" novalidate>
                <Csrf token={csrfVan(c)} />
                <input type="hidden" name="terug" value={terug} />
                <Tekstveld
                  naam="geldigTot"
                  label="Laatste dag"
                  type="date"
                  formulier={formulier}
                  verplicht
                  beschrijving="De laatste dag waarop het contract nog geldt."
                />
                <div class="pw-acties">
                  <Knop>Beëindigen</Knop>
                  <Link href={naarLijst(terug)}>Annuleren</Link>
                </div>
              </form>
            </>
          )}
        </>
      ),
    },
    status,
  );
}
