import { lte, sql } from "drizzle-orm";
import { type Config, Meilisearch, type MultiSearchQuery, type SearchResponse } from "meilisearch";
import { type Database, rawWrite } from "../db/database.ts";
import { geldigOp } from "../db/dekking.ts";
import { zoekMeta, zoekOutbox } from "../db/schema/index.ts";
import { newId } from "../src/kern/ids.ts";
import { type Clock, isoDate, systemClock } from "../src/kern/time.ts";
import { type DocumentRij, documentRows, toZoekDocument, type ZoekDocument } from "./document.ts";
import { emptyFacetten, type SearchEngine, type SearchHit, type SearchQuery, type SearchResult, straalMeters } from "./engine.ts";
import { toDocument, type ZoekRij } from "./meili-document.ts";
import { MEILI_SETTINGS, settingsVersion } from "./meili-settings.ts";

/** What a hit returns (MEILI_SETTINGS.displayedAttributes). */
interface MeiliHit {
  id: string;
  weergave: ZoekDocument;
}

const q = (value: string) => JSON.stringify(value);
const list = (values: string[]) => `[${values.map(q).join(", ")}]`;
const BATCH = 5_000;

export interface MeiliOptions {
  url: string;
  apiKey: string;
  /** Decides which contracts are valid today. */
  clock?: Clock;
  /** Index name prefix; the settings version is appended. */
  index?: string;
  timeoutMs?: number;
  /**
   * How to reach Meilisearch: on Node a keep-alive `node:http` client (`keepAliveHttpClient`),
   * on Workers the client's own `fetch` (leave it out). Passed in, so no Node module is
   * imported here.
   */
  httpClient?: MeiliHttpClient;
}

/** The HTTP client the Meilisearch client calls instead of `fetch`, with an optional close. */
export type MeiliHttpClient = NonNullable<Config["httpClient"]> & { close?: () => void };

/**
 * The Meilisearch engine. SQLite stays the source of truth: documents are built from the
 * search projection, and changes reach Meilisearch through the outbox (`drain`).
 */
export class MeiliSearchEngine implements SearchEngine {
  readonly name = "meilisearch" as const;
  readonly client: Meilisearch;
  readonly indexUid: string;
  private readonly http: MeiliHttpClient | undefined;
  private readonly clock: Clock;
  private rebuilding: Promise<number> | undefined;

  constructor(
    private readonly db: Database,
    options: MeiliOptions,
  ) {
    this.http = options.httpClient;
    this.client = new Meilisearch({
      host: options.url,
      apiKey: options.apiKey,
      httpClient: this.http,
      // An injected client keeps its own timeout; plain fetch gets one here.
      timeout: this.http ? undefined : (options.timeoutMs ?? 2_000),
    });
    this.indexUid = `${options.index ?? "aanbod"}_${settingsVersion()}`;
    this.clock = options.clock ?? systemClock;
  }

  close(): void {
    this.http?.close?.();
  }

  /**
   * Switches the outbox on, then makes sure the index exists with the current settings and
   * holds what SQLite holds; rebuilds it when not (or when changes may have gone unrecorded).
   * Answers whether it rebuilt.
   */
  async init(): Promise<boolean> {
    // While the outbox was off (search ran on SQLite alone), changes went unrecorded: rebuild.
    const [outbox] = await this.db.orm.all<{ waarde: string }>(sql`SELECT waarde FROM zoek_meta WHERE sleutel = 'outbox'`);
    const missedChanges = outbox?.waarde !== "aan";
    await this.db.atomic([
      {
        query: this.db.orm
          .insert(zoekMeta)
          .values({ sleutel: "outbox", waarde: "aan" })
          .onConflictDoUpdate({ target: zoekMeta.sleutel, set: { waarde: "aan" } }),
      },
    ]);
    const stats = await this.client
      .index(this.indexUid)
      .getStats()
      .catch(() => undefined);
    const settingsOk = stats ? await this.settingsMatch() : false;
    const [count] = await this.db.orm.all<{ n: number }>(sql`SELECT count(*) AS n FROM zoek_aanbod`);
    const [pending] = await this.db.orm.all<{ n: number }>(sql`SELECT count(*) AS n FROM zoek_outbox`);
    if (missedChanges || !stats || !settingsOk || stats.numberOfDocuments + (pending?.n ?? 0) < (count?.n ?? 0)) {
      await this.reindex();
      return true;
    }
    await this.drain();
    return false;
  }

  /** Whether the live index has the settings this code applies (someone may have changed them by hand). */
  private async settingsMatch(): Promise<boolean> {
    const live = (await this.client.index(this.indexUid).getSettings()) as Record<string, unknown>;
    const sorted = (v: unknown) => (Array.isArray(v) ? [...v].sort() : v);
    return (Object.keys(MEILI_SETTINGS) as (keyof typeof MEILI_SETTINGS)[]).every((key) => {
      const want = MEILI_SETTINGS[key];
      const have = live[key];
      if (key === "rankingRules" || key === "searchableAttributes") return JSON.stringify(have) === JSON.stringify(want);
      if (Array.isArray(want)) return JSON.stringify(sorted(have)) === JSON.stringify(sorted(want));
      return Object.entries(want).every(([k, v]) => JSON.stringify((have as Record<string, unknown>)?.[k]) === JSON.stringify(v));
    });
  }

  /** The documents for these projection rows, with their contracted municipalities on `dag`. */
  private async documents(rows: ZoekRij[], dag: string) {
    const ids = JSON.stringify(rows.map((r) => r.id));
    const pairs = await this.db.orm.all<{ id: string; gemeente: string }>(
      sql`SELECT DISTINCT z.id, g.code AS gemeente
          FROM zoek_aanbod z
          JOIN contract_dekking d ON d.aanbieder_id = z.aanbieder_id AND d.zorgvorm = z.zorgvorm
          JOIN gemeenten g ON g.code = d.gemeente OR (d.regio IS NOT NULL AND g.regio = d.regio)
          WHERE z.id IN (SELECT value FROM json_each(${ids})) AND ${geldigOp(dag)}`,
    );
    const voor = new Map<string, string[]>();
    for (const p of pairs) voor.set(p.id, [...(voor.get(p.id) ?? []), p.gemeente]);
    // An external index hears of a hold when it is finalised: until then every active hold counts.
    const weergave = new Map(
      (await this.db.orm.all<DocumentRij>(documentRows(ids))).map((d) => [d.id, toZoekDocument(d)] as const),
    );
    return rows.map((r) => toDocument(r, (voor.get(r.id) ?? []).sort(), weergave.get(r.id)));
  }

  /**
   * Contracts start and end on dates: once a day, the offers of providers whose contracts
   * crossed a boundary since the last day seen are queued for the index.
   */
  private async refreshContractDay(): Promise<void> {
    const dag = isoDate(this.clock.now());
    const [row] = await this.db.orm.all<{ waarde: string }>(
      sql`SELECT waarde FROM zoek_meta WHERE sleutel = 'meili-contractdag'`,
    );
    if (row?.waarde === dag) return;
    const [van, tot] = [row?.waarde ?? dag, dag].sort() as [string, string]; // the clock may also go back
    await this.db.atomic([
      ...(row
        ? [
            {
              query: rawWrite(sql`INSERT INTO zoek_outbox (aanbod_id, actie)
                SELECT id, 'upsert' FROM aanbod WHERE aanbieder_id IN (
                  SELECT aanbieder_id FROM contracten
                  WHERE (geldig_vanaf > ${van} AND geldig_vanaf <= ${tot}) OR (geldig_tot >= ${van} AND geldig_tot < ${tot}))`),
            },
          ]
        : []),
      this.contractDayStep(dag),
    ]);
  }

  private contractDayStep(dag: string) {
    return {
      query: this.db.orm
        .insert(zoekMeta)
        .values({ sleutel: "meili-contractdag", waarde: dag })
        .onConflictDoUpdate({ target: zoekMeta.sleutel, set: { waarde: dag } }),
    };
  }

  /**
   * Builds a fresh index from SQLite and swaps it in, so searches never see a half-built index.
   * One rebuild at a time in this process; a rebuild elsewhere (the reindex command) builds
   * under its own name, and the last swap wins — both were built from the same register.
   */
  async reindex(): Promise<number> {
    this.rebuilding ??= this.rebuild().finally(() => {
      this.rebuilding = undefined;
    });
    return this.rebuilding;
  }

  private async rebuild(): Promise<number> {
    const [mark] = await this.db.orm.all<{ nr: number | null }>(sql`SELECT max(nr) AS nr FROM zoek_outbox`);
    const dag = isoDate(this.clock.now());
    const building = `${this.indexUid}_opbouw_${newId().slice(0, 8)}`;
    let total = 0;
    try {
      await this.check(this.client.createIndex(building, { primaryKey: "id" }).waitTask());
      await this.check(this.client.index(building).updateSettings(MEILI_SETTINGS).waitTask());
      for (let after = 0; ; ) {
        const rows = await this.db.orm.all<ZoekRij>(
          sql`SELECT * FROM zoek_aanbod WHERE nr > ${after} ORDER BY nr LIMIT ${BATCH}`,
        );
        if (rows.length === 0) break;
        await this.check(
          this.client
            .index(building)
            .addDocuments(await this.documents(rows, dag))
            .waitTask({ timeout: 120_000 }),
        );
        total += rows.length;
        after = (rows.at(-1) as ZoekRij).nr;
      }
      // The live index must exist to be swapped; another rebuild may just have created it.
      const created = await this.client.createIndex(this.indexUid, { primaryKey: "id" }).waitTask();
      if (created.status !== "succeeded" && created.error?.code !== "index_already_exists")
        await this.check(Promise.resolve(created));
      await this.check(this.client.swapIndexes([{ indexes: [this.indexUid, building], rename: false }]).waitTask());
    } finally {
      await this.client
        .deleteIndex(building)
        .waitTask()
        .catch(() => undefined);
    }
    await this.db.atomic([
      ...(mark?.nr != null ? [{ query: this.db.orm.delete(zoekOutbox).where(lte(zoekOutbox.nr, mark.nr)) }] : []),
      this.contractDayStep(dag),
    ]);
    return total;
  }

  /** Sends pending changes in order; answers how many outbox rows it handled. */
  async drain(max = 10_000): Promise<number> {
    await this.refreshContractDay();
    const dag = isoDate(this.clock.now());
    let handled = 0;
    while (handled < max) {
      const rows = await this.db.orm.all<{ nr: number; aanbod_id: string }>(
        sql`SELECT nr, aanbod_id FROM zoek_outbox ORDER BY nr LIMIT 1000`,
      );
      if (rows.length === 0) break;
      const ids = [...new Set(rows.map((r) => r.aanbod_id))];
      const current = await this.db.orm.all<ZoekRij>(
        sql`SELECT * FROM zoek_aanbod WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
      );
      const present = new Set(current.map((r) => r.id));
      const gone = ids.filter((id) => !present.has(id));
      const index = this.client.index(this.indexUid);
      if (current.length > 0) await this.check(index.addDocuments(await this.documents(current, dag)).waitTask());
      if (gone.length > 0) await this.check(index.deleteDocuments(gone).waitTask());
      const last = (rows.at(-1) as { nr: number }).nr;
      await this.db.atomic([{ query: this.db.orm.delete(zoekOutbox).where(lte(zoekOutbox.nr, last)) }]);
      handled += rows.length;
    }
    return handled;
  }

  private async check(task: Promise<{ status: string; error?: unknown; uid: number }>) {
    const done = await task;
    if (done.status !== "succeeded")
      throw new Error(`Meilisearch task ${done.uid} ${done.status}: ${JSON.stringify(done.error)}`);
    return done;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const base = this.filters(query);
    const parts: { filter: string[]; gecontracteerd?: boolean }[] = [];
    if (!query.contract) parts.push({ filter: base });
    else {
      // Documents list the municipalities they are contracted for today (refreshed daily by `drain`).
      const inContract = `gecontracteerdVoor = ${q(query.contract.gemeente)}`;
      parts.push({ filter: [...base, inContract], gecontracteerd: true });
      if (query.contract.ookNietGecontracteerd) parts.push({ filter: [...base, `NOT ${inContract}`], gecontracteerd: false });
    }

    const common = { indexUid: this.indexUid, q: query.q ?? "", matchingStrategy: "all" as const };
    const sort = this.sort(query);
    const grens = (iso: string) => Date.parse(iso);
    // One request: per part its exact count, facets and (where it is known to start) its share
    // of the page, plus the counts of the actualiteit buckets: both, or only actueel when no offer
    // older than the verouderd boundary can match (the default), since what is not actueel is
    // then verouderd. `page`/`hitsPerPage` make Meilisearch count exhaustively; a page that
    // starts inside the second part is fetched once the first part's count is known.
    const verouderdGeteld = query.bevestigdVanaf === undefined || grens(query.bevestigdVanaf) < grens(query.grenzen.verouderd);
    const paged = query.offset % query.limit === 0;
    const pageOf = (i: number) =>
      paged && (i === 0 || query.offset === 0)
        ? { sort, page: i === 0 ? query.offset / query.limit + 1 : 1, hitsPerPage: query.limit }
        : { page: 1, hitsPerPage: 0 };
    const queries: MultiSearchQuery[] = parts.flatMap((part, i) => [
      { ...common, filter: part.filter, facets: ["categorie", "intakeStatus", "gemeente"], ...pageOf(i) },
      { ...common, filter: [...part.filter, `bevestigdOp >= ${grens(query.grenzen.actueel)}`], page: 1, hitsPerPage: 0 },
      ...(verouderdGeteld
        ? [
            {
              ...common,
              filter: [
                ...part.filter,
                `bevestigdOp >= ${grens(query.grenzen.verouderd)}`,
                `bevestigdOp < ${grens(query.grenzen.actueel)}`,
              ],
              page: 1,
              hitsPerPage: 0,
            },
          ]
        : []),
    ]);
    const perPart = verouderdGeteld ? 3 : 2;
    const { results } = await this.client.multiSearch({ queries });
    const facetten = emptyFacetten();
    const found = parts.map((part, i) => {
      const [main, actueel, verouderd] = results.slice(i * perPart, (i + 1) * perPart) as unknown as SearchResponse<MeiliHit>[];
      const total = main?.totalHits ?? 0;
      const dist = main?.facetDistribution ?? {};
      for (const [facet, key] of [
        ["categorie", "zorgvorm"],
        ["intakeStatus", "intakeStatus"],
        ["gemeente", "gemeente"],
      ] as const) {
        for (const [value, n] of Object.entries(dist[facet] ?? {})) facetten[key][value] = (facetten[key][value] ?? 0) + n;
      }
      const a = actueel?.totalHits ?? 0;
      const v = verouderdGeteld ? (verouderd?.totalHits ?? 0) : total - a;
      facetten.actualiteit.actueel += a;
      facetten.actualiteit.verouderd += v;
      facetten.actualiteit["sterk-verouderd"] += total - a - v;
      return { part, total, hits: pageOf(i).hitsPerPage > 0 ? (main?.hits ?? []) : undefined };
    });

    // The page: contracted first, then the others; each part's share from the first request
    // when it brought it, else fetched now.
    const hits: SearchHit[] = [];
    let skip = query.offset;
    for (const { part, total, hits: brought } of found) {
      const want = query.limit - hits.length;
      if (want > 0 && skip < total) {
        const rows =
          brought ??
          (
            await this.client
              .index<MeiliHit>(this.indexUid)
              .search(common.q, { filter: part.filter, sort, offset: skip, limit: Math.min(want, total - skip) })
          ).hits;
        for (const hit of rows.slice(0, want)) {
          const document = hit.weergave;
          const id = String(hit.id);
          hits.push(part.gecontracteerd === undefined ? { id, document } : { id, gecontracteerd: part.gecontracteerd, document });
        }
      }
      skip = Math.max(0, skip - total);
    }
    return { hits, totaal: found.reduce((n, f) => n + f.total, 0), facetten };
  }

  private filters(query: SearchQuery): string[] {
    const f: string[] = [];
    if (query.zorgvormen) f.push(`zorgvorm IN ${list(query.zorgvormen)}`);
    if (query.leeftijd !== undefined) f.push(`leeftijdVan <= ${query.leeftijd}`, `leeftijdTot >= ${query.leeftijd}`);
    if (query.alleenVrij) f.push("vrijePlekken > 0", `intakeStatus = ${q("open")}`);
    if (query.maxWachttijd !== undefined) f.push(`totaalWachttijd <= ${query.maxWachttijd}`);
    if (query.bevestigdVanaf) f.push(`bevestigdOp >= ${Date.parse(query.bevestigdVanaf)}`);
    if (query.aanbiederId) f.push(`aanbiederId = ${q(query.aanbiederId)}`);
    if (query.locatieId) f.push(`locatieId = ${q(query.locatieId)}`);
    if (query.intakeStatus) f.push(`intakeStatus = ${q(query.intakeStatus)}`);
    if (query.nabij?.straalKm !== undefined) {
      f.push(`_geoRadius(${query.nabij.lat}, ${query.nabij.lon}, ${straalMeters(query.nabij.straalKm)})`);
    }
    return f;
  }

  private sort(query: SearchQuery): string[] | undefined {
    switch (query.sorteer) {
      case "relevantie":
        return query.q ? undefined : ["totaalWachttijd:asc", "vrijePlekken:desc", "id:asc"];
      case "afstand":
        return query.nabij ? [`_geoPoint(${query.nabij.lat}, ${query.nabij.lon}):asc`, "id:asc"] : ["id:asc"];
      case "vrijePlekken":
        return ["vrijePlekken:desc", "totaalWachttijd:asc", "id:asc"];
      default:
        return ["totaalWachttijd:asc", "vrijePlekken:desc", "id:asc"];
    }
  }
}
