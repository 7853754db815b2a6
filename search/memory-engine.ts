import type { gemeenten } from "../db/schema/index.ts";
import type { SqliteDatabase } from "../db/sqlite.ts";
import type { Referenties, SearchEngine, SearchQuery, SearchResult } from "./engine.ts";
import { DEKKING_KOLOMMEN, type DekkingRij } from "./memory/coverage.ts";
import { MemoryIndex } from "./memory/index.ts";
import { type GeheugenRij, geheugenRijen } from "./memory/offers.ts";
import { queryWords } from "./text.ts";

/** Beyond this many changes to follow, building the index anew is as quick and simpler. */
const REBUILD_AFTER = 20_000;
/** Answers kept for searches asked again (the same filters, page and order). */
const CACHED_ANSWERS = 256;

interface Cached {
  version: number;
  vanaf: number;
  geldigTot: number;
  result: SearchResult;
}

/**
 * A search without its moment: the cut-offs as distances from `nu`, so that the same question
 * asked a second later has the same key (whether its answer still holds is `geldigTot`).
 */
function cacheKey(q: SearchQuery): string {
  const nu = Date.parse(q.nu);
  const voor = (iso: string | undefined) => (iso === undefined ? null : nu - Date.parse(iso));
  return JSON.stringify([
    q.zorgvormen,
    q.contract,
    q.leeftijd,
    q.alleenVrij,
    q.maxWachttijd,
    q.nabij,
    q.q,
    voor(q.bevestigdVanaf),
    voor(q.grenzen.actueel),
    voor(q.grenzen.verouderd),
    q.aanbiederId,
    q.locatieId,
    q.intakeStatus,
    q.sorteer,
    q.offset,
    q.limit,
  ]);
}

/**
 * The embedded engine of a Node server: a compact index of the offers in this process's
 * memory (see MemoryIndex), filled from the search projection in SQLite and kept current
 * through the change feed `zoek_wijzigingen` (migration 0040). Before every search it asks
 * SQLite whether anything was written since it last looked, by this connection
 * (`total_changes()`, at every search) or by any other process on the file (`PRAGMA
 * data_version`, once per turn of the event loop), and if so applies the changes first: a write
 * of this process is visible to the very next search, another process's from the next turn.
 * SQLite stays the source of truth; the index holds what an answer shows, so a search reads
 * nothing from SQLite but those two numbers.
 */
export class MemorySearchEngine implements SearchEngine {
  readonly name = "geheugen" as const;
  private index = new MemoryIndex();
  private referentieData: Referenties = { subtree: () => undefined, gemeente: () => undefined };
  private position = 0;
  private seen = { changes: -1, version: -1 };
  /**
   * Whether `data_version` was read in this turn of the event loop. Writes by this connection
   * show in `total_changes()`, which costs nothing to read; another process's commits only in
   * `data_version`, which takes SQLite's read lock on the file (several system calls). That is
   * read once per turn: a search sees every write of this connection at once, and every commit
   * of another that was done before the turn's first search.
   */
  private versionSeenThisTurn = false;
  /** How often the index was built from scratch (at start, and when it fell too far behind). */
  builds = 0;
  /** Changes applied so far: an answer is kept only for the version it was made on. */
  private version = 0;
  private readonly answers = new Map<string, Cached>();
  private readonly statements;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly options: {
      log?: (message: string) => void;
      /** Beyond this many changes to follow, the index is built anew (default 20,000). */
      rebuildAfter?: number;
      /** Keep answers to repeated searches (default on); they hold until a write or a cut-off or hold's end changes them. */
      cache?: boolean;
    } = {},
  ) {
    const s = db.sqlite;
    this.statements = {
      changes: s.prepare("SELECT total_changes()").pluck(),
      version: s.prepare("PRAGMA data_version").pluck(),
      head: s.prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'zoek_wijzigingen'), 0) AS nr"),
      trimmed: s.prepare("SELECT CAST(waarde AS INTEGER) AS nr FROM zoek_meta WHERE sleutel = 'wijzigingen-gewist-tot'"),
      feed: s.prepare("SELECT nr, soort, sleutel FROM zoek_wijzigingen WHERE nr > ? ORDER BY nr LIMIT ?"),
      offers: s.prepare(geheugenRijen("alle")),
      offersById: s.prepare(geheugenRijen("ids")),
      holds: s.prepare("SELECT aanbod_id, verloopt_op FROM reserveringen WHERE status = 'actief'"),
      holdsById: s.prepare(
        "SELECT aanbod_id, verloopt_op FROM reserveringen WHERE status = 'actief' AND aanbod_id IN (SELECT value FROM json_each(?))",
      ),
      dekking: s.prepare(`SELECT ${DEKKING_KOLOMMEN} FROM contract_dekking`).raw(true),
      zorgvormen: s.prepare("SELECT code, bovenliggend FROM zorgvormen"),
      gemeenten: s.prepare("SELECT code, naam, regio, lat, lon FROM gemeenten"),
      dekkingById: s
        .prepare(`SELECT ${DEKKING_KOLOMMEN} FROM contract_dekking WHERE contract_id IN (SELECT value FROM json_each(?))`)
        .raw(true),
    };
  }

  /** Builds the index from SQLite (at start: it lives in memory only). */
  async init(): Promise<void> {
    this.sync();
  }

  /** Builds the index anew from the projection, the holds and the contracts, in one read transaction. */
  private build(): void {
    const started = performance.now();
    const index = new MemoryIndex();
    index.startBuild();
    this.db.sqlite.transaction(() => {
      this.position = (this.statements.head.get() as { nr: number }).nr;
      const ends = holdEnds(this.statements.holds.all() as HoldRij[]);
      for (const row of this.statements.offers.iterate() as Iterable<GeheugenRij>) index.put(row, ends.get(row.id));
      index.setContracts([], this.statements.dekking.iterate() as Iterable<DekkingRij>);
      this.loadReferenties(true);
    })();
    index.endBuild();
    this.index = index;
    this.changed();
    this.builds++;
    this.options.log?.(
      `Search: in-memory index built, ${index.offers.count} offers in ${(performance.now() - started).toFixed(0)} ms.`,
    );
  }

  /** Applies what was written since the last look, or builds anew when that is the quicker way. */
  private sync(): void {
    const changes = this.statements.changes.get() as number;
    if (changes === this.seen.changes && this.versionSeenThisTurn) return;
    const version = this.statements.version.get() as number;
    if (!this.versionSeenThisTurn) {
      this.versionSeenThisTurn = true;
      setImmediate(() => {
        this.versionSeenThisTurn = false;
      });
    }
    if (changes === this.seen.changes && version === this.seen.version) return;
    this.seen = { changes, version };
    if (this.builds === 0 || !this.follow()) this.build();
  }

  /** Follows the change feed from the index's position; answers false when the index must be built anew. */
  private follow(): boolean {
    const trimmed = (this.statements.trimmed.get() as { nr: number } | undefined)?.nr ?? 0;
    if (this.position < trimmed) return false;
    const rebuildAfter = this.options.rebuildAfter ?? REBUILD_AFTER;
    const changes = this.statements.feed.all(this.position, rebuildAfter + 1) as Wijziging[];
    if (changes.length === 0) return true;
    // A changed catalogue changes what many contracts cover: all of it is read again.
    if (changes.length > rebuildAfter || changes.some((c) => c.soort === "catalogus")) return false;
    const offers = new Set<string>();
    const contracts = new Set<string>();
    let gemeenten = false;
    for (const c of changes) {
      if (c.soort === "gemeente") gemeenten = true;
      else (c.soort === "contract" ? contracts : offers).add(c.sleutel);
    }
    this.db.sqlite.transaction(() => {
      if (gemeenten) this.loadReferenties(false);
      if (offers.size > 0) {
        const ids = JSON.stringify([...offers]);
        const ends = holdEnds(this.statements.holdsById.all(ids) as HoldRij[]);
        for (const row of this.statements.offersById.all(ids) as GeheugenRij[]) {
          this.index.put(row, ends.get(row.id));
          offers.delete(row.id);
        }
        for (const gone of offers) this.index.remove(gone);
      }
      if (contracts.size > 0) {
        this.index.setContracts(contracts, this.statements.dekkingById.all(JSON.stringify([...contracts])) as DekkingRij[]);
      }
    })();
    this.position = (changes.at(-1) as Wijziging).nr;
    this.changed();
    return true;
  }

  /** Reads the municipalities, and with `catalogus` also the care-type tree, from the register. */
  private loadReferenties(catalogus: boolean): void {
    type Gemeente = typeof gemeenten.$inferSelect;
    const perGemeente = new Map((this.statements.gemeenten.all() as Gemeente[]).map((g) => [g.code, g]));
    let subtree = this.referentieData.subtree;
    if (catalogus) {
      const rows = this.statements.zorgvormen.all() as { code: string; bovenliggend: string | null }[];
      const children = new Map<string, string[]>();
      for (const z of rows) if (z.bovenliggend) children.set(z.bovenliggend, [...(children.get(z.bovenliggend) ?? []), z.code]);
      const below = (code: string): string[] => [code, ...(children.get(code) ?? []).flatMap(below)];
      const trees = new Map(rows.map((z) => [z.code, below(z.code)]));
      subtree = (code) => trees.get(code);
    }
    this.referentieData = { subtree, gemeente: (code) => perGemeente.get(code) };
  }

  /** Care types and municipalities as the register holds them now. */
  async referenties(): Promise<Referenties> {
    this.sync();
    return this.referentieData;
  }

  private changed(): void {
    this.version++;
    this.answers.clear();
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    this.sync();
    const nu = Date.parse(query.nu);
    const key = this.options.cache === false ? undefined : cacheKey(query);
    const kept = key === undefined ? undefined : this.answers.get(key);
    if (kept && key !== undefined && kept.version === this.version && nu >= kept.vanaf && nu <= kept.geldigTot) {
      this.answers.delete(key); // most recently used last
      this.answers.set(key, kept);
      return kept.result;
    }
    const { page, totaal, facetten, geldigTot } = this.index.search(query, query.q ? queryWords(query.q) : []);
    const result = { hits: page, totaal, facetten };
    if (key !== undefined) {
      if (this.answers.size >= CACHED_ANSWERS) this.answers.delete(this.answers.keys().next().value as string);
      this.answers.set(key, { version: this.version, vanaf: nu, geldigTot, result });
    }
    return result;
  }
}

interface Wijziging {
  nr: number;
  soort: "aanbod" | "contract" | "catalogus" | "gemeente";
  sleutel: string;
}

interface HoldRij {
  aanbod_id: string;
  verloopt_op: string;
}

function holdEnds(rows: HoldRij[]): Map<string, number[]> {
  const ends = new Map<string, number[]>();
  for (const r of rows) {
    const list = ends.get(r.aanbod_id) ?? [];
    list.push(Date.parse(r.verloopt_op));
    ends.set(r.aanbod_id, list);
  }
  return ends;
}
