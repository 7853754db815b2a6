import { eq } from "drizzle-orm";
import { aanbod, gemeenten, locaties } from "../db/schema/index.ts";
import type { Actor } from "../src/kern/actor.ts";
import { dagenTussen, plusDagen } from "../src/kern/dates.ts";
import { isoDate } from "../src/kern/time.ts";
import { MAATREGEL_TYPES } from "../src/kern/vocabulary.ts";
import { createCasus } from "../src/services/casussen.ts";
import type { Deps } from "../src/services/context.ts";
import { createPrng } from "./prng.ts";

export interface DemoCasussenOptions {
  seed: number;
  aantal: number;
  regio: string;
  /** Who registers them (a GI's verwijzer): only that GI and the region's brokers see them. */
  actor: Actor;
}

/**
 * Synthetic waiting cases for the demo's waiting list and matching: made-up references
 * (`DEMO-0001`), birth dates and dates, in the region's municipalities and for the care types
 * that are offered there. Never a real child.
 */
export async function maakDemoCasussen(deps: Deps, options: DemoCasussenOptions): Promise<number> {
  const prng = createPrng(options.seed);
  const vandaag = isoDate(deps.clock.now());
  const inRegio = await deps.db.orm.select({ code: gemeenten.code }).from(gemeenten).where(eq(gemeenten.regio, options.regio));
  const aangeboden = await deps.db.orm
    .selectDistinct({ zorgvorm: aanbod.zorgvorm })
    .from(aanbod)
    .innerJoin(locaties, eq(locaties.id, aanbod.locatieId))
    .innerJoin(gemeenten, eq(gemeenten.code, locaties.gemeente))
    .where(eq(gemeenten.regio, options.regio));
  if (inRegio.length === 0 || aangeboden.length === 0) return 0;
  for (let i = 1; i <= options.aantal; i++) {
    const leeftijd = prng.int(0, 17);
    const maatregel = prng.chance(0.4)
      ? { type: prng.pick(MAATREGEL_TYPES), ingangsdatum: plusDagen(vandaag, -prng.int(5, 240)) }
      : null;
    const geboortedatum = plusDagen(vandaag, -(leeftijd * 365 + prng.int(1, 360)));
    // Registered after birth, at most 200 days ago.
    const aanmelddatum = plusDagen(vandaag, -prng.int(1, Math.min(200, dagenTussen(geboortedatum, vandaag))));
    await createCasus(
      { deps, actor: options.actor },
      {
        referentie: `DEMO-${String(i).padStart(4, "0")}`,
        geboortedatum,
        woongemeente: prng.pick(inRegio).code,
        zorgvorm: prng.pick(aangeboden).zorgvorm,
        aanmelddatum,
        urgentie: prng.weighted([
          ["regulier", 17],
          ["spoed", 2],
          ["crisis", 1],
        ] as const),
        maatregel,
      },
    );
  }
  return options.aantal;
}
