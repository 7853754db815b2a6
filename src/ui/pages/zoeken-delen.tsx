import type { Child } from "hono/jsx";
import { issuesToInvalidParams } from "../../kern/violations.ts";
import type { Actualiteit } from "../../kern/vocabulary.ts";
import { type ZoekParams, ZoekQuery, type ZoekResultaat } from "../../services/zoeken.ts";
import { Badge, beschrijvingen, type Optie, OptieLijst, type VeldBasis, Veldomhulsel, veldId } from "../components.tsx";
import { ACTUALITEIT_LABELS, geleden, INTAKE_LABELS, vrijePlekken, weken } from "../format.ts";
import type { Formulier, Waarden } from "../forms.ts";

/**
 * Parts of the search pages. The form's fields are the query parameters of `GET /v1/aanbod`,
 * unchanged, so a page URL reads like an API URL; every filter is optional, so the fields do not
 * each say so.
 */

export const LABELS: Record<string, string> = {
  zorgvorm: "Zorgvorm",
  gemeente: "Woongemeente van de jeugdige",
  ookNietGecontracteerd: "Ook aanbod dat deze gemeente niet heeft gecontracteerd",
  leeftijd: "Leeftijd van de jeugdige (jaren)",
  alleenVrij: "Alleen aanbod met vrije plekken en open intake",
  maxWachttijd: "Maximale wachttijd (weken)",
  nabij: "In de buurt van",
  straal: "Straal (km)",
  q: "Zoektekst",
  intakeStatus: "Intakestatus",
  sorteer: "Sorteren op",
  inclusiefVerouderd: "Ook aanbod dat 14 dagen of langer niet is bevestigd",
};
/** Parameters without a field, named in words when a shared link holds a wrong one. */
const VERBORGEN_LABELS: Record<string, string> = {
  aanbiederId: "de aanbieder",
  locatieId: "de locatie",
  perPagina: "het aantal per pagina",
  pagina: "de pagina",
};
export const VINKJES = new Set(["ookNietGecontracteerd", "alleenVrij", "inclusiefVerouderd"]);
/** Filters without a field of their own (from a shared link) ride along unseen. */
export const VERBORGEN = ["aanbiederId", "locatieId", "perPagina"];

/** What each intake status means for a referrer; "na intake" most of all. */
export const INTAKE_UITLEG: Record<string, string> = {
  open: "Open: er is een vrije plek en de aanbieder neemt aanmeldingen aan; na de aanmelding volgt een intake.",
  wachtlijst:
    "Wachtlijst: er is nu geen vrije plek, maar u kunt aanmelden; de jeugdige komt dan op de wachtlijst van de aanbieder.",
  gesloten: "Gesloten: de aanbieder neemt nu geen nieuwe aanmeldingen aan.",
  "na-intake":
    "Na intake: de aanbieder kan pas na een intakegesprek met de jeugdige en de ouders zeggen of en wanneer er een plek is. U kunt aanmelden; de wachttijden zijn dan een schatting.",
};

export const SORTEER_LABELS: Record<string, string> = {
  wachttijd: "Kortste wachttijd",
  relevantie: "Best passend bij de zoektekst",
  afstand: "Kortste afstand",
  vrijePlekken: "Meeste vrije plekken",
};

/** Field errors next to their field; a problem with a parameter that has no field goes above the form. */
export function verdeel(waarden: Waarden, fouten: readonly { name: string; reason: string }[], melding?: string): Formulier {
  const formulier: Formulier = { waarden, fouten: {}, melding };
  const overig: string[] = [];
  for (const f of fouten) {
    if (LABELS[f.name]) formulier.fouten[f.name] ??= f.reason;
    else overig.push(`${VERBORGEN_LABELS[f.name] ?? "een onderdeel"}: ${f.reason}`);
  }
  if (overig.length > 0) formulier.melding = `De zoekopdracht in de link klopt niet (${overig.join("; ")}).`;
  return formulier;
}

/**
 * Reads the query strings with the API's own schema: an empty field counts as not given, a ticked
 * checkbox is `true` as the API's flags expect.
 */
export function leesZoekopdracht(waarden: Waarden): { ok: true; params: ZoekParams } | { ok: false; formulier: Formulier } {
  const invoer: Record<string, string> = {};
  for (const [naam, waarde] of Object.entries(waarden)) {
    if (waarde.trim() === "") continue;
    invoer[naam] = VINKJES.has(naam) && waarde !== "false" ? "true" : waarde;
  }
  const result = ZoekQuery.safeParse(invoer);
  if (result.success) return { ok: true, params: result.data };
  return { ok: false, formulier: verdeel(waarden, issuesToInvalidParams(result.error.issues, invoer)) };
}

/** The choices of the selects, from the catalogue and the municipalities. */
export interface Keuzes {
  zorgvormen: Optie[];
  zorgvormNaam: Map<string, string>;
  /** Every care type shown, with its code: the detail for who works with codes. */
  codes: { code: string; naam: string }[];
  gemeenten: Optie[];
  gemeenteNaam: Map<string, string>;
  /** Suggestions for "in de buurt van": municipalities and places. */
  plaatsen: string[];
}

/** Filters are all optional: no "(niet verplicht)" behind every label. */
type VeldProps = Omit<VeldBasis, "zonderNietVerplicht">;
const filter = (v: VeldProps): VeldBasis => ({ ...v, zonderNietVerplicht: true });

/** A text filter; `lijst` names a datalist of suggestions. */
export function FilterTekst(v: VeldProps & { getal?: "numeric" | "decimal"; lijst?: string; type?: "text" | "search" }) {
  const id = veldId("", v.naam);
  const fout = v.formulier.fouten[v.naam];
  return (
    <Veldomhulsel v={filter(v)}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${fout ? " utrecht-textbox--invalid" : ""}${v.getal ? " pw-smal" : ""}`}
        id={id}
        name={v.naam}
        type={v.type ?? "text"}
        inputmode={v.getal}
        list={v.lijst}
        value={v.formulier.waarden[v.naam] ?? ""}
        aria-invalid={fout ? "true" : undefined}
        aria-describedby={beschrijvingen(v)}
        autocomplete="off"
      />
    </Veldomhulsel>
  );
}

/** A select; a value from the URL that is not among the options stays selectable, so nothing typed is lost. */
export function FilterKeuze(
  v: VeldProps & {
    opties: readonly Optie[];
    leeg: string /** The name of a value the options do not hold. */;
    naamVan?: (waarde: string) => string | undefined;
  },
) {
  const id = veldId("", v.naam);
  const fout = v.formulier.fouten[v.naam];
  const gekozen = v.formulier.waarden[v.naam] ?? "";
  const opties =
    gekozen === "" || v.opties.some((o) => o.waarde === gekozen)
      ? v.opties
      : [...v.opties, { waarde: gekozen, tekst: v.naamVan?.(gekozen) ?? `${gekozen} (onbekend)` }];
  return (
    <Veldomhulsel v={filter(v)}>
      <select
        class={`utrecht-select utrecht-select--html-select${fout ? " utrecht-select--invalid" : ""}`}
        id={id}
        name={v.naam}
        aria-invalid={fout ? "true" : undefined}
        aria-describedby={beschrijvingen(v)}
      >
        <option value="">{v.leeg}</option>
        <OptieLijst opties={opties} gekozen={gekozen} />
      </select>
    </Veldomhulsel>
  );
}

/** A checkbox that sends `true`, as the API's flags expect (`alleenVrij=true`). */
export function FilterVinkje(v: VeldProps) {
  const id = veldId("", v.naam);
  const fout = v.formulier.fouten[v.naam];
  const waarde = v.formulier.waarden[v.naam];
  return (
    <div class={`utrecht-form-field utrecht-form-field--checkbox${fout ? " utrecht-form-field--invalid" : ""}`}>
      {fout ? (
        <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {fout}
        </div>
      ) : null}
      <div class="utrecht-form-field__input">
        <input
          class="utrecht-checkbox utrecht-checkbox--html-input"
          type="checkbox"
          id={id}
          name={v.naam}
          value="true"
          checked={waarde !== undefined && waarde !== "false"}
          aria-invalid={fout ? "true" : undefined}
          aria-describedby={fout ? `${id}-fout` : undefined}
        />
      </div>
      <div class="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>
          {v.label}
        </label>
      </div>
    </div>
  );
}

const KM = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });
/** "4,2 km", with the Dutch decimal comma. */
export const afstand = (km: number) => `${KM.format(km)} km`;
export const leeftijden = (van: number, tot: number) => `${van} tot en met ${tot} jaar`;

/** Label/value pairs; a value may be absent (then the pair is left out). */
export function Cijfers({ rijen }: { rijen: [string, Child | null | undefined][] }) {
  return (
    <dl class="pw-cijfers">
      {rijen
        .filter(([, waarde]) => waarde !== null && waarde !== undefined)
        .map(([term, waarde]) => (
          <>
            <dt>{term}</dt>
            <dd>{waarde}</dd>
          </>
        ))}
    </dl>
  );
}

export function ActualiteitBadge({ actualiteit }: { actualiteit: Actualiteit }) {
  if (actualiteit === "actueel") return null;
  return (
    <Badge soort={actualiteit === "verouderd" ? "warning" : "danger"}>{ACTUALITEIT_LABELS[actualiteit] ?? actualiteit}</Badge>
  );
}

/** "Bevestigd 3 dagen geleden" with a badge when stale. */
function Bevestigd({ bevestigdOp, actualiteit, now }: { bevestigdOp: string | null; actualiteit: Actualiteit; now: Date }) {
  return (
    <>
      {bevestigdOp ? `Bevestigd ${geleden(bevestigdOp, now)}` : "Nooit bevestigd"} <ActualiteitBadge actualiteit={actualiteit} />
    </>
  );
}

export function Gecontracteerd({ ja }: { ja: boolean }) {
  return ja ? <Badge soort="success">Gecontracteerd</Badge> : <Badge soort="warning">Niet gecontracteerd</Badge>;
}

type AanbiederContact = { naam: string; telefoon: string | null; email: string | null; website: string | null };

/** Phone, e-mail and website of a provider as links; only an http(s) website becomes a link. */
export function contactLinks(a: AanbiederContact) {
  const link = (href: string, tekst: string, label?: string) => (
    <a class="utrecht-link utrecht-link--html-a" href={href} aria-label={label}>
      {tekst}
    </a>
  );
  const site = a.website && /^https?:\/\//i.test(a.website) ? a.website : undefined;
  const siteTekst = site?.replace(/^https?:\/\//i, "").replace(/\/$/, "") ?? "";
  return {
    telefoon: a.telefoon ? link(`tel:${a.telefoon.replace(/[^\d+]/g, "")}`, a.telefoon) : null,
    email: a.email ? link(`mailto:${a.email}`, a.email) : null,
    website: site ? link(site, siteTekst, `Website van ${a.naam}: ${siteTekst}`) : null,
  };
}

function Contact({ aanbieder }: { aanbieder: AanbiederContact }) {
  const delen = Object.values(contactLinks(aanbieder)).filter((d) => d !== null);
  if (delen.length === 0) return <>Geen contactgegevens bekend</>;
  return <>{delen.flatMap((d, i) => (i === 0 ? [d] : [" · ", d]))}</>;
}

/** One result: name (to the detail page), provider and location, the figures, freshness, contact. */
export function ResultaatKaart({
  r,
  href,
  zorgvormNaam,
  now,
  aanmelden,
}: {
  r: ZoekResultaat;
  href: string;
  zorgvormNaam: string;
  now: Date;
  /** For a referrer or broker: the referral form for this offer. */
  aanmelden?: string;
}) {
  return (
    <article class="pw-kaart" data-aanbod={r.id}>
      <h3 class="utrecht-heading-3">
        <a class="utrecht-link utrecht-link--html-a" href={href}>
          {r.naam}
        </a>
      </h3>
      <p class="utrecht-paragraph">
        {r.aanbieder.naam} — {r.locatie.naam}, {r.locatie.plaats}{" "}
        {r.gecontracteerd === undefined ? null : <Gecontracteerd ja={r.gecontracteerd} />}
      </p>
      <Cijfers
        rijen={[
          ["Zorgvorm", zorgvormNaam],
          ["Vrije plekken", vrijePlekken(r)],
          ["Aanmeldwachttijd", weken(r.aanmeldwachttijdWeken)],
          ["Behandelwachttijd", weken(r.behandelwachttijdWeken)],
          ["Intake", INTAKE_LABELS[r.intakeStatus] ?? r.intakeStatus],
          ["Leeftijd", leeftijden(r.leeftijdVan, r.leeftijdTot)],
          ["Afstand", r.afstandKm === undefined ? null : afstand(r.afstandKm)],
          ["Actualiteit", <Bevestigd bevestigdOp={r.bevestigdOp} actualiteit={r.actualiteit} now={now} />],
          ["Contact", <Contact aanbieder={r.aanbieder} />],
        ]}
      />
      {aanmelden && r.intakeStatus !== "gesloten" ? <AanmeldKnop href={aanmelden} naam={r.naam} /> : null}
    </article>
  );
}

/** One facet: each value with its count, as a link that adds it to the search (or plain when there is no filter for it). */
export function FacetGroep({
  titel,
  telling,
  label,
  link,
  gekozen,
}: {
  titel: string;
  telling: Record<string, number>;
  label: (waarde: string) => string;
  link?: (waarde: string) => string;
  gekozen?: string;
}) {
  const items = Object.entries(telling)
    .filter(([, n]) => n > 0)
    .sort(([a, n], [b, m]) => m - n || label(a).localeCompare(label(b), "nl"));
  if (items.length === 0) return null;
  return (
    <div class="pw-facet">
      <h3 class="utrecht-heading-3">{titel}</h3>
      <ul class="utrecht-unordered-list">
        {items.map(([waarde, n]) => (
          <li class="utrecht-unordered-list__item">
            {link && waarde !== gekozen ? (
              <a class="utrecht-link utrecht-link--html-a" href={link(waarde)}>
                {label(waarde)}
              </a>
            ) : (
              <span>{label(waarde)}</span>
            )}{" "}
            ({n}){link && waarde === gekozen ? " — gekozen" : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Aanmelden": a link that looks like a button, to the standard referral form for this offer. */
export function AanmeldKnop({ href, naam }: { href: string; naam: string }) {
  return (
    <div class="pw-acties">
      <a
        class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
        href={href}
        aria-label={`Aanmelden bij ${naam}`}
      >
        Aanmelden
      </a>
    </div>
  );
}
