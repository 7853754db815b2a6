import { describe, expect, it } from "vitest";
import { GestapeldeStaafgrafiek, KLEUREN, STAAF_KLEUR, STAAF_MAX, Staafgrafiek, staafLengte } from "../../src/ui/grafiek.tsx";

/** Renders a hono/jsx element to its HTML. */
async function html(el: unknown): Promise<string> {
  return String(await (el as { toString(): string | Promise<string> }).toString());
}

const basis = { id: "g", titel: "Vrije plekken", beschrijving: "Per zorgvorm.", categorie: "Zorgvorm", leeg: "Geen aanbod." };

/** The bars of a chart (the rects of the drawing, not the legend swatches), in order; widths in tenths of a percent. */
function staven(out: string): { width: number; fill: string; reeks?: string }[] {
  const svg = out.slice(out.indexOf('role="img"'));
  return [
    ...svg.matchAll(
      /<rect x="[\d.]+%?" y="[\d.]+" width="([\d.]+)%" height="18" fill="([^"]+)"(?: stroke="#ffffff" stroke-width="1" data-reeks="([^"]+)")?/g,
    ),
  ].map((m) => ({ width: Math.round(Number(m[1]) * 10), fill: m[2] as string, reeks: m[3] }));
}

function luminantie(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}
const contrastMetWit = (hex: string) => 1.05 / (luminantie(hex) + 0.05);

describe("staafLengte", () => {
  it("gives the largest value the full length and scales the rest to it", () => {
    expect(staafLengte(10, 10)).toBe(STAAF_MAX);
    expect(staafLengte(5, 10)).toBe(325);
    expect(staafLengte(1, 3)).toBe(217);
    expect(staafLengte(0, 10)).toBe(0);
    expect(staafLengte(0, 0)).toBe(0);
    // A tiny non-zero value stays visible.
    expect(staafLengte(1, 100_000)).toBe(5);
  });
});

describe("Staafgrafiek", () => {
  it("draws bars scaled to the maximum, each with its label and number in text", async () => {
    const out = await html(
      Staafgrafiek({
        ...basis,
        kolom: "Vrije plekken",
        staven: [
          { label: "Gezinshuis", waarde: 10 },
          { label: "Pleegzorg", waarde: 2 },
          { label: "Ambulante jeugd-ggz", waarde: 5, kleur: "#00785a" },
        ],
      }),
    );
    expect(staven(out)).toEqual([
      { width: 650, fill: STAAF_KLEUR, reeks: undefined },
      { width: 130, fill: STAAF_KLEUR, reeks: undefined },
      { width: 325, fill: "#00785a", reeks: undefined },
    ]);
    expect(STAAF_MAX).toBe(650);
    for (const tekst of [
      ">Gezinshuis</text>",
      ">10</text>",
      ">Pleegzorg</text>",
      ">2</text>",
      ">Ambulante jeugd-ggz</text>",
      ">5</text>",
    ])
      expect(out).toContain(tekst);
    // The number sits right after its bar; the text keeps its size (no viewBox), the bars stretch.
    expect(out).toContain('<text x="65%" dx="6" y="36" fill="#1a1a1a">10</text>');
    expect(out).toContain('<text x="13%" dx="6" y="84" fill="#1a1a1a">2</text>');
    expect(out).not.toContain("viewBox");
  });

  it("is an image named by its title and description, which states every figure", async () => {
    const out = await html(Staafgrafiek({ ...basis, kolom: "Vrije plekken", staven: [{ label: "Gezinshuis", waarde: 3 }] }));
    expect(out).toContain('role="img" aria-labelledby="g-titel g-desc"');
    expect(out).toContain('<title id="g-titel">Vrije plekken</title>');
    expect(out).toContain('<desc id="g-desc">Per zorgvorm. Gezinshuis: 3.</desc>');
  });

  it("is followed by a table with the same numbers, a caption, scoped headers and extra columns", async () => {
    const out = await html(
      Staafgrafiek({
        ...basis,
        kolom: "Vrije plekken",
        extraKolommen: ["Capaciteit"],
        staven: [
          { label: "Gezinshuis", waarde: 1234, extra: [2000] },
          { label: "Pleegzorg", waarde: 0, extra: [5] },
        ],
        waardeTekst: (s) => `${s.waarde} vrij van ${s.extra?.[0]}`,
        totaal: [1234, 2005],
      }),
    );
    const tabel = out.slice(out.indexOf("<details"));
    expect(out.indexOf("<details")).toBeGreaterThan(out.indexOf("</svg>"));
    expect(tabel).toContain('<summary>Tabel<span class="pw-sr-only"> met de cijfers: Vrije plekken</span></summary>');
    expect(tabel).toContain('<caption class="utrecht-table__caption">Vrije plekken</caption>');
    const rijen = [...tabel.matchAll(/<tr class="utrecht-table__row">(.*?)<\/tr>/g)].map((m) =>
      [...(m[1] ?? "").matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]),
    );
    expect(rijen).toEqual([
      ["Zorgvorm", "Vrije plekken", "Capaciteit"],
      ["Gezinshuis", "1.234", "2.000"],
      ["Pleegzorg", "0", "5"],
      ["Totaal", "1.234", "2.005"],
    ]);
    expect(tabel).toContain('<th class="utrecht-table__header-cell" scope="col">Zorgvorm</th>');
    expect(tabel).toContain('<th class="utrecht-table__header-cell" scope="row">Pleegzorg</th>');
    // A zero value has no visible bar but keeps its label and number.
    expect(staven(out).map((s) => s.width)).toEqual([650, 0]);
    expect(out).toContain(">0 vrij van 5</text>");
  });

  it("says there is nothing to show instead of drawing an empty chart", async () => {
    const out = await html(Staafgrafiek({ ...basis, kolom: "Vrije plekken", staven: [] }));
    expect(out).toBe('<p class="utrecht-paragraph pw-grafiek-leeg">Geen aanbod.</p>');
  });

  it("escapes labels", async () => {
    const out = await html(Staafgrafiek({ ...basis, kolom: "n", staven: [{ label: "<b>&", waarde: 1 }] }));
    expect(out).not.toContain("<b>&");
    expect(out).toContain("&lt;b&gt;&amp;");
  });
});

describe("GestapeldeStaafgrafiek", () => {
  const reeksen = [
    { sleutel: "g1", label: "Groep 1 — gedwongen kader", kort: "Groep 1" },
    { sleutel: "g2", label: "Groep 2 — jonger dan 7 jaar", kort: "Groep 2" },
    { sleutel: "spoed", label: "Spoed/crisis", kleur: "#a8071a" },
  ];
  const props = {
    ...basis,
    id: "w",
    titel: "Wachtenden",
    beschrijving: "Per zorgvorm en groep.",
    reeksen,
    staven: [
      { label: "Gezinshuis", waarden: { g1: 2, g2: 2, spoed: 1 } },
      { label: "Pleegzorg", waarden: { g1: 0, g2: 2, spoed: 0 } },
    ],
  };

  it("stacks the series in order, the longest total at full length", async () => {
    const out = await html(GestapeldeStaafgrafiek(props));
    const s = staven(out);
    expect(s).toEqual([
      { width: 260, fill: KLEUREN[0], reeks: "g1" },
      { width: 260, fill: KLEUREN[1], reeks: "g2" },
      { width: 130, fill: "#a8071a", reeks: "spoed" },
      { width: 260, fill: KLEUREN[1], reeks: "g2" },
    ]);
    // Segments follow each other without gaps or overlap.
    expect([...out.matchAll(/<rect x="([\d.]+)%" y="22"/g)].map((m) => m[1])).toEqual(["0", "26", "52"]);
  });

  it("labels every bar with its category, total and the counts per series in text, with a text legend", async () => {
    const out = await html(GestapeldeStaafgrafiek(props));
    expect(out).toContain(">Gezinshuis</text>");
    expect(out).toContain('<text x="65%" dx="6" y="36" fill="#1a1a1a">5</text>');
    expect(out).toContain(">Groep 1: 2 · Groep 2: 2 · Spoed/crisis: 1</text>");
    expect(out).toContain(">Pleegzorg</text>");
    expect(out).toContain(">Groep 2: 2</text>");
    const legenda = out.slice(out.indexOf('<ul class="pw-legenda"'), out.indexOf("</ul>"));
    expect([...legenda.matchAll(/<\/svg>([^<]+)<\/li>/g)].map((m) => m[1])).toEqual([
      "Groep 1 — gedwongen kader",
      "Groep 2 — jonger dan 7 jaar",
      "Spoed/crisis",
    ]);
    expect(out).toContain('<title id="w-titel">Wachtenden</title>');
    expect(out).toContain(
      '<desc id="w-desc">Per zorgvorm en groep. Gezinshuis: 5 (Groep 1: 2 · Groep 2: 2 · Spoed/crisis: 1); Pleegzorg: 2 (Groep 2: 2).</desc>',
    );
  });

  it("has a table per category and series, with totals", async () => {
    const out = await html(GestapeldeStaafgrafiek(props));
    const tabel = out.slice(out.indexOf("<details"));
    const rijen = [...tabel.matchAll(/<tr class="utrecht-table__row">(.*?)<\/tr>/g)].map((m) =>
      [...(m[1] ?? "").matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]),
    );
    expect(rijen).toEqual([
      ["Zorgvorm", "Groep 1 — gedwongen kader", "Groep 2 — jonger dan 7 jaar", "Spoed/crisis", "Totaal"],
      ["Gezinshuis", "2", "2", "1", "5"],
      ["Pleegzorg", "0", "2", "0", "2"],
      ["Totaal", "2", "4", "1", "7"],
    ]);
  });

  it("has an empty state", async () => {
    const out = await html(GestapeldeStaafgrafiek({ ...props, staven: [], leeg: "Niemand wacht." }));
    expect(out).toBe('<p class="utrecht-paragraph pw-grafiek-leeg">Niemand wacht.</p>');
  });
});

describe("colours", () => {
  it("each have at least 3:1 contrast against white and are distinct", () => {
    for (const kleur of [...KLEUREN, STAAF_KLEUR]) expect(contrastMetWit(kleur), kleur).toBeGreaterThanOrEqual(3);
    expect(new Set(KLEUREN).size).toBe(KLEUREN.length);
  });
});
