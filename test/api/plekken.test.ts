import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie, problem, type Row, snapshot } from "../factories.ts";
import { makeRegister, type Register } from "../helpers.ts";

/**
 * A place is never held twice (issue 12): the provider reports the places it has free, the
 * holds through the register count against them, and free places plus nothing else ever
 * exceeds capacity. Every write path keeps the rule: the weekly update, the bulk update, a
 * hold, a placement; also when they race.
 */
type Aanbod = Row & { vrijePlekken: number; vastgehouden: number; capaciteit: number };
const CIJFERS = { aanmeldwachttijdWeken: 2, behandelwachttijdWeken: 6, intakeStatus: "open" };

async function opzet(capaciteit = 2, vrijePlekken = 2) {
  const r = await makeRegister(undefined, { als: "zorgmakelaar" });
  const aanbieder = await maakAanbieder(r);
  const locatie = await maakLocatie(r, aanbieder.id);
  const offer = await maakAanbod(r, locatie.id, { capaciteit, vrijePlekken, leeftijdVan: 0, leeftijdTot: 18 });
  const provider = r.met(await r.aanbiederToken(aanbieder.id));
  return { r, offer, provider, aanbiederId: aanbieder.id };
}

const stand = async (r: Register, id: string) => json<Aanbod>(await r.request("GET", `/v1/aanbod/${id}`), 200);
const hold = (r: Register, aanbodId: string, casusId: string) => r.request("POST", "/v1/reserveringen", { aanbodId, casusId });
const kinderen = async (r: Register, n: number, prefix: string) => {
  const out: Row[] = [];
  for (let i = 0; i < n; i++) out.push(await maakCasus(r, { referentie: `${prefix}-${i}`, geboortedatum: "2012-01-01" }));
  return out;
};
const actieveHolds = async (r: Register, aanbodId: string) => {
  const [row] = await r.db.orm.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM reserveringen WHERE aanbod_id = ${aanbodId} AND status = 'actief'`,
  );
  return row?.n ?? 0;
};

describe("free places and places held through the register", () => {
  it("the reported sequence: two holds, the weekly update says 2 free, a third hold is refused", async () => {
    const { r, offer, provider } = await opzet(2, 2);
    const [a, b, c] = await kinderen(r, 3, "SEQ");
    await json(await hold(r, offer.id, a?.id as string), 201);
    await json(await hold(r, offer.id, b?.id as string), 201);
    expect(await stand(r, offer.id)).toMatchObject({ vrijePlekken: 2, vastgehouden: 2 });

    // The provider confirms it still has these 2 places free (both held for the children).
    const weekly = await provider("PUT", `/v1/aanbod/${offer.id}/beschikbaarheid`, { vrijePlekken: 2, ...CIJFERS });
    expect((await json<Aanbod>(weekly, 200)).vastgehouden).toBe(2);
    // No place is left that another hold does not count on.
    const derde = await problem(await hold(r, offer.id, c?.id as string), 409);
    expect(derde.detail).toBe("Er is geen vrije plek meer bij dit aanbod.");
    expect(await actieveHolds(r, offer.id)).toBe(2);
  });

  it("refuses a weekly update below the places held, with the Dutch reason, and stores nothing", async () => {
    const { r, offer, provider } = await opzet(3, 2);
    const [a, b] = await kinderen(r, 2, "ONDER");
    await json(await hold(r, offer.id, a?.id as string), 201);
    await json(await hold(r, offer.id, b?.id as string), 201);
    const voor = await snapshot(r);
    const res = await problem(
      await provider("PUT", `/v1/aanbod/${offer.id}/beschikbaarheid`, { vrijePlekken: 1, ...CIJFERS }),
      409,
    );
    expect(res.invalidParams).toEqual([
      {
        name: "vrijePlekken",
        code: "lager-dan-vastgehouden",
        reason:
          "Via Plekwijzer worden 2 plekken voor een jeugdige vastgehouden; vul minstens 2 vrije plekken in, of bevestig eerst de plaatsing of trek de reservering in.",
      },
    ]);
    expect(await snapshot(r)).toEqual(voor);
  });

  it("the bulk update keeps the same rule: one row below its holds refuses the whole request", async () => {
    const { r, offer, provider, aanbiederId } = await opzet(2, 1);
    const locatieId = offer.locatieId as string;
    const tweede = await maakAanbod(r, locatieId, { naam: "Tweede", capaciteit: 3, vrijePlekken: 3 });
    const [a] = await kinderen(r, 1, "BULK");
    await json(await hold(r, offer.id, a?.id as string), 201);
    const voor = await snapshot(r);
    const res = await provider("PUT", `/v1/aanbieders/${aanbiederId}/beschikbaarheid`, {
      aanbod: [
        { aanbodId: tweede.id, vrijePlekken: 2, ...CIJFERS },
        { aanbodId: offer.id, vrijePlekken: 0, ...CIJFERS },
      ],
    });
    const body = await problem(res, 409);
    expect(body.invalidParams?.map((p) => [p.name, p.code])).toEqual([["aanbod[1].vrijePlekken", "lager-dan-vastgehouden"]]);
    expect(await snapshot(r)).toEqual(voor);
  });

  it("a placement takes the held place: one free place fewer, the hold ended, the rule kept", async () => {
    const { r, offer } = await opzet(2, 2);
    const [a] = await kinderen(r, 1, "PLAATS");
    const h = await json<Row>(await hold(r, offer.id, a?.id as string), 201);
    await json(await r.request("POST", `/v1/reserveringen/${h.id}/plaatsing`), 200);
    expect(await stand(r, offer.id)).toMatchObject({ vrijePlekken: 1, vastgehouden: 0 });
    const historie = await json<{ resultaten: { wijzigingen: unknown[] }[] }>(
      await r.request("GET", `/v1/aanbod/${offer.id}/historie`),
      200,
    );
    expect(historie.resultaten.at(-1)?.wijzigingen).toEqual([{ veld: "vrijePlekken", oud: 2, nieuw: 1 }]);
  });

  it("updates and holds racing: held places never exceed free places, free places never exceed capacity", async () => {
    for (let ronde = 0; ronde < 5; ronde++) {
      const { r, offer, provider } = await opzet(3, 3);
      const cases = await kinderen(r, 12, `RACE${ronde}`);
      const verzoeken = cases.flatMap((c, i) => [
        hold(r, offer.id, c.id),
        provider("PUT", `/v1/aanbod/${offer.id}/beschikbaarheid`, { vrijePlekken: i % 4, ...CIJFERS }),
      ]);
      const statussen = (await Promise.all(verzoeken)).map((res) => res.status);
      // On D1 requests interleave between read and guarded write: an update that lost to another
      // update is 412 and writes nothing, as with a stale If-Match.
      expect(
        statussen.every((s) => s === 200 || s === 201 || s === 409 || s === 412),
        String(statussen),
      ).toBe(true);
      const { vrijePlekken, capaciteit } = await stand(r, offer.id);
      const held = await actieveHolds(r, offer.id);
      expect(held).toBeLessThanOrEqual(vrijePlekken);
      expect(vrijePlekken).toBeLessThanOrEqual(capaciteit);
    }
  });
});
