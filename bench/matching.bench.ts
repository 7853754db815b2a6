/**
 * Matching benchmark (prints figures; never asserts on time): synthetic Haaglanden-like instances of 1k, 5k, 10k
 * and 20k waiting cases against twice as many offers. 15 care codes in a two-level tree (4 categories with 2–4
 * forms; cases ask for a category or a form), 9 municipalities around Den Haag, ~100 providers per 1k cases, each
 * (provider, form) contracted by most but not all municipalities, ages 0–23, groups ~30% 1 / ~20% 2 / rest none,
 * waiting days 0–400, capacities 0–3 with ~40% zero (scarce places, so augmenting paths matter), ~5% of the
 * (case, offer-of-a-wanted-form) pairs declined before. Seeded, so every run builds the same instances.
 * Target: 10k × 20k in under 2 s in total. A last run repeats 10k with ~85% zero capacities (truly scarce places:
 * many failed searches and undone tie classes).
 */
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import { createPrng } from "../seeds/prng.ts";
import { bouwKandidaten, type MatchAanbod, type MatchCasus, stelVoor } from "../src/priority/matching.ts";

const RUNS: { n: number; nul: number; label: string }[] = [
  ...[1_000, 5_000, 10_000, 20_000].map((n) => ({ n, nul: 0.4, label: "" })),
  // extra: the same 10k with ~85% of offers full, so that many cases cannot be placed (failed searches, undone classes)
  { n: 10_000, nul: 0.85, label: " [scarce variant: ~85% zero capacity]" },
];

function prng(seed: number): () => number {
  const generator = createPrng(seed);
  return () => generator.next();
}

const CATEGORIEEN: [string, number][] = [
  ["43", 4], // verblijf incl. behandeling: pleegzorg, gezinshuis, kleinschalig wonen, JeugdzorgPlus
  ["44", 3], // verblijf excl. behandeling
  ["45", 2], // ambulant
  ["54", 2], // jeugd-ggz
];
const GEMEENTEN = ["GM0518", "GM0603", "GM0629", "GM1916", "GM1926", "GM0503", "GM1783", "GM1842", "GM0637"];

function instantie(casussen: number, seed: number, nul = 0.4): { casussen: MatchCasus[]; aanbod: MatchAanbod[] } {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const vormenVan = new Map<string, string[]>(
    CATEGORIEEN.map(([cat, n]) => [cat, Array.from({ length: n }, (_, i) => `${cat}.${i + 1}`)]),
  );
  const vormen = [...vormenVan.values()].flat();
  const codes = [...vormenVan.keys(), ...vormen];
  const subboom = new Map<string, ReadonlySet<string>>(codes.map((c) => [c, new Set([c, ...(vormenVan.get(c) ?? [])])]));

  const aanbieders = Math.max(10, Math.round(casussen / 10));
  const aanbod: MatchAanbod[] = [];
  for (let i = 0; i < casussen * 2; i++) {
    const van = int(0, 17);
    const u = rnd();
    aanbod.push({
      id: `ab-${String(i).padStart(6, "0")}`,
      aanbiederId: `aanbieder-${int(0, aanbieders - 1)}`,
      zorgvorm:
        rnd() < 0.1
          ? (CATEGORIEEN[int(0, CATEGORIEEN.length - 1)] as [string, number])[0]
          : (vormen[int(0, vormen.length - 1)] as string),
      leeftijdVan: van,
      leeftijdTot: Math.min(23, van + int(3, 12)),
      capaciteit: u < nul ? 0 : u < nul + (1 - nul) / 2 ? 1 : u < nul + ((1 - nul) * 5) / 6 ? 2 : 3,
      wachttijdWeken: rnd() < 0.1 ? null : int(0, 30),
      lat: rnd() < 0.02 ? null : 52.07 + (rnd() - 0.5) * 0.3,
      lon: 4.3 + (rnd() - 0.5) * 0.3,
    });
  }
  const sleutels = [...new Set(aanbod.map((a) => `${a.aanbiederId}|${a.zorgvorm}`))];
  const gemeenten = GEMEENTEN.map(() => ({
    lat: 52.07 + (rnd() - 0.5) * 0.2,
    lon: 4.3 + (rnd() - 0.5) * 0.2,
    contractSleutels: new Set(sleutels.filter(() => rnd() < 0.85)) as ReadonlySet<string>,
  }));
  const perVorm = new Map<string, MatchAanbod[]>();
  for (const a of aanbod) perVorm.set(a.zorgvorm, [...(perVorm.get(a.zorgvorm) ?? []), a]);

  const lijst: MatchCasus[] = [];
  for (let i = 0; i < casussen; i++) {
    const g = gemeenten[int(0, gemeenten.length - 1)] as (typeof gemeenten)[number];
    const code =
      rnd() < 0.3
        ? (CATEGORIEEN[int(0, CATEGORIEEN.length - 1)] as [string, number])[0]
        : (vormen[int(0, vormen.length - 1)] as string);
    const zorgvormen = subboom.get(code) as ReadonlySet<string>;
    const afgewezen = new Set<string>();
    for (const vorm of zorgvormen) {
      const kandidaten = perVorm.get(vorm) ?? [];
      // geometric skipping: every offer of a wanted form is declined with probability 0.05
      for (
        let j = Math.floor(Math.log(1 - rnd()) / Math.log(0.95));
        j < kandidaten.length;
        j += 1 + Math.floor(Math.log(1 - rnd()) / Math.log(0.95))
      ) {
        afgewezen.add((kandidaten[j] as MatchAanbod).id);
      }
    }
    const r = rnd();
    lijst.push({
      id: `casus-${String(i).padStart(6, "0")}`,
      groep: r < 0.3 ? 1 : r < 0.5 ? 2 : null,
      wachtdagen: int(0, 400),
      lat: g.lat,
      lon: g.lon,
      zorgvormen,
      leeftijdJaren: int(0, 23),
      contractSleutels: g.contractSleutels,
      afgewezen,
    });
  }
  return { casussen: lijst, aanbod };
}

function vindGc(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    v8.setFlagsFromString("--expose-gc");
    return vm.runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
}

const gc = vindGc();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
console.log(`matching benchmark — node ${process.version}, gc ${gc ? "exposed" : "not exposed"}`);

for (const { n, nul, label } of RUNS) {
  const { casussen, aanbod } = instantie(n, 20_260_000 + n, nul);
  gc?.();
  const voor = process.memoryUsage();
  const t0 = performance.now();
  const kandidaten = bouwKandidaten(casussen, aanbod);
  const t1 = performance.now();
  const resultaat = stelVoor(kandidaten);
  const t2 = performance.now();
  const na = process.memoryUsage();
  const groepVan = new Map(casussen.map((c) => [c.id, c.groep]));
  const perGroep = { 1: 0, 2: 0, geen: 0 };
  for (const v of resultaat.voorstellen) {
    const g = groepVan.get(v.casusId);
    if (g === 1) perGroep[1]++;
    else if (g === 2) perGroep[2]++;
    else perGroep.geen++;
  }
  const wachtend = { 1: 0, 2: 0, geen: 0 };
  for (const c of casussen) {
    if (c.groep === 1) wachtend[1]++;
    else if (c.groep === 2) wachtend[2]++;
    else wachtend.geen++;
  }
  const plaatsen = aanbod.reduce((s, a) => s + a.capaciteit, 0);
  console.log(
    [
      `${n} cases × ${aanbod.length} offers (${plaatsen} free places)${label}`,
      `  candidate pairs ${resultaat.stats.kandidaatParen}, placed ${resultaat.stats.geplaatst}`,
      `  placed per group: 1 ${perGroep[1]}/${wachtend[1]}, 2 ${perGroep[2]}/${wachtend[2]}, none ${perGroep.geen}/${wachtend.geen}`,
      `  build edges ${(t1 - t0).toFixed(1)} ms, match ${(t2 - t1).toFixed(1)} ms, total ${(t2 - t0).toFixed(1)} ms`,
      `  memory delta: heap ${mb(na.heapUsed - voor.heapUsed)}, array buffers ${mb(na.arrayBuffers - voor.arrayBuffers)}, rss ${mb(na.rss - voor.rss)}`,
    ].join("\n"),
  );
}
