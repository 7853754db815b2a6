import type { Context } from "hono";
import type { ActualiteitRapport, CapaciteitsTrend } from "../services/rapportage-capaciteit.ts";
import type { KpiRapport } from "../services/rapportage-kpi.ts";
import type { NormRapport } from "../services/rapportage-norm.ts";
import { csvAntwoord, type Tabel } from "./csv.ts";

/** Each report as one table for CSV: the same figures as the JSON, one row per figure. */

function normTabel(r: NormRapport): Tabel {
  const rijen: Tabel["rijen"] = [
    ["totaal", "totaal", "Wachtend voorbij de norm", r.totaal, r.oudersKiezenWachten],
    ["noemer", "maatregelen", `Lopende maatregelen ${r.noemer.maand}`, r.noemer.aantal, null],
    ["aandeel", "procent", "Aandeel van de lopende maatregelen (%)", r.aandeel, null],
  ];
  for (const [onderdeel, lijst] of [
    ["zorggroep", r.perZorggroep],
    ["gi", r.perGi],
    ["gemeente", r.perGemeente],
    ["prioriteitsgroep", r.perPrioriteitsgroep],
    ["escalatiestap", r.perEscalatiestap],
  ] as const)
    for (const u of lijst) rijen.push([onderdeel, u.sleutel, u.naam, u.aantal, u.oudersKiezenWachten]);
  return {
    kolommen: ["regio", "peildatum", "onderdeel", "sleutel", "naam", "aantal", "waarvan ouders kiezen te wachten"],
    rijen: rijen.map((x) => [r.regio.code, r.peildatum, ...x]),
  };
}

function kpiTabel(r: KpiRapport): Tabel {
  const rijen: Tabel["rijen"] = [];
  for (const m of r.maanden) {
    const rij = (kpi: string, sleutel: string, waarde: number | null) => rijen.push([r.regio, m.maand, kpi, sleutel, waarde]);
    for (const [naam, s] of [
      ["doorlooptijd vanaf uitspraak (dagen)", m.doorlooptijdVanafUitspraak],
      ["doorlooptijd vanaf ingang (dagen)", m.doorlooptijdVanafIngang],
    ] as const) {
      rij(naam, "aantal", s.aantal);
      rij(naam, "mediaan", s.mediaan);
      rij(naam, "p75", s.p75);
      rij(naam, "p90", s.p90);
    }
    for (const [groep, s] of Object.entries(m.doorlooptijdPerZorggroep))
      rij("doorlooptijd vanaf uitspraak per zorggroep (mediaan)", groep, s.mediaan);
    rij("hulp gestart bij", "gecontracteerd", m.gestartBij.gecontracteerd);
    rij("hulp gestart bij", "maatwerk (A2)", m.gestartBij.maatwerk);
    rij("hulp gestart bij", "niet gecontracteerd", m.gestartBij.nietGecontracteerd);
    rij("instroom", "nieuwe casussen", m.instroom);
    rij("uitstroom", "hulp gestart", m.uitstroom.hulpGestart);
    for (const [reden, n] of Object.entries(m.uitstroom.gestopt)) rij("uitstroom gestopt", reden, n);
    rij("plaatsingen", "verblijf", m.plaatsingen);
    for (const [reden, n] of Object.entries(m.aanmeldingenAfgewezen)) rij("aanmeldingen afgewezen", reden, n);
    rij("verlopen", "reserveringen", m.verlopen.reserveringen);
    rij("verlopen", "aanmeldingen", m.verlopen.aanmeldingen);
  }
  return { kolommen: ["regio", "maand", "kpi", "sleutel", "waarde"], rijen };
}

function capaciteitTabel(r: CapaciteitsTrend): Tabel {
  return {
    kolommen: [
      "regio",
      "week",
      "peildatum",
      "zorgvorm",
      "naam",
      "aanbod",
      "vrije plekken",
      "aanbod met open intake",
      "mediaan aanmeldwachttijd (weken)",
      "mediaan behandelwachttijd (weken)",
    ],
    rijen: r.weken.flatMap((w) =>
      w.perZorgvorm.map((z) => [
        r.regio,
        w.week,
        w.peildatum,
        z.zorgvorm,
        z.naam,
        z.aanbod,
        z.vrijePlekken,
        z.aanbodMetOpenIntake,
        z.mediaanAanmeldwachttijdWeken,
        z.mediaanBehandelwachttijdWeken,
      ]),
    ),
  };
}

function actualiteitTabel(r: ActualiteitRapport): Tabel {
  return {
    kolommen: ["regio", "peildatum", "aanbieder", "aanbod", "bevestigd binnen 7 dagen", "aandeel (%)", "oudste bevestiging"],
    rijen: r.aanbieders.map((a) => [
      r.regio,
      r.peildatum,
      a.aanbieder,
      a.aanbod,
      a.bevestigdBinnen7Dagen,
      a.aandeel,
      a.oudsteBevestiging,
    ]),
  };
}

/** Each report as a CSV download, for the API (`?formaat=csv`) and the Overzicht page alike. */
export const rapportCsv = {
  norm: (c: Context, r: NormRapport) => csvAntwoord(c, `normrapport-${r.regio.code}-${r.peildatum}.csv`, normTabel(r)),
  kpi: (c: Context, r: KpiRapport) => csvAntwoord(c, `kpi-${r.regio}-${r.van}-${r.tot}.csv`, kpiTabel(r)),
  capaciteit: (c: Context, r: CapaciteitsTrend) =>
    csvAntwoord(c, `capaciteit-${r.regio}-${r.van}-${r.tot}.csv`, capaciteitTabel(r)),
  actualiteit: (c: Context, r: ActualiteitRapport) =>
    csvAntwoord(c, `actualiteit-${r.regio}-${r.peildatum}.csv`, actualiteitTabel(r)),
};
