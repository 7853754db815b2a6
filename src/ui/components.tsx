import type { Child } from "hono/jsx";
import { CSRF_VELD, type Formulier } from "./forms.ts";

/** The hidden CSRF field every form of a session carries. */
export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_VELD} value={token} />;
}

/** Field ids are unique on a page: a form prefix and the field name (`r3-vrijePlekken`). */
export const veldId = (prefix: string, naam: string) => `${prefix}${naam}`.replace(/[^A-Za-z0-9_-]/g, "-");

export interface VeldBasis {
  naam: string;
  label: string;
  formulier: Formulier;
  /** Prefix of the id, for pages with several forms. */
  prefix?: string;
  /** The stored value, shown when the user has not typed anything yet. */
  standaard?: string | number | null;
  beschrijving?: string;
  verplicht?: boolean;
  /** Label visible to screen readers only (a table row's inline edit). */
  verborgenLabel?: boolean;
  /** Leave out "(niet verplicht)": in filters and table rows every field is optional or obvious. */
  zonderNietVerplicht?: boolean;
}

function waardeVan({ formulier, naam, standaard }: VeldBasis): string {
  const getypt = formulier.waarden[naam];
  if (getypt !== undefined) return getypt;
  return standaard === null || standaard === undefined ? "" : String(standaard);
}

/** Label, description, error message and input of one field (NL Design System form field). */
export function Veldomhulsel({ v, children }: { v: VeldBasis; children: Child }) {
  const id = veldId(v.prefix ?? "", v.naam);
  const fout = v.formulier.fouten[v.naam];
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${fout ? " utrecht-form-field--invalid" : ""}`}>
      <div class="utrecht-form-field__label">
        <label class={`utrecht-form-label${v.verborgenLabel ? " pw-sr-only" : ""}`} for={id}>
          {v.label}
          {v.verplicht || v.verborgenLabel || v.zonderNietVerplicht ? "" : " (niet verplicht)"}
        </label>
      </div>
      {v.beschrijving ? (
        <div class="utrecht-form-field-description" id={`${id}-beschrijving`}>
          {v.beschrijving}
        </div>
      ) : null}
      {fout ? (
        <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {fout}
        </div>
      ) : null}
      <div class="utrecht-form-field__input">{children}</div>
    </div>
  );
}

/** The ids `aria-describedby` points to: the description and the error message, when present. */
export function beschrijvingen(v: VeldBasis): string | undefined {
  const id = veldId(v.prefix ?? "", v.naam);
  const ids = [v.beschrijving ? `${id}-beschrijving` : "", v.formulier.fouten[v.naam] ? `${id}-fout` : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function Tekstveld(
  v: VeldBasis & {
    type?: "text" | "number" | "search" | "date" | "month" | "password" | "email";
    breedte?: "smal";
    autocomplete?: string;
    min?: number;
    max?: number;
  },
) {
  const fout = v.formulier.fouten[v.naam];
  const numeriek = v.type === "number";
  return (
    <Veldomhulsel v={v}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${fout ? " utrecht-textbox--invalid" : ""}${v.breedte === "smal" || numeriek ? " pw-smal" : ""}`}
        id={veldId(v.prefix ?? "", v.naam)}
        name={v.naam}
        type={numeriek ? "text" : (v.type ?? "text")}
        inputmode={numeriek ? "numeric" : undefined}
        value={waardeVan(v)}
        required={v.verplicht}
        aria-required={v.verplicht ? "true" : undefined}
        aria-invalid={fout ? "true" : undefined}
        aria-describedby={beschrijvingen(v)}
        autocomplete={v.autocomplete ?? "off"}
      />
    </Veldomhulsel>
  );
}

export function Tekstvak(v: VeldBasis & { regels?: number }) {
  const fout = v.formulier.fouten[v.naam];
  return (
    <Veldomhulsel v={v}>
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${fout ? " utrecht-textarea--invalid" : ""}`}
        id={veldId(v.prefix ?? "", v.naam)}
        name={v.naam}
        rows={v.regels ?? 4}
        required={v.verplicht}
        aria-invalid={fout ? "true" : undefined}
        aria-describedby={beschrijvingen(v)}
      >
        {waardeVan(v)}
      </textarea>
    </Veldomhulsel>
  );
}

export interface Optie {
  waarde: string;
  tekst: string;
  /** Options with a group are shown under its heading (an optgroup), in the order given. */
  groep?: string;
}

/** The options of a select; consecutive options of one group go under that group's heading. */
export function OptieLijst({ opties, gekozen }: { opties: readonly Optie[]; gekozen: string | undefined }) {
  const blokken: { groep?: string; opties: Optie[] }[] = [];
  for (const o of opties) {
    const laatste = blokken.at(-1);
    if (laatste && laatste.groep === o.groep) laatste.opties.push(o);
    else blokken.push({ groep: o.groep, opties: [o] });
  }
  const optie = (o: Optie) => (
    <option value={o.waarde} selected={o.waarde === gekozen}>
      {o.tekst}
    </option>
  );
  return (
    <>
      {blokken.map((b) =>
        b.groep === undefined ? b.opties.map(optie) : <optgroup label={b.groep}>{b.opties.map(optie)}</optgroup>,
      )}
    </>
  );
}

export function Keuzelijst(v: VeldBasis & { opties: readonly Optie[]; leeg?: string }) {
  const fout = v.formulier.fouten[v.naam];
  const gekozen = waardeVan(v);
  return (
    <Veldomhulsel v={v}>
      <select
        class={`utrecht-select utrecht-select--html-select${fout ? " utrecht-select--invalid" : ""}`}
        id={veldId(v.prefix ?? "", v.naam)}
        name={v.naam}
        required={v.verplicht}
        aria-invalid={fout ? "true" : undefined}
        aria-describedby={beschrijvingen(v)}
      >
        {v.leeg !== undefined ? <option value="">{v.leeg}</option> : null}
        <OptieLijst opties={v.opties} gekozen={gekozen} />
      </select>
    </Veldomhulsel>
  );
}

export function Vinkje(v: VeldBasis & { aan?: boolean }) {
  const id = veldId(v.prefix ?? "", v.naam);
  const aan = v.formulier.waarden[v.naam] !== undefined || (Object.keys(v.formulier.waarden).length === 0 && v.aan);
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox">
      <div class="utrecht-form-field__input">
        <input
          class="utrecht-checkbox utrecht-checkbox--html-input"
          type="checkbox"
          id={id}
          name={v.naam}
          value="ja"
          checked={aan}
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

/**
 * The error summary above a refused form (GOV.UK/NL Design System pattern): focused on load by
 * the page script, each message a link to its field.
 */
export function Foutsamenvatting({
  formulier,
  labels,
  prefix = "",
}: {
  formulier: Formulier;
  labels: Record<string, string>;
  prefix?: string;
}) {
  const fouten = Object.entries(formulier.fouten);
  if (fouten.length === 0 && !formulier.melding) return null;
  return (
    <div class="utrecht-alert utrecht-alert--error pw-foutsamenvatting" role="alert" tabindex={-1} data-foutsamenvatting>
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-2">{fouten.length > 0 ? "Controleer wat u invulde" : "Dat lukte niet"}</h2>
        {formulier.melding ? <p class="utrecht-paragraph">{formulier.melding}</p> : null}
        {fouten.length > 0 ? (
          <ul class="utrecht-unordered-list">
            {fouten.map(([naam, tekst]) => (
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link utrecht-link--html-a" href={`#${veldId(prefix, naam)}`}>
                  {labels[naam] ?? naam}: {tekst}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

export type MeldingSoort = "ok" | "info" | "warning" | "error";

export function Melding({ soort, children }: { soort: MeldingSoort; children: Child }) {
  return (
    <div class={`utrecht-alert utrecht-alert--${soort}`} role={soort === "error" ? "alert" : "status"}>
      <div class="utrecht-alert__content">{children}</div>
    </div>
  );
}

export function Knop({
  children,
  soort = "primary",
  naam,
  waarde,
  label,
}: {
  children: Child;
  soort?: "primary" | "secondary" | "subtle";
  naam?: string;
  waarde?: string;
  /** An accessible name when the visible text alone is ambiguous ("Opslaan" in every row). */
  label?: string;
}) {
  return (
    <button
      type="submit"
      class={`utrecht-button utrecht-button--${soort === "subtle" ? "subtle" : `${soort}-action`}`}
      name={naam}
      value={waarde}
      aria-label={label}
    >
      {children}
    </button>
  );
}

export type BadgeSoort = "neutral" | "success" | "warning" | "danger" | "safe" | "inactive";

export function Badge({ soort, children }: { soort: BadgeSoort; children: Child }) {
  return <span class={`utrecht-status-badge utrecht-status-badge--${soort}`}>{children}</span>;
}

export function Link({ href, children, label }: { href: string; children: Child; label?: string }) {
  return (
    <a class="utrecht-link utrecht-link--html-a" href={href} aria-label={label}>
      {children}
    </a>
  );
}

/** Previous/next and "page x of y" links that keep the rest of the query. */
export function Paginering({
  pad,
  query,
  pagina,
  aantalPaginas,
}: {
  pad: string;
  query: URLSearchParams;
  pagina: number;
  aantalPaginas: number;
}) {
  if (aantalPaginas <= 1) return null;
  const naar = (p: number) => {
    const q = new URLSearchParams(query);
    q.set("pagina", String(p));
    return `${pad}?${q.toString()}`;
  };
  return (
    <nav class="utrecht-pagination" aria-label="Paginering">
      <span class="utrecht-pagination__before">
        {pagina > 1 ? (
          <a class="utrecht-link utrecht-link--html-a utrecht-pagination__relative-link" href={naar(pagina - 1)} rel="prev">
            Vorige
          </a>
        ) : null}
      </span>
      <span class="utrecht-pagination__pages pw-pagina">
        Pagina {pagina} van {aantalPaginas}
      </span>
      <span class="utrecht-pagination__after">
        {pagina < aantalPaginas ? (
          <a class="utrecht-link utrecht-link--html-a utrecht-pagination__relative-link" href={naar(pagina + 1)} rel="next">
            Volgende
          </a>
        ) : null}
      </span>
    </nav>
  );
}

/** A table that may scroll sideways on a narrow screen: reachable by keyboard and named for screen readers. */
export function TabelVak({ label, children }: { label: string; children: Child }) {
  return (
    <section class="pw-tabel-wrap" tabindex={0} aria-label={label}>
      {children}
    </section>
  );
}

/** A plain table with a caption and column headers; the rows are given as they are. */
export function EenvoudigeTabel({ titel, kolommen, children }: { titel: string; kolommen: readonly string[]; children: Child }) {
  return (
    <div class="pw-tabel-wrap">
      <table class="pw-tabel">
        <caption>{titel}</caption>
        <thead>
          <tr>
            {kolommen.map((k) => (
              <th scope="col">{k}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
