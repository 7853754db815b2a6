import { issuesToInvalidParams } from "../../kern/violations.ts";
import { MAATREGEL_LABELS, MAATREGEL_TYPES, URGENTIES } from "../../kern/vocabulary.ts";
import type { Maatregel } from "../../priority/norm.ts";
import { type Casus, CasusCorrectie, CasusInput } from "../../services/casussen.ts";
import { Csrf, Foutsamenvatting, Keuzelijst, Knop, Link, type Optie, Tekstveld } from "../components.tsx";
import type { Formulier, Waarden } from "../forms.ts";
import { URGENTIE_LABELS } from "./casus-pagina.tsx";

/**
 * The form that registers a case and corrects one: the API's own fields (`POST /v1/casussen`,
 * `PATCH /v1/casussen/{id}`), pseudonymous, with up to five measures.
 */

const VELDEN: Record<string, string> = {
  referentie: "Referentie",
  geboortedatum: "Geboortedatum",
  woongemeente: "Woongemeente",
  zorgvorm: "Gevraagde zorg",
  aanmelddatum: "Aanmelddatum",
  urgentie: "Urgentie",
  "overbrugging.zorgvorm": "Overbruggingszorg",
};
const MAX_MAATREGELEN = 5;

const m = (i: number, veld: string) => `maatregelen[${i}].${veld}`;

/** The labels of every field, for the error summary. */
export function casusLabels(slots = MAX_MAATREGELEN): Record<string, string> {
  const labels = { ...VELDEN };
  for (let i = 0; i < slots; i++) {
    labels[m(i, "type")] = `Maatregel ${i + 1}: soort`;
    labels[m(i, "uitspraakdatum")] = `Maatregel ${i + 1}: datum van de uitspraak`;
    labels[m(i, "ingangsdatum")] = `Maatregel ${i + 1}: ingangsdatum`;
  }
  return labels;
}

const leeg = (w: string | undefined) => (w ?? "").trim() === "";

/** The measures typed, each with the form slot it came from (an empty slot is left out). */
function maatregelenUit(waarden: Waarden): { slots: number[]; maatregelen: Record<string, string | null>[] } {
  const slots: number[] = [];
  const maatregelen: Record<string, string | null>[] = [];
  for (let i = 0; i < MAX_MAATREGELEN; i++) {
    const [type, uitspraak, ingang] = ["type", "uitspraakdatum", "ingangsdatum"].map((v) => waarden[m(i, v)]);
    if (leeg(type) && leeg(uitspraak) && leeg(ingang)) continue;
    slots.push(i);
    maatregelen.push({
      type: type ?? "",
      uitspraakdatum: leeg(uitspraak) ? null : (uitspraak ?? null),
      ingangsdatum: leeg(ingang) ? null : (ingang ?? null),
    });
  }
  return { slots, maatregelen };
}

/** The case as the API takes it, from the form; the measures' errors find their way back to their slot. */
function invoerUit(waarden: Waarden) {
  const { slots, maatregelen } = maatregelenUit(waarden);
  const invoer = {
    referentie: (waarden.referentie ?? "").trim(),
    geboortedatum: waarden.geboortedatum ?? "",
    woongemeente: waarden.woongemeente ?? "",
    zorgvorm: waarden.zorgvorm ?? "",
    aanmelddatum: waarden.aanmelddatum ?? "",
    urgentie: waarden.urgentie ?? "",
    maatregelen,
    overbrugging: leeg(waarden["overbrugging.zorgvorm"]) ? null : { zorgvorm: waarden["overbrugging.zorgvorm"] ?? "" },
  };
  const veld = (naam: string) => naam.replace(/^maatregelen\[(\d+)\]/, (_, k: string) => `maatregelen[${slots[Number(k)] ?? k}]`);
  return { invoer, veld };
}

/** Plain requests for empty required fields rather than a type error. */
function verplicht(waarden: Waarden, fouten: Record<string, string>) {
  const vragen: Record<string, string> = {
    referentie: "Vul een referentie in.",
    geboortedatum: "Vul de geboortedatum in.",
    woongemeente: "Kies de woongemeente.",
    zorgvorm: "Kies de gevraagde zorg.",
    aanmelddatum: "Vul de aanmelddatum in.",
    urgentie: "Kies de urgentie.",
  };
  for (const [naam, vraag] of Object.entries(vragen)) if (leeg(waarden[naam])) fouten[naam] = vraag;
}

export type Gelezen<T> = { ok: true; data: T } | { ok: false; formulier: Formulier };

/** A new case from the form, checked with the API's schema. */
export function leesNieuweCasus(waarden: Waarden): Gelezen<CasusInput> {
  const { invoer, veld } = invoerUit(waarden);
  const result = CasusInput.safeParse(invoer);
  if (result.success) return { ok: true, data: result.data };
  const fouten: Record<string, string> = {};
  for (const p of issuesToInvalidParams(result.error.issues, invoer)) fouten[veld(p.name)] ??= p.reason;
  verplicht(waarden, fouten);
  return { ok: false, formulier: { waarden, fouten } };
}

const normaal = (ms: readonly Partial<Maatregel>[]) =>
  JSON.stringify(
    ms.map((x) => ({ type: x.type, uitspraakdatum: x.uitspraakdatum ?? null, ingangsdatum: x.ingangsdatum ?? null })),
  );

/** A correction: only the fields that differ from the case as shown (PATCH), checked with the API's schema. */
export function leesCorrectie(waarden: Waarden, casus: Casus): Gelezen<CasusCorrectie> {
  const { invoer, veld } = invoerUit(waarden);
  const correctie: Record<string, unknown> = {};
  for (const k of ["referentie", "geboortedatum", "woongemeente", "zorgvorm", "aanmelddatum", "urgentie"] as const)
    if (invoer[k] !== casus[k]) correctie[k] = invoer[k];
  if (normaal(invoer.maatregelen as Partial<Maatregel>[]) !== normaal(casus.maatregelen))
    correctie.maatregelen = invoer.maatregelen;
  if ((invoer.overbrugging?.zorgvorm ?? null) !== (casus.overbrugging?.zorgvorm ?? null))
    correctie.overbrugging = invoer.overbrugging;
  const result = CasusCorrectie.safeParse(correctie);
  if (result.success) return { ok: true, data: result.data };
  const fouten: Record<string, string> = {};
  for (const p of issuesToInvalidParams(result.error.issues, correctie)) fouten[veld(p.name)] ??= p.reason;
  verplicht(waarden, fouten);
  return { ok: false, formulier: { waarden, fouten } };
}

/** A service's refusal, with the measures' fields named as the form names them. */
export function foutenNaarSlots(formulier: Formulier, waarden: Waarden): Formulier {
  const { veld } = invoerUit(waarden);
  return { ...formulier, fouten: Object.fromEntries(Object.entries(formulier.fouten).map(([k, v]) => [veld(k), v])) };
}

export interface CasusKeuzes {
  gemeenten: Optie[];
  zorgvormen: Optie[];
}

/** The form; `casus` fills it for a correction, else it is empty with today as the registration date. */
export function CasusFormulier(p: {
  formulier: Formulier;
  keuzes: CasusKeuzes;
  csrf: string;
  actie: string;
  knop: string;
  annuleren: string;
  casus?: Casus;
  vandaag: string;
}) {
  const { formulier: f, casus } = p;
  const bestaand = casus?.maatregelen ?? [];
  const slots = Math.min(MAX_MAATREGELEN, Math.max(2, bestaand.length + 1));
  const veld = (naam: string) => ({ naam, label: casusLabels(slots)[naam] ?? naam, formulier: f });
  return (
    <>
      <Foutsamenvatting formulier={f} labels={casusLabels(slots)} />
      <form method="post" action={p.actie} class="pw-formulier" novalidate>
        <Csrf token={p.csrf} />
        {casus ? <input type="hidden" name="versie" value={String(casus.versie)} /> : null}
        <Tekstveld
          {...veld("referentie")}
          verplicht
          beschrijving="Een pseudonieme referentie van uw organisatie, zoals GI-2026-0042: 3 tot 64 letters, cijfers, punt of streepje. Nooit een naam of BSN."
          standaard={casus?.referentie}
        />
        <Tekstveld {...veld("geboortedatum")} type="date" verplicht standaard={casus?.geboortedatum} />
        <Keuzelijst
          {...veld("woongemeente")}
          verplicht
          leeg="Kies een gemeente"
          beschrijving="Volgens het woonplaatsbeginsel; bij een jeugdige in een gezinshuis of instelling de gemeente waar hij daarvoor woonde."
          opties={p.keuzes.gemeenten}
          standaard={casus?.woongemeente}
        />
        <Keuzelijst
          {...veld("zorgvorm")}
          verplicht
          leeg="Kies de zorg"
          opties={p.keuzes.zorgvormen}
          standaard={casus?.zorgvorm}
        />
        <Tekstveld {...veld("aanmelddatum")} type="date" verplicht standaard={casus?.aanmelddatum ?? p.vandaag} />
        <Keuzelijst
          {...veld("urgentie")}
          verplicht
          beschrijving="Spoed en crisis vallen buiten het afwegingskader."
          opties={URGENTIES.map((u) => ({ waarde: u, tekst: URGENTIE_LABELS[u] ?? u }))}
          standaard={casus?.urgentie ?? "regulier"}
        />
        {Array.from({ length: slots }, (_, i) => {
          const bestaandeM = bestaand[i];
          return (
            <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
              <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
                {i === 0
                  ? "Maatregel (als die er is)"
                  : `Maatregel ${i + 1} (bijvoorbeeld een machtiging uithuisplaatsing bij een OTS)`}
              </legend>
              <Keuzelijst
                {...veld(m(i, "type"))}
                zonderNietVerplicht
                leeg="Geen maatregel"
                opties={MAATREGEL_TYPES.map((t) => ({ waarde: t, tekst: MAATREGEL_LABELS[t] }))}
                standaard={bestaandeM?.type}
              />
              <Tekstveld
                {...veld(m(i, "uitspraakdatum"))}
                type="date"
                zonderNietVerplicht
                beschrijving="De uitspraak van de kinderrechter: de norm van 3 maanden loopt vanaf hier."
                standaard={bestaandeM?.uitspraakdatum}
              />
              <Tekstveld
                {...veld(m(i, "ingangsdatum"))}
                type="date"
                zonderNietVerplicht
                beschrijving="Vul de uitspraak, de ingangsdatum of beide in."
                standaard={bestaandeM?.ingangsdatum}
              />
            </fieldset>
          );
        })}
        <Keuzelijst
          {...veld("overbrugging.zorgvorm")}
          leeg="Geen overbruggingszorg"
          beschrijving="Zorg die de jeugdige krijgt terwijl hij wacht."
          opties={p.keuzes.zorgvormen}
          standaard={casus?.overbrugging?.zorgvorm}
        />
        <div class="pw-acties">
          <Knop>{p.knop}</Knop>
          <Link href={p.annuleren}>Annuleren</Link>
        </div>
      </form>
    </>
  );
}
