import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { gemeenten, regioInstellingen } from "../../db/schema/index.ts";
import { DomainError } from "../kern/errors.ts";
import { regioCode } from "../kern/fields.ts";
import { mediaan } from "../kern/statistiek.ts";
import { actualiteitOf, isoDate, isoTimestamp } from "../kern/time.ts";
import { readRegios, requireRegio } from "./catalogus.ts";
import { type Ctx, type Deps, instellingen, openbareLeesactie } from "./context.ts";
import { aanbodVan } from "./rapportage-capaciteit.ts";
import { normCijfersPerCel } from "./rapportage-norm.ts";
import { zorggroepVan } from "./rapportagegroepen.ts";

/**
 * An aggregate, anonymous overview a region may publish (none exists today): per care group and
 * municipality the offers, free places, median waiting times and freshness, and the number of
 * children waiting past the norm. A count of children below 5 is published as "<5", and more
 * counts are withheld where needed so that no published total lets a reader compute a withheld
 * one. The same schema for every region, with its code: a national overview is the merge of the
 * regions' files, without a central database.
 */

export const OPEN_SCHEMA = "https://plekwijzer.nl/schemas/open-overzicht/1";
export const ONDER_DREMPEL = "<5";
export const DREMPEL = 5;
export type Telling = number | typeof ONDER_DREMPEL;

export const OpenOverzichtQuery = z.object({ regio: regioCode });

export interface OpenCel {
  zorggroep: string;
  gemeente: string;
  aanbod: number;
  vrijePlekken: number;
  mediaanAanmeldwachttijdWeken: number | null;
  mediaanBehandelwachttijdWeken: number | null;
  /** Share of the offers confirmed within 7 days, as a percentage. */
  actueel: number | null;
  wachtendVoorbijNorm: Telling;
}

export interface OpenOverzicht {
  schema: typeof OPEN_SCHEMA;
  regio: { code: string; naam: string };
  peildatum: string;
  gemaaktOp: string;
  zorggroepen: { code: string; naam: string }[];
  gemeenten: { code: string; naam: string }[];
  cellen: OpenCel[];
  wachtendVoorbijNorm: {
    perZorggroep: Record<string, Telling>;
    perGemeente: Record<string, Telling>;
    totaal: Telling;
  };
}

/**
 * Withholds counts of children: every count below the threshold, then, until nothing changes,
 * in every line (a row with its total, a column with its total, and the margins with the grand
 * total) where exactly one count is withheld, the smallest published count of that line too,
 * so that no withheld count equals a published total minus published counts.
 */
export function onderdruk(
  tabel: number[][],
  rijTotalen: number[],
  kolomTotalen: number[],
  totaal: number,
): { cellen: Telling[][]; rijTotalen: Telling[]; kolomTotalen: Telling[]; totaal: Telling } {
  const R = tabel.length;
  const C = kolomTotalen.length;
  // Positions: cells (r, c), row totals (r, C), column totals (R, c), grand total (R, C).
  const waarde = (r: number, c: number) =>
    r < R && c < C ? (tabel[r]?.[c] as number) : r < R ? (rijTotalen[r] as number) : c < C ? (kolomTotalen[c] as number) : totaal;
  const weg = Array.from({ length: R + 1 }, (_, r) => Array.from({ length: C + 1 }, (_, c) => waarde(r, c) < DREMPEL));
  const lijnen: [number, number][][] = [
    ...Array.from({ length: R + 1 }, (_, r) => Array.from({ length: C + 1 }, (_, c) => [r, c] as [number, number])),
    ...Array.from({ length: C + 1 }, (_, c) => Array.from({ length: R + 1 }, (_, r) => [r, c] as [number, number])),
  ];
  for (let veranderd = true; veranderd; ) {
    veranderd = false;
    for (const lijn of lijnen) {
      if (lijn.filter(([r, c]) => weg[r]?.[c]).length !== 1) continue;
      // Prefer another cell of the line over a total, then the smallest count.
      const kandidaat = lijn
        .filter(([r, c]) => !weg[r]?.[c])
        .sort(
          ([ra, ca], [rb, cb]) => Number(ra === R || ca === C) - Number(rb === R || cb === C) || waarde(ra, ca) - waarde(rb, cb),
        )[0];
      if (!kandidaat) continue;
      (weg[kandidaat[0]] as boolean[])[kandidaat[1]] = true;
      veranderd = true;
    }
  }
  const toon = (r: number, c: number): Telling => (weg[r]?.[c] ? ONDER_DREMPEL : waarde(r, c));
  return {
    cellen: tabel.map((rij, r) => rij.map((_, c) => toon(r, c))),
    rijTotalen: rijTotalen.map((_, r) => toon(r, C)),
    kolomTotalen: kolomTotalen.map((_, c) => toon(R, c)),
    totaal: toon(R, C),
  };
}

/** Whether a region publishes: the register-wide setting, or the region's own. */
async function publiceert(deps: Deps, regio: string): Promise<boolean> {
  if (instellingen(deps).publiekOverzicht) return true;
  const [row] = await deps.db.orm.select().from(regioInstellingen).where(eq(regioInstellingen.regio, regio));
  return row?.publiekOverzicht === true;
}

export async function openOverzicht(deps: Deps, regio: string): Promise<OpenOverzicht> {
  const r = await requireRegio(deps, regio);
  const now = deps.clock.now();
  const peildatum = isoDate(now);
  const { bladen, groepVan } = await zorggroepVan(deps);
  const gms = await deps.db.orm
    .select({ code: gemeenten.code, naam: gemeenten.naam })
    .from(gemeenten)
    .where(eq(gemeenten.regio, regio))
    .orderBy(asc(gemeenten.naam));
  const offers = await aanbodVan(deps, regio);
  const kinderen = await normCijfersPerCel(deps, regio, peildatum);
  const tel = (groep: string, gemeente: string) => kinderen.get(`${groep}|${gemeente}`) ?? 0;
  const tabel = bladen.map((g) => gms.map((m) => tel(g.code, m.code)));
  const rijTotalen = tabel.map((rij) => rij.reduce((a, b) => a + b, 0));
  const kolomTotalen = gms.map((_, c) => tabel.reduce((n, rij) => n + (rij[c] as number), 0));
  const veilig = onderdruk(
    tabel,
    rijTotalen,
    kolomTotalen,
    rijTotalen.reduce((a, b) => a + b, 0),
  );
  const cellen: OpenCel[] = [];
  bladen.forEach((g, gi) => {
    gms.forEach((m, mi) => {
      const hier = offers.filter((o) => o.gemeente === m.code && groepVan(o.zorgvorm) === g.code);
      cellen.push({
        zorggroep: g.code,
        gemeente: m.code,
        aanbod: hier.length,
        vrijePlekken: hier.reduce((n, o) => n + Math.max(0, o.vrijePlekken), 0),
        mediaanAanmeldwachttijdWeken: mediaan(hier.map((o) => o.aanmeldwachttijdWeken).filter((x): x is number => x !== null)),
        mediaanBehandelwachttijdWeken: mediaan(hier.map((o) => o.behandelwachttijdWeken).filter((x): x is number => x !== null)),
        actueel:
          hier.length === 0
            ? null
            : Math.round((hier.filter((o) => actualiteitOf(o.bevestigdOp, now) === "actueel").length / hier.length) * 1000) / 10,
        wachtendVoorbijNorm: veilig.cellen[gi]?.[mi] as Telling,
      });
    });
  });
  return {
    schema: OPEN_SCHEMA,
    regio: { code: r.code, naam: r.naam },
    peildatum,
    gemaaktOp: isoTimestamp(now),
    zorggroepen: bladen.map((g) => ({ code: g.code, naam: g.naam })),
    gemeenten: gms,
    cellen,
    wachtendVoorbijNorm: {
      perZorggroep: Object.fromEntries(bladen.map((g, i) => [g.code, veilig.rijTotalen[i] as Telling])),
      perGemeente: Object.fromEntries(gms.map((m, i) => [m.code, veilig.kolomTotalen[i] as Telling])),
      totaal: veilig.totaal,
    },
  };
}

/** GET /open/overzicht: without a token, for a region that publishes; any other region answers 404. */
export const getOpenOverzicht = openbareLeesactie(async ({ deps }: Ctx, q: z.output<typeof OpenOverzichtQuery>) => {
  if (!(await publiceert(deps, q.regio))) throw DomainError.notFound(`Een openbaar overzicht van regio ${q.regio}`);
  return openOverzicht(deps, q.regio);
});

/** GET /open: the regions that publish an open overview. */
export const listOpenRegios = openbareLeesactie(async ({ deps }: Ctx, _: undefined) => {
  const uit: { code: string; naam: string }[] = [];
  for (const r of await readRegios(deps)) if (await publiceert(deps, r.code)) uit.push({ code: r.code, naam: r.naam });
  return uit;
});

/** A sum of published counts: exact when none was withheld, else the range it lies in. */
export interface Som {
  minimaal: number;
  maximaal: number;
}

function telOp(tellingen: readonly Telling[]): Som {
  return tellingen.reduce<Som>(
    (s, t) =>
      t === ONDER_DREMPEL
        ? { minimaal: s.minimaal, maximaal: s.maximaal + DREMPEL - 1 }
        : { minimaal: s.minimaal + t, maximaal: s.maximaal + t },
    { minimaal: 0, maximaal: 0 },
  );
}

/**
 * Merges the open overviews of several regions into one national view: every region's cells
 * as published, and per care group and in total the sum of the regions' published totals (a
 * range where a region withheld one). Nothing is recomputed from, or reveals, a withheld count.
 */
export function voegSamen(bestanden: readonly OpenOverzicht[]) {
  const fout = bestanden.find((b) => b.schema !== OPEN_SCHEMA);
  if (fout) throw new Error(`Not an open overview of this schema: ${JSON.stringify(fout.schema)}`);
  const dubbel = bestanden.map((b) => b.regio.code).find((code, i, alle) => alle.indexOf(code) !== i);
  if (dubbel) throw new Error(`Region ${dubbel} appears twice`);
  const zorggroepen = [...new Map(bestanden.flatMap((b) => b.zorggroepen).map((g) => [g.code, g])).values()];
  return {
    schema: "https://plekwijzer.nl/schemas/open-overzicht-samengevoegd/1",
    regios: bestanden.map((b) => ({ ...b.regio, peildatum: b.peildatum, gemaaktOp: b.gemaaktOp })),
    zorggroepen,
    gemeenten: bestanden.flatMap((b) => b.gemeenten),
    cellen: bestanden.flatMap((b) => b.cellen.map((c) => ({ regio: b.regio.code, ...c }))),
    wachtendVoorbijNorm: {
      perRegio: Object.fromEntries(bestanden.map((b) => [b.regio.code, b.wachtendVoorbijNorm.totaal])),
      perZorggroep: Object.fromEntries(
        zorggroepen.map((g) => [g.code, telOp(bestanden.map((b) => b.wachtendVoorbijNorm.perZorggroep[g.code] ?? 0))]),
      ),
      totaal: telOp(bestanden.map((b) => b.wachtendVoorbijNorm.totaal)),
    },
  };
}
export type Samengevoegd = ReturnType<typeof voegSamen>;

const telling = z.union([z.number().int().min(0), z.literal(ONDER_DREMPEL)]);
const som = z.object({ minimaal: z.number().int().min(0), maximaal: z.number().int().min(0) });
const codeNaam = z.object({ code: z.string().max(40), naam: z.string().max(200) });
const cel = z.object({
  zorggroep: z.string().max(80),
  gemeente: z.string().max(40),
  aanbod: z.number().int().min(0),
  vrijePlekken: z.number().int().min(0),
  mediaanAanmeldwachttijdWeken: z.number().nullable(),
  mediaanBehandelwachttijdWeken: z.number().nullable(),
  actueel: z.number().nullable(),
  wachtendVoorbijNorm: telling,
});
const Regionaal = z.object({
  schema: z.literal(OPEN_SCHEMA),
  regio: codeNaam,
  peildatum: z.string().max(10),
  gemaaktOp: z.string().max(40),
  zorggroepen: z.array(codeNaam).max(100),
  gemeenten: z.array(codeNaam).max(1000),
  cellen: z.array(cel).max(100_000),
  wachtendVoorbijNorm: z.object({
    perZorggroep: z.record(z.string(), telling),
    perGemeente: z.record(z.string(), telling),
    totaal: telling,
  }),
});
const SamengevoegdSchema = z.object({
  schema: z.literal("https://plekwijzer.nl/schemas/open-overzicht-samengevoegd/1"),
  regios: z.array(codeNaam.extend({ peildatum: z.string().max(10), gemaaktOp: z.string().max(40) })).max(100),
  zorggroepen: z.array(codeNaam).max(100),
  gemeenten: z.array(codeNaam).max(10_000),
  cellen: z.array(cel.extend({ regio: z.string().max(40) })).max(1_000_000),
  wachtendVoorbijNorm: z.object({
    perRegio: z.record(z.string(), telling),
    perZorggroep: z.record(z.string(), som),
    totaal: som,
  }),
});

/**
 * POST /open/bestand: shows a downloaded open overview, or a merge of several
 * (`npm run overzicht:samenvoegen`), on the public page. Nothing is stored.
 */
export const bekijkOpenBestand = openbareLeesactie(async (_ctx: Ctx, tekst: string) => {
  let json: unknown;
  try {
    json = JSON.parse(tekst);
  } catch {
    throw DomainError.invalid(
      [{ name: "bestand", code: "geen-json", reason: "Dit bestand is geen JSON." }],
      "Dit bestand kan niet worden gelezen: het is geen JSON-bestand.",
    );
  }
  const samen = SamengevoegdSchema.safeParse(json);
  if (samen.success) return samen.data as Samengevoegd;
  const regio = Regionaal.safeParse(json);
  if (regio.success) return voegSamen([regio.data as OpenOverzicht]);
  throw DomainError.invalid(
    [{ name: "bestand", code: "geen-open-overzicht", reason: "Dit bestand is geen openbaar overzicht van Plekwijzer." }],
    "Dit bestand is geen openbaar overzicht van Plekwijzer. Kies een bestand dat u bij een regio hebt gedownload, of een samengevoegd bestand.",
  );
});
