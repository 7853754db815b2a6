import { type DocumentRij, toZoekDocument, type ZoekDocument } from "../document.ts";

/** A total waiting time that is unknown (crisis care): sorts last, never passes `maxWachttijd`. */
export const GEEN_WACHTTIJD = 1 << 20;
const PLEKKEN_BEREIK = 1 << 24;

/**
 * One offer as the in-memory index reads it: the search projection `zoek_aanbod` joined with
 * what an answer shows (search/document.ts), so that a search needs no query for its page.
 */
export interface GeheugenRij extends DocumentRij {
  categorie: string;
  vastgehouden_tot: string | null;
  totaal_wachttijd: number | null;
}

/** The rows of the offers whose ids the JSON array parameter names, or all of them. */
export function geheugenRijen(filter: "alle" | "ids"): string {
  return `SELECT z.id, z.aanbieder_id, z.locatie_id, z.zorgvorm, z.categorie, z.naam, z.omschrijving, z.leeftijd_van,
      z.leeftijd_tot, a.capaciteit, z.vrije_plekken, a.aanmeldwachttijd_weken, a.behandelwachttijd_weken, z.intake_status,
      a.overbrugging, a.versie, a.aangemaakt_op, a.gewijzigd_op, z.bevestigd_op, z.vastgehouden, z.vastgehouden_tot,
      z.totaal_wachttijd, z.aanbieder_naam, p.telefoon, p.email, p.website, l.naam AS locatie_naam, z.plaats, z.gemeente,
      z.lat, z.lon
    FROM zoek_aanbod z
    JOIN aanbod a ON a.id = z.id
    JOIN aanbieders p ON p.id = z.aanbieder_id
    JOIN locaties l ON l.id = z.locatie_id${filter === "ids" ? "\n    WHERE z.id IN (SELECT value FROM json_each(?))" : ""}`;
}

/** Codes as small integers, so that columns are typed arrays and facets count into arrays. */
export class Dictionary {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  /** The id of a value, or -1 when no offer ever had it. */
  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }
}

const timestamp = (iso: string | null, none: number) => (iso ? Date.parse(iso) : none);

/** A number that orders like the id's first six characters (each below 256; else 0 and the string decides). */
function idKey(id: string): number {
  let key = 0;
  for (let i = 0; i < 6; i++) {
    const c = i < id.length ? id.charCodeAt(i) + 1 : 0;
    if (c > 256) return 0;
    key = key * 257 + c;
  }
  return key;
}
const RAD = Math.PI / 180;

/**
 * The offers as columns in typed arrays, one slot per offer (a deleted offer's slot is reused):
 * what search filters, counts and sorts on, and the document an answer shows. Texts live in
 * the TextIndex, contracts in the Coverage.
 */
export class Offers {
  capacity = 0;
  /** Slots in use are below this. */
  end = 0;
  count = 0;
  readonly ids: string[] = [];
  readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];

  readonly aanbieders = new Dictionary();
  readonly locaties = new Dictionary();
  readonly zorgvormen = new Dictionary();
  readonly categorieen = new Dictionary();
  readonly gemeenten = new Dictionary();
  readonly intakeStatussen = new Dictionary();

  alive = new Uint8Array(0);
  aanbieder = new Int32Array(0);
  locatie = new Int32Array(0);
  zorgvorm = new Int32Array(0);
  categorie = new Int32Array(0);
  gemeente = new Int32Array(0);
  intake = new Uint8Array(0);
  leeftijdVan = new Uint8Array(0);
  leeftijdTot = new Uint8Array(0);
  vrije = new Int32Array(0);
  vast = new Int32Array(0);
  /** Earliest end (ms) of the offer's active holds; Infinity without holds. */
  vastTot = new Float64Array(0);
  /** Total waiting time in weeks, GEEN_WACHTTIJD when unknown. */
  wacht = new Int32Array(0);
  /** Confirmed at (ms); -Infinity when never. */
  bevestigd = new Float64Array(0);
  lat = new Float64Array(0);
  lon = new Float64Array(0);
  /** The point on the unit sphere (NaN without coordinates): distances by chord, without trigonometry per offer. */
  x = new Float64Array(0);
  y = new Float64Array(0);
  z = new Float64Array(0);
  /** The default order (wachttijd, then most free places) as one number; ties go by id. */
  volgorde = new Float64Array(0);
  /** The id's first six characters as a number, in the order of the id: most ties end here without a string compare. */
  idKey = new Float64Array(0);
  /** The facet cell of the offer: its category, intake status and municipality together. */
  cel = new Int32Array(0);
  private readonly cellen = new Map<number, number>();
  /** Per facet cell: its category, intake status and municipality (dictionary ids). */
  readonly celCategorie: number[] = [];
  readonly celIntake: number[] = [];
  readonly celGemeente: number[] = [];
  /** Per care type (dictionary id): the slots of its offers, to read a narrow search only where it can match. */
  readonly perZorgvorm: number[][] = [];
  /** Per slot with active holds: the ends (ms) of those holds. */
  readonly holdEnds = new Map<number, number[]>();
  /** What an answer shows, per slot (`vastgehouden` is counted at the moment of the search). */
  readonly documents: (ZoekDocument | undefined)[] = [];
  /** Shares repeated texts (names, places, descriptions) between documents while the index is built. */
  private interned: Map<string, string> | undefined;

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    const copy = <T extends Uint8Array | Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    const u8 = (n: number) => new Uint8Array(n);
    const i32 = (n: number) => new Int32Array(n);
    const f64 = (n: number) => new Float64Array(n);
    this.alive = copy(this.alive, u8);
    this.aanbieder = copy(this.aanbieder, i32);
    this.locatie = copy(this.locatie, i32);
    this.zorgvorm = copy(this.zorgvorm, i32);
    this.categorie = copy(this.categorie, i32);
    this.gemeente = copy(this.gemeente, i32);
    this.intake = copy(this.intake, u8);
    this.leeftijdVan = copy(this.leeftijdVan, u8);
    this.leeftijdTot = copy(this.leeftijdTot, u8);
    this.vrije = copy(this.vrije, i32);
    this.vast = copy(this.vast, i32);
    this.vastTot = copy(this.vastTot, f64);
    this.wacht = copy(this.wacht, i32);
    this.bevestigd = copy(this.bevestigd, f64);
    this.lat = copy(this.lat, f64);
    this.lon = copy(this.lon, f64);
    this.x = copy(this.x, f64);
    this.y = copy(this.y, f64);
    this.z = copy(this.z, f64);
    this.volgorde = copy(this.volgorde, f64);
    this.idKey = copy(this.idKey, f64);
    this.cel = copy(this.cel, i32);
    this.capacity = capacity;
  }

  startBuild(): void {
    this.interned = new Map();
  }

  endBuild(): void {
    this.interned = undefined;
  }

  private intern<T extends string | null>(text: T): T {
    if (text === null || !this.interned) return text;
    const known = this.interned.get(text);
    if (known !== undefined) return known as T;
    this.interned.set(text, text);
    return text;
  }

  /** Stores an offer with the ends of its active holds; answers its slot. */
  put(r: GeheugenRij, holdEnds: number[] | undefined): number {
    let slot = this.slotOf.get(r.id);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.end++;
      if (slot >= this.capacity) this.grow();
      this.slotOf.set(r.id, slot);
      this.ids[slot] = r.id;
      this.idKey[slot] = idKey(r.id);
      this.alive[slot] = 1;
      this.zorgvorm[slot] = -1;
      this.count++;
    }
    this.aanbieder[slot] = this.aanbieders.id(r.aanbieder_id);
    this.locatie[slot] = this.locaties.id(r.locatie_id);
    const zorgvorm = this.zorgvormen.id(r.zorgvorm);
    if (this.zorgvorm[slot] !== zorgvorm) {
      this.unlistZorgvorm(slot);
      this.zorgvorm[slot] = zorgvorm;
      while (this.perZorgvorm.length <= zorgvorm) this.perZorgvorm.push([]);
      (this.perZorgvorm[zorgvorm] as number[]).push(slot);
    }
    this.categorie[slot] = this.categorieen.id(r.categorie);
    this.gemeente[slot] = this.gemeenten.id(r.gemeente);
    this.intake[slot] = this.intakeStatussen.id(r.intake_status);
    this.cel[slot] = this.cell(this.categorie[slot] as number, this.intake[slot] as number, this.gemeente[slot] as number);
    this.leeftijdVan[slot] = r.leeftijd_van;
    this.leeftijdTot[slot] = r.leeftijd_tot;
    this.vrije[slot] = r.vrije_plekken;
    this.vast[slot] = r.vastgehouden;
    this.vastTot[slot] = timestamp(r.vastgehouden_tot, Number.POSITIVE_INFINITY);
    const wacht = r.totaal_wachttijd ?? GEEN_WACHTTIJD;
    this.wacht[slot] = wacht;
    this.bevestigd[slot] = timestamp(r.bevestigd_op, Number.NEGATIVE_INFINITY);
    this.lat[slot] = r.lat ?? Number.NaN;
    this.lon[slot] = r.lon ?? Number.NaN;
    const cosLat = Math.cos((r.lat ?? Number.NaN) * RAD);
    this.x[slot] = cosLat * Math.cos((r.lon ?? Number.NaN) * RAD);
    this.y[slot] = cosLat * Math.sin((r.lon ?? Number.NaN) * RAD);
    this.z[slot] = Math.sin((r.lat ?? Number.NaN) * RAD);
    this.volgorde[slot] = wacht * PLEKKEN_BEREIK + (PLEKKEN_BEREIK - 1 - Math.min(PLEKKEN_BEREIK - 1, r.vrije_plekken));
    if (r.vastgehouden > 0 && holdEnds?.length) this.holdEnds.set(slot, holdEnds);
    else this.holdEnds.delete(slot);
    const i = this.intern.bind(this);
    this.documents[slot] = toZoekDocument({
      ...r,
      aanbieder_id: this.aanbieders.values[this.aanbieder[slot] as number] as string,
      locatie_id: this.locaties.values[this.locatie[slot] as number] as string,
      zorgvorm: this.zorgvormen.values[this.zorgvorm[slot] as number] as string,
      intake_status: this.intakeStatussen.values[this.intake[slot] as number] as string,
      gemeente: this.gemeenten.values[this.gemeente[slot] as number] as string,
      naam: i(r.naam),
      omschrijving: i(r.omschrijving),
      aanbieder_naam: i(r.aanbieder_naam),
      telefoon: i(r.telefoon),
      email: i(r.email),
      website: i(r.website),
      locatie_naam: i(r.locatie_naam),
      plaats: i(r.plaats),
    });
    return slot;
  }

  /** Frees the slot of an offer; answers it, or -1 when the offer was not here. */
  remove(id: string): number {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return -1;
    this.slotOf.delete(id);
    this.unlistZorgvorm(slot);
    this.zorgvorm[slot] = -1;
    this.alive[slot] = 0;
    this.holdEnds.delete(slot);
    this.documents[slot] = undefined;
    this.free.push(slot);
    this.count--;
    return slot;
  }

  private cell(categorie: number, intake: number, gemeente: number): number {
    const key = (categorie * 256 + intake) * 65_536 + gemeente;
    let id = this.cellen.get(key);
    if (id === undefined) {
      id = this.celCategorie.length;
      this.cellen.set(key, id);
      this.celCategorie.push(categorie);
      this.celIntake.push(intake);
      this.celGemeente.push(gemeente);
    }
    return id;
  }

  private unlistZorgvorm(slot: number): void {
    const list = this.perZorgvorm[this.zorgvorm[slot] as number];
    if (!list) return;
    const at = list.indexOf(slot);
    if (at >= 0) {
      list[at] = list[list.length - 1] as number;
      list.pop();
    }
  }

  /**
   * Free places no hold through the register counts on at `nu` (ms): the projection's count of
   * active holds, or, once one of them has passed its end, those still running (as
   * `beschikbaar(nu)` in the SQLite engine).
   */
  beschikbaar(slot: number, nu: number): number {
    return (this.vrije[slot] as number) - this.vastgehouden(slot, nu);
  }

  /** Active holds through the register that have not ended at `nu` (ms). */
  vastgehouden(slot: number, nu: number): number {
    const vast = this.vast[slot] as number;
    if (vast === 0 || (this.vastTot[slot] as number) > nu) return vast;
    let running = 0;
    for (const end of this.holdEnds.get(slot) ?? []) if (end > nu) running++;
    return running;
  }
}
