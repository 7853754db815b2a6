import { describe, expect, it } from "vitest";
import { createPrng } from "../../seeds/prng.ts";
import {
  afstandTussen,
  bouwKandidaten,
  contractSleutel,
  geschikt,
  haversineKm,
  kosten,
  type MatchAanbod,
  type MatchCasus,
  matchCasussen,
  prioriteitsVolgorde,
} from "../../src/priority/matching.ts";

const DEN_HAAG = { lat: 52.07, lon: 4.3 };

function casus(id: string, over: Partial<MatchCasus> = {}): MatchCasus {
  return {
    id,
    groep: 1,
    wachtdagen: 10,
    ...DEN_HAAG,
    zorgvormen: new Set(["45"]),
    leeftijdJaren: 10,
    contractSleutels: new Set(["p1|45", "p2|45", "p1|45.1"]),
    ...over,
  };
}

/** An offer `km` kilometres due north of Den Haag. */
function aanbod(id: string, over: Partial<MatchAanbod> & { km?: number } = {}): MatchAanbod {
  const { km = 1, ...rest } = over;
  return {
    id,
    aanbiederId: "p1",
    zorgvorm: "45",
    leeftijdVan: 0,
    leeftijdTot: 23,
    capaciteit: 1,
    wachttijdWeken: 4,
    lat: DEN_HAAG.lat + km / 111.195,
    lon: DEN_HAAG.lon,
    ...rest,
  };
}

const paren = (r: ReturnType<typeof matchCasussen>) => Object.fromEntries(r.voorstellen.map((v) => [v.casusId, v.aanbodId]));

describe("matchCasussen: optimal, not greedy", () => {
  it("moves an earlier case to its alternative so a second case of the same group fits (greedy trap)", () => {
    const A = casus("A", { wachtdagen: 200 });
    const B = casus("B", { wachtdagen: 50, afgewezen: new Set(["Y"]) });
    // X is the nearest for A, so a greedy pass would give A the only place B can use
    const r = matchCasussen([A, B], [aanbod("X", { km: 1 }), aanbod("Y", { km: 20 })]);
    expect(paren(r)).toEqual({ A: "Y", B: "X" });
    expect(r.stats).toMatchObject({ kandidaatParen: 3, geplaatst: 2 });
  });

  it("does not let a group-2 case block a group-1 case, even when it waited longer", () => {
    const kind = casus("K", { groep: 2, wachtdagen: 400 });
    const gedwongen = casus("G", { groep: 1, wachtdagen: 1, afgewezen: new Set(["Y"]) });
    expect(paren(matchCasussen([kind, gedwongen], [aanbod("X", { km: 1 }), aanbod("Y", { km: 50 })]))).toEqual({
      G: "X",
      K: "Y",
    });
    // with one place only, group 1 wins regardless of waiting time
    expect(paren(matchCasussen([kind, gedwongen], [aanbod("X")]))).toEqual({ G: "X" });
    // the trap across groups: the group-1 case moves to its farther alternative so the group-2 case fits too
    const trap = matchCasussen(
      [casus("G1", { groep: 1, wachtdagen: 5 }), casus("G2", { groep: 2, wachtdagen: 300, afgewezen: new Set(["Y"]) })],
      [aanbod("X", { km: 1 }), aanbod("Y", { km: 90 })],
    );
    expect(paren(trap)).toEqual({ G1: "Y", G2: "X" });
  });

  it("prefers the longer-waiting case within a group when only one place exists, even if it is farther", () => {
    const kort = casus("kort", { wachtdagen: 30, lat: 52.07, lon: 4.3 });
    const lang = casus("lang", { wachtdagen: 31, lat: 52.5, lon: 4.9 });
    expect(paren(matchCasussen([kort, lang], [aanbod("X")]))).toEqual({ lang: "X" });
    // groupless ranks below every group
    const zonder = casus("zonder", { groep: null, wachtdagen: 999 });
    expect(paren(matchCasussen([zonder, casus("drie", { groep: 3, wachtdagen: 0 })], [aanbod("X")]))).toEqual({ drie: "X" });
  });

  it("between cases equal in group and waiting days, the cheaper placement wins (not the id)", () => {
    const ver = casus("a-ver", { lat: 53.2, lon: 6.5 });
    const dichtbij = casus("b-dichtbij");
    expect(paren(matchCasussen([ver, dichtbij], [aanbod("X")]))).toEqual({ "b-dichtbij": "X" });
  });
});

describe("matchCasussen: cost, capacity, eligibility", () => {
  it("chooses the nearest free offer, then the shortest waiting time", () => {
    const r = matchCasussen([casus("A")], [aanbod("ver", { km: 12 }), aanbod("dichtbij", { km: 3 })]);
    expect(r.voorstellen).toEqual([
      {
        casusId: "A",
        aanbodId: "dichtbij",
        afstandKm: expect.closeTo(3, 2),
        kosten: kosten(r.voorstellen[0]?.afstandKm ?? null, 4),
      },
    ]);
    const gelijk = matchCasussen([casus("A")], [aanbod("traag", { wachttijdWeken: 9 }), aanbod("snel", { wachttijdWeken: 2 })]);
    expect(paren(gelijk)).toEqual({ A: "snel" });
  });

  it("keeps offers without coordinates eligible but last", () => {
    const r = matchCasussen([casus("A")], [aanbod("onbekend", { lat: null, lon: null }), aanbod("ver", { km: 300 })]);
    expect(paren(r)).toEqual({ A: "ver" });
    const alleen = matchCasussen([casus("A", { lat: null, lon: null })], [aanbod("X")]);
    expect(alleen.voorstellen).toEqual([{ casusId: "A", aanbodId: "X", afstandKm: null, kosten: 1_000_000_004 }]);
  });

  it("respects capacity: capacity 2 takes two cases, never three; capacity 0 is never used", () => {
    const drie = [casus("A", { wachtdagen: 3 }), casus("B", { wachtdagen: 2 }), casus("C", { wachtdagen: 1 })];
    expect(paren(matchCasussen(drie, [aanbod("X", { capaciteit: 2 })]))).toEqual({ A: "X", B: "X" });
    const leeg = aanbod("leeg", { capaciteit: 0, km: 0 });
    expect(geschikt(casus("A"), leeg)).toBe(false);
    const r = matchCasussen(drie, [leeg, aanbod("negatief", { capaciteit: -1 })]);
    expect(r.voorstellen).toEqual([]);
    expect(r.stats.kandidaatParen).toBe(0);
  });

  it("never proposes a declined pair", () => {
    const A = casus("A", { afgewezen: new Set(["X"]) });
    expect(geschikt(A, aanbod("X"))).toBe(false);
    expect(paren(matchCasussen([A], [aanbod("X", { km: 1 }), aanbod("Y", { km: 80 })]))).toEqual({ A: "Y" });
    expect(matchCasussen([A], [aanbod("X")]).voorstellen).toEqual([]);
  });

  it("treats age bounds as inclusive", () => {
    const a = aanbod("X", { leeftijdVan: 4, leeftijdTot: 12 });
    expect([3, 4, 12, 13].map((leeftijdJaren) => geschikt(casus("A", { leeftijdJaren }), a))).toEqual([false, true, true, false]);
    const r = matchCasussen(
      [casus("jong", { leeftijdJaren: 4 }), casus("oud", { leeftijdJaren: 13 })],
      [{ ...a, capaciteit: 2 }],
    );
    expect(paren(r)).toEqual({ jong: "X" });
  });

  it("requires a contract of the provider for that care form in the case's municipality", () => {
    const A = casus("A", { contractSleutels: new Set(["p1|45"]) });
    expect(geschikt(A, aanbod("X", { aanbiederId: "p2" }))).toBe(false);
    expect(paren(matchCasussen([A], [aanbod("X", { aanbiederId: "p2", km: 1 }), aanbod("Y", { km: 40 })]))).toEqual({ A: "Y" });
    expect(contractSleutel(aanbod("X"))).toBe("p1|45");
  });

  it("matches offers of the case's care type and the forms beneath it, not above it", () => {
    const categorie = casus("cat", { zorgvormen: new Set(["45", "45.1"]) });
    const vorm = casus("vorm", { zorgvormen: new Set(["45.1"]) });
    const fijn = aanbod("fijn", { zorgvorm: "45.1" });
    const grof = aanbod("grof", { zorgvorm: "45" });
    expect([geschikt(categorie, fijn), geschikt(categorie, grof), geschikt(vorm, fijn), geschikt(vorm, grof)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(paren(matchCasussen([vorm], [grof]))).toEqual({});
  });

  it("orders candidates by cost also beyond 4,294 km (costs above 2^32)", () => {
    const bonaire = aanbod("bonaire", { zorgvorm: "45.1", lat: 12.15, lon: -68.27 });
    const c = casus("A", { zorgvormen: new Set(["45", "45.1"]) });
    const { netwerk } = bouwKandidaten(
      [c],
      [bonaire, aanbod("dichtbij", { km: 5 }), aanbod("ver", { km: 900, zorgvorm: "45.1" })],
    );
    expect([...netwerk.kostenVan]).toEqual([...netwerk.kostenVan].sort((x, y) => x - y));
    expect(netwerk.kostenVan[2]).toBeGreaterThan(2 ** 32);
    expect(paren(matchCasussen([c], [bonaire, aanbod("ver", { km: 900, zorgvorm: "45.1" })]))).toEqual({ A: "ver" });
  });

  it("computes haversine distances with an Earth radius of 6371 km (Meilisearch's)", () => {
    expect(haversineKm(52.07, 4.3, 52.07, 4.3)).toBe(0);
    expect(haversineKm(52, 4, 53, 4)).toBeCloseTo((6371 * Math.PI) / 180, 9); // one degree of latitude
    expect(haversineKm(52.0705, 4.3007, 52.3676, 4.9041)).toBeCloseTo(52.7, 1); // Den Haag – Amsterdam
    expect(afstandTussen({ lat: null, lon: 4 }, { lat: 52, lon: 4 })).toBeNull();
  });
});

// ---- random instances -------------------------------------------------------------------------------

function prng(seed: number): () => number {
  const generator = createPrng(seed);
  return () => generator.next();
}

function willekeurig(seed: number, maxCasussen: number, maxAanbod: number): { casussen: MatchCasus[]; aanbod: MatchAanbod[] } {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const vormen = ["A", "B"];
  const aanbod: MatchAanbod[] = Array.from({ length: int(1, maxAanbod) }, (_, i) => ({
    id: `o${i}`,
    aanbiederId: `p${int(0, 2)}`,
    zorgvorm: vormen[int(0, 1)] as string,
    leeftijdVan: int(0, 2),
    leeftijdTot: int(2, 6),
    capaciteit: int(0, 2),
    wachttijdWeken: rnd() < 0.2 ? null : int(0, 3),
    lat: rnd() < 0.1 ? null : 52 + int(0, 4) * 0.01,
    lon: 4.3,
  }));
  const sleutels = aanbod.map(contractSleutel);
  const gedeeld = new Set(sleutels.filter(() => rnd() < 0.9));
  const casussen: MatchCasus[] = Array.from({ length: int(1, maxCasussen) }, (_, i) => ({
    id: `c${i}`,
    groep: [1, 2, 3, null][int(0, 3)] as number | null,
    wachtdagen: int(0, 3) * 10,
    lat: rnd() < 0.1 ? null : 52 + int(0, 4) * 0.01,
    lon: 4.3,
    zorgvormen: new Set(vormen.filter(() => rnd() < 0.8)),
    leeftijdJaren: int(0, 5),
    contractSleutels: rnd() < 0.5 ? gedeeld : new Set(sleutels.filter(() => rnd() < 0.9)),
    afgewezen: new Set(aanbod.filter(() => rnd() < 0.05).map((a) => a.id)),
  }));
  return { casussen, aanbod };
}

type Doel = { perGroep: number[]; wachtdagen: number[]; kosten: number };

function doelVan(casussen: MatchCasus[], keuze: (MatchAanbod | null)[]): Doel {
  const perGroep = [0, 0, 0, 0];
  const wachtdagen: number[] = [];
  let totaal = 0;
  keuze.forEach((a, i) => {
    if (!a) return;
    const c = casussen[i] as MatchCasus;
    const g = c.groep === null ? 3 : c.groep - 1;
    perGroep[g] = (perGroep[g] as number) + 1;
    wachtdagen.push(c.wachtdagen);
    totaal += kosten(afstandTussen(c, a), a.wachttijdWeken);
  });
  return { perGroep, wachtdagen: wachtdagen.sort((x, y) => y - x), kosten: totaal };
}

/** < 0 when x is better than y. */
function vergelijkDoel(x: Doel, y: Doel): number {
  for (let g = 0; g < 4; g++) if (x.perGroep[g] !== y.perGroep[g]) return (y.perGroep[g] as number) - (x.perGroep[g] as number);
  for (let i = 0; i < Math.max(x.wachtdagen.length, y.wachtdagen.length); i++) {
    const a = x.wachtdagen[i] ?? -1;
    const b = y.wachtdagen[i] ?? -1;
    if (a !== b) return b - a;
  }
  return x.kosten - y.kosten;
}

function bruteForce(casussen: MatchCasus[], aanbod: MatchAanbod[]): Doel {
  const rest = aanbod.map((a) => Math.max(0, a.capaciteit));
  const keuze: (MatchAanbod | null)[] = casussen.map(() => null);
  let beste: Doel | null = null;
  const stap = (i: number): void => {
    if (i === casussen.length) {
      const d = doelVan(casussen, keuze);
      if (!beste || vergelijkDoel(d, beste) < 0) beste = d;
      return;
    }
    keuze[i] = null;
    stap(i + 1);
    aanbod.forEach((a, o) => {
      if ((rest[o] as number) === 0 || !geschikt(casussen[i] as MatchCasus, a)) return;
      rest[o] = (rest[o] as number) - 1;
      keuze[i] = a;
      stap(i + 1);
      keuze[i] = null;
      rest[o] = (rest[o] as number) + 1;
    });
  };
  stap(0);
  return beste as unknown as Doel;
}

/** Checks the proposals are valid (eligible, within capacity, one per case) and answers their objective. */
function geldigDoel(casussen: MatchCasus[], aanbod: MatchAanbod[], r: ReturnType<typeof matchCasussen>): Doel {
  const perId = new Map(aanbod.map((a) => [a.id, a]));
  const gebruikt = new Map<string, number>();
  const toegewezen = new Map<string, MatchAanbod>();
  for (const v of r.voorstellen) {
    const a = perId.get(v.aanbodId) as MatchAanbod;
    const c = casussen.find((x) => x.id === v.casusId) as MatchCasus;
    expect(geschikt(c, a)).toBe(true);
    expect(toegewezen.has(c.id)).toBe(false);
    expect(v.kosten).toBe(kosten(afstandTussen(c, a), a.wachttijdWeken));
    toegewezen.set(c.id, a);
    gebruikt.set(a.id, (gebruikt.get(a.id) ?? 0) + 1);
  }
  for (const [id, n] of gebruikt) expect(n).toBeLessThanOrEqual((perId.get(id) as MatchAanbod).capaciteit);
  return doelVan(
    casussen,
    casussen.map((c) => toegewezen.get(c.id) ?? null),
  );
}

/**
 * Min-cost circulation certificate (independent of the engine): source edges weigh -W(class), W strictly
 * decreasing with priority in steps larger than any total cost; a flow is optimal iff its residual network has
 * no negative cycle (Bellman-Ford, BigInt).
 */
function negatieveCyclus(casussen: MatchCasus[], aanbod: MatchAanbod[], r: ReturnType<typeof matchCasussen>): boolean {
  const volgorde = prioriteitsVolgorde(casussen);
  const klassen = [...new Set(volgorde.map((c) => `${c.groep}/${c.wachtdagen}`))];
  const BIG = 10n ** 13n;
  const n = casussen.length;
  const S = n + aanbod.length;
  const T = S + 1;
  const paar = new Map(r.voorstellen.map((v) => [v.casusId, v.aanbodId]));
  const gebruikt = aanbod.map((a) => r.voorstellen.filter((v) => v.aanbodId === a.id).length);
  const randen: [number, number, bigint][] = [[T, S, 0n]];
  if (r.voorstellen.length > 0) randen.push([S, T, 0n]);
  casussen.forEach((c, i) => {
    const w = BigInt(klassen.length - klassen.indexOf(`${c.groep}/${c.wachtdagen}`)) * BIG;
    randen.push(paar.has(c.id) ? [i, S, w] : [S, i, -w]);
    aanbod.forEach((a, o) => {
      if (!geschikt(c, a)) return;
      const k = BigInt(kosten(afstandTussen(c, a), a.wachttijdWeken));
      randen.push(paar.get(c.id) === a.id ? [n + o, i, -k] : [i, n + o, k]);
    });
  });
  aanbod.forEach((a, o) => {
    if ((gebruikt[o] as number) < a.capaciteit) randen.push([n + o, T, 0n]);
    if ((gebruikt[o] as number) > 0) randen.push([T, n + o, 0n]);
  });
  const dist = new Array<bigint>(T + 1).fill(0n);
  for (let ronde = 0; ronde <= T + 1; ronde++) {
    let veranderd = false;
    for (const [u, v, k] of randen) {
      if ((dist[u] as bigint) + k < (dist[v] as bigint)) {
        dist[v] = (dist[u] as bigint) + k;
        veranderd = true;
      }
    }
    if (!veranderd) return false;
  }
  return true;
}

describe("matchCasussen on random instances", () => {
  it("equals a brute-force optimum on 400 small instances", () => {
    let geplaatst = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { casussen, aanbod } = willekeurig(seed, 7, 5);
      const r = matchCasussen(casussen, aanbod);
      const doel = geldigDoel(casussen, aanbod, r);
      expect({ seed, doel }).toEqual({ seed, doel: bruteForce(casussen, aanbod) });
      geplaatst += r.stats.geplaatst;
    }
    expect(geplaatst).toBeGreaterThan(400); // the instances are not trivially empty
  });

  it("leaves no negative cycle in the residual network on medium instances (optimality certificate)", () => {
    // sizes vary so that tie classes often fail after a success (the class is then undone and redone)
    for (let seed = 10_000; seed < 13_000; seed++) {
      const { casussen, aanbod } = willekeurig(seed, 5 + (seed % 40), 3 + (seed % 17));
      const r = matchCasussen(casussen, aanbod);
      geldigDoel(casussen, aanbod, r);
      expect(negatieveCyclus(casussen, aanbod, r)).toBe(false);
    }
  });

  it("builds exactly the eligible pairs, with their costs", () => {
    for (let seed = 1000; seed < 1020; seed++) {
      const { casussen, aanbod } = willekeurig(seed, 60, 40);
      const { casussen: rijen, aanbod: kolommen, netwerk } = bouwKandidaten(casussen, aanbod);
      const verwacht: string[] = [];
      const gebouwd: string[] = [];
      rijen.forEach((c, r) => {
        for (const a of kolommen)
          if (geschikt(c, a)) verwacht.push(`${c.id}>${a.id}:${kosten(afstandTussen(c, a), a.wachttijdWeken)}`);
        for (let e = netwerk.rijStart[r] as number; e < (netwerk.rijStart[r + 1] as number); e++) {
          gebouwd.push(`${c.id}>${(kolommen[netwerk.kolomVan[e] as number] as MatchAanbod).id}:${netwerk.kostenVan[e]}`);
        }
      });
      expect(gebouwd.sort()).toEqual(verwacht.sort());
    }
  });

  it("is deterministic and independent of input order", () => {
    for (let seed = 2000; seed < 2030; seed++) {
      const { casussen, aanbod } = willekeurig(seed, 40, 25);
      const eerst = matchCasussen(casussen, aanbod);
      expect(matchCasussen(casussen, aanbod)).toEqual(eerst);
      const rnd = prng(seed);
      const schud = <T>(xs: T[]) =>
        xs
          .map((x) => [rnd(), x] as const)
          .sort((a, b) => a[0] - b[0])
          .map(([, x]) => x);
      expect(matchCasussen(schud(casussen), schud(aanbod))).toEqual(eerst);
      expect(eerst.voorstellen.map((v) => v.casusId)).toEqual(
        prioriteitsVolgorde(casussen)
          .map((c) => c.id)
          .filter((id) => eerst.voorstellen.some((v) => v.casusId === id)),
      );
    }
  });

  it("rejects duplicate ids", () => {
    expect(() => matchCasussen([casus("A"), casus("A")], [aanbod("X")])).toThrow(RangeError);
    expect(() => matchCasussen([casus("A")], [aanbod("X"), aanbod("X")])).toThrow(RangeError);
  });
});
