import { type SQL, sql } from "drizzle-orm";
import { type Database, rawWrite } from "../db/database.ts";
import { gecontracteerd } from "../db/dekking.ts";
import { zoekAanbod, zoekMeta } from "../db/schema/index.ts";
import { emptyFacetten, type SearchEngine, type SearchQuery, type SearchResult, straalHoek } from "./engine.ts";
import { MIN_WOORD_VOOR_TYPFOUT, queryWords, withinDistance } from "./text.ts";

const RAD = Math.PI / 180;

/** Up to this many matches the page is read through the care-type index, above it along the sort order. */
const KLEINE_SET = 5_000;

/** Care types bound one by one up to this many; more go as one JSON parameter (D1: at most 100 parameters). */
const LITERAL_MAX = 40;

/** Bump when the projection's meaning changes without a migration: start-up then rebuilds it. */
export const SQLITE_ZOEK_VERSIE = "1";

const PROJECTIE_KOLOMMEN = sql.raw(
  "id, aanbieder_id, locatie_id, zorgvorm, categorie, contract_sleutel, leeftijd_van, leeftijd_tot, vrije_plekken, vastgehouden, vastgehouden_tot, intake_status, totaal_wachttijd, bevestigd_op, gemeente, lat, lon, aanbieder_naam, naam, omschrijving, plaats",
);

/**
 * Free places no hold through the register counts on, at `nu`. The projection counts active
 * holds; only when one of them has passed its end (not yet finalised) are they counted again.
 */
function beschikbaar(nu: string): SQL {
  return sql`(z.vrije_plekken - CASE WHEN z.vastgehouden = 0 OR z.vastgehouden_tot > ${nu} THEN z.vastgehouden
    ELSE (SELECT count(*) FROM reserveringen r WHERE r.aanbod_id = z.id AND r.status = 'actief' AND r.verloopt_op > ${nu}) END)`;
}

/**
 * The embedded engine: SQL over the trigger-maintained projection `zoek_aanbod` plus the
 * FTS5 table `zoek_tekst`, in the register's own database (better-sqlite3 or D1). Plain SQL only:
 * no application-defined functions, so the same statements run on D1.
 */
export class SqliteSearchEngine implements SearchEngine {
  readonly name = "sqlite" as const;
  private vocab: { versie: string; byLength: Map<number, string[]> } | undefined;

  constructor(private readonly db: Database) {}

  /** Rebuilds the projection when it was built by another version of this engine. */
  async init(): Promise<boolean> {
    const [row] = await this.db.orm.all<{ waarde: string }>(sql`SELECT waarde FROM zoek_meta WHERE sleutel = 'sqlite-versie'`);
    if (row?.waarde === SQLITE_ZOEK_VERSIE) return false;
    await this.reindex();
    return true;
  }

  /** Rebuilds the projection (and through its triggers the FTS index) from the register, atomically. */
  async reindex(): Promise<number> {
    const changes = await this.db.atomic([
      { query: this.db.orm.delete(zoekAanbod) },
      { query: rawWrite(sql`INSERT INTO zoek_aanbod (${PROJECTIE_KOLOMMEN}) SELECT ${PROJECTIE_KOLOMMEN} FROM zoek_bron`) },
      {
        query: this.db.orm
          .insert(zoekMeta)
          .values({ sleutel: "sqlite-versie", waarde: SQLITE_ZOEK_VERSIE })
          .onConflictDoUpdate({ target: zoekMeta.sleutel, set: { waarde: SQLITE_ZOEK_VERSIE } }),
      },
    ]);
    return changes[1] ?? 0;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const match = query.q ? await this.matchExpression(query.q) : undefined;
    const from = match
      ? sql`zoek_aanbod z JOIN zoek_tekst ON zoek_tekst.rowid = z.nr AND zoek_tekst MATCH ${match}`
      : sql`zoek_aanbod z`;
    // Evaluated per row through the contract index, so contracts count from the day they start without reindexing.
    const contracted = query.contract ? gecontracteerd(query.contract) : sql`NULL`;
    // The care types as a literal list let the planner use the zorgvorm index: right for the
    // counts, and for the page when the set is small. For a large set, the page reads faster by
    // walking the sort index, which a json_each list leaves the planner free to do.
    const where = (literal: boolean) => sql.join(this.conditions(query, contracted, literal), sql` AND `);
    const distance = query.nabij ? this.haversine(query.nabij) : undefined;

    const order: SQL[] = [];
    if (query.contract?.ookNietGecontracteerd) order.push(sql`gecontracteerd DESC`);
    switch (query.sorteer) {
      case "relevantie":
        if (match) order.push(sql`bm25(zoek_tekst, 3.0, 2.0, 1.0, 1.0)`);
        break;
      case "afstand":
        if (distance) order.push(sql`${distance}`);
        break;
      case "vrijePlekken":
        order.push(sql`${beschikbaar(query.nu)} DESC`, sql`z.totaal_wachttijd IS NULL`, sql`z.totaal_wachttijd`);
        break;
      default:
        order.push(sql`z.totaal_wachttijd IS NULL`, sql`z.totaal_wachttijd`, sql`z.vrije_plekken DESC`);
    }
    order.push(sql`z.id`);

    const groups = await this.db.orm.all<{
      categorie: string;
      intake_status: string;
      gemeente: string;
      actueel: number;
      verouderd: number;
      n: number;
    }>(
      sql`SELECT z.categorie, z.intake_status, z.gemeente,
            sum(z.bevestigd_op >= ${query.grenzen.actueel}) AS actueel,
            sum(z.bevestigd_op >= ${query.grenzen.verouderd} AND z.bevestigd_op < ${query.grenzen.actueel}) AS verouderd,
            count(*) AS n
          FROM ${from} WHERE ${where(true)} GROUP BY 1, 2, 3`,
    );
    const totaalVooraf = groups.reduce((n, g) => n + g.n, 0);
    const rows =
      totaalVooraf <= query.offset
        ? []
        : await this.db.orm.all<{ id: string; gecontracteerd: number | null }>(
            sql`SELECT z.id, ${contracted} AS gecontracteerd FROM ${from} WHERE ${where(totaalVooraf <= KLEINE_SET)}
                ORDER BY ${sql.join(order, sql`, `)} LIMIT ${query.limit} OFFSET ${query.offset}`,
          );

    const facetten = emptyFacetten();
    let totaal = 0;
    const add = (bucket: Record<string, number>, key: string, n: number) => {
      bucket[key] = (bucket[key] ?? 0) + n;
    };
    for (const g of groups) {
      totaal += g.n;
      add(facetten.zorgvorm, g.categorie, g.n);
      add(facetten.intakeStatus, g.intake_status, g.n);
      add(facetten.gemeente, g.gemeente, g.n);
      facetten.actualiteit.actueel += g.actueel ?? 0;
      facetten.actualiteit.verouderd += g.verouderd ?? 0;
      facetten.actualiteit["sterk-verouderd"] += g.n - (g.actueel ?? 0) - (g.verouderd ?? 0);
    }
    return {
      hits: rows.map((r) => (query.contract ? { id: r.id, gecontracteerd: r.gecontracteerd === 1 } : { id: r.id })),
      totaal,
      facetten,
    };
  }

  private conditions(query: SearchQuery, contracted: SQL, literal: boolean): SQL[] {
    const c: SQL[] = [sql`1 = 1`];
    if (query.zorgvormen) {
      c.push(
        // D1 binds at most 100 parameters per statement: a long list goes as one JSON parameter.
        literal && query.zorgvormen.length <= LITERAL_MAX
          ? sql`z.zorgvorm IN (${sql.join(
              query.zorgvormen.map((code) => sql`${code}`),
              sql`, `,
            )})`
          : sql`z.zorgvorm IN (SELECT value FROM json_each(${JSON.stringify(query.zorgvormen)}))`,
      );
    }
    if (query.contract && !query.contract.ookNietGecontracteerd) c.push(contracted);
    if (query.leeftijd !== undefined) c.push(sql`z.leeftijd_van <= ${query.leeftijd} AND z.leeftijd_tot >= ${query.leeftijd}`);
    if (query.alleenVrij) c.push(sql`z.vrije_plekken > 0 AND z.intake_status = 'open' AND ${beschikbaar(query.nu)} > 0`);
    if (query.maxWachttijd !== undefined) c.push(sql`z.totaal_wachttijd <= ${query.maxWachttijd}`);
    if (query.bevestigdVanaf) c.push(sql`z.bevestigd_op >= ${query.bevestigdVanaf}`);
    if (query.aanbiederId) c.push(sql`z.aanbieder_id = ${query.aanbiederId}`);
    if (query.locatieId) c.push(sql`z.locatie_id = ${query.locatieId}`);
    if (query.intakeStatus) c.push(sql`z.intake_status = ${query.intakeStatus}`);
    if (query.nabij?.straalKm !== undefined) {
      const { lat, lon, straalKm } = query.nabij;
      // The box around the circle: on a sphere its widest point lies a little poleward of the centre.
      const angle = straalHoek(straalKm);
      const dLat = angle / RAD;
      const dLon = Math.asin(Math.min(1, Math.sin(angle) / Math.cos(lat * RAD))) / RAD;
      c.push(
        sql`z.lat BETWEEN ${lat - dLat} AND ${lat + dLat} AND z.lon BETWEEN ${lon - dLon} AND ${lon + dLon}`,
        sql`${this.haversine(query.nabij)} <= ${Math.sin(angle / 2) ** 2}`,
      );
    } else if (query.nabij) {
      c.push(sql`z.lat IS NOT NULL`);
    }
    return c;
  }

  /**
   * The haversine of the central angle to the search point, hav = sin²(Δφ/2) + cos φ₁·cos φ₂·sin²(Δλ/2):
   * it orders like the distance and is within a radius r when hav ≤ sin²(r/2R), exactly the
   * great-circle rule of Meilisearch and of the in-memory engine. Plain arithmetic that D1 also
   * runs: the sines and cosines of the row's differences are their Taylor series, whose error
   * within a few hundred kilometres is below 1e-13 (micrometres).
   */
  private haversine({ lat, lon }: { lat: number; lon: number }): SQL {
    const n = (v: number) => {
      if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
      return String(v);
    };
    const dPhi = `((z.lat - ${n(lat)}) * ${n(RAD)})`;
    const dLambda = `((z.lon - ${n(lon)}) * ${n(RAD)})`;
    /** sin²(x/2) = (1 − cos x)/2 */
    const sin2Half = (x: string) =>
      `(${x} * ${x} * (0.25 - ${x} * ${x} * (${n(1 / 48)} - ${x} * ${x} * (${n(1 / 1440)} - ${x} * ${x} * ${n(1 / 80640)}))))`;
    const sin = (x: string) =>
      `(${x} * (1 - ${x} * ${x} * (${n(1 / 6)} - ${x} * ${x} * (${n(1 / 120)} - ${x} * ${x} * ${n(1 / 5040)}))))`;
    const cosLat = Math.cos(lat * RAD);
    /** cos φ₂ = cos(φ₁ + Δφ) */
    const cosLat2 = `(${n(cosLat)} * (1 - 2 * ${sin2Half(dPhi)}) - ${n(Math.sin(lat * RAD))} * ${sin(dPhi)})`;
    return sql.raw(`(${sin2Half(dPhi)} + ${n(cosLat)} * ${cosLat2} * ${sin2Half(dLambda)})`);
  }

  /**
   * The FTS5 query for a text: every word must match (as a prefix for the last one while
   * typing), or, for words of five letters or more, an indexed word one edit away.
   * Answers undefined when the text has no words that count.
   */
  private async matchExpression(q: string): Promise<string | undefined> {
    const words = queryWords(q);
    if (words.length === 0) return undefined;
    const vocab = await this.vocabulary();
    const groups = words.map(({ woord, prefix }) => {
      const alternatives = new Set([prefix ? `"${woord}"*` : `"${woord}"`]);
      if (woord.length >= MIN_WOORD_VOOR_TYPFOUT) {
        for (const [len, terms] of vocab) {
          if (prefix ? len < woord.length - 1 : Math.abs(len - woord.length) > 1) continue;
          for (const term of terms) {
            // While typing, the word may be the start of an indexed word with one typo in it.
            const candidates = prefix
              ? [term.slice(0, woord.length - 1), term.slice(0, woord.length), term.slice(0, woord.length + 1)]
              : [term];
            if (prefix && term.startsWith(woord)) continue; // the prefix query finds it already
            if (term !== woord && candidates.some((c) => withinDistance(woord, c, 1))) alternatives.add(`"${term}"`);
          }
        }
      }
      return `(${[...alternatives].join(" OR ")})`;
    });
    return groups.join(" AND ");
  }

  /** Indexed words by length, reloaded only when a text in the index changed. */
  private async vocabulary(): Promise<Map<number, string[]>> {
    const [row] = await this.db.orm.all<{ waarde: string }>(sql`SELECT waarde FROM zoek_meta WHERE sleutel = 'tekstversie'`);
    const versie = row?.waarde ?? "0";
    if (this.vocab?.versie === versie) return this.vocab.byLength;
    const terms = await this.db.orm.all<{ term: string }>(sql`SELECT term FROM zoek_tekst_vocab`);
    const byLength = new Map<number, string[]>();
    for (const { term } of terms) {
      if (term.length < MIN_WOORD_VOOR_TYPFOUT - 1) continue;
      const list = byLength.get(term.length) ?? [];
      list.push(term);
      byLength.set(term.length, list);
    }
    this.vocab = { versie, byLength };
    return byLength;
  }
}
