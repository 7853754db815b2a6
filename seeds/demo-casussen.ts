import { asc, eq } from "drizzle-orm";
import { aanbieders, aanbod, gemeenten, locaties } from "../db/schema/index.ts";
import type { Actor } from "../src/kern/actor.ts";
import { dagenTussen, plusDagen } from "../src/kern/dates.ts";
import { fixedClock, isoDate } from "../src/kern/time.ts";
import type { MaatregelType } from "../src/kern/vocabulary.ts";
import type { Maatregel } from "../src/priority/norm.ts";
import { createCasus } from "../src/services/casussen.ts";
import type { Deps } from "../src/services/context.ts";
import { type DemoCasus, maakDemoVerloop } from "./demo-aanmeldingen.ts";
import { createPrng, type Prng } from "./prng.ts";

export interface DemoCasussenOptions {
  seed: number;
  aantal: number;
  regio: string;
  /** Who registers them (a GI's verwijzer): only that GI and the region's brokers see them. */
  actor: Actor;
}

/** The care a referrer asks for: the forms practice uses, not the bare iJw categories or bridging care. */
const GEVRAAGD = new Set([
  "gezinshuis",
  "pleegzorg",
  "kleinschalige-woonvoorziening",
  "begeleid-beschermd-wonen",
  "gesloten-jeugdzorg",
  "ambulante-jggz",
  "gezinsbehandeling",
  "opvoedondersteuning",
  "41",
]);
const VERBLIJF = new Set(["gezinshuis", "pleegzorg", "kleinschalige-woonvoorziening", "gesloten-jeugdzorg"]);

/** Measures a child of this age can plausibly have: youth probation and the closed-care warrant from 12, Wvggz from 16. */
function maatregelTypes(leeftijd: number, gesloten: boolean): [MaatregelType, number][] {
  if (leeftijd < 12)
    return [
      ["ots", 7],
      ["voogdij", 3],
    ];
  const types: [MaatregelType, number][] = [
    ["ots", 8],
    ["voogdij", 2],
    ["jeugdreclassering", 5],
    ["wzd", 1],
  ];
  if (gesloten) types.push(["machtiging-gesloten-jeugdzorg", 3]);
  if (leeftijd >= 16) types.push(["wvggz", 1]);
  return types;
}

interface Vorm {
  zorgvorm: string;
  van: number;
  tot: number;
}

/** The measures of one case: a ruling some time ago and its start a few days later (now and then only the start is known). */
function maatregelenVoor(prng: Prng, leeftijd: number, vormen: Vorm[], vandaag: string, geboortedatum: string) {
  const gesloten = vormen.some((v) => v.zorgvorm === "gesloten-jeugdzorg" && v.van <= leeftijd && leeftijd <= v.tot);
  const type = prng.weighted(maatregelTypes(leeftijd, gesloten));
  // Never before the child was born.
  const uitspraak = plusDagen(
    vandaag,
    -prng.int(Math.min(10, dagenTussen(geboortedatum, vandaag)), Math.min(200, dagenTussen(geboortedatum, vandaag))),
  );
  const ingang = [uitspraak, plusDagen(uitspraak, prng.int(0, 9))].sort()[1] as string;
  const maatregel = (t: MaatregelType): Maatregel => ({
    type: t,
    uitspraakdatum: prng.chance(0.12) ? null : uitspraak,
    ingangsdatum: ingang <= vandaag ? ingang : uitspraak,
  });
  const eerste = maatregel(type);
  return type === "ots" && prng.chance(0.3) ? [eerste, maatregel("muhp")] : [eerste];
}

/**
 * Synthetic waiting cases for the demo's waiting list, matching and referrals: made-up
 * references (`DEMO-0001`), birth dates and dates, in the region's municipalities, asking for
 * care offered there at the child's age, with measures that fit the age (no youth probation
 * for a toddler). The first few fit the offers of the demo provider, so its inbox has
 * referrals; then a few referrals in every state, escalation steps and parents who chose to
 * wait (see demo-aanmeldingen.ts). Never a real child.
 */
export async function maakDemoCasussen(deps: Deps, options: DemoCasussenOptions): Promise<number> {
  const prng = createPrng(options.seed);
  const vandaag = isoDate(deps.clock.now());
  const inRegio = await deps.db.orm.select({ code: gemeenten.code }).from(gemeenten).where(eq(gemeenten.regio, options.regio));
  const rijen = await deps.db.orm
    .select({
      id: aanbod.id,
      aanbiederId: aanbod.aanbiederId,
      zorgvorm: aanbod.zorgvorm,
      van: aanbod.leeftijdVan,
      tot: aanbod.leeftijdTot,
    })
    .from(aanbod)
    .innerJoin(locaties, eq(locaties.id, aanbod.locatieId))
    .innerJoin(gemeenten, eq(gemeenten.code, locaties.gemeente))
    .where(eq(gemeenten.regio, options.regio))
    .orderBy(asc(aanbod.id));
  const vormen = rijen.filter((r) => GEVRAAGD.has(r.zorgvorm));
  if (inRegio.length === 0 || vormen.length === 0) return 0;
  // The demo provider (the first by name, as demo-toegang.ts picks it): some cases fit its offers.
  const [eerste] = await deps.db.orm.select({ id: aanbieders.id }).from(aanbieders).orderBy(asc(aanbieders.naam)).limit(1);
  const eigen = rijen.filter((r) => r.aanbiederId === eerste?.id && r.tot >= r.van);

  const casussen: DemoCasus[] = [];
  for (let i = 1; i <= options.aantal; i++) {
    const voorAanbieder = i <= 5 && eigen.length > 0 ? eigen[(i - 1) % eigen.length] : undefined;
    const leeftijd = voorAanbieder ? prng.int(voorAanbieder.van, Math.min(17, voorAanbieder.tot)) : prng.int(0, 17);
    const passend = vormen.filter((v) => v.van <= leeftijd && leeftijd <= v.tot && v.zorgvorm !== "gesloten-jeugdzorg");
    const geboortedatum = plusDagen(vandaag, -(leeftijd * 365 + prng.int(1, 360)));
    const urgentie = prng.weighted([
      ["regulier", 17],
      ["spoed", 2],
      ["crisis", 1],
    ] as const);
    // Case 4 is the one the demo provider already started helping: a measure makes its lead time count from the ruling.
    let maatregelen = i === 4 || prng.chance(0.4) ? maatregelenVoor(prng, leeftijd, vormen, vandaag, geboortedatum) : [];
    const gesloten = maatregelen.some((m) => m.type === "machtiging-gesloten-jeugdzorg");
    let zorgvorm = voorAanbieder?.zorgvorm ?? prng.pick(passend.length > 0 ? passend : vormen).zorgvorm;
    if (gesloten && !voorAanbieder) zorgvorm = "gesloten-jeugdzorg";
    if (maatregelen.some((m) => m.type === "muhp") && !VERBLIJF.has(zorgvorm)) maatregelen = maatregelen.slice(0, 1);
    // A GI registers a case after the ruling; without a measure, at most 120 days ago.
    const start = maatregelen.map((m) => m.ingangsdatum ?? m.uitspraakdatum).sort()[0];
    const aanmelddatum = start
      ? [plusDagen(start, prng.int(0, 14)), vandaag].sort()[0]
      : plusDagen(vandaag, -prng.int(1, Math.min(120, dagenTussen(geboortedatum, vandaag))));
    const registratie = { deps: { ...deps, clock: fixedClock(`${aanmelddatum}T09:00:00.000Z`) }, actor: options.actor };
    const casus = await createCasus(registratie, {
      referentie: `DEMO-${String(i).padStart(4, "0")}`,
      geboortedatum,
      woongemeente: prng.pick(inRegio).code,
      zorgvorm,
      aanmelddatum: aanmelddatum as string,
      urgentie,
      maatregelen,
    });
    casussen.push({
      id: casus.id,
      referentie: casus.referentie,
      geboortedatum,
      aanmelddatum: casus.aanmelddatum,
      urgentie,
      zorgvorm,
      maatregelen,
      voorAanbieder: voorAanbieder?.id,
    });
  }
  await maakDemoVerloop(deps, { prng, casussen, verwijzer: options.actor, aanbod: rijen });
  return options.aantal;
}
