/**
 * Charts as inline SVG, drawn on the server (no script). Each chart is an image with a title and
 * a description that states every figure, every bar carries its category and number as text
 * (colour is never the only cue), and a table with the same numbers follows for screen-reader
 * and keyboard users.
 */
import type { Child } from "hono/jsx";
import { TabelVak } from "./components.tsx";

/**
 * Length of the bar of the largest value, in tenths of a percent of the chart's width; the
 * others scale to it. The drawing has no viewBox: bars stretch with the page while the text
 * keeps its size, and the rest of the width holds the number after the bar.
 */
export const STAAF_MAX = 650;
/** Bar colour of a plain bar chart (≥ 3:1 against white). */
export const STAAF_KLEUR = "#154273";
/** Series colours of a stacked chart: each ≥ 3:1 against white and apart in hue and lightness. */
export const KLEUREN = ["#154273", "#c25400", "#00785a", "#7b3294", "#8c6d00", "#5c5c5c", "#0072b2", "#a8071a"] as const;

const TEKST = "#1a1a1a";
const getal = new Intl.NumberFormat("nl-NL");

export interface Staaf {
  label: string;
  waarde: number;
  /** A bar's own colour (≥ 3:1 against white); the chart's colour otherwise. */
  kleur?: string;
  /** More columns for the table, in the order of `extraKolommen`. */
  extra?: (string | number)[];
}

export interface Reeks {
  sleutel: string;
  label: string;
  /** Short name in the line under each bar; `label` otherwise. */
  kort?: string;
  kleur?: string;
}

export interface GestapeldeStaaf {
  label: string;
  waarden: Record<string, number>;
}

interface GrafiekBasis {
  /** Unique on the page: prefix of the ids of title, description and table. */
  id: string;
  titel: string;
  /** One sentence on what the chart shows; the figures are added to it. */
  beschrijving: string;
  /** Shown instead of the chart when there is nothing to draw. */
  leeg: string;
  /** Table header of the category column. */
  categorie: string;
}

/** Bar length (tenths of a percent) for `waarde` when `max` gets the full length; a non-zero value stays visible. */
export function staafLengte(waarde: number, max: number): number {
  if (max <= 0 || waarde <= 0) return 0;
  return Math.max(5, Math.round((waarde / max) * STAAF_MAX));
}

/** A length in tenths of a percent as an SVG length. */
const pct = (promille: number) => `${promille / 10}%`;

function Leeg({ tekst }: { tekst: string }) {
  return <p class="utrecht-paragraph pw-grafiek-leeg">{tekst}</p>;
}

function Svg({
  id,
  titel,
  desc,
  hoogte,
  children,
}: {
  id: string;
  titel: string;
  desc: string;
  hoogte: number;
  children: Child;
}) {
  return (
    <svg role="img" aria-labelledby={`${id}-titel ${id}-desc`} width="100%" height={hoogte} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-titel`}>{titel}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {children}
    </svg>
  );
}

type Cel = string | number | null;

/**
 * A table of figures with a caption, column headings and a header cell per row (numbers
 * right-aligned, "–" for none); it scrolls sideways on its own on a narrow screen.
 */
export function CijferTabel({
  id,
  titel,
  koppen,
  rijen,
  totaal,
}: {
  id?: string;
  titel: string;
  koppen: string[];
  rijen: { label: string; cellen: Cel[] }[];
  totaal?: Cel[];
}) {
  const cel = (v: Cel) => (
    <td class={`utrecht-table__cell${typeof v === "number" ? " pw-getal" : ""}`}>
      {v === null ? "–" : typeof v === "number" ? getal.format(v) : v}
    </td>
  );
  return (
    <TabelVak label={titel}>
      <table class="utrecht-table pw-tabel" id={id}>
        <caption class="utrecht-table__caption">{titel}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {koppen.map((k) => (
              <th class="utrecht-table__header-cell" scope="col">
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rijen.map((r) => (
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="row">
                {r.label}
              </th>
              {r.cellen.map(cel)}
            </tr>
          ))}
        </tbody>
        {totaal ? (
          <tfoot class="utrecht-table__footer">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="row">
                Totaal
              </th>
              {totaal.map(cel)}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </TabelVak>
  );
}

/** The figures of a chart as a table, folded under it. */
function Tabel(p: { id: string; titel: string; koppen: string[]; rijen: { label: string; cellen: Cel[] }[]; totaal?: Cel[] }) {
  return (
    <details class="pw-grafiek-tabel">
      <summary>
        Tabel<span class="pw-sr-only"> met de cijfers: {p.titel}</span>
      </summary>
      <CijferTabel {...p} id={`${p.id}-tabel`} />
    </details>
  );
}

const RIJ = 48;

/**
 * A horizontal bar chart: per bar its label above it and its number after it, bars scaled to
 * the largest value, then the table. `waardeTekst` words the number ("3 vrij van 10").
 */
export function Staafgrafiek(
  p: GrafiekBasis & {
    staven: readonly Staaf[];
    /** Table header of the value column. */
    kolom: string;
    extraKolommen?: string[];
    waardeTekst?: (s: Staaf) => string;
    /** A total row for the table (value column, then the extra columns), when the values add up. */
    totaal?: (string | number)[];
  },
) {
  if (p.staven.length === 0) return <Leeg tekst={p.leeg} />;
  const tekst = p.waardeTekst ?? ((s: Staaf) => getal.format(s.waarde));
  const max = Math.max(0, ...p.staven.map((s) => s.waarde));
  const desc = `${p.beschrijving} ${p.staven.map((s) => `${s.label}: ${tekst(s)}`).join("; ")}.`;
  return (
    <>
      <section class="pw-grafiek" tabindex={0} aria-label={p.titel}>
        <Svg id={p.id} titel={p.titel} desc={desc} hoogte={p.staven.length * RIJ + 8}>
          {p.staven.map((s, i) => {
            const y = i * RIJ;
            const lengte = staafLengte(s.waarde, max);
            return (
              <g class="pw-staaf">
                <text x={0} y={y + 16} fill={TEKST}>
                  {s.label}
                </text>
                <rect x={0} y={y + 22} width={pct(lengte)} height={18} fill={s.kleur ?? STAAF_KLEUR} />
                <text x={pct(lengte)} dx={6} y={y + 36} fill={TEKST}>
                  {tekst(s)}
                </text>
              </g>
            );
          })}
        </Svg>
      </section>
      <Tabel
        id={p.id}
        titel={p.titel}
        koppen={[p.categorie, p.kolom, ...(p.extraKolommen ?? [])]}
        rijen={p.staven.map((s) => ({ label: s.label, cellen: [s.waarde, ...(s.extra ?? [])] }))}
        totaal={p.totaal}
      />
    </>
  );
}

const RIJ_GESTAPELD = 68;

/** The colour of series `i`: its own, or the palette's. */
export function reeksKleur(r: Reeks, i: number): string {
  return r.kleur ?? KLEUREN[i % KLEUREN.length] ?? STAAF_KLEUR;
}

/**
 * A stacked horizontal bar chart: one bar per category made of one segment per series (white
 * gaps between segments), the total after the bar and the counts per series in words under
 * it, a legend in text above, then the table.
 */
export function GestapeldeStaafgrafiek(p: GrafiekBasis & { reeksen: readonly Reeks[]; staven: readonly GestapeldeStaaf[] }) {
  if (p.staven.length === 0) return <Leeg tekst={p.leeg} />;
  const totaalVan = (s: GestapeldeStaaf) => p.reeksen.reduce((a, r) => a + (s.waarden[r.sleutel] ?? 0), 0);
  const max = Math.max(0, ...p.staven.map(totaalVan));
  const uitsplitsing = (s: GestapeldeStaaf) =>
    p.reeksen
      .filter((r) => (s.waarden[r.sleutel] ?? 0) > 0)
      .map((r) => `${r.kort ?? r.label}: ${getal.format(s.waarden[r.sleutel] ?? 0)}`)
      .join(" · ");
  const desc = `${p.beschrijving} ${p.staven
    .map((s) => `${s.label}: ${getal.format(totaalVan(s))}${totaalVan(s) > 0 ? ` (${uitsplitsing(s)})` : ""}`)
    .join("; ")}.`;
  return (
    <>
      <section class="pw-grafiek" tabindex={0} aria-label={p.titel}>
        <ul class="pw-legenda" aria-label={`Legenda: ${p.titel}`}>
          {p.reeksen.map((r, i) => (
            <li>
              <svg width="14" height="14" aria-hidden="true" focusable="false">
                <rect width="14" height="14" fill={reeksKleur(r, i)} />
              </svg>
              {r.label}
            </li>
          ))}
        </ul>
        <Svg id={p.id} titel={p.titel} desc={desc} hoogte={p.staven.length * RIJ_GESTAPELD + 4}>
          {p.staven.map((s, rij) => {
            const y = rij * RIJ_GESTAPELD;
            const totaal = totaalVan(s);
            let cum = 0;
            const segmenten = p.reeksen.map((r, i) => {
              const waarde = s.waarden[r.sleutel] ?? 0;
              const x = staafLengte(cum, max);
              cum += waarde;
              return { r, i, waarde, x, breedte: staafLengte(cum, max) - x };
            });
            const lengte = staafLengte(totaal, max);
            return (
              <g class="pw-staaf">
                <text x={0} y={y + 16} fill={TEKST}>
                  {s.label}
                </text>
                {segmenten
                  .filter((g) => g.waarde > 0)
                  .map((g) => (
                    <rect
                      x={pct(g.x)}
                      y={y + 22}
                      width={pct(g.breedte)}
                      height={18}
                      fill={reeksKleur(g.r, g.i)}
                      stroke="#ffffff"
                      stroke-width={1}
                      data-reeks={g.r.sleutel}
                    >
                      <title>{`${g.r.label}: ${getal.format(g.waarde)}`}</title>
                    </rect>
                  ))}
                <text x={pct(lengte)} dx={6} y={y + 36} fill={TEKST}>
                  {getal.format(totaal)}
                </text>
                <text x={0} y={y + 58} fill={TEKST}>
                  {uitsplitsing(s)}
                </text>
              </g>
            );
          })}
        </Svg>
      </section>
      <Tabel
        id={p.id}
        titel={p.titel}
        koppen={[p.categorie, ...p.reeksen.map((r) => r.label), "Totaal"]}
        rijen={p.staven.map((s) => ({
          label: s.label,
          cellen: [...p.reeksen.map((r) => s.waarden[r.sleutel] ?? 0), totaalVan(s)],
        }))}
        totaal={[
          ...p.reeksen.map((r) => p.staven.reduce((a, s) => a + (s.waarden[r.sleutel] ?? 0), 0)),
          p.staven.reduce((a, s) => a + totaalVan(s), 0),
        ]}
      />
    </>
  );
}
