import { maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie, type Row } from "../factories.ts";
import { makeRegister } from "../helpers.ts";

/**
 * A register with two providers (A with a token of its own, B), a contract for A, and a case
 * registered by the referrer's organisation in Haaglanden. Synthetic data only.
 */
export async function toegangFixture() {
  const r = await makeRegister();
  const beheer = r.als("beheerder");
  const a = await maakAanbieder(r);
  const la = await maakLocatie(r, a.id);
  // A short wait, so help there starts in time for a case registered in September.
  const oa = await maakAanbod(r, la.id, {
    leeftijdVan: 0,
    leeftijdTot: 18,
    capaciteit: 200,
    vrijePlekken: 200,
    aanmeldwachttijdWeken: 0,
    behandelwachttijdWeken: 1,
  });
  const b = await maakAanbieder(r);
  const lb = await maakLocatie(r, b.id);
  const ob = await maakAanbod(r, lb.id);
  const contract = await json<Row>(
    await beheer("POST", "/v1/contracten", {
      aanbiederId: a.id,
      zorgvorm: "gezinshuis",
      regio: "haaglanden",
      geldigVanaf: "2026-01-01",
    }),
    201,
  );
  const tokenA = await r.aanbiederToken(a.id);
  const tokenB = await r.aanbiederToken(b.id);
  const verwijzer = r.als("verwijzer");
  const zorgmakelaar = r.als("zorgmakelaar");

  let n = 0;
  /** A waiting case of the referrer's organisation (visible to it and to the Haaglanden broker). */
  const casus = async (overrides: Record<string, unknown> = {}) =>
    (await maakCasus(r, { referentie: `MATRIX-${++n}`, ...overrides }, verwijzer)) as Row;
  /** A fresh open proposal of a new case on A's offer. */
  const voorstel = async () => {
    const c = await casus();
    const run = await json<{ resultaten: { id: string; casusId: string }[] }>(
      await zorgmakelaar("POST", "/v1/matchvoorstellen", { regio: "haaglanden" }),
      201,
    );
    const v = run.resultaten.find((x) => x.casusId === c.id);
    if (!v) throw new Error(`no proposal for the fresh case: ${JSON.stringify(run).slice(0, 600)}`);
    return { id: v.id, casusId: c.id };
  };
  /** A fresh active hold of a new case on A's offer. */
  const reservering = async () => {
    const c = await casus();
    return json<Row>(await zorgmakelaar("POST", "/v1/reserveringen", { aanbodId: oa.id, casusId: c.id }), 201);
  };
  /** A fresh aanmelding of a new case to A's offer, sent by the referrer; `geaccepteerd` has A accept it. */
  const aanmelding = async (opties: { geaccepteerd?: boolean } = {}) => {
    const c = await casus();
    const a = await json<Row>(
      await verwijzer("POST", "/v1/aanmeldingen", {
        casusId: c.id,
        aanbodId: oa.id,
        contactpersoon: { naam: "J. de Vries", telefoon: "070 123 4567" },
      }),
      201,
    );
    if (opties.geaccepteerd)
      await json(await r.met(tokenA)("POST", `/v1/aanmeldingen/${a.id}/acceptatie`, { verwachteStartdatum: "2026-11-27" }), 200);
    return a;
  };
  return { r, a, la, oa, b, lb, ob, contract, tokenA, tokenB, casus, voorstel, reservering, aanmelding };
}
export type ToegangFixture = Awaited<ReturnType<typeof toegangFixture>>;
