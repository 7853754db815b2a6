import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { type AtomicStep, rawWrite } from "../../db/database.ts";
import { aanmeldingen, matchvoorstellen, reserveringen } from "../../db/schema/index.ts";
import { auteur } from "../kern/actor.ts";
import { plusDagen } from "../kern/dates.ts";
import { DomainError } from "../kern/errors.ts";
import { datum, tekst } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import { isoDate, isoTimestamp } from "../kern/time.ts";
import { AANMELDING_AFWIJSLABELS, AANMELDING_AFWIJSREDENEN, type AanmeldingStatus } from "../kern/vocabulary.ts";
import {
  type AanmeldingRow,
  aanmeldingHistorieStep,
  andereAanmeldingenIntrekkenSteps,
  intrekkenSteps,
} from "./aanmelding-stappen.ts";
import {
  type AanmeldingView,
  aanmeldingVan,
  effectieveAanmeldingStatus,
  presentAanmeldingen,
  requireAanmelding,
} from "./aanmeldingen.ts";
import { casusHistorieStep, herberekenSteps } from "./casus-overgangen.ts";
import { type Ctx, useCase } from "./context.ts";
import { plaatsingSteps } from "./plekken.ts";
import { scopeOf } from "./scope.ts";
import { atomicMetLog } from "./toegangslog.ts";
import { expireOverdue } from "./verlopen.ts";

/**
 * The provider's answer to an aanmelding (accept with an expected start, decline with a reason,
 * record the start of help) and the other ends of one (withdrawn by either side, or confirmed by
 * the referrer, which withdraws the case's other referrals). Every transition is guarded on the
 * status seen, leaves a history line with who, when and why, and is access-logged.
 */

export const AcceptatieInput = z
  .strictObject({ verwachteStartdatum: datum.meta({ description: "Wanneer de hulp naar verwachting start" }) })
  .meta({ id: "AanmeldingAcceptatieInput" });

export const AfwijzingInput = z
  .strictObject({
    reden: z.enum(AANMELDING_AFWIJSREDENEN, { message: `Kies uit ${AANMELDING_AFWIJSREDENEN.join(", ")}.` }),
    toelichting: z.string().trim().min(1).max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.reden === "anders" && !v.toelichting)
      ctx.addIssue({ code: "custom", path: ["toelichting"], message: "Bij 'anders' is een toelichting verplicht." });
  })
  .meta({ id: "AanmeldingAfwijzingInput" });

export const StartInput = z
  .strictObject({ startdatum: datum.meta({ description: "De dag dat de hulp startte; bij verblijf de dag van plaatsing" }) })
  .meta({ id: "AanmeldingStartInput" });

export const IntrekkingInput = z.strictObject({ reden: tekst(500) }).meta({ id: "AanmeldingIntrekkingInput" });

const AANBIEDER = ["aanbieder"] as const;
const VERWIJZERS = ["verwijzer", "zorgmakelaar"] as const;

/** The aanmelding as it stands now, after finalising what expired; 409 unless it is in one of `statussen`. */
async function inStatus(ctx: Ctx, id: string, statussen: readonly AanmeldingStatus[], wat: string): Promise<AanmeldingRow> {
  const gezien = await aanmeldingVan(ctx, id);
  await expireOverdue(ctx.deps, { casusId: gezien.casusId });
  const row = await requireAanmelding(ctx.deps, id);
  const status = effectieveAanmeldingStatus(row, isoTimestamp(ctx.deps.clock.now()));
  if (!statussen.includes(status)) {
    throw DomainError.conflict(
      `Aanmelding ${id} is ${status}; ${wat} kan alleen bij een aanmelding die ${statussen.join(" of ")} is.`,
      {
        extensions: { huidigeStatus: status },
      },
    );
  }
  return row;
}

/** The status write of a transition, guarded on the status and version seen. */
function overgangStep(ctx: Ctx, a: AanmeldingRow, set: Partial<AanmeldingRow>): AtomicStep {
  return {
    query: ctx.deps.db.orm
      .update(aanmeldingen)
      .set({ ...set, gewijzigdOp: isoTimestamp(ctx.deps.clock.now()), versie: a.versie + 1 })
      .where(and(eq(aanmeldingen.id, a.id), eq(aanmeldingen.status, a.status), eq(aanmeldingen.versie, a.versie))),
    expectChanges: 1,
    onMismatch: () => DomainError.conflict(`Aanmelding ${a.id} is intussen gewijzigd; bekijk haar opnieuw.`),
  };
}

async function toon(ctx: Ctx, id: string): Promise<AanmeldingView> {
  const [out] = await presentAanmeldingen(ctx.deps, scopeOf(ctx.actor), [await requireAanmelding(ctx.deps, id)]);
  return out as AanmeldingView;
}

/** The provider accepts, with the expected start; a held place stays held until a week after that start. */
export const acceptAanmelding = useCase(
  AANBIEDER,
  async (ctx, input: { id: string; acceptatie: z.output<typeof AcceptatieInput> }) => {
    const a = await inStatus(ctx, input.id, ["verzonden"], "accepteren");
    const vandaag = isoDate(ctx.deps.clock.now());
    const { verwachteStartdatum } = input.acceptatie;
    if (verwachteStartdatum < vandaag) {
      throw DomainError.invalid([
        { name: "verwachteStartdatum", code: "in-het-verleden", reason: "De verwachte startdatum ligt in het verleden." },
      ]);
    }
    const op = isoTimestamp(ctx.deps.clock.now());
    const wie = auteur(ctx.actor);
    await atomicMetLog(
      ctx,
      [
        overgangStep(ctx, a, { status: "geaccepteerd", verwachteStartdatum }),
        aanmeldingHistorieStep(ctx.deps, {
          aanmeldingId: a.id,
          van: "verzonden",
          naar: "geaccepteerd",
          reden: `verwachte start ${verwachteStartdatum}`,
          ...wie,
          op,
        }),
        ...(a.reserveringId
          ? [
              {
                query: ctx.deps.db.orm
                  .update(reserveringen)
                  .set({ verlooptOp: `${plusDagen(verwachteStartdatum, 7)}T23:59:59.999Z`, gewijzigdOp: op })
                  .where(and(eq(reserveringen.id, a.reserveringId), eq(reserveringen.status, "actief"))),
              },
            ]
          : []),
        casusHistorieStep(ctx.deps, {
          casusId: a.casusId,
          soort: "aanmelding",
          van: "verzonden",
          naar: "geaccepteerd",
          reden: `aanbieder accepteert, verwachte start ${verwachteStartdatum}`,
          ...wie,
          op,
        }),
        ...herberekenSteps(a.casusId, "aanmelding geaccepteerd", wie, op),
      ],
      [a.casusId],
    );
    return toon(ctx, a.id);
  },
);

/** The provider declines with a reason: the held place goes back, the case waits again, matching never proposes the pair. */
export const declineAanmelding = useCase(
  AANBIEDER,
  async (ctx, input: { id: string; afwijzing: z.output<typeof AfwijzingInput> }) => {
    const a = await inStatus(ctx, input.id, ["verzonden"], "afwijzen");
    const { reden, toelichting } = input.afwijzing;
    const op = isoTimestamp(ctx.deps.clock.now());
    const wie = auteur(ctx.actor);
    const tekst = `${AANMELDING_AFWIJSLABELS[reden]}${toelichting ? `: ${toelichting}` : ""}`;
    await atomicMetLog(
      ctx,
      [
        ...intrekkenSteps(ctx.deps, a, "afgewezen", toelichting ?? null, wie, op, { afwijsreden: reden }),
        casusHistorieStep(ctx.deps, {
          casusId: a.casusId,
          soort: "aanmelding",
          van: a.status,
          naar: "afgewezen",
          reden: `aanbieder wijst af: ${tekst}`,
          ...wie,
          op,
        }),
        ...herberekenSteps(a.casusId, "aanmelding afgewezen", wie, op),
      ],
      [a.casusId],
    );
    return toon(ctx, a.id);
  },
);

/** Either side withdraws a referral in play, with a reason; a held place goes back. */
export const withdrawAanmelding = useCase(
  ["aanbieder", ...VERWIJZERS],
  async (ctx, input: { id: string; intrekking: z.output<typeof IntrekkingInput> }) => {
    const a = await inStatus(ctx, input.id, ["verzonden", "geaccepteerd"], "intrekken");
    const op = isoTimestamp(ctx.deps.clock.now());
    const wie = auteur(ctx.actor);
    await atomicMetLog(
      ctx,
      [
        ...intrekkenSteps(ctx.deps, a, "ingetrokken", input.intrekking.reden, wie, op),
        casusHistorieStep(ctx.deps, {
          casusId: a.casusId,
          soort: "aanmelding",
          van: a.status,
          naar: "ingetrokken",
          reden: `ingetrokken: ${input.intrekking.reden}`,
          ...wie,
          op,
        }),
        ...herberekenSteps(a.casusId, "aanmelding ingetrokken", wie, op),
      ],
      [a.casusId],
    );
    return toon(ctx, a.id);
  },
);

/** The referrer confirms an acceptance: the case's other referrals still in play are withdrawn. */
export const confirmAanmelding = useCase(VERWIJZERS, async (ctx, { id }: { id: string }) => {
  const a = await inStatus(ctx, id, ["geaccepteerd"], "bevestigen");
  if (a.bevestigdOp) return toon(ctx, a.id);
  const op = isoTimestamp(ctx.deps.clock.now());
  const wie = auteur(ctx.actor);
  await atomicMetLog(
    ctx,
    [
      overgangStep(ctx, a, { bevestigdOp: op }),
      aanmeldingHistorieStep(ctx.deps, {
        aanmeldingId: a.id,
        van: "geaccepteerd",
        naar: "geaccepteerd",
        reden: "bevestigd door de verwijzer",
        ...wie,
        op,
      }),
      ...(await andereAanmeldingenIntrekkenSteps(ctx.deps, {
        casusId: a.casusId,
        behalve: a.id,
        reden: "andere aanmelding bevestigd",
        ...wie,
        op,
      })),
      casusHistorieStep(ctx.deps, {
        casusId: a.casusId,
        soort: "aanmelding",
        van: "geaccepteerd",
        naar: "geaccepteerd",
        reden: "acceptatie bevestigd; andere aanmeldingen ingetrokken",
        ...wie,
        op,
      }),
      ...herberekenSteps(a.casusId, "aanmelding bevestigd", wie, op),
    ],
    [a.casusId],
  );
  return toon(ctx, a.id);
});

/**
 * The provider records the day help started (for residential care the placement): the norm
 * clock stops, the held place is taken, the case is placed, and its other referrals, holds and
 * proposals end.
 */
export const startAanmelding = useCase(AANBIEDER, async (ctx, input: { id: string; start: z.output<typeof StartInput> }) => {
  const a = await inStatus(ctx, input.id, ["geaccepteerd"], "de start vastleggen");
  const { deps } = ctx;
  const { startdatum } = input.start;
  const vandaag = isoDate(deps.clock.now());
  if (startdatum > vandaag || startdatum < a.verzondenOp.slice(0, 10)) {
    throw DomainError.invalid([
      {
        name: "startdatum",
        code: "buiten-bereik",
        reason: "De startdatum ligt tussen de dag van aanmelden en vandaag: leg de start vast als de hulp begonnen is.",
      },
    ]);
  }
  const op = isoTimestamp(deps.clock.now());
  const wie = auteur(ctx.actor);
  const holds = await deps.db.orm
    .select({ id: reserveringen.id, aanbodId: reserveringen.aanbodId })
    .from(reserveringen)
    .where(and(eq(reserveringen.casusId, a.casusId), eq(reserveringen.status, "actief")));
  const eigen = holds.find((h) => h.id === a.reserveringId);
  const anderen = holds.filter((h) => h.id !== a.reserveringId);
  await atomicMetLog(
    ctx,
    [
      overgangStep(ctx, a, { status: "gestart", startdatum }),
      aanmeldingHistorieStep(deps, {
        aanmeldingId: a.id,
        van: "geaccepteerd",
        naar: "gestart",
        reden: `start ${startdatum}`,
        ...wie,
        op,
      }),
      ...(eigen
        ? [
            {
              query: deps.db.orm
                .update(reserveringen)
                .set({ status: "geplaatst", gewijzigdOp: op })
                .where(and(eq(reserveringen.id, eigen.id), eq(reserveringen.status, "actief"))),
            },
            ...plaatsingSteps(eigen.aanbodId, wie, op),
          ]
        : []),
      ...(await andereAanmeldingenIntrekkenSteps(deps, {
        casusId: a.casusId,
        behalve: a.id,
        reden: "hulp elders gestart",
        ...wie,
        op,
      })),
      ...(anderen.length > 0
        ? [
            {
              query: deps.db.orm
                .update(reserveringen)
                .set({ status: "ingetrokken", gewijzigdOp: op })
                .where(
                  and(
                    inArray(
                      reserveringen.id,
                      anderen.map((h) => h.id),
                    ),
                    eq(reserveringen.status, "actief"),
                  ),
                ),
            },
          ]
        : []),
      {
        query: deps.db.orm
          .update(matchvoorstellen)
          .set({ status: "verlopen", gewijzigdOp: op })
          .where(and(eq(matchvoorstellen.casusId, a.casusId), eq(matchvoorstellen.status, "open"))),
      },
      {
        query: rawWrite(sql`INSERT INTO casus_historie (id, casus_id, volgnummer, soort, van, naar, reden, door, gebruiker_id, op)
          SELECT ${newId()}, id, (SELECT COALESCE(MAX(volgnummer), 0) + 1 FROM casus_historie WHERE casus_id = ${a.casusId}),
            'status', status, 'geplaatst', ${`hulp gestart op ${startdatum}`}, ${wie.door}, ${wie.gebruikerId}, ${op}
          FROM casussen WHERE id = ${a.casusId} AND status IN ('wachtend', 'voorgesteld', 'aangemeld', 'gereserveerd')`),
      },
      {
        query:
          rawWrite(sql`UPDATE casussen SET status = 'geplaatst', startdatum = ${startdatum}, versie = versie + 1, gewijzigd_op = ${op}
          WHERE id = ${a.casusId} AND status IN ('wachtend', 'voorgesteld', 'aangemeld', 'gereserveerd')`),
        expectChanges: 1,
        onMismatch: () => DomainError.conflict(`De casus van aanmelding ${a.id} is intussen gestopt of elders geplaatst.`),
      },
    ],
    [a.casusId],
  );
  return toon(ctx, a.id);
});
