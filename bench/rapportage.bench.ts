/**
 * Monitoring benchmark (prints figures; never asserts on time): a region with 5,000 waiting
 * cases (most under a child-protection measure), 50,000 case-history rows, 1,000 referrals and
 * 24 monthly snapshots of the norm report. Measures, on a file database as `npm start` uses:
 * the norm report for a past month (from its snapshot, with the corrections of later records),
 * for a past day without a snapshot (read back from the history), for today, the KPI set of
 * twelve months, the capacity trend and the open overview. Target: under 200 ms each (p50).
 * Synthetic data only; seeded, so every run builds the same register.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openSqlite } from "../db/sqlite.ts";
import { createPrng } from "../seeds/prng.ts";
import { loadReference } from "../seeds/reference.ts";
import { plusDagen, plusMaanden } from "../src/kern/dates.ts";
import { newId } from "../src/kern/ids.ts";
import { fixedClock } from "../src/kern/time.ts";
import { openOverzicht } from "../src/services/open-overzicht.ts";
import { capaciteitsTrend } from "../src/services/rapportage-capaciteit.ts";
import { kpiRapport } from "../src/services/rapportage-kpi.ts";
import { bewaarMomentopname } from "../src/services/rapportage-momentopnames.ts";
import { normRapport } from "../src/services/rapportage-norm.ts";
import { percentile } from "./lib.ts";

const VANDAAG = "2026-11-27";
const CASUSSEN = 5_000;
const HISTORIE_PER_CASUS = 10;
const RUNS = 15;

const dir = mkdtempSync(join(tmpdir(), "plekwijzer-rapportage-"));
const db = openSqlite(join(dir, "register.db"));
const clock = fixedClock(`${VANDAAG}T09:00:00.000Z`);
const deps = { db, clock };
await loadReference(db);

const rnd = createPrng(20261127);
const GEMEENTEN = ["GM0518", "GM0603", "GM0629", "GM1916", "GM1926", "GM0503", "GM1783", "GM1842", "GM0637"];
const VORMEN = [
  "gezinshuis",
  "kleinschalige-woonvoorziening",
  "begeleid-beschermd-wonen",
  "pleegzorg",
  "ambulante-jggz",
  "gezinsbehandeling",
  "opvoedondersteuning",
  "41",
];
const TYPES = ["ots", "ots", "ots", "muhp", "voogdij", "jeugdreclassering"];
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd.next() * xs.length)] as T;
const int = (lo: number, hi: number) => lo + Math.floor(rnd.next() * (hi - lo + 1));

const t0 = performance.now();
const gis = Array.from({ length: 4 }, (_, i) => ({ id: newId(), naam: `Bench GI ${i + 1}` }));
const org = db.sqlite.prepare(
  "INSERT INTO organisaties (id, naam, type, regios, aangemaakt_op) VALUES (?, ?, 'gecertificeerde-instelling', '[]', ?)",
);
for (const gi of gis) org.run(gi.id, gi.naam, "2024-01-01T00:00:00.000Z");
const aanbieder = newId();
db.sqlite
  .prepare("INSERT INTO aanbieders (id, naam, aangemaakt_op, gewijzigd_op) VALUES (?, 'Bench Zorg', ?, ?)")
  .run(aanbieder, "2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z");
const casus =
  db.sqlite.prepare(`INSERT INTO casussen (id, organisatie, referentie, geboortedatum, woongemeente, zorgvorm, aanmelddatum, urgentie,
  maatregelen, status, stopreden, startdatum, gestopt_op, versie, aangemaakt_op, gewijzigd_op)
  VALUES (?, ?, ?, ?, ?, ?, ?, 'regulier', ?, ?, ?, ?, ?, 1, ?, ?)`);
const historie = db.sqlite.prepare(
  "INSERT INTO casus_historie (id, casus_id, volgnummer, soort, van, naar, reden, door, op) VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', ?)",
);
let historieRijen = 0;
db.sqlite.transaction(() => {
  for (let i = 0; i < CASUSSEN; i++) {
    const id = newId();
    const aanmelddatum = plusDagen(VANDAAG, -int(1, 730));
    const uitspraak = plusDagen(aanmelddatum, -int(0, 60));
    const maatregelen =
      rnd.next() < 0.8 ? [{ type: pick(TYPES), uitspraakdatum: uitspraak, ingangsdatum: plusDagen(uitspraak, 7) }] : [];
    const r = rnd.next();
    const startdatum = r < 0.35 ? plusDagen(aanmelddatum, int(10, 200)) : null;
    const gestart = startdatum !== null && startdatum <= VANDAAG;
    const gestopt = !gestart && r > 0.9;
    const status = gestart ? "geplaatst" : gestopt ? "gestopt" : "wachtend";
    const stopreden = gestopt ? pick(["ouders-kiezen-wachten", "elders-geholpen", "verhuisd"]) : null;
    const gestoptOp = gestopt ? plusDagen(aanmelddatum, int(10, 100)) : null;
    const op = `${aanmelddatum}T10:00:00.000Z`;
    casus.run(
      id,
      pick(gis).id,
      `BENCH-${i}`,
      plusDagen(aanmelddatum, -int(365, 6500)),
      pick(GEMEENTEN),
      pick(VORMEN),
      aanmelddatum,
      JSON.stringify(maatregelen),
      status,
      stopreden,
      gestart ? startdatum : null,
      gestoptOp && gestoptOp <= VANDAAG ? gestoptOp : null,
      op,
      op,
    );
    let volg = 0;
    const regel = (soort: string, van: string | null, naar: string | null, reden: string | null, datum: string) => {
      historie.run(newId(), id, ++volg, soort, van, naar, reden, `${datum}T11:00:00.000Z`);
      historieRijen++;
    };
    regel("aangemaakt", null, "wachtend", null, aanmelddatum);
    // Proposals and holds coming and going, each transition a history line.
    for (let k = 0; k < HISTORIE_PER_CASUS - 3; k++) {
      const d = plusDagen(aanmelddatum, k * 3 + 1);
      regel(
        "status",
        k % 2 === 0 ? "wachtend" : "voorgesteld",
        k % 2 === 0 ? "voorgesteld" : "wachtend",
        "voorstel",
        d > VANDAAG ? aanmelddatum : d,
      );
    }
    regel("prioriteit", null, null, "berekende groep", aanmelddatum);
    if (gestart) regel("status", "gereserveerd", "geplaatst", `hulp gestart op ${startdatum}`, startdatum as string);
    else if (gestopt && gestoptOp && gestoptOp <= VANDAAG) regel("status", "wachtend", "gestopt", stopreden, gestoptOp);
    else
      regel(
        "correctie",
        JSON.stringify({ maatregelen }),
        JSON.stringify({ maatregelen }),
        "gecorrigeerd: maatregelen",
        aanmelddatum,
      );
  }
})();
const zaaien = performance.now() - t0;

const t1 = performance.now();
const peildata: string[] = [];
for (let m = 1; m <= 24; m++) peildata.push(`${plusMaanden(VANDAAG, -m).slice(0, 8)}01`);
for (const p of peildata) await bewaarMomentopname(deps, "haaglanden", p);
const opnames = performance.now() - t1;

async function meet(label: string, run: () => Promise<unknown>): Promise<void> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await run();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  const p50 = percentile(samples, 50);
  console.log(
    `${label.padEnd(58)} p50 ${p50.toFixed(1).padStart(7)} ms  p99 ${percentile(samples, 99).toFixed(1).padStart(7)} ms  target < 200 ms: ${p50 < 200 ? "MET" : "MISSED"}`,
  );
}

const { n: casussenAantal } = db.sqlite.prepare("SELECT count(*) AS n FROM casussen").get() as { n: number };
console.log(
  `Register: ${casussenAantal} cases, ${historieRijen} history rows, ${peildata.length} monthly snapshots (seeding ${(zaaien / 1000).toFixed(1)} s, snapshots ${(opnames / 1000).toFixed(1)} s)`,
);
const vorigeMaand = peildata[0] as string;
await meet(`norm report, past month ${vorigeMaand} (snapshot + corrections)`, () => normRapport(deps, "haaglanden", vorigeMaand));
await meet("norm report, past day without snapshot (history read back)", () =>
  normRapport(deps, "haaglanden", plusDagen(vorigeMaand, 9)),
);
await meet(`norm report, today ${VANDAAG}`, () => normRapport(deps, "haaglanden", VANDAAG));
await meet("KPI set, twelve months", () => kpiRapport(deps, "haaglanden", "2025-12", "2026-11"));
await meet("capacity trend, twelve weeks", () => capaciteitsTrend(deps, "haaglanden", plusDagen(VANDAAG, -77), VANDAAG));
await meet("open overview", () => openOverzicht(deps, "haaglanden"));
const rapport = await normRapport(deps, "haaglanden", vorigeMaand);
console.log(`(the past month counts ${rapport.totaal} children past the norm; ${rapport.correcties.length} corrections)`);
db.close();
rmSync(dir, { recursive: true, force: true });
