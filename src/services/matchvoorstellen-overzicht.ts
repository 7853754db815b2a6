import type { Page, Paging } from "../kern/page.ts";
import type { ReserveringStatus, VoorstelStatus } from "../kern/vocabulary.ts";
import { findAanbieder } from "./aanbieders.ts";
import { findAanbod } from "./aanbod.ts";
import { findCasus } from "./casus-overgangen.ts";
import { readRegios, readZorgvormen } from "./catalogus.ts";
import { type Deps, useCase } from "./context.ts";
import { findLocatie } from "./locaties.ts";
import { getVoorstel, listVoorstellen, type VoorstelView } from "./matchvoorstellen.ts";
import { listReserveringen, type ReserveringView } from "./reserveringen.ts";

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

export interface MatchingOverzichtInput {
  regio: string;
  pagina: number;
  perPagina: number;
  /** How many ended holds and decided proposals of each outcome to show. */
  recent: number;
  maxActief: number;
  /** A proposal refused on another page of the list, shown first with its message. */
  geweigerdVoorstel?: string;
}

/**
 * A broker's matching work in one of its regions: open proposals (paged), active holds, and
 * what ended or was decided lately, with the names to show instead of ids.
 */
export const getMatchingOverzicht = useCase(["zorgmakelaar"], async (ctx, input: MatchingOverzichtInput) => {
  const { regio, recent } = input;
  const open = await listVoorstellen(ctx, { status: "open", regio, pagina: input.pagina, perPagina: input.perPagina });
  const openV = [...open.resultaten];
  if (input.geweigerdVoorstel && !openV.some((v) => v.id === input.geweigerdVoorstel)) {
    const geweigerd = await getVoorstel(ctx, { id: input.geweigerdVoorstel }).catch(() => undefined);
    if (geweigerd?.status === "open") openV.unshift(geweigerd);
  }
  const actief = await listReserveringen(ctx, { status: "actief", regio, pagina: 1, perPagina: input.maxActief });
  const afgerond: ReserveringView[] = [];
  for (const status of ["geplaatst", "verlopen", "ingetrokken"] as const satisfies ReserveringStatus[])
    afgerond.push(...(await nieuwste((p) => listReserveringen(ctx, { status, regio, ...p }), recent)));
  afgerond.sort((a, b) => b.gewijzigdOp.localeCompare(a.gewijzigdOp));
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

  const koppelingen = [...openV, ...besloten.map((b) => b.v), ...actief.resultaten, ...afgerond];
  const namen = await namenVoor(
    ctx.deps,
    koppelingen.map((k) => k.casusId).filter((id): id is string => id !== null),
    koppelingen.map((k) => k.aanbodId),
  );
  const regioNamen = new Map((await readRegios(ctx.deps)).map((r) => [r.code, r.naam]));
  return {
    regio,
    regios: ctx.actor.regios.map((code) => ({ code, naam: regioNamen.get(code) ?? code })),
    open: { totaal: open.totaal, rijen: openV },
    actief: { totaal: actief.totaal, rijen: actief.resultaten },
    afgerond,
    besloten,
    namen,
  };
});
