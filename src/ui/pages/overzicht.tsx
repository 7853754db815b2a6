import type { Context } from "hono";
import { ctxOf } from "../../http/context.ts";
import type { AppEnv } from "../../http/env.ts";
import { rapportCsv } from "../../http/rapport-csv.ts";
import { plusDagen } from "../../kern/dates.ts";
import { DomainError, ErrorCode, isDomainError } from "../../kern/errors.ts";
import { HIDDEN_AFTER_DAYS, isoDate, STALE_AFTER_DAYS } from "../../kern/time.ts";
import { ACTUALITEIT } from "../../kern/vocabulary.ts";
import { getRegioOverzicht, listOverzichtRegios, type RegioOverzicht, SPOED_CRISIS } from "../../services/overzicht.ts";
import { getActualiteitRapport, getCapaciteitsTrend } from "../../services/rapportage-capaciteit.ts";
import { getKpiRapport } from "../../services/rapportage-kpi.ts";
import { getNormRapport } from "../../services/rapportage-norm.ts";
import { Badge, type BadgeSoort, Keuzelijst, Knop, Link, Melding, TabelVak, Tekstveld } from "../components.tsx";
import { ACTUALITEIT_LABELS, datum, geleden } from "../format.ts";
import { GestapeldeStaafgrafiek, Staafgrafiek } from "../grafiek.tsx";
import { pagina } from "../layout.tsx";
import { type Sectie, sectie, type UiDeps } from "../sectie.tsx";
import { ingelogd, voor } from "../toegang.tsx";
import { CapaciteitSectie, KpiSectie, maandTekst, NormRapportSectie } from "./overzicht-rapportage.tsx";

const getal = new Intl.NumberFormat("nl-NL");

/** Freshness classes: a badge kind and a bar colour (≥ 3:1 against white), always with the class in text. */
const ACTUALITEIT_STIJL: Record<string, { badge: BadgeSoort; kleur: string }> = {
  actueel: { badge: "success", kleur: "#00785a" },
  verouderd: { badge: "warning", kleur: "#c25400" },
  "sterk-verouderd": { badge: "danger", kleur: "#a8071a" },
};

function Kerncijfer({
  label,
  waarde,
  toelichting,
  norm,
}: {
  label: string;
  waarde: number;
  toelichting?: string;
  norm?: boolean;
}) {
  return (
    <div class={`pw-kaart${norm ? " pw-norm" : ""}`}>
      <dt>{label}</dt>
      <dd class="pw-kerncijfer-getal">{getal.format(waarde)}</dd>
      {toelichting ? <dd>{toelichting}</dd> : null}
    </div>
  );
}

function Kerncijfers({ o }: { o: RegioOverzicht }) {
  const { wachtenden, plekken, actualiteit } = o;
  return (
    <dl class="pw-facetten pw-kerncijfers">
      <Kerncijfer label="Wachtend" waarde={wachtenden.totaal} toelichting="jeugdigen op de wachtlijst" />
      <Kerncijfer
        label="Norm overschreden"
        waarde={wachtenden.normOverschreden}
        toelichting="meer dan 3 maanden na de maatregel nog zonder passende hulp"
        norm={wachtenden.normOverschreden > 0}
      />
      <Kerncijfer
        label="Vrije plekken"
        waarde={plekken.vrijePlekken}
        toelichting={`van ${getal.format(plekken.capaciteit)} plekken`}
      />
      <Kerncijfer
        label="Aanbieders met verouderde gegevens"
        waarde={actualiteit.verouderd.length}
        toelichting={`van ${getal.format(actualiteit.aanbieders)} aanbieders met aanbod in de regio`}
      />
    </dl>
  );
}

function Wachtenden({ o }: { o: RegioOverzicht }) {
  const reeksen = o.wachtenden.reeksen.map((r) => (r.sleutel === SPOED_CRISIS ? { ...r, kleur: "#a8071a" } : r));
  return (
    <section aria-labelledby="kop-wachtenden">
      <h2 class="utrecht-heading-2" id="kop-wachtenden">
        Wachtenden per zorgvorm en prioriteitsgroep
      </h2>
      <p class="utrecht-paragraph">
        Jeugdigen die wachten, een voorstel hebben of een gereserveerde plek, per gewenste zorgvorm. Spoed en crisis vallen buiten
        het afwegingskader en staan apart.
      </p>
      <GestapeldeStaafgrafiek
        id="grafiek-wachtenden"
        titel={`Wachtenden per zorgvorm en prioriteitsgroep, ${o.regio.naam}`}
        beschrijving="Aantal wachtende jeugdigen per zorgvorm, uitgesplitst naar prioriteitsgroep."
        categorie="Zorgvorm"
        leeg="Er wachten nu geen jeugdigen in deze regio."
        reeksen={reeksen}
        staven={o.wachtenden.perZorgvorm.map((z) => ({ label: z.naam, waarden: z.aantallen }))}
      />
    </section>
  );
}

function Plekken({ o }: { o: RegioOverzicht }) {
  const { plekken } = o;
  return (
    <section aria-labelledby="kop-plekken">
      <h2 class="utrecht-heading-2" id="kop-plekken">
        Vrije plekken per zorgvorm
      </h2>
      <p class="utrecht-paragraph">
        Opgegeven vrije plekken van het aanbod op locaties in de gemeenten van de regio, met de capaciteit ernaast.
      </p>
      <Staafgrafiek
        id="grafiek-plekken"
        titel={`Vrije plekken per zorgvorm, ${o.regio.naam}`}
        beschrijving="Vrije plekken per zorgvorm, van de capaciteit."
        categorie="Zorgvorm"
        kolom="Vrije plekken"
        extraKolommen={["Capaciteit", "Aantal aanbiedingen"]}
        leeg="Er is geen aanbod op locaties in deze regio."
        staven={plekken.perZorgvorm.map((z) => ({ label: z.naam, waarde: z.vrijePlekken, extra: [z.capaciteit, z.aanbod] }))}
        waardeTekst={(s) => `${getal.format(s.waarde)} vrij van ${getal.format(Number(s.extra?.[0] ?? 0))}`}
        totaal={[plekken.vrijePlekken, plekken.capaciteit, plekken.aanbod]}
      />
    </section>
  );
}

function Actualiteit({ o, now }: { o: RegioOverzicht; now: Date }) {
  const { actualiteit } = o;
  return (
    <section aria-labelledby="kop-actualiteit">
      <h2 class="utrecht-heading-2" id="kop-actualiteit">
        Aanbieders naar actualiteit
      </h2>
      <p class="utrecht-paragraph">
        Een aanbieder telt naar het aanbod in de regio dat het langst niet is bevestigd. Actueel: bevestigd in de afgelopen{" "}
        {STALE_AFTER_DAYS} dagen. Verouderd: {STALE_AFTER_DAYS} tot {HIDDEN_AFTER_DAYS} dagen geleden. Sterk verouderd:{" "}
        {HIDDEN_AFTER_DAYS} dagen of langer geleden, of nooit.
      </p>
      <Staafgrafiek
        id="grafiek-actualiteit"
        titel={`Aanbieders naar actualiteit, ${o.regio.naam}`}
        beschrijving="Aantal aanbieders per actualiteit van hun gegevens."
        categorie="Actualiteit"
        kolom="Aanbieders"
        leeg="Er zijn geen aanbieders met aanbod in deze regio."
        staven={
          actualiteit.aanbieders === 0
            ? []
            : ACTUALITEIT.map((a) => ({
                label: ACTUALITEIT_LABELS[a] ?? a,
                waarde: actualiteit.perKlasse[a],
                kleur: ACTUALITEIT_STIJL[a]?.kleur,
              }))
        }
        totaal={[actualiteit.aanbieders]}
      />
      <h3 class="utrecht-heading-3">Aanbieders met verouderde gegevens</h3>
      {actualiteit.verouderd.length === 0 ? (
        <p class="utrecht-paragraph">
          {actualiteit.aanbieders === 0
            ? "Geen aanbieders om na te gaan."
            : `Alle aanbieders bevestigden hun aanbod in de afgelopen ${STALE_AFTER_DAYS} dagen.`}
        </p>
      ) : (
        <TabelVak label="Aanbieders met verouderde gegevens">
          <table class="utrecht-table pw-tabel">
            <caption class="utrecht-table__caption">Aanbieders met verouderde gegevens, langst niet bevestigd eerst</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Aanbieder
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Oudste bevestiging
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Actualiteit
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {actualiteit.verouderd.map((a) => (
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="row">
                    {a.naam}
                  </th>
                  <td class="utrecht-table__cell">
                    {a.oudsteBevestiging
                      ? `${datum(a.oudsteBevestiging)} (${geleden(a.oudsteBevestiging, now)})`
                      : "Nooit bevestigd"}
                  </td>
                  <td class="utrecht-table__cell">
                    <Badge soort={ACTUALITEIT_STIJL[a.actualiteit]?.badge ?? "neutral"}>
                      {ACTUALITEIT_LABELS[a.actualiteit]}
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TabelVak>
      )}
    </section>
  );
}

/** The overview of a region: 400 (in the page's words) for an unknown one, 404 for another's. */
async function overzichtVan(c: Context<AppEnv>, deps: UiDeps, code: string): Promise<RegioOverzicht> {
  try {
    return await getRegioOverzicht(ctxOf(c, deps.services), { regio: code });
  } catch (error) {
    if (isDomainError(error, ErrorCode.badRequest)) {
      throw DomainError.invalid(
        [{ name: "regio", code: "onbekende-code", reason: "De regio is onbekend." }],
        "Deze regio is onbekend. Kies een regio uit de lijst op de pagina Overzicht.",
      );
    }
    if (isDomainError(error, ErrorCode.notFound)) throw DomainError.notFound("Deze regio");
    throw error;
  }
}

/**
 * The chosen month: its reports stand on the first of that month (the day the monthly snapshot
 * is taken), the current month on today. An invalid or future month is a field error.
 */
function periodeVan(maand: string | undefined, vandaag: string): { maand: string; peildatum: string } | { fout: string } {
  const huidige = vandaag.slice(0, 7);
  if (maand === undefined || maand === "") return { maand: huidige, peildatum: vandaag };
  if (!/^20[0-9]{2}-(0[1-9]|1[0-2])$/.test(maand)) return { fout: "Kies een maand, bijvoorbeeld 2026-10." };
  if (maand > huidige) return { fout: `Kies ${maandTekst(huidige)} of een eerdere maand.` };
  return { maand, peildatum: maand === huidige ? vandaag : `${maand}-01` };
}

/** The weeks of the capacity section, page and CSV alike: the eight up to the peildatum. */
const capaciteitVanaf = (peildatum: string) => plusDagen(peildatum, -7 * 7);

/** GET /overzicht?regio=…&maand=…: a region's figures as charts and tables, for its care brokers and for administrators. */
export function overzichtPaginas(deps: UiDeps): Sectie {
  const s = sectie(deps);
  s.use(voor(getRegioOverzicht.rollen));
  s.get("/csv/:rapport", async (c) => {
    const ctx = ctxOf(c, deps.services);
    const regio = c.req.query("regio") ?? "";
    const periode = periodeVan(c.req.query("maand"), isoDate(deps.services.clock.now()));
    if ("fout" in periode) throw DomainError.invalid([{ name: "maand", code: "ongeldig", reason: periode.fout }], periode.fout);
    switch (c.req.param("rapport")) {
      case "norm":
        return rapportCsv.norm(c, await getNormRapport(ctx, { regio, peildatum: periode.peildatum }));
      case "kpi":
        return rapportCsv.kpi(c, await getKpiRapport(ctx, { regio, tot: periode.maand }));
      case "capaciteit":
        return rapportCsv.capaciteit(
          c,
          await getCapaciteitsTrend(ctx, { regio, van: capaciteitVanaf(periode.peildatum), tot: periode.peildatum }),
        );
      case "actualiteit":
        return rapportCsv.actualiteit(c, await getActualiteitRapport(ctx, { regio }));
      default:
        throw DomainError.notFound("Dit rapport");
    }
  });
  s.get("/", async (c) => {
    const actor = ingelogd(c);
    const ctx = ctxOf(c, deps.services);
    const toegestaan = await listOverzichtRegios(ctx, undefined);
    const gevraagd = c.req.query("regio");
    const code = gevraagd === undefined || gevraagd === "" ? toegestaan[0]?.code : gevraagd;
    if (code === undefined) {
      return pagina(c, {
        titel: "Overzicht",
        actief: "/overzicht",
        children: (
          <Melding soort="info">
            <p class="utrecht-paragraph">Aan uw account is geen regio gekoppeld. Vraag de beheerder om uw regio toe te voegen.</p>
          </Melding>
        ),
      });
    }
    const o = await overzichtVan(c, deps, code);
    const vandaag = isoDate(deps.services.clock.now());
    const gekozen = c.req.query("maand");
    const periode = periodeVan(gekozen, vandaag);
    const fout = "fout" in periode ? periode.fout : undefined;
    const { maand, peildatum } = "fout" in periode ? { maand: vandaag.slice(0, 7), peildatum: vandaag } : periode;
    const [norm, kpi, capaciteit] = fout
      ? [undefined, undefined, undefined]
      : await Promise.all([
          getNormRapport(ctx, { regio: code, peildatum }),
          getKpiRapport(ctx, { regio: code, tot: maand }),
          getCapaciteitsTrend(ctx, { regio: code, van: capaciteitVanaf(peildatum), tot: peildatum }),
        ]);
    const csv = (rapport: string) =>
      `/overzicht/csv/${rapport}?regio=${encodeURIComponent(code)}&maand=${encodeURIComponent(maand)}`;
    return pagina(
      c,
      {
        titel: `Overzicht ${o.regio.naam}`,
        actief: "/overzicht",
        children: (
          <>
            <form method="get" action="/overzicht" class="pw-rij-formulier pw-niet-printen">
              <Keuzelijst
                naam="regio"
                label="Regio"
                verplicht
                formulier={{ waarden: { regio: code }, fouten: {} }}
                opties={toegestaan.map((r) => ({ waarde: r.code, tekst: r.naam }))}
              />
              <Tekstveld
                naam="maand"
                label="Maand"
                type="month"
                formulier={{ waarden: { maand: gekozen ?? maand }, fouten: fout ? { maand: fout } : {} }}
                zonderNietVerplicht
              />
              <Knop soort="secondary">Toon overzicht</Knop>
            </form>
            <p class="utrecht-paragraph">
              De cijfers van een maand staan op de eerste dag van die maand, die van de huidige maand op vandaag. Alleen
              aantallen: dit overzicht toont geen gegevens van afzonderlijke jeugdigen.{" "}
              <span class="pw-niet-printen">
                U kunt deze pagina afdrukken of als pdf bewaren; de menu's en knoppen vallen dan weg.
              </span>
              {actor.rol === "zorgmakelaar" ? (
                <span class="pw-niet-printen">
                  {" "}
                  <Link href={`/wachtlijst?regio=${encodeURIComponent(o.regio.code)}`}>
                    Naar de wachtlijst van {o.regio.naam}
                  </Link>
                </span>
              ) : null}
            </p>
            {fout ? (
              <Melding soort="error">
                <p class="utrecht-paragraph">{fout}</p>
              </Melding>
            ) : null}
            {norm ? <NormRapportSectie r={norm} csv={csv("norm")} /> : null}
            {kpi ? <KpiSectie r={kpi} csv={csv("kpi")} /> : null}
            {capaciteit ? <CapaciteitSectie r={capaciteit} csv={csv("capaciteit")} /> : null}
            <h2 class="utrecht-heading-2">Stand van vandaag, {datum(o.peildatum)}</h2>
            <Kerncijfers o={o} />
            <Wachtenden o={o} />
            <Plekken o={o} />
            <Actualiteit o={o} now={deps.services.clock.now()} />
            <p class="utrecht-paragraph pw-niet-printen">
              <Link href={csv("actualiteit")}>Download de actualiteit per aanbieder als CSV (voor Excel)</Link>
            </p>
          </>
        ),
      },
      fout ? 400 : 200,
    );
  });
  return s;
}
