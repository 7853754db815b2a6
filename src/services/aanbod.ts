import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { aanbod, locaties, zorgvormen } from "../../db/schema/index.ts";
import { type Actor, auteur } from "../kern/actor.ts";
import { DomainError } from "../kern/errors.ts";
import { aantalPlekken, intakeStatus, leeftijd, optioneleTekst, tekst, wachttijdWeken, zorgvormCode } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import type { Paging } from "../kern/page.ts";
import { actualiteitOf, isoTimestamp } from "../kern/time.ts";
import { assertVersion, staleVersionError } from "../kern/version.ts";
import { type CrossRule, Violations, withCrossRules } from "../kern/violations.ts";
import { type Actualiteit, type IntakeStatus, ROLLEN } from "../kern/vocabulary.ts";
import { checkReferences, findGemeente } from "./catalogus.ts";
import { type Deps, publiekeLeesactie, useCase } from "./context.ts";
import { diff, historieStep, listHistorie } from "./historie.ts";
import { findLocatie } from "./locaties.ts";
import { metPersoon } from "./personen.ts";
import { vastgehoudenVoor } from "./plekken.ts";
import { requireOwnAanbieder } from "./scope.ts";
import { atVersion, writeVersion } from "./versioned.ts";

export type AanbodRow = typeof aanbod.$inferSelect;

/** The weekly figures a provider keeps up to date. */
export interface Beschikbaarheid {
  vrijePlekken: number;
  aanmeldwachttijdWeken: number | null;
  behandelwachttijdWeken: number | null;
  intakeStatus: IntakeStatus;
}
export const BESCHIKBAARHEID_VELDEN = [
  "vrijePlekken",
  "aanmeldwachttijdWeken",
  "behandelwachttijdWeken",
  "intakeStatus",
] as const satisfies readonly (keyof Beschikbaarheid)[];

/** The input rules of the weekly figures, shared by the single, bulk and create inputs. */
export const beschikbaarheidVelden = {
  vrijePlekken: aantalPlekken.meta({ description: "Plekken die nu echt beschikbaar zijn (niet: lege bedden)" }),
  aanmeldwachttijdWeken: wachttijdWeken.meta({
    description: "Weken van aanmelding tot intake; null bij crisiszorg of onbekend",
  }),
  behandelwachttijdWeken: wachttijdWeken.meta({
    description: "Weken van intake tot start van de zorg; null bij crisiszorg of onbekend",
  }),
  intakeStatus,
};

export const BeschikbaarheidInput = z.strictObject(beschikbaarheidVelden).meta({ id: "BeschikbaarheidInput" });

const beschrijvingVelden = {
  locatieId: z.uuid({ message: "Moet een UUID zijn." }),
  aanbiederId: z
    .uuid({ message: "Moet een UUID zijn." })
    .optional()
    .meta({ description: "Volgt uit de locatie; mag mee als controle" }),
  zorgvorm: zorgvormCode,
  naam: tekst(200),
  omschrijving: optioneleTekst(4000),
  intakeProcedure: optioneleTekst(2000).meta({ description: "Hoe een verwijzer aanmeldt: de stappen van de intake" }),
  intakeContact: optioneleTekst(300).meta({ description: "Wie een verwijzer benadert voor een intake: naam, telefoon, e-mail" }),
  leeftijdVan: leeftijd,
  leeftijdTot: leeftijd,
  capaciteit: aantalPlekken.meta({ description: "Het totaal aantal plekken (maximum)" }),
  overbrugging: z.boolean().optional(),
};

const leeftijdOplopend: CrossRule<{ leeftijdVan: number; leeftijdTot: number }> = {
  fields: ["leeftijdVan", "leeftijdTot"],
  holds: (v) => v.leeftijdVan <= v.leeftijdTot,
  name: "leeftijdTot",
  code: "lager-dan-leeftijd-van",
  reason: "leeftijdTot mag niet lager zijn dan leeftijdVan.",
};

const binnenCapaciteit: CrossRule<{ vrijePlekken: number; capaciteit: number }> = {
  fields: ["vrijePlekken", "capaciteit"],
  holds: (v) => v.vrijePlekken <= v.capaciteit,
  name: "vrijePlekken",
  code: "groter-dan-capaciteit",
  reason: "Er kunnen niet meer vrije plekken zijn dan de capaciteit.",
};

export const BESCHRIJVING_REGELS = [leeftijdOplopend];
export const AANBOD_REGELS = [leeftijdOplopend, binnenCapaciteit] as CrossRule<
  { leeftijdVan: number; leeftijdTot: number } & { vrijePlekken: number; capaciteit: number }
>[];

export const AanbodBeschrijvingInput = withCrossRules(z.strictObject(beschrijvingVelden), BESCHRIJVING_REGELS).meta({
  id: "AanbodBeschrijvingInput",
});
export type AanbodBeschrijving = z.output<typeof AanbodBeschrijvingInput>;

export const AanbodInput = withCrossRules(
  z.strictObject({ ...beschrijvingVelden, ...beschikbaarheidVelden }),
  AANBOD_REGELS,
).meta({ id: "AanbodInput" });
export type AanbodInput = z.output<typeof AanbodInput>;

const BESCHRIJVING_VELDEN = [
  "locatieId",
  "zorgvorm",
  "naam",
  "omschrijving",
  "intakeProcedure",
  "intakeContact",
  "leeftijdVan",
  "leeftijdTot",
  "capaciteit",
  "overbrugging",
] as const;

/** An offer with the places held on it through the register now. */
export type AanbodStand = AanbodRow & { vastgehouden: number };

/** The offers with their holds counted at this moment. */
export async function metVastgehouden(deps: Deps, rows: readonly AanbodRow[]): Promise<AanbodStand[]> {
  const n = await vastgehoudenVoor(
    deps,
    rows.map((r) => r.id),
    isoTimestamp(deps.clock.now()),
  );
  return rows.map((row) => ({ ...row, vastgehouden: n.get(row.id) ?? 0 }));
}

async function stand(deps: Deps, row: AanbodRow): Promise<AanbodStand> {
  const [uit] = await metVastgehouden(deps, [row]);
  return uit as AanbodStand;
}

/** An offer as stored, or as a search answer holds it (without the intake procedure and contact). */
type AanbodWeergave = Omit<AanbodStand, "intakeProcedure" | "intakeContact"> &
  Partial<Pick<AanbodStand, "intakeProcedure" | "intakeContact">>;

/**
 * An offer as the API shows it. Built as one object literal, with the intake fields added after
 * (no spreads): it is made for every hit of every search, and a spread copy of an object this size
 * costs V8 a slow clone and its garbage collector far more than the fields themselves.
 */
export function toAanbod(row: AanbodWeergave, now: Date) {
  const weergave: {
    id: string;
    aanbiederId: string;
    locatieId: string;
    zorgvorm: string;
    naam: string;
    omschrijving: string | null;
    // Only the offer itself carries how to refer; a search answer leaves them out rather than claim "none".
    intakeProcedure?: string | null;
    intakeContact?: string | null;
    leeftijdVan: number;
    leeftijdTot: number;
    capaciteit: number;
    vrijePlekken: number;
    vastgehouden: number;
    aanmeldwachttijdWeken: number | null;
    behandelwachttijdWeken: number | null;
    intakeStatus: IntakeStatus;
    overbrugging: boolean;
    versie: number;
    aangemaaktOp: string;
    gewijzigdOp: string;
    bevestigdOp: string | null;
    actualiteit: Actualiteit;
  } = {
    id: row.id,
    aanbiederId: row.aanbiederId,
    locatieId: row.locatieId,
    zorgvorm: row.zorgvorm,
    naam: row.naam,
    omschrijving: row.omschrijving,
    leeftijdVan: row.leeftijdVan,
    leeftijdTot: row.leeftijdTot,
    capaciteit: row.capaciteit,
    vrijePlekken: row.vrijePlekken,
    vastgehouden: row.vastgehouden,
    aanmeldwachttijdWeken: row.aanmeldwachttijdWeken,
    behandelwachttijdWeken: row.behandelwachttijdWeken,
    intakeStatus: row.intakeStatus,
    overbrugging: row.overbrugging,
    versie: row.versie,
    aangemaaktOp: row.aangemaaktOp,
    gewijzigdOp: row.gewijzigdOp,
    bevestigdOp: row.bevestigdOp,
    actualiteit: actualiteitOf(row.bevestigdOp, now),
  };
  if (row.intakeProcedure !== undefined) weergave.intakeProcedure = row.intakeProcedure;
  if (row.intakeContact !== undefined) weergave.intakeContact = row.intakeContact;
  return weergave;
}
export type Aanbod = ReturnType<typeof toAanbod>;

export async function findAanbod({ db }: Deps, id: string): Promise<AanbodRow | undefined> {
  const [row] = await db.orm.select().from(aanbod).where(eq(aanbod.id, id));
  return row;
}

export async function requireAanbod(deps: Deps, id: string): Promise<AanbodRow> {
  const row = await findAanbod(deps, id);
  if (!row) throw DomainError.notFound(`Aanbod ${id}`);
  return row;
}

/** An offer the actor may change: a provider only its own, anyone else's "does not exist". */
export async function eigenAanbod(deps: Deps, actor: Actor, id: string): Promise<AanbodRow> {
  const row = await requireAanbod(deps, id);
  requireOwnAanbieder(actor, row.aanbiederId, () => DomainError.notFound(`Aanbod ${id}`));
  return row;
}

/** Checks what the request schema cannot: references, and free places against capacity. */
async function validate(deps: Deps, input: AanbodBeschrijving & { vrijePlekken: number }, current?: AanbodRow): Promise<string> {
  const violations = new Violations();
  const locatie = await findLocatie(deps, input.locatieId);
  if (!locatie) violations.add("locatieId", "onbekend", `Locatie ${input.locatieId} bestaat niet.`);
  else if (current && locatie.aanbiederId !== current.aanbiederId) {
    violations.add("locatieId", "andere-aanbieder", "Aanbod kan alleen naar een locatie van dezelfde aanbieder.");
  }
  if (locatie && input.aanbiederId !== undefined && input.aanbiederId !== locatie.aanbiederId) {
    violations.add("aanbiederId", "komt-niet-overeen", "De locatie hoort bij een andere aanbieder.");
  }
  await checkReferences(deps, { zorgvorm: { name: "zorgvorm", code: input.zorgvorm } }, violations);
  if (current && input.vrijePlekken > input.capaciteit) {
    violations.add(
      "capaciteit",
      "kleiner-dan-vrije-plekken",
      `De capaciteit mag niet kleiner zijn dan het aantal vrije plekken (${input.vrijePlekken}); pas eerst de beschikbaarheid aan.`,
    );
  }
  violations.throwIfAny();
  return (locatie as NonNullable<typeof locatie>).aanbiederId;
}

function beschrijving(input: AanbodBeschrijving) {
  return {
    locatieId: input.locatieId,
    zorgvorm: input.zorgvorm,
    naam: input.naam,
    omschrijving: input.omschrijving ?? null,
    intakeProcedure: input.intakeProcedure ?? null,
    intakeContact: input.intakeContact ?? null,
    leeftijdVan: input.leeftijdVan,
    leeftijdTot: input.leeftijdTot,
    capaciteit: input.capaciteit,
    overbrugging: input.overbrugging ?? false,
  };
}

export const getAanbod = publiekeLeesactie(ROLLEN, async ({ deps }, { id }: { id: string }) =>
  stand(deps, await requireAanbod(deps, id)),
);

/** Creates an offer; the figures entered by a person count as confirmed. */
export const createAanbod = useCase(["aanbieder", "beheerder"], async ({ deps, actor }, input: AanbodInput) => {
  const locatie = await findLocatie(deps, input.locatieId);
  if (locatie) {
    // A provider adds offers at its own locations only; another provider's location "does not exist".
    requireOwnAanbieder(actor, locatie.aanbiederId, () =>
      DomainError.invalid([{ name: "locatieId", code: "onbekend", reason: `Locatie ${input.locatieId} bestaat niet.` }]),
    );
  }
  const aanbiederId = await validate(deps, input);
  const now = isoTimestamp(deps.clock.now());
  const row: AanbodRow = {
    id: newId(),
    aanbiederId,
    ...beschrijving(input),
    vrijePlekken: input.vrijePlekken,
    aanmeldwachttijdWeken: input.aanmeldwachttijdWeken,
    behandelwachttijdWeken: input.behandelwachttijdWeken,
    intakeStatus: input.intakeStatus,
    versie: 1,
    aangemaaktOp: now,
    gewijzigdOp: now,
    bevestigdOp: now,
  };
  const empty = Object.fromEntries(Object.keys(row).map((k) => [k, null])) as unknown as AanbodRow;
  await deps.db.atomic([
    { query: deps.db.orm.insert(aanbod).values(row) },
    historieStep(deps, {
      aanbodId: row.id,
      soort: "aangemaakt",
      wijzigingen: diff(empty, row, [...BESCHRIJVING_VELDEN, ...BESCHIKBAARHEID_VELDEN]),
      ...auteur(actor),
      op: now,
    }),
  ]);
  return { ...row, vastgehouden: 0 };
});

/** Replaces an offer's description; availability figures go through the weekly update. */
export const updateAanbod = useCase(
  ["aanbieder", "beheerder"],
  async ({ deps, actor }, input: { id: string; wijziging: AanbodBeschrijving; versies?: number[] }) => {
    const current = await eigenAanbod(deps, actor, input.id);
    assertVersion(current.versie, input.versies);
    await validate(deps, { ...input.wijziging, vrijePlekken: current.vrijePlekken }, current);
    const wijzigingen = diff(current, { ...current, ...beschrijving(input.wijziging) }, BESCHRIJVING_VELDEN);
    if (wijzigingen.length === 0) return stand(deps, current);
    const now = isoTimestamp(deps.clock.now());
    const next = await writeVersion(deps, {
      table: aanbod,
      current,
      set: { ...beschrijving(input.wijziging), gewijzigdOp: now },
      also: [historieStep(deps, { aanbodId: input.id, soort: "gewijzigd", wijzigingen, ...auteur(actor), op: now })],
    });
    return stand(deps, next);
  },
);

/** Deletes an offer; its history stays, closed by a `verwijderd` row. */
export const deleteAanbod = useCase(
  ["aanbieder", "beheerder"],
  async ({ deps, actor }, input: { id: string; versies?: number[] }) => {
    const current = await eigenAanbod(deps, actor, input.id);
    assertVersion(current.versie, input.versies);
    await deps.db.atomic([
      {
        query: deps.db.orm.delete(aanbod).where(atVersion(aanbod, current)),
        expectChanges: 1,
        onMismatch: staleVersionError,
      },
      historieStep(deps, {
        aanbodId: input.id,
        soort: "verwijderd",
        wijzigingen: [],
        ...auteur(actor),
        op: isoTimestamp(deps.clock.now()),
      }),
    ]);
  },
);

/**
 * An offer's history, oldest first; a deleted offer keeps it, only an id never seen is unknown.
 * Who made each change is for the offer's own provider, the brokers of its region and the
 * beheerder (the person's name for their own organisation and the beheerder, the organisation
 * for the others); other providers and referrers see the figures only.
 */
export const listAanbodHistorie = useCase(ROLLEN, async ({ deps, actor }, input: Paging & { id: string }) => {
  const { id, ...paging } = input;
  const page = await listHistorie(deps, id, paging);
  const offer = await findAanbod(deps, id);
  if (page.totaal === 0 && !offer) throw DomainError.notFound(`Aanbod ${id}`);
  const ziet = await zietWie(deps, actor, offer);
  const regels = await metPersoon(deps, actor, page.resultaten, { beheerderZiet: true });
  return { ...page, resultaten: ziet ? regels : regels.map((r) => ({ ...r, door: null, doorPersoon: null })) };
});

/** Whether the actor may see who changed the offer's figures (of a deleted offer: the beheerder only). */
async function zietWie(deps: Deps, actor: Actor, offer: AanbodRow | undefined): Promise<boolean> {
  if (actor.rol === "beheerder") return true;
  if (!offer) return false;
  if (actor.rol === "aanbieder") return actor.aanbiederId === offer.aanbiederId;
  if (actor.rol !== "zorgmakelaar") return false;
  const locatie = await findLocatie(deps, offer.locatieId);
  const gemeente = locatie ? await findGemeente(deps, locatie.gemeente) : undefined;
  return gemeente?.regio != null && actor.regios.includes(gemeente.regio);
}

/**
 * Every offer of the signed-in provider with the names of its location and care type, by
 * location then name: the provider's weekly screen. Read from the register itself, never from
 * the search index (which hides stale offers and may lag behind a write).
 */
export const listEigenAanbod = useCase(["aanbieder"], async ({ deps, actor }, _input: undefined) => {
  if (!actor.aanbiederId) return [];
  const rows = await deps.db.orm
    .select({ aanbod, locatieNaam: locaties.naam, zorgvormNaam: zorgvormen.naam })
    .from(aanbod)
    .innerJoin(locaties, eq(locaties.id, aanbod.locatieId))
    .leftJoin(zorgvormen, eq(zorgvormen.code, aanbod.zorgvorm))
    .where(eq(aanbod.aanbiederId, actor.aanbiederId))
    .orderBy(asc(locaties.naam), asc(aanbod.naam), asc(aanbod.id));
  const standen = await metVastgehouden(
    deps,
    rows.map((r) => r.aanbod),
  );
  return rows.map((r, i) => ({ ...r, aanbod: standen[i] as AanbodStand }));
});
export type AanbodVanAanbieder = Awaited<ReturnType<typeof listEigenAanbod>>[number];

/** One of the actor's own offers (a provider's weekly screen); another provider's "does not exist". */
export const getEigenAanbod = useCase(["aanbieder", "beheerder"], async ({ deps, actor }, { id }: { id: string }) =>
  stand(deps, await eigenAanbod(deps, actor, id)),
);
