import { inArray } from "drizzle-orm";
import { aanbieders } from "../db/schema/index.ts";
import { type Actor, systeemActor } from "../src/kern/actor.ts";
import { dagenTussen, leeftijdJaren, plusDagen, plusMaanden } from "../src/kern/dates.ts";
import { fixedClock, isoDate } from "../src/kern/time.ts";
import type { Maatregel } from "../src/priority/norm.ts";
import {
  acceptAanmelding,
  declineAanmelding,
  startAanmelding,
  withdrawAanmelding,
} from "../src/services/aanmelding-antwoorden.ts";
import { createAanmelding } from "../src/services/aanmeldingen.ts";
import { setCasusStatus } from "../src/services/casussen.ts";
import type { Deps } from "../src/services/context.ts";
import { createEscalatie } from "../src/services/escalaties.ts";
import type { Prng } from "./prng.ts";

/** A demo case as the referral demo needs it. */
export interface DemoCasus {
  id: string;
  referentie: string;
  geboortedatum: string;
  aanmelddatum: string;
  urgentie: string;
  zorgvorm: string;
  maatregelen: Maatregel[];
  /** The demo provider's offer this case was made to fit. */
  voorAanbieder?: string;
}

interface DemoAanbod {
  id: string;
  aanbiederId: string;
  zorgvorm: string;
  van: number;
  tot: number;
}

/** Invented professionals of the demo GI: never a child, never a real person. */
const CONTACTEN = [
  { naam: "A. Jansen", telefoon: "070 555 0101", email: "a.jansen@jeugdbescherming.example" },
  { naam: "M. de Boer", telefoon: "070 555 0102", email: "m.deboer@jeugdbescherming.example" },
  { naam: "S. Bakker", telefoon: "070 555 0103", email: "s.bakker@jeugdbescherming.example" },
];
const HULPVRAGEN = ["opvoeding-en-gezin", "veiligheid", "gedrag", "psychische-klachten", "trauma", "school-en-dagbesteding"];

/**
 * The demo's referrals and escalation, made through the same use cases as the pages, each at
 * its own moment in the past (a clock set back), so every history reads in order: referrals to
 * the demo provider waiting for an answer, accepted, started (its lead time shown) and declined;
 * one to another provider left unanswered (expired) and one withdrawn; escalation steps A1, A2
 * and B on cases past their norm date; parents who chose to wait.
 */
export async function maakDemoVerloop(
  deps: Deps,
  opties: { prng: Prng; casussen: DemoCasus[]; verwijzer: Actor; aanbod: DemoAanbod[] },
): Promise<void> {
  const { prng, casussen, verwijzer } = opties;
  const vandaag = isoDate(deps.clock.now());
  /** A moment `dagen` days ago, at `uur` o'clock (UTC); never before the case was registered. */
  const moment = (casus: DemoCasus, dagen: number, uur: number) => {
    const terug = Math.min(dagen, dagenTussen(casus.aanmelddatum, vandaag));
    return { ...deps, clock: fixedClock(`${plusDagen(vandaag, -terug)}T${String(uur).padStart(2, "0")}:00:00.000Z`) };
  };
  const dag = (d: Deps) => isoDate(d.clock.now());
  const aanbodVan = new Map(opties.aanbod.map((a) => [a.id, a]));
  const namen = new Map(
    (
      await deps.db.orm
        .select({ id: aanbieders.id, naam: aanbieders.naam })
        .from(aanbieders)
        .where(inArray(aanbieders.id, [...new Set(opties.aanbod.map((a) => a.aanbiederId))]))
    ).map((a) => [a.id, a.naam]),
  );
  const aanbieder = (aanbodId: string) => {
    const id = aanbodVan.get(aanbodId)?.aanbiederId ?? "";
    return systeemActor("aanbieder", {
      aanbiederId: id,
      organisatieId: id,
      organisatieNaam: namen.get(id) ?? "Aanbieder",
      organisatieType: "aanbieder",
    });
  };
  const stuur = (casus: DemoCasus, aanbodId: string, d: Deps, metReservering: boolean) =>
    createAanmelding(
      { deps: d, actor: verwijzer },
      {
        casusId: casus.id,
        aanbodId,
        hulpvraagCategorieen: [prng.pick(HULPVRAGEN)],
        urgentie: casus.urgentie as "regulier",
        contactpersoon: prng.pick(CONTACTEN),
        toelichting: "Synthetische demo-aanmelding. Graag telefonisch contact voor een kennismaking.",
        metReservering,
      },
    );

  // Referrals to the demo provider: its inbox has work, and one child already started.
  const voor = casussen.filter((c) => c.voorAanbieder !== undefined);
  for (const [i, casus] of voor.entries()) {
    const aanbodId = casus.voorAanbieder as string;
    if (i === 0) await stuur(casus, aanbodId, moment(casus, 2, 10), true);
    else if (i === 1) await stuur(casus, aanbodId, moment(casus, 1, 11), false);
    else if (i === 2) {
      const a = await stuur(casus, aanbodId, moment(casus, 6, 10), true);
      const d = moment(casus, 4, 14);
      await acceptAanmelding(
        { deps: d, actor: aanbieder(aanbodId) },
        { id: a.id, acceptatie: { verwachteStartdatum: plusDagen(vandaag, 10) } },
      );
    } else if (i === 3) {
      const a = await stuur(casus, aanbodId, moment(casus, 30, 10), true);
      const akkoord = moment(casus, 27, 15);
      const start = moment(casus, 19, 12);
      await acceptAanmelding(
        { deps: akkoord, actor: aanbieder(aanbodId) },
        { id: a.id, acceptatie: { verwachteStartdatum: dag(start) } },
      );
      await startAanmelding({ deps: start, actor: aanbieder(aanbodId) }, { id: a.id, start: { startdatum: dag(start) } });
    } else if (i === 4) {
      const a = await stuur(casus, aanbodId, moment(casus, 8, 10), false);
      await declineAanmelding(
        { deps: moment(casus, 5, 16), actor: aanbieder(aanbodId) },
        {
          id: a.id,
          afwijzing: {
            reden: "past-niet-bij-aanbod",
            toelichting: "Deze hulpvraag vraagt meer specialistische zorg dan wij bieden.",
          },
        },
      );
    }
  }

  // Referrals to other providers of the same care at the child's age.
  const passend = (casus: DemoCasus) =>
    opties.aanbod.find((a) => {
      const leeftijd = leeftijdJaren(casus.geboortedatum, vandaag);
      return (
        a.zorgvorm === casus.zorgvorm && a.van <= leeftijd && leeftijd <= a.tot && !voor.some((v) => v.voorAanbieder === a.id)
      );
    });
  const regulier = casussen.filter((c) => c.voorAanbieder === undefined && c.urgentie === "regulier");
  const kandidaten = regulier.filter((c) => passend(c) !== undefined);
  const [verlopen, ingetrokken] = kandidaten;
  if (verlopen) await stuur(verlopen, (passend(verlopen) as DemoAanbod).id, moment(verlopen, 12, 10), false);
  if (ingetrokken) {
    const a = await stuur(ingetrokken, (passend(ingetrokken) as DemoAanbod).id, moment(ingetrokken, 9, 10), true);
    await withdrawAanmelding(
      { deps: moment(ingetrokken, 7, 9), actor: verwijzer },
      { id: a.id, intrekking: { reden: "Met de ouders besproken: eerst ambulante hulp thuis proberen." } },
    );
  }

  // Escalation on cases past their norm date with nothing in play; parents who chose to wait on one more.
  const gebruikt = new Set([verlopen?.id, ingetrokken?.id]);
  const voorbijNorm = regulier.filter(
    (c) =>
      !gebruikt.has(c.id) &&
      c.maatregelen.some((m) => {
        const vanaf = m.uitspraakdatum ?? m.ingangsdatum;
        return vanaf !== null && plusMaanden(vanaf, 3) < vandaag;
      }),
  );
  const [a1, a2, b] = voorbijNorm;
  // Parents who chose to wait: a fourth case past its norm, else any other regular case still waiting.
  const geescaleerd = new Set([a1?.id, a2?.id, b?.id]);
  const wachten =
    voorbijNorm[3] ?? regulier.find((c) => !gebruikt.has(c.id) && !geescaleerd.has(c.id) && c.maatregelen.length > 0);
  if (a1)
    await createEscalatie(
      { deps: moment(a1, 6, 10), actor: verwijzer },
      {
        id: a1.id,
        escalatie: {
          stap: "A1",
          datum: dag(moment(a1, 6, 10)),
          uitkomst: "Met de gemeente gezocht buiten de gecontracteerde zorg.",
        },
      },
    );
  if (a2) {
    const maatwerk = opties.aanbod.find((x) => x.zorgvorm === a2.zorgvorm) ?? opties.aanbod[0];
    await createEscalatie(
      { deps: moment(a2, 20, 10), actor: verwijzer },
      {
        id: a2.id,
        escalatie: { stap: "A1", datum: dag(moment(a2, 20, 10)), uitkomst: "Geen tijdige gecontracteerde plek gevonden." },
      },
    );
    if (maatwerk)
      await createEscalatie(
        { deps: moment(a2, 8, 11), actor: verwijzer },
        {
          id: a2.id,
          escalatie: {
            stap: "A2",
            datum: dag(moment(a2, 8, 11)),
            uitkomst: "De gemeente spreekt maatwerk af met deze aanbieder.",
            aanbiederId: maatwerk.aanbiederId,
            besluitdatum: dag(moment(a2, 10, 11)),
          },
        },
      );
  }
  if (b)
    await createEscalatie(
      { deps: moment(b, 3, 10), actor: verwijzer },
      { id: b.id, escalatie: { stap: "B", datum: dag(moment(b, 3, 10)), uitkomst: "Voorgelegd aan het regionaal expertteam." } },
    );
  if (wachten)
    await setCasusStatus(
      { deps: moment(wachten, 14, 10), actor: verwijzer },
      { id: wachten.id, wijziging: { status: "gestopt", stopreden: "ouders-kiezen-wachten" } },
    );
}
