import { sql } from "drizzle-orm";
import { z } from "zod";
import { dekkingVoor } from "../../db/dekking.ts";
import { type DocumentRij, documentRows, toZoekDocument, type ZoekDocument } from "../../search/document.ts";
import { type Facetten, type SearchQuery, type SearchResult, SORTERINGEN, type Sortering } from "../../search/engine.ts";
import type { SearchProvider } from "../../search/provider.ts";
import { queryWords } from "../../search/text.ts";
import { DomainError, ErrorCode } from "../kern/errors.ts";
import {
  gemeenteCode,
  intakeStatus,
  MAX_LEEFTIJD,
  MAX_WACHTTIJD_WEKEN,
  PagingQuery,
  uuidParam,
  vlag,
  zorgvormCode,
} from "../kern/fields.ts";
import { haversineKm } from "../kern/geo.ts";
import type { Page } from "../kern/page.ts";
import { actualiteitWijzigtOp, DAY_MS, HIDDEN_AFTER_DAYS, isoDate, STALE_AFTER_DAYS } from "../kern/time.ts";
import { Violations } from "../kern/violations.ts";
import { ROLLEN } from "../kern/vocabulary.ts";
import { type Aanbod, toAanbod } from "./aanbod.ts";
import { catalogueTree, findGemeente, type Gemeente } from "./catalogus.ts";
import { type Deps, publiekeLeesactie } from "./context.ts";
import { type Nabij, resolveNabij } from "./nabij.ts";
import { jsonIds } from "./query.ts";

/** The referrer's question as the query parameters of `GET /v1/aanbod`. */
export const ZoekQuery = PagingQuery.extend({
  zorgvorm: zorgvormCode.optional().meta({ description: "Deze zorgvorm en alle vormen eronder (43 vindt ook gezinshuizen)" }),
  gemeente: gemeenteCode.optional().meta({
    description: "Woongemeente van de jeugdige: alleen aanbod dat deze gemeente (of haar regio) vandaag heeft gecontracteerd",
  }),
  ookNietGecontracteerd: vlag.meta({ type: "boolean", description: "Ook niet-gecontracteerd aanbod, na het gecontracteerde" }),
  leeftijd: z.coerce
    .number({ message: "Moet een getal zijn." })
    .int({ message: "Moet een geheel getal zijn." })
    .min(0, { message: "Moet 0 of meer zijn." })
    .max(MAX_LEEFTIJD, { message: `Moet ${MAX_LEEFTIJD} of minder zijn.` })
    .optional()
    .meta({ description: "Leeftijd van de jeugdige in jaren" }),
  alleenVrij: vlag.meta({ type: "boolean", description: "Alleen aanbod met vrije plekken en intakestatus open" }),
  maxWachttijd: z.coerce
    .number({ message: "Moet een getal zijn." })
    .int({ message: "Moet een geheel aantal weken zijn." })
    .min(0, { message: "Moet 0 of meer zijn." })
    .max(2 * MAX_WACHTTIJD_WEKEN, { message: `Moet ${2 * MAX_WACHTTIJD_WEKEN} of minder zijn.` })
    .optional()
    .meta({ description: "Aanmeld- plus behandelwachttijd in weken, hoogstens" }),
  nabij: z.string().max(40, { message: "Mag hoogstens 40 tekens zijn." }).optional().meta({
    description: "Een plaats of gemeente (naam of code, het middelpunt), een postcode (1234 of 1234 AB) of 'lat,lon'",
    example: "Delft",
  }),
  straal: z.coerce
    .number({ message: "Moet een getal zijn." })
    .gt(0, { message: "Moet meer dan 0 zijn." })
    .max(300, { message: "Moet 300 km of minder zijn." })
    .optional()
    .meta({ description: "Straal in km rond nabij" }),
  q: z.string().max(200, { message: "Mag hoogstens 200 tekens zijn." }).optional().meta({ description: "Vrije tekst" }),
  inclusiefVerouderd: vlag.meta({ type: "boolean", description: "Ook aanbod dat 14 dagen of langer niet is bevestigd" }),
  sorteer: z.enum(SORTERINGEN).optional().meta({
    description: "wachttijd (standaard zonder q), relevantie (standaard met q), afstand (met nabij) of vrijePlekken",
  }),
  aanbiederId: uuidParam.optional(),
  locatieId: uuidParam.optional(),
  intakeStatus: intakeStatus.optional(),
});
export type ZoekParams = z.output<typeof ZoekQuery>;

export type ZoekResultaat = Aanbod & {
  gecontracteerd?: boolean;
  afstandKm?: number;
  aanbieder: { id: string; naam: string; telefoon: string | null; email: string | null; website: string | null };
  locatie: { naam: string; plaats: string; gemeente: string };
};

export type Zoekantwoord = Page<ZoekResultaat> & { facetten: Facetten };

/**
 * Finds timely, contracted care: resolves and checks every parameter (each problem named),
 * lets the search engine filter, rank and count. The page shows the documents the engine
 * carries (the in-memory engine reads them from the register for the page; a Meilisearch
 * document holds them as of its last sync), or, for an engine that answers ids only, reads
 * them from the register here.
 */
export const searchAanbod = publiekeLeesactie(
  ROLLEN,
  async ({ deps }, params: ZoekParams): Promise<{ antwoord: Zoekantwoord; engine: string; nabij?: Nabij }> => {
    if (!deps.search) throw new DomainError(ErrorCode.internal, "Zoeken is op deze server niet ingericht.");
    const v = new Violations();
    const now = deps.clock.now();
    const ref = await referenties(deps, deps.search);
    const zorgvormen = params.zorgvorm ? await ref.subtree(params.zorgvorm) : undefined;
    if (params.zorgvorm && !zorgvormen) {
      v.add("zorgvorm", "onbekende-code", `Zorgvorm ${params.zorgvorm} staat niet in de catalogus.`);
    }
    const gemeente = params.gemeente ? await ref.gemeente(params.gemeente) : undefined;
    if (params.gemeente && !gemeente) v.add("gemeente", "onbekende-code", `Gemeente ${params.gemeente} is onbekend.`);
    if (params.ookNietGecontracteerd && !params.gemeente) {
      v.add("ookNietGecontracteerd", "vereist-gemeente", "Zonder gemeente van de jeugdige is er geen onderscheid in contracten.");
    }
    const nabij = params.nabij ? await resolveNabij(deps, params.nabij, v) : undefined;
    if (params.straal !== undefined && !params.nabij) {
      v.add("straal", "vereist-nabij", "Een straal werkt alleen met een plaats, gemeente of postcode om vanaf te meten.");
    }
    if (params.sorteer === "afstand" && !params.nabij) {
      v.add("sorteer", "vereist-nabij", "Sorteren op afstand kan alleen met een plaats, gemeente of postcode om vanaf te meten.");
    }
    v.throwIfAny();

    // A text of stop words only is no text: it neither narrows nor ranks.
    const q = params.q && queryWords(params.q).length > 0 ? params.q : undefined;
    const sorteer: Sortering =
      params.sorteer === "relevantie" && !q ? "wachttijd" : (params.sorteer ?? (q ? "relevantie" : "wachttijd"));
    const ago = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
    const query: SearchQuery = {
      zorgvormen,
      contract: gemeente
        ? {
            gemeente: gemeente.code,
            regio: gemeente.regio,
            dag: isoDate(now),
            ookNietGecontracteerd: params.ookNietGecontracteerd ?? false,
          }
        : undefined,
      leeftijd: params.leeftijd,
      alleenVrij: params.alleenVrij,
      maxWachttijd: params.maxWachttijd,
      nabij: nabij ? { lat: nabij.lat, lon: nabij.lon, straalKm: params.straal } : undefined,
      q,
      bevestigdVanaf: params.inclusiefVerouderd ? undefined : ago(HIDDEN_AFTER_DAYS),
      grenzen: { actueel: ago(STALE_AFTER_DAYS), verouderd: ago(HIDDEN_AFTER_DAYS) },
      nu: now.toISOString(),
      aanbiederId: params.aanbiederId,
      locatieId: params.locatieId,
      intakeStatus: params.intakeStatus,
      sorteer,
      offset: (params.pagina - 1) * params.perPagina,
      limit: params.perPagina,
    };
    const { result, engine } = await deps.search.search(query);
    const sleutel = `${params.pagina}/${params.perPagina}/${nabij?.lat},${nabij?.lon}`;
    const eerder = gebouwd.get(result);
    if (eerder && eerder.sleutel === sleutel && now.getTime() < eerder.tot) return { antwoord: eerder.antwoord, engine, nabij };

    const documents = result.hits.every((h) => h.document)
      ? new Map(result.hits.map((h) => [h.id, h.document as ZoekDocument]))
      : await hydrate(
          deps,
          result.hits.map((h) => h.id),
        );
    const resultaten: ZoekResultaat[] = [];
    for (const hit of result.hits) {
      const doc = documents.get(hit.id);
      if (!doc) continue; // deleted since the external index saw it
      // Object.assign, not a spread: see toAanbod.
      const item: ZoekResultaat = Object.assign(toAanbod(doc.aanbod, now), { aanbieder: doc.aanbieder, locatie: doc.locatie });
      if (hit.gecontracteerd !== undefined) item.gecontracteerd = hit.gecontracteerd;
      if (nabij && doc.lat != null && doc.lon != null) {
        item.afstandKm = Math.round(haversineKm(nabij.lat, nabij.lon, doc.lat, doc.lon) * 10) / 10;
      }
      resultaten.push(item);
    }
    const antwoord = {
      resultaten,
      totaal: result.totaal,
      pagina: params.pagina,
      perPagina: params.perPagina,
      facetten: result.facetten,
    };
    const tot = Math.min(...resultaten.map((r) => actualiteitWijzigtOp(r.bevestigdOp, now)));
    gebouwd.set(result, { sleutel, tot, antwoord });
    return { antwoord, engine, nabij };
  },
);

/**
 * The answer built per engine result. An engine that keeps its answers (the in-memory engine)
 * hands back the same result object for a search asked again while nothing changed, and the
 * answer is then the same object too, until the `actualiteit` of any of its hits changes: so it is
 * built once, and the API can keep its JSON (routes/aanbod). Never changed after it is built.
 */
const gebouwd = new WeakMap<SearchResult, { sleutel: string; tot: number; antwoord: Zoekantwoord }>();

/** What a search resolves codes against: as the embedded engine holds it, else read from the register. */
type Referenties = {
  subtree(code: string): string[] | undefined | Promise<string[] | undefined>;
  gemeente(code: string): Gemeente | undefined | Promise<Gemeente | undefined>;
};

async function referenties(deps: Deps, search: SearchProvider): Promise<Referenties> {
  const held = await search.referenties();
  if (held) return held;
  return {
    subtree: async (code) => {
      const tree = await catalogueTree(deps);
      return tree.known.has(code) ? tree.subtree(code) : undefined;
    },
    gemeente: (code) => findGemeente(deps, code),
  };
}

/** The page's documents from the register itself, for an engine whose hits carry only ids. */
async function hydrate(deps: Deps, ids: string[]): Promise<Map<string, ZoekDocument>> {
  if (ids.length === 0) return new Map();
  const rows = await deps.db.orm.all<DocumentRij>(documentRows(jsonIds(ids), deps.clock.now().toISOString()));
  return new Map(rows.map((r) => [r.id, toZoekDocument(r)]));
}

/**
 * Whether an offer is contracted today for a child's municipality (or its region), by the one
 * rule of db/dekking.ts; undefined for a municipality the register does not know.
 */
export const getContractVoorAanbod = publiekeLeesactie(
  ROLLEN,
  async (
    { deps },
    input: { aanbiederId: string; zorgvorm: string; gemeente: string },
  ): Promise<{ gemeente: Gemeente; gecontracteerd: boolean } | undefined> => {
    const gemeente = await findGemeente(deps, input.gemeente);
    if (!gemeente) return undefined;
    const dekking = dekkingVoor({ gemeente: gemeente.code, regio: gemeente.regio, dag: isoDate(deps.clock.now()) });
    const [row] = await deps.db.orm.all<{ ja: number }>(sql`SELECT EXISTS (SELECT 1 FROM contract_dekking d
      WHERE d.aanbieder_id = ${input.aanbiederId} AND d.zorgvorm = ${input.zorgvorm} AND ${dekking}) AS ja`);
    return { gemeente, gecontracteerd: (row?.ja ?? 0) === 1 };
  },
);
