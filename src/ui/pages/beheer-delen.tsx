import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../../http/env.ts";
import { DomainError, ErrorCode, isDomainError } from "../../kern/errors.ts";
import { uuidParam } from "../../kern/fields.ts";
import { issuesToInvalidParams } from "../../kern/violations.ts";
import { Melding, type Optie, OptieLijst } from "../components.tsx";
import type { Formulier, Waarden } from "../forms.ts";
import { pagina } from "../layout.tsx";

/** Reference lists and the option lists of a form are read whole: a region has hundreds of rows, not millions. */
export const ALLES = { pagina: 1, perPagina: 100_000 } as const;
export const PER_PAGINA = 25;

type Status = 200 | 400 | 403 | 404 | 409;

/** A Beheer page: the Beheer menu item, and a breadcrumb back to the Beheer index (a crumb without `pad` is this page, not a link). */
export function beheerPagina(
  c: Context<AppEnv>,
  { titel, kruimels, children }: { titel: string; kruimels: { pad: string; tekst: string }[]; children: Child },
  status: Status = 200,
) {
  return pagina(
    c,
    {
      titel,
      actief: "/beheer",
      children: (
        <>
          <Kruimelpad kruimels={[{ pad: "/beheer", tekst: "Beheer" }, ...kruimels]} />
          {children}
        </>
      ),
    },
    status,
  );
}

function Kruimelpad({ kruimels }: { kruimels: { pad: string; tekst: string }[] }) {
  return (
    <nav class="utrecht-breadcrumb-nav" aria-label="Kruimelpad">
      <ol class="utrecht-breadcrumb-nav__list utrecht-breadcrumb-nav__list--html-ol pw-kruimels">
        {kruimels.map((k, i) => {
          const laatste = i === kruimels.length - 1;
          return (
            <li class="utrecht-breadcrumb-nav__item">
              {k.pad === "" ? (
                <span class="utrecht-breadcrumb-nav__link utrecht-breadcrumb-nav__link--current" aria-current="page">
                  {k.tekst}
                </span>
              ) : (
                <a
                  class={`utrecht-breadcrumb-nav__link utrecht-link utrecht-link--html-a${laatste ? " utrecht-breadcrumb-nav__link--current" : ""}`}
                  href={k.pad}
                  aria-current={laatste && kruimels.length > 1 ? "page" : undefined}
                >
                  {k.tekst}
                </a>
              )}
              {laatste ? null : <span aria-hidden="true"> ›</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** A table with a caption, column headers and the first cell of each row as its row header. */
export function Tabel({ titel, koppen, rijen, leeg }: { titel: string; koppen: string[]; rijen: Child[][]; leeg: string }) {
  if (rijen.length === 0) return <p class="utrecht-paragraph">{leeg}</p>;
  return (
    <div class="pw-tabel-wrap">
      <table class="utrecht-table utrecht-table--html-table pw-tabel">
        <caption class="utrecht-table__caption">{titel}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {koppen.map((k) => (
              <th scope="col" class="utrecht-table__header-cell">
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rijen.map((cellen) => (
            <tr class="utrecht-table__row">
              {cellen.map((cel, i) =>
                i === 0 ? (
                  <th scope="row" class="utrecht-table__cell">
                    {cel}
                  </th>
                ) : (
                  <td class="utrecht-table__cell">{cel}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The confirmation after a redirect: a fixed code in the query, never text the user typed. */
export function Bevestiging({ c, teksten }: { c: Context<AppEnv>; teksten: Record<string, string> }) {
  const code = c.req.query("melding");
  const tekst = code ? teksten[code] : undefined;
  return tekst ? (
    <Melding soort="ok">
      <p class="utrecht-paragraph">{tekst}</p>
    </Melding>
  ) : null;
}

/** Parses the query with the API's own query schema; a tampered URL gets the 400 page. */
export function leesQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.output<S> {
  const query = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ""));
  const result = schema.safeParse(query);
  if (!result.success) throw DomainError.invalid(issuesToInvalidParams(result.error.issues, query));
  return result.data;
}

/** The `:id` of the path; an id that is no UUID names nothing, so it gets the same 404 page as a removed one. */
export function idUit(c: Context<AppEnv>, wat: string): string {
  const id = c.req.param("id") ?? "";
  if (!uuidParam.safeParse(id).success) throw DomainError.notFound(`${wat} ${id}`);
  return id;
}

/**
 * Like `valideer`, for input the page has assembled itself (a list of checkboxes, a JSON text):
 * each problem is reported under the field name `veld(naam)` gives it.
 */
export function controleer<S extends z.ZodType>(
  schema: S,
  invoer: unknown,
  waarden: Waarden,
  veld: (naam: string) => string = (naam) => naam,
): { ok: true; data: z.output<S> } | { ok: false; formulier: Formulier } {
  const result = schema.safeParse(invoer);
  if (result.success) return { ok: true, data: result.data };
  const fouten: Record<string, string> = {};
  const leeg = (naam: string) =>
    typeof invoer === "object" && invoer !== null && naam in invoer && invoer[naam as never] === undefined;
  // An empty select is a missing field: zod reports an enum's missing value as a wrong one.
  for (const p of issuesToInvalidParams(result.error.issues, invoer))
    fouten[veld(p.name)] ??= leeg(p.name) ? "Dit veld is verplicht." : p.reason;
  return { ok: false, formulier: { waarden, fouten } };
}

/** 409 for a conflict (someone else was first) that names no field, else 400. */
export function foutStatus(formulier: Formulier, fout?: unknown): 400 | 409 {
  return isDomainError(fout, ErrorCode.conflict) && Object.keys(formulier.fouten).length === 0 ? 409 : 400;
}

/** The number of pages for a page of results. */
export const aantalPaginas = (p: { totaal: number; perPagina: number }) => Math.max(1, Math.ceil(p.totaal / p.perPagina));

/** The query of a page without the message code and page number, for paging links. */
export function zonderMelding(c: Context<AppEnv>): URLSearchParams {
  const q = new URLSearchParams(new URL(c.req.url).search);
  q.delete("melding");
  q.delete("pagina");
  return q;
}

/** A filter select: never required, so its label carries no "(niet verplicht)". */
export function Filterkeuze({
  naam,
  label,
  opties,
  gekozen,
  leeg,
}: {
  naam: string;
  label: string;
  opties: readonly Optie[];
  gekozen?: string;
  leeg: string;
}) {
  const id = `filter-${naam}`;
  return (
    <div class="utrecht-form-field utrecht-form-field--text">
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
      </div>
      <div class="utrecht-form-field__input">
        <select class="utrecht-select utrecht-select--html-select" id={id} name={naam}>
          <option value="">{leeg}</option>
          <OptieLijst opties={opties} gekozen={gekozen} />
        </select>
      </div>
    </div>
  );
}
