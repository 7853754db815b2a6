import { and, inArray } from "drizzle-orm";
import { aanmeldingen } from "../../db/schema/index.ts";
import type { Page, Paging } from "../kern/page.ts";
import { AANMELDING_ACTIEF, type ReserveringStatus, type VoorstelStatus } from "../kern/vocabulary.ts";
import { findAanbieder } from "./aanbieders.ts";
import { findAanbod } from "./aanbod.ts";
import { findCasus } from "./casus-overgangen.ts";
import { readRegios, readZorgvormen } from "./catalogus.ts";
import { type ActorCtx, type Deps, noteer, useCase } from "./context.ts";
import { findLocatie } from "./locaties.ts";
import { listVoorstellen, openVoorstelRows, presentVoorstellen, type VoorstelView } from "./matchvoorstellen.ts";
import { getReservering, listReserveringen, type ReserveringView, scopeBinnenRegio } from "./reserveringen.ts";
import { rankWachtlijst } from "./wachtlijst.ts";

/** What a broker's matching page shows of an offer: where the place is and for whom. */
export interface AanbodInfo {
  naam: string;
  aanbieder: string;
  locatie: string;
  plaats: string;
  leeftijdVan: number;
  leeftijdTot: number;
}

/** Names to show instead of ids: case references (pseudonymous), offers, care types. */
export interface Namen {
  casussen: Map<string, string>;
  aanbod: Map<string, AanbodInfo>;
  zorgvormen: Map<string, string>;
}

async function namenVoor(deps: Deps, casusIds: string[], aanbodIds: string[]): Promise<Namen> {
  const zorgvormen = new Map((await readZorgvormen(deps)).map((z) => [z.code, z.naam]));
  const namen: Namen = { casussen: new Map(), aanbod: new Map(), zorgvormen };
  for (const id of new Set(casusIds)) {
    const casus = await findCasus(deps, id);
    if (casus) namen.casussen.set(id, casus.referentie);
  }
  const aanbieders = new Map<string, string>();
  for (const id of new Set(aanbodIds)) {
    const a = await findAanbod(deps, id);
    if (!a) continue;
    if (!aanbieders.has(a.aanbiederId)) aanbieders.set(a.aanbiederId, (await findAanbieder(deps, a.aanbiederId))?.naam ?? "");
    const locatie = await findLocatie(deps, a.locatieId);
    namen.aanbod.set(id, {
      naam: a.naam,
      aanbieder: aanbieders.get(a.aanbiederId) ?? "",
      locatie: locatie?.naam ?? "",
      plaats: locatie?.plaats ?? "",
      leeftijdVan: a.leeftijdVan,
      leeftijdTot: a.leeftijdTot,
    });
  }
  return namen;
}

/** The newest `n` rows of a list ordered oldest first. */
async function nieuwste<T>(haal: (p: Paging) => Promise<Page<T>>, n: number): Promise<T[]> {
  const eerste = await haal({ pagina: 1, perPagina: n });
  if (eerste.totaal <= n) return eerste.resultaten.reverse();
  const laatste = Math.ceil(eerste.totaal / n);
  const [a, b] = await Promise.all([haal({ pagina: laatste - 1, perPagina: n }), haal({ pagina: laatste, perPagina: n })]);
  return [...a.resultaten, ...b.resultaten].slice(-n).reverse();
}

/** The broker's regions with their names, for the region choice on the matching pages. */
async function regiosVan(ctx: ActorCtx) {
  const regioNamen = new Map((await readRegios(ctx.deps)).map((r) => [r.code, r.naam]));
  return ctx.actor.regios.map((code) => ({ code, naam: regioNamen.get(code) ?? code }));
}

/** An open proposal with its case's place on the region's waiting list (null: outside the ranking, spoed or crisis). */
export type OpenVoorstel = VoorstelView & { positie: number | null };

export interface OpenVoorstellenInput extends Paging {
  regio: string;
  /** A proposal refused on another page of the list, shown first with its message. */
  geweigerdVoorstel?: string;
}

/**
 * A broker's open proposals in one of its regions, in the order of the region's waiting list
 * (the position shown with each), paged. Only the proposals shown are logged.
 */
export const getOpenVoorstellen = useCase(["zorgmakelaar"], async (ctx, input: OpenVoorstellenInput) => {
  const { regio, pagina, perPagina } = input;
  const scope = await scopeBinnenRegio(ctx, regio);
  const rows = await openVoorstelRows(ctx.deps, scope);
  const lijst = await rankWachtlijst(ctx.deps, { regio });
  const posities = new Map(lijst.resultaten.map((x) => [x.id, x.positie]));
  const plaats = (casusId: string) => posities.get(casusId) ?? Number.POSITIVE_INFINITY;
  // Stable: within one position (a case proposed twice) the oldest proposal first, as read.
  const geordend = [...rows].sort((a, b) => plaats(a.casusId) - plaats(b.casusId));
  const pageRows = geordend.slice((pagina - 1) * perPagina, pagina * perPagina);
  if (input.geweigerdVoorstel && !pageRows.some((v) => v.id === input.geweigerdVoorstel)) {
    const geweigerd = geordend.find((v) => v.id === input.geweigerdVoorstel);
    if (geweigerd) pageRows.unshift(geweigerd);
  }
  noteer(
    ctx,
    pageRows.map((r) => r.casusId),
  );
  const getoond = await presentVoorstellen(ctx.deps, scope, pageRows);
  const open: OpenVoorstel[] = getoond.map((v) => ({ ...v, positie: posities.get(v.casusId ?? "") ?? null }));
  const namen = await namenVoor(
    ctx.deps,
    pageRows.map((r) => r.casusId),
    pageRows.map((r) => r.aanbodId),
  );
  return { regio, regios: await regiosVan(ctx), totaal: rows.length, open, namen };
});

/** A referral a hold was taken with: the provider answers it, so the hold is not ended on its own. */
export interface HoldAanmelding {
  status: string;
  antwoordVoor: string;
}

export interface ReserveringenInput extends Paging {
  regio: string;
  /** How many ended holds of each outcome to show. */
  recent: number;
}

/**
 * A broker's holds in one of its regions: the active ones paged (with the referral a hold
 * follows, read in one query for the page), and the newest that ended.
 */
export const getReserveringenOverzicht = useCase(["zorgmakelaar"], async (ctx, input: ReserveringenInput) => {
  const { regio, recent } = input;
  const actief = await listReserveringen(ctx, { status: "actief", regio, pagina: input.pagina, perPagina: input.perPagina });
  const afgerond: ReserveringView[] = [];
  for (const status of ["geplaatst", "verlopen", "ingetrokken"] as const satisfies ReserveringStatus[])
    afgerond.push(...(await nieuwste((p) => listReserveringen(ctx, { status, regio, ...p }), recent)));
  afgerond.sort((a, b) => b.gewijzigdOp.localeCompare(a.gewijzigdOp));
  const ids = actief.resultaten.map((r) => r.id);
  const aanmeldingenVan = new Map<string, HoldAanmelding>();
  if (ids.length > 0) {
    const rows = await ctx.deps.db.orm
      .select({ reserveringId: aanmeldingen.reserveringId, status: aanmeldingen.status, antwoordVoor: aanmeldingen.antwoordVoor })
      .from(aanmeldingen)
      .where(and(inArray(aanmeldingen.reserveringId, ids), inArray(aanmeldingen.status, [...AANMELDING_ACTIEF])));
    for (const a of rows)
      if (a.reserveringId) aanmeldingenVan.set(a.reserveringId, { status: a.status, antwoordVoor: a.antwoordVoor });
  }
  const koppelingen = [...actief.resultaten, ...afgerond];
  const namen = await namenVoor(
    ctx.deps,
    koppelingen.map((k) => k.casusId).filter((id): id is string => id !== null),
    koppelingen.map((k) => k.aanbodId),
  );
  return {
    regio,
    regios: await regiosVan(ctx),
    actief: { totaal: actief.totaal, rijen: actief.resultaten },
    aanmeldingen: aanmeldingenVan,
    afgerond,
    namen,
  };
});

/** Proposals decided on or expired lately in one of the broker's regions, newest first, `recent` of each outcome. */
export const getAfgehandeldeVoorstellen = useCase(["zorgmakelaar"], async (ctx, input: { regio: string; recent: number }) => {
  const { regio, recent } = input;
  const besloten: { v: VoorstelView; op: string }[] = [];
  for (const status of ["geaccepteerd", "afgewezen", "verlopen"] as const satisfies VoorstelStatus[]) {
    const page = (p: Paging) =>
      listVoorstellen(ctx, { status, regio, ...p }).then((r) => ({
        ...r,
        resultaten: r.resultaten.map((v, i) => ({ v, op: r.rijen[i]?.gewijzigdOp ?? v.aangemaaktOp })),
      }));
    besloten.push(...(await nieuwste(page, recent)));
  }
  besloten.sort((a, b) => b.op.localeCompare(a.op));
  const namen = await namenVoor(
    ctx.deps,
    besloten.map((b) => b.v.casusId).filter((id): id is string => id !== null),
    besloten.map((b) => b.v.aanbodId),
  );
  return { regio, regios: await regiosVan(ctx), besloten, namen };
});

/** One hold with the names to show for it (the case reference and the offer), for the confirmation of ending it. */
export const getReserveringMetNamen = useCase(["zorgmakelaar"], async (ctx, { id }: { id: string }) => {
  const hold = await getReservering(ctx, { id });
  return { hold, namen: await namenVoor(ctx.deps, hold.casusId ? [hold.casusId] : [], [hold.aanbodId]) };
});
