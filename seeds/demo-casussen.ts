import { asc, eq } from "drizzle-orm";
import { aanbieders, aanbod, gemeenten, locaties } from "../db/schema/index.ts";
import type { Actor } from "../src/kern/actor.ts";
import { dagenTussen, leeftijdJaren, plusDagen } from "../src/kern/dates.ts";
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

/** Care a child is plausibly referred to only from some age, whatever an offer's own range says. */
const ZORG_VANAF: Record<string, number> = {
  "gesloten-jeugdzorg": 12,
  "begeleid-beschermd-wonen": 16,
  "kleinschalige-woonvoorziening": 8,
  gezinshuis: 2,
  "ambulante-jggz": 4,
};
const zorgVanaf = (zorgvorm: string) => ZORG_VANAF[zorgvorm] ?? 0;

/** Care a crisis case is waiting for: a place away from home, now. */
const CRISISZORG = new Set(["pleegzorg", "gezinshuis", "kleinschalige-woonvoorziening", "46"]);
/** Care that does not wait for days or weeks: not advice for parents, not bridging care. */
const NIET_GEVRAAGD = new Set(["overbruggingszorg", "opvoedondersteuning"]);

/**
 * Measures, the age at the ruling from which they are realistic and the care they go with:
 * jeugdreclassering from 12 (criminal responsibility) with ambulant or day care or a small
 * group; a machtiging gesloten jeugdzorg from 12, only with closed care (made apart, below);
 * Wvggz from 16 with youth mental health care; Wzd from 12 with care in a group; OTS and voogdij
 * from birth, OTS with any care, voogdij not with care for the parents; a MUHP only beside an
 * OTS, with care away from home.
 */
const MAATREGELEN: { type: MaatregelType; vanaf: number; gewicht: (leeftijd: number) => number; zorg?: Set<string> }[] = [
  { type: "ots", vanaf: 0, gewicht: (l) => (l < 12 ? 7 : 8) },
  {
    type: "voogdij",
    vanaf: 0,
    gewicht: (l) => (l < 12 ? 3 : 2),
    zorg: new Set([
      "pleegzorg",
      "gezinshuis",
      "kleinschalige-woonvoorziening",
      "begeleid-beschermd-wonen",
      "ambulante-jggz",
      "41",
    ]),
  },
  {
    type: "jeugdreclassering",
    vanaf: 12,
    gewicht: () => 5,
    zorg: new Set(["ambulante-jggz", "gezinsbehandeling", "kleinschalige-woonvoorziening", "begeleid-beschermd-wonen", "41"]),
  },
  { type: "wvggz", vanaf: 16, gewicht: () => 1, zorg: new Set(["ambulante-jggz", "kleinschalige-woonvoorziening", "52", "54"]) },
  {
    type: "wzd",
    vanaf: 12,
    gewicht: () => 1,
    zorg: new Set(["kleinschalige-woonvoorziening", "begeleid-beschermd-wonen", "gezinshuis"]),
  },
];
const MUHP_ZORG = new Set(["pleegzorg", "gezinshuis", "kleinschalige-woonvoorziening"]);

interface Vorm {
  zorgvorm: string;
  van: number;
  tot: number;
}

/**
 * The measures of one case: a ruling some time ago (a crisis days ago, spoed weeks ago) and its
 * start a few days later (now and then only the start is known); a type that fits the child's
 * age at the ruling and the care asked for, or none.
 */
function maatregelenVoor(
  prng: Prng,
  opties: { zorgvorm: string; urgentie: Urgentie; vandaag: string; geboortedatum: string; type?: MaatregelType },
): Maatregel[] {
  const { vandaag, geboortedatum } = opties;
  const geleefd = dagenTussen(geboortedatum, vandaag);
  const [minTerug, maxTerug] = opties.urgentie === "crisis" ? [0, 5] : opties.urgentie === "spoed" ? [7, 30] : [10, 200];
  // Never before the child was born.
  const uitspraak = plusDagen(vandaag, -prng.int(Math.min(minTerug, geleefd), Math.min(maxTerug, geleefd)));
  const leeftijd = leeftijdJaren(geboortedatum, uitspraak);
  const passend = MAATREGELEN.filter((m) => m.vanaf <= leeftijd && (!m.zorg || m.zorg.has(opties.zorgvorm)));
  const type = opties.type ?? (passend.length > 0 ? prng.weighted(passend.map((m) => [m.type, m.gewicht(leeftijd)])) : undefined);
  if (!type) return [];
  const ingang = [uitspraak, plusDagen(uitspraak, prng.int(0, opties.urgentie === "regulier" ? 9 : 2))].sort()[1] as string;
  const maatregel = (t: MaatregelType): Maatregel => ({
    type: t,
    uitspraakdatum: prng.chance(0.12) ? null : uitspraak,
    ingangsdatum: ingang <= vandaag ? ingang : uitspraak,
  });
  const eerste = maatregel(type);
  return type === "ots" && MUHP_ZORG.has(opties.zorgvorm) && prng.chance(0.3) ? [eerste, maatregel("muhp")] : [eerste];
}

type Urgentie = "regulier" | "spoed" | "crisis";

/**
 * Synthetic waiting cases for the demo's waiting list, matching and referrals: made-up
 * references (`DEMO-0001`), birth dates and dates, in the region's municipalities, asking for
 * care offered there at the child's age, in combinations a professional would believe: about
 * half under a measure that fits the child's age at the ruling and the care asked for (no youth
 * probation for a toddler, closed care only from 12 and only under a machtiging), care that
 * fits the age (no gezinshuis for a baby), a crisis case registered days ago and waiting for a
 * place away from home, a spoed case weeks ago. The first few fit the offers of the demo
 * provider, so its inbox has referrals; then a few referrals in every state, escalation steps
 * and parents who chose to wait (see demo-aanmeldingen.ts). Never a real child.
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
  const eigen = rijen.filter(
    (r) =>
      r.aanbiederId === eerste?.id &&
      !NIET_GEVRAAGD.has(r.zorgvorm) &&
      r.zorgvorm !== "gesloten-jeugdzorg" &&
      Math.max(r.van, zorgVanaf(r.zorgvorm)) <= Math.min(17, r.tot),
  );
  const gesloten = vormen.filter((v) => v.zorgvorm === "gesloten-jeugdzorg");

  const casussen: DemoCasus[] = [];
  for (let i = 1; i <= options.aantal; i++) {
    const voorAanbieder = i <= 5 && eigen.length > 0 ? eigen[(i - 1) % eigen.length] : undefined;
    const leeftijd = voorAanbieder
      ? prng.int(Math.max(voorAanbieder.van, zorgVanaf(voorAanbieder.zorgvorm)), Math.min(17, voorAanbieder.tot))
      : prng.int(0, 17);
    const geboortedatum = plusDagen(vandaag, -(leeftijd * 365 + prng.int(1, 360)));
    let urgentie: Urgentie = prng.weighted([
      ["regulier", 17],
      ["spoed", 2],
      ["crisis", 1],
    ] as const);
    const past = (v: Vorm) =>
      v.van <= leeftijd && leeftijd <= v.tot && zorgVanaf(v.zorgvorm) <= leeftijd && v.zorgvorm !== "gesloten-jeugdzorg";
    const passend = vormen.filter(
      (v) =>
        past(v) &&
        (urgentie !== "crisis" || CRISISZORG.has(v.zorgvorm)) &&
        (urgentie === "regulier" || !NIET_GEVRAAGD.has(v.zorgvorm)),
    );
    if (passend.length === 0 || (voorAanbieder && urgentie === "crisis" && !CRISISZORG.has(voorAanbieder.zorgvorm)))
      urgentie = "regulier";
    let zorgvorm = voorAanbieder?.zorgvorm ?? prng.pick(passend.length > 0 ? passend : vormen.filter(past)).zorgvorm;
    // Now and then a youth of 12 or older waits for closed care: always under a machtiging.
    const geslotenPast = gesloten.some((v) => v.van <= leeftijd && leeftijd <= v.tot) && leeftijd >= 13;
    const naarGesloten = !voorAanbieder && urgentie !== "crisis" && geslotenPast && prng.chance(0.15);
    if (naarGesloten) zorgvorm = "gesloten-jeugdzorg";
    const basis = { zorgvorm, urgentie, vandaag, geboortedatum };
    // Case 4 is the one the demo provider already started helping: a measure makes its lead time count from the ruling.
    const maatregelen = naarGesloten
      ? maatregelenVoor(prng, { ...basis, type: "machtiging-gesloten-jeugdzorg" })
      : i === 4 || prng.chance(0.5)
        ? maatregelenVoor(prng, basis)
        : [];
    // A GI registers a case after the ruling (a crisis or spoed case at once); without a measure, at most 120 days ago (spoed 30, crisis 5).
    const start = maatregelen.map((m) => m.ingangsdatum ?? m.uitspraakdatum).sort()[0];
    const geleefd = dagenTussen(geboortedatum, vandaag);
    const aanmelddatum = start
      ? [plusDagen(start, prng.int(0, urgentie === "regulier" ? 14 : 2)), vandaag].sort()[0]
      : plusDagen(vandaag, -prng.int(1, Math.min(urgentie === "crisis" ? 5 : urgentie === "spoed" ? 30 : 120, geleefd)));
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
