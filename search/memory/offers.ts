import type { DocumentRij, ZoekDocument } from "../document.ts";
import { FilterBits, type Kenmerken } from "./bits.ts";

/** A total waiting time that is unknown (crisis care): sorts last, never passes `maxWachttijd`. */
export const GEEN_WACHTTIJD = 1 << 20;
const PLEKKEN_BEREIK = 1 << 24;
const RAD = Math.PI / 180;

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

/** An ISO timestamp as milliseconds, when that gives back the very same text; else NaN (the text is kept). */
function exactMs(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && new Date(ms).toISOString() === iso ? ms : Number.NaN;
}

type Aanbieder = ZoekDocument["aanbieder"];
type Locatie = ZoekDocument["locatie"];
const sameAs = <T extends object>(a: T | undefined, b: T) =>
  a !== undefined && (Object.keys(b) as (keyof T)[]).every((k) => a[k] === b[k]);

/**
 * The offers as columns in typed arrays, one slot per offer (a deleted offer's slot is reused):
 * what search filters, counts and sorts on, with the sets of FilterBits, and what an answer
 * shows (a provider's and a location's details once, shared by their offers). Texts live in
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
  readonly bits = new FilterBits();

  readonly aanbieders = new Dictionary();
  readonly locaties = new Dictionary();
  readonly zorgvormen = new Dictionary();
  readonly categorieen = new Dictionary();
  readonly gemeenten = new Dictionary();
  readonly intakeStatussen = new Dictionary();

  aanbieder = new Int32Array(0);
  locatie = new Int32Array(0);
  zorgvorm = new Int32Array(0);
  categorie = new Int32Array(0);
  gemeente = new Int32Array(0);
  intake = new Uint8Array(0);
  leeftijdVan = new Uint8Array(0);
  leeftijdTot = new Uint8Array(0);
  capaciteit = new Int32Array(0);
  vrije = new Int32Array(0);
  vast = new Int32Array(0);
  /** Earliest end (ms) of the offer's active holds; Infinity without holds. */
  vastTot = new Float64Array(0);
  /** Waiting times in weeks; -1 when unknown. */
  aanmeld = new Int16Array(0);
  behandel = new Int16Array(0);
  /** Total waiting time in weeks, GEEN_WACHTTIJD when unknown. */
  wacht = new Int32Array(0);
  overbrugging = new Uint8Array(0);
  versie = new Int32Array(0);
  aangemaakt = new Float64Array(0);
  gewijzigd = new Float64Array(0);
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
  readonly naam: string[] = [];
  readonly omschrijving: (string | null)[] = [];
  /** Per provider and per location (dictionary ids): what an answer shows of them. */
  private readonly aanbiederInfo: (Aanbieder | undefined)[] = [];
  private readonly locatieInfo: (Locatie | undefined)[] = [];
  /** Timestamps whose text is not the canonical ISO form, per slot: kept as they are. */
  private readonly tijdTekst = new Map<number, [string, string, string | null]>();
  /** Per slot with active holds: the ends (ms) of those holds. */
  readonly holdEnds = new Map<number, number[]>();
  /** Shares repeated texts between offers while the index is built. */
  private interned: Map<string, string> | undefined;

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    const grown = <T extends Uint8Array | Int16Array | Int32Array | Float64Array>(old: T): T => {
      const next = new (old.constructor as new (n: number) => T)(capacity);
      next.set(old);
      return next;
    };
    for (const key of Object.keys(this) as (keyof this)[]) {
      const value = this[key];
      if (ArrayBuffer.isView(value) && !(value instanceof Uint32Array))
        this[key] = grown(value as unknown as Float64Array) as unknown as this[keyof this];
    }
    this.bits.grow(capacity);
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

  private kenmerken(slot: number): Kenmerken {
    return {
      leeftijdVan: this.leeftijdVan[slot] as number,
      leeftijdTot: this.leeftijdTot[slot] as number,
      wacht: this.wacht[slot] as number,
      intake: this.intake[slot] as number,
      zorgvorm: this.zorgvorm[slot] as number,
      vrij: (this.vrije[slot] as number) > 0 && this.intakeStatussen.values[this.intake[slot] as number] === "open",
      lat: this.lat[slot] as number,
      lon: this.lon[slot] as number,
    };
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
      this.count++;
    } else this.bits.mark(slot, this.kenmerken(slot), false);

    this.aanbieder[slot] = this.aanbieders.id(r.aanbieder_id);
    this.locatie[slot] = this.locaties.id(r.locatie_id);
    this.zorgvorm[slot] = this.zorgvormen.id(r.zorgvorm);
    this.categorie[slot] = this.categorieen.id(r.categorie);
    this.gemeente[slot] = this.gemeenten.id(r.gemeente);
    this.intake[slot] = this.intakeStatussen.id(r.intake_status);
    this.cel[slot] = this.cell(this.categorie[slot] as number, this.intake[slot] as number, this.gemeente[slot] as number);
    this.leeftijdVan[slot] = r.leeftijd_van;
    this.leeftijdTot[slot] = r.leeftijd_tot;
    this.capaciteit[slot] = r.capaciteit;
    this.vrije[slot] = r.vrije_plekken;
    this.vast[slot] = r.vastgehouden;
    this.vastTot[slot] = r.vastgehouden_tot ? Date.parse(r.vastgehouden_tot) : Number.POSITIVE_INFINITY;
    this.aanmeld[slot] = r.aanmeldwachttijd_weken ?? -1;
    this.behandel[slot] = r.behandelwachttijd_weken ?? -1;
    const wacht = r.totaal_wachttijd ?? GEEN_WACHTTIJD;
    this.wacht[slot] = wacht;
    this.overbrugging[slot] = r.overbrugging;
    this.versie[slot] = r.versie;
    this.aangemaakt[slot] = exactMs(r.aangemaakt_op);
    this.gewijzigd[slot] = exactMs(r.gewijzigd_op);
    const bevestigd = r.bevestigd_op === null ? Number.NEGATIVE_INFINITY : exactMs(r.bevestigd_op);
    this.bevestigd[slot] = Number.isNaN(bevestigd) ? Date.parse(r.bevestigd_op as string) : bevestigd;
    if (Number.isNaN(this.aangemaakt[slot] as number) || Number.isNaN(this.gewijzigd[slot] as number) || Number.isNaN(bevestigd))
      this.tijdTekst.set(slot, [r.aangemaakt_op, r.gewijzigd_op, r.bevestigd_op]);
    else this.tijdTekst.delete(slot);
    this.lat[slot] = r.lat ?? Number.NaN;
    this.lon[slot] = r.lon ?? Number.NaN;
    const cosLat = Math.cos((r.lat ?? Number.NaN) * RAD);
    this.x[slot] = cosLat * Math.cos((r.lon ?? Number.NaN) * RAD);
    this.y[slot] = cosLat * Math.sin((r.lon ?? Number.NaN) * RAD);
    this.z[slot] = Math.sin((r.lat ?? Number.NaN) * RAD);
    this.volgorde[slot] = wacht * PLEKKEN_BEREIK + (PLEKKEN_BEREIK - 1 - Math.min(PLEKKEN_BEREIK - 1, r.vrije_plekken));
    if (r.vastgehouden > 0 && holdEnds?.length) this.holdEnds.set(slot, holdEnds);
    else this.holdEnds.delete(slot);

    this.naam[slot] = this.intern(r.naam);
    this.omschrijving[slot] = this.intern(r.omschrijving);
    const aanbieder = { id: r.aanbieder_id, naam: r.aanbieder_naam, telefoon: r.telefoon, email: r.email, website: r.website };
    const a = this.aanbieder[slot] as number;
    if (!sameAs(this.aanbiederInfo[a], aanbieder)) this.aanbiederInfo[a] = aanbieder;
    const locatie = { naam: r.locatie_naam, plaats: r.plaats, gemeente: r.gemeente };
    const l = this.locatie[slot] as number;
    if (!sameAs(this.locatieInfo[l], locatie)) this.locatieInfo[l] = locatie;

    this.bits.mark(slot, this.kenmerken(slot), true);
    return slot;
  }

  /** Frees the slot of an offer; answers it, or -1 when the offer was not here. */
  remove(id: string): number {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return -1;
    this.bits.mark(slot, this.kenmerken(slot), false);
    this.slotOf.delete(id);
    this.holdEnds.delete(slot);
    this.tijdTekst.delete(slot);
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

  /** The first end of an active hold after `nu` (ms): from then on free places count differently. */
  nextHoldEnd(nu: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const ends of this.holdEnds.values()) for (const end of ends) if (end > nu && end < next) next = end;
    return next;
  }

  /** What an answer shows of the offer in a slot, with its holds counted at `nu` (ms). */
  document(slot: number, nu: number): ZoekDocument {
    const tekst = this.tijdTekst.get(slot);
    const iso = (ms: number) => new Date(ms).toISOString();
    const bevestigd = this.bevestigd[slot] as number;
    const weken = (w: number) => (w < 0 ? null : w);
    const lat = this.lat[slot] as number;
    const lon = this.lon[slot] as number;
    return {
      aanbod: {
        id: this.ids[slot] as string,
        aanbiederId: this.aanbieders.values[this.aanbieder[slot] as number] as string,
        locatieId: this.locaties.values[this.locatie[slot] as number] as string,
        zorgvorm: this.zorgvormen.values[this.zorgvorm[slot] as number] as string,
        naam: this.naam[slot] as string,
        omschrijving: this.omschrijving[slot] ?? null,
        leeftijdVan: this.leeftijdVan[slot] as number,
        leeftijdTot: this.leeftijdTot[slot] as number,
        capaciteit: this.capaciteit[slot] as number,
        vrijePlekken: this.vrije[slot] as number,
        aanmeldwachttijdWeken: weken(this.aanmeld[slot] as number),
        behandelwachttijdWeken: weken(this.behandel[slot] as number),
        intakeStatus: this.intakeStatussen.values[this.intake[slot] as number] as ZoekDocument["aanbod"]["intakeStatus"],
        overbrugging: this.overbrugging[slot] === 1,
        versie: this.versie[slot] as number,
        aangemaaktOp: tekst ? tekst[0] : iso(this.aangemaakt[slot] as number),
        gewijzigdOp: tekst ? tekst[1] : iso(this.gewijzigd[slot] as number),
        bevestigdOp: tekst ? tekst[2] : bevestigd === Number.NEGATIVE_INFINITY ? null : iso(bevestigd),
        vastgehouden: this.vastgehouden(slot, nu),
      },
      aanbieder: this.aanbiederInfo[this.aanbieder[slot] as number] as Aanbieder,
      locatie: this.locatieInfo[this.locatie[slot] as number] as Locatie,
      lat: Number.isNaN(lat) ? null : lat,
      lon: Number.isNaN(lon) ? null : lon,
    };
  }
}
