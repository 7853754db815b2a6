import { AANMELDING_AFWIJSLABELS } from "../../kern/vocabulary.ts";
import type { CapaciteitsTrend } from "../../services/rapportage-capaciteit.ts";
import type { KpiRapport, Spreiding } from "../../services/rapportage-kpi.ts";
import type { NormRapport, Uitsplitsing } from "../../services/rapportage-norm.ts";
import { Link, Melding } from "../components.tsx";
import { datum } from "../format.ts";
import { CijferTabel, Staafgrafiek } from "../grafiek.tsx";

/**
 * The monthly reports on the Overzicht page: the norm report of the chosen month, the KPIs of the
 * twelve months up to it and the capacity per week, as charts and as tables with the same
 * figures (visible, also on paper), each with a CSV download that opens in Dutch Excel.
 */

const getal = new Intl.NumberFormat("nl-NL");
const procent = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });
const maandNaam = new Intl.DateTimeFormat("nl-NL", { month: "long", year: "numeric", timeZone: "UTC" });

/** "oktober 2026" for "2026-10". */
export const maandTekst = (maand: string) => maandNaam.format(new Date(`${maand}-01T00:00:00Z`));

const STOPREDEN_TEKST: Record<string, string> = {
  "ouders-kiezen-wachten": "ouders kiezen te wachten",
  "elders-geholpen": "elders geholpen",
  verhuisd: "verhuisd",
  "hulp-niet-meer-nodig": "hulp niet meer nodig",
  anders: "anders",
};

function Download({ href, wat }: { href: string; wat: string }) {
  return (
    <p class="utrecht-paragraph pw-niet-printen">
      <Link href={href}>Download {wat} als CSV (voor Excel)</Link>
    </p>
  );
}

const uitsplitsingRijen = (lijst: readonly Uitsplitsing[]) =>
  lijst.map((u) => ({ label: u.bovenliggend ? `  ${u.naam}` : u.naam, cellen: [u.aantal, u.oudersKiezenWachten] }));

const BRON: Record<NormRapport["bron"], string> = {
  actueel: "de gegevens van vandaag",
  momentopname: "de momentopname die op die dag is vastgelegd",
  herleid: "de gegevens zoals ze toen waren vastgelegd (teruggelezen uit de historie)",
};

export function NormRapportSectie({ r, csv }: { r: NormRapport; csv: string }) {
  const koppen = ["Aantal", "Waarvan ouders kiezen te wachten"];
  return (
    <section aria-labelledby="kop-norm">
      <h2 class="utrecht-heading-2" id="kop-norm">
        Normrapportage: wachtend langer dan de norm, stand op {datum(r.peildatum)}
      </h2>
      <p class="utrecht-paragraph">
        Jeugdigen met een kinderbeschermingsmaatregel of jeugdreclassering die op de peildatum nog geen passende hulp hebben en
        langer wachten dan de norm van 3 maanden. Berekend uit {BRON[r.bron]}.
      </p>
      <dl class="pw-facetten pw-kerncijfers">
        <div class={`pw-kaart${r.totaal > 0 ? " pw-norm" : ""}`}>
          <dt>Wachtend voorbij de norm</dt>
          <dd class="pw-kerncijfer-getal">{getal.format(r.totaal)}</dd>
          <dd>waarvan {getal.format(r.oudersKiezenWachten)} omdat ouders kiezen te wachten (apart geteld)</dd>
        </div>
        <div class="pw-kaart">
          <dt>Aandeel van de lopende maatregelen</dt>
          <dd class="pw-kerncijfer-getal">{r.aandeel === null ? "onbekend" : `${procent.format(r.aandeel)}%`}</dd>
          <dd>
            {r.noemer.aantal === null
              ? `geen aantal maatregelen voor ${maandTekst(r.noemer.maand)}`
              : `van ${getal.format(r.noemer.aantal)} lopende maatregelen in ${maandTekst(r.noemer.maand)}`}
          </dd>
        </div>
      </dl>
      {r.noemer.melding ? (
        <Melding soort="warning">
          <p class="utrecht-paragraph">{r.noemer.melding}</p>
        </Melding>
      ) : null}
      {r.correcties.length > 0 ? (
        <Melding soort="info">
          <p class="utrecht-paragraph">
            Na {datum(r.peildatum)} zijn gegevens over die dag vastgelegd of gecorrigeerd. De cijfers hierboven zijn zoals ze toen
            golden; met de latere gegevens zijn deze aantallen anders:
          </p>
          <ul class="utrecht-unordered-list">
            {r.correcties.map((c) => (
              <li class="utrecht-unordered-list__item">
                {c.naam}: {getal.format(c.vastgesteld)} toen, {getal.format(c.metLatereGegevens)} met de latere gegevens
              </li>
            ))}
          </ul>
        </Melding>
      ) : null}
      <Staafgrafiek
        id="grafiek-norm-zorggroep"
        titel={`Wachtend voorbij de norm per soort hulp, ${datum(r.peildatum)}`}
        beschrijving="Aantal jeugdigen dat langer dan de norm wacht, per soort hulp waarop zij wachten."
        categorie="Soort hulp"
        kolom="Aantal"
        leeg="Op deze peildatum wacht geen jeugdige langer dan de norm."
        staven={
          r.totaal === 0 ? [] : r.perZorggroep.filter((u) => !u.bovenliggend).map((u) => ({ label: u.naam, waarde: u.aantal }))
        }
        totaal={[r.totaal]}
      />
      <CijferTabel titel="Per soort hulp" koppen={["Soort hulp", ...koppen]} rijen={uitsplitsingRijen(r.perZorggroep)} />
      <CijferTabel
        titel="Per gecertificeerde instelling"
        koppen={["Gecertificeerde instelling", ...koppen]}
        rijen={uitsplitsingRijen(r.perGi)}
      />
      <CijferTabel titel="Per gemeente" koppen={["Gemeente", ...koppen]} rijen={uitsplitsingRijen(r.perGemeente)} />
      <CijferTabel
        titel="Per prioriteitsgroep"
        koppen={["Prioriteitsgroep", ...koppen]}
        rijen={uitsplitsingRijen(r.perPrioriteitsgroep)}
      />
      <CijferTabel
        titel="Per escalatiestap"
        koppen={["Escalatiestap", ...koppen]}
        rijen={uitsplitsingRijen(r.perEscalatiestap)}
      />
      <Download href={csv} wat="de normrapportage" />
    </section>
  );
}

const dagen = (s: Spreiding) => [s.aantal, s.mediaan, s.p75, s.p90];

export function KpiSectie({ r, csv }: { r: KpiRapport; csv: string }) {
  const m = r.maanden;
  const som = (f: (x: KpiRapport["maanden"][number]) => number) => m.reduce((n, x) => n + f(x), 0);
  return (
    <section aria-labelledby="kop-kpi">
      <h2 class="utrecht-heading-2" id="kop-kpi">
        Kengetallen van {maandTekst(r.van)} tot en met {maandTekst(r.tot)}
      </h2>
      <p class="utrecht-paragraph">
        Doorlooptijd: het aantal dagen van de uitspraak van de rechter tot de start van de hulp, voor jeugdigen met een maatregel
        bij wie de hulp in die maand begon. De mediaan is de middelste waarde; 75% en 90% van de jeugdigen wachtte korter dan of
        even lang als p75 en p90.
      </p>
      <Staafgrafiek
        id="grafiek-doorlooptijd"
        titel="Mediane doorlooptijd van uitspraak tot start van de hulp, per maand (dagen)"
        beschrijving="Mediaan aantal dagen van uitspraak tot start van de hulp per maand."
        categorie="Maand"
        kolom="Mediaan (dagen)"
        extraKolommen={["p75", "p90", "Aantal gestart"]}
        leeg="In deze maanden begon voor geen jeugdige met een maatregel de hulp."
        staven={
          m.every((x) => x.doorlooptijdVanafUitspraak.aantal === 0)
            ? []
            : m.map((x) => ({
                label: maandTekst(x.maand),
                waarde: x.doorlooptijdVanafUitspraak.mediaan ?? 0,
                extra: [
                  x.doorlooptijdVanafUitspraak.p75 ?? "–",
                  x.doorlooptijdVanafUitspraak.p90 ?? "–",
                  x.doorlooptijdVanafUitspraak.aantal,
                ],
              }))
        }
      />
      <CijferTabel
        titel="Doorlooptijd van uitspraak tot start van de hulp (dagen)"
        koppen={["Maand", "Aantal gestart", "Mediaan", "p75", "p90"]}
        rijen={m.map((x) => ({ label: maandTekst(x.maand), cellen: dagen(x.doorlooptijdVanafUitspraak) }))}
      />
      <CijferTabel
        titel="Instroom, uitstroom en plaatsingen"
        koppen={[
          "Maand",
          "Nieuwe casussen",
          "Hulp gestart",
          "Waarvan gecontracteerd",
          "Waarvan maatwerk (A2)",
          "Gestopt",
          "Plaatsingen in verblijf",
        ]}
        rijen={m.map((x) => ({
          label: maandTekst(x.maand),
          cellen: [
            x.instroom,
            x.uitstroom.hulpGestart,
            x.gestartBij.gecontracteerd,
            x.gestartBij.maatwerk,
            Object.values(x.uitstroom.gestopt).reduce((a, b) => a + b, 0),
            x.plaatsingen,
          ],
        }))}
      />
      <CijferTabel
        titel="Gestopt met wachten, naar reden (alle maanden samen)"
        koppen={["Reden", "Aantal"]}
        rijen={Object.keys(m[0]?.uitstroom.gestopt ?? {}).map((reden) => ({
          label: STOPREDEN_TEKST[reden] ?? reden,
          cellen: [som((x) => x.uitstroom.gestopt[reden] ?? 0)],
        }))}
      />
      <CijferTabel
        titel="Afgewezen aanmeldingen naar reden en verlopen reserveringen en aanmeldingen (alle maanden samen)"
        koppen={["Wat", "Aantal"]}
        rijen={[
          ...Object.keys(m[0]?.aanmeldingenAfgewezen ?? {}).map((reden) => ({
            label: `Afgewezen: ${(AANMELDING_AFWIJSLABELS as Record<string, string>)[reden] ?? reden}`,
            cellen: [som((x) => x.aanmeldingenAfgewezen[reden] ?? 0)],
          })),
          { label: "Verlopen reserveringen", cellen: [som((x) => x.verlopen.reserveringen)] },
          { label: "Verlopen aanmeldingen (niet op tijd beantwoord)", cellen: [som((x) => x.verlopen.aanmeldingen)] },
        ]}
      />
      <Download href={csv} wat="de kengetallen" />
    </section>
  );
}

export function CapaciteitSectie({ r, csv }: { r: CapaciteitsTrend; csv: string }) {
  const weken = r.weken;
  const vormen = weken[weken.length - 1]?.perZorgvorm ?? [];
  const kolom = (f: (z: CapaciteitsTrend["weken"][number]["perZorgvorm"][number]) => number | null) =>
    vormen.map((v) => ({
      label: v.naam,
      cellen: weken.map((w) => {
        const z = w.perZorgvorm.find((x) => x.zorgvorm === v.zorgvorm);
        return z ? f(z) : null;
      }),
    }));
  const koppen = ["Zorgvorm", ...weken.map((w) => `Week ${w.week.slice(-2)}`)];
  return (
    <section aria-labelledby="kop-capaciteit">
      <h2 class="utrecht-heading-2" id="kop-capaciteit">
        Capaciteit per week
      </h2>
      <p class="utrecht-paragraph">
        Uit de historie van het aanbod in de regio: de stand aan het eind van elke week (ISO-week), van {datum(r.van)} tot en met{" "}
        {datum(r.tot)}.
      </p>
      {vormen.length === 0 ? (
        <p class="utrecht-paragraph">Er is geen aanbod op locaties in deze regio.</p>
      ) : (
        <>
          <CijferTabel titel="Vrije plekken per zorgvorm per week" koppen={koppen} rijen={kolom((z) => z.vrijePlekken)} />
          <CijferTabel
            titel="Aanbod met open intake per zorgvorm per week"
            koppen={koppen}
            rijen={kolom((z) => z.aanbodMetOpenIntake)}
          />
          <CijferTabel
            titel="Mediane behandelwachttijd (weken) per zorgvorm per week"
            koppen={koppen}
            rijen={kolom((z) => z.mediaanBehandelwachttijdWeken)}
          />
        </>
      )}
      <Download href={csv} wat="de capaciteit per week" />
    </section>
  );
}
