import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import type { AnyD1Database } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie, problem, type Row, snapshot } from "../factories.ts";
import type { Register as NodeRegister } from "../helpers.ts";
import { makeRegister, type Register } from "./register.ts";

/**
 * Every guard on D1 fails inside the batch: when it does not hold, nothing of the write is kept
 * (on D1 exactly as on better-sqlite3). Each test lets another writer in between the request's
 * reads and its atomic write (the moment D1's real I/O leaves open), so the guard itself, not
 * a check before it, has to refuse; then compares every stored row with the state right after
 * that other write. The access log is left out of the comparison: a refused request on case
 * data is logged by design.
 */

/** The factories are typed for the Node register; they only use what both registers have. */
const gedeeld = (r: Register) => r as unknown as NodeRegister;

/** A D1 binding that runs `other` (on the unwrapped binding) once, just before the next atomic write. */
function tussendoor() {
  let other: (() => Promise<void>) | undefined;
  const d1 = (db: AnyD1Database) =>
    new Proxy(db, {
      get(target, name) {
        if (name === "batch") {
          return async (statements: Parameters<AnyD1Database["batch"]>[0]) => {
            const run = other;
            other = undefined;
            await run?.();
            return target.batch(statements);
          };
        }
        const value = Reflect.get(target, name);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return {
    d1,
    voorDeVolgendeSchrijf(write: () => Promise<void>) {
      other = write;
    },
  };
}

async function aanbod(r: Register, overrides: Record<string, unknown> = {}) {
  const aanbieder = await maakAanbieder(gedeeld(r));
  const locatie = await maakLocatie(gedeeld(r), aanbieder.id);
  const offer = await maakAanbod(gedeeld(r), locatie.id, { leeftijdVan: 0, leeftijdTot: 18, ...overrides });
  return { aanbieder, offer };
}

describe("guards on D1 refuse inside the batch and keep nothing", () => {
  it("If-Match: a write over a version another writer just replaced is 412 and writes no history", async () => {
    const tussen = tussendoor();
    const r = await makeRegister(undefined, { d1: tussen.d1 });
    const { aanbieder, offer } = await aanbod(r, { vrijePlekken: 1, capaciteit: 4 });
    const provider = r.met(await r.aanbiederToken(aanbieder.id));
    let before: Record<string, unknown[]> = {};
    tussen.voorDeVolgendeSchrijf(async () => {
      await env.DB.prepare("UPDATE aanbod SET vrije_plekken = 2, versie = versie + 1 WHERE id = ?").bind(offer.id).run();
      before = await snapshot(gedeeld(r));
    });
    const res = await provider(
      "PUT",
      `/v1/aanbod/${offer.id}/beschikbaarheid`,
      { vrijePlekken: 3, aanmeldwachttijdWeken: 1, behandelwachttijdWeken: 1, intakeStatus: "open" },
      { "If-Match": '"v1"' },
    );
    await problem(res, 412);
    expect(await snapshot(gedeeld(r))).toEqual(before);
  });

  it("last free place: a hold that loses the place to another hold is 409; its case, history and hold are not written", async () => {
    const tussen = tussendoor();
    const r = await makeRegister(undefined, { als: "zorgmakelaar", d1: tussen.d1 });
    const { offer } = await aanbod(r, { vrijePlekken: 1, capaciteit: 1 });
    const [a, b] = [await maakCasus(gedeeld(r)), await maakCasus(gedeeld(r))] as Row[];
    let before: Record<string, unknown[]> = {};
    tussen.voorDeVolgendeSchrijf(async () => {
      await env.DB.prepare(
        `INSERT INTO reserveringen (id, aanbod_id, casus_id, voorstel_id, status, verloopt_op, aangemaakt_op, gewijzigd_op)
         VALUES ('00000000-0000-4000-8000-000000000001', ?, ?, NULL, 'actief', '2026-11-30T09:00:00.000Z', ?, ?)`,
      )
        .bind(offer.id, b?.id, r.clock.now().toISOString(), r.clock.now().toISOString())
        .run();
      before = await snapshot(gedeeld(r));
    });
    const res = await r.request("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: a?.id });
    await problem(res, 409);
    expect(await snapshot(gedeeld(r))).toEqual(before);
    const casus = await json<Row>(await r.request("GET", `/v1/casussen/${a?.id}`), 200);
    expect(casus.status).toBe("wachtend");
  });

  it("duplicate reference: a case registered twice at once is 409 the second time and leaves no history behind", async () => {
    const tussen = tussendoor();
    const r = await makeRegister(undefined, { als: "zorgmakelaar", d1: tussen.d1 });
    const eigen = r.organisaties.zorgmakelaar.id;
    let before: Record<string, unknown[]> = {};
    tussen.voorDeVolgendeSchrijf(async () => {
      const now = r.clock.now().toISOString();
      await env.DB.prepare(
        `INSERT INTO casussen (id, organisatie, referentie, geboortedatum, woongemeente, zorgvorm, aanmelddatum, urgentie, status, versie, aangemaakt_op, gewijzigd_op)
         VALUES ('00000000-0000-4000-8000-000000000002', ?, 'DUBBEL-1', '2015-05-01', 'GM0518', 'gezinshuis', '2026-09-01', 'regulier', 'wachtend', 1, ?, ?)`,
      )
        .bind(eigen, now, now)
        .run();
      before = await snapshot(gedeeld(r));
    });
    const res = await r.request("POST", "/v1/casussen", {
      referentie: "DUBBEL-1",
      geboortedatum: "2015-05-01",
      woongemeente: "GM0518",
      zorgvorm: "gezinshuis",
      aanmelddatum: "2026-09-01",
      urgentie: "regulier",
    });
    const body = await problem(res, 409);
    expect(body.invalidParams?.map((p) => p.name)).toEqual(["referentie"]);
    expect(await snapshot(gedeeld(r))).toEqual(before);
  });
});

describe("the Cron Trigger", () => {
  it("a scheduled run ends an expired hold: the case waits again, with a history line, and the place is free", async () => {
    const r = await makeRegister(undefined, { als: "zorgmakelaar" });
    const { offer } = await aanbod(r, { vrijePlekken: 1, capaciteit: 1 });
    const casus = await maakCasus(gedeeld(r));
    const hold = await json<Row>(await r.request("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: casus.id }), 201);
    r.clock.advanceDays(3.01); // holds last 72 hours

    const stored = async () => {
      const [h] = await r.db.orm.all<{ status: string }>(sql`SELECT status FROM reserveringen WHERE id = ${hold.id}`);
      const [c] = await r.db.orm.all<{ status: string }>(sql`SELECT status FROM casussen WHERE id = ${casus.id}`);
      const lines = await r.db.orm.all<{ reden: string | null }>(
        sql`SELECT reden FROM casus_historie WHERE casus_id = ${casus.id} ORDER BY volgnummer`,
      );
      return { hold: h?.status, casus: c?.status, laatste: lines.at(-1)?.reden };
    };
    // Reads already treat the hold as ended; nothing is written until the run.
    expect(await stored()).toMatchObject({ hold: "actief", casus: "gereserveerd" });

    await r.worker.scheduled(createScheduledController({ cron: "* * * * *" }), r.bindings);

    expect(await stored()).toEqual({ hold: "verlopen", casus: "wachtend", laatste: "vastgehouden plek verlopen" });
    expect(await json<Row>(await r.request("GET", `/v1/aanbod/${offer.id}`), 200)).toMatchObject({ vastgehouden: 0 });
  });

  it("a scheduled run ends an aanmelding the provider did not answer in time: its held place back, the case waiting", async () => {
    const r = await makeRegister();
    const { aanbieder, offer } = await aanbod(r, { vrijePlekken: 1, capaciteit: 1 });
    await json(
      await r.als("beheerder")("POST", "/v1/contracten", {
        aanbiederId: aanbieder.id,
        zorgvorm: "gezinshuis",
        gemeente: "GM0518",
        geldigVanaf: "2026-01-01",
      }),
      201,
    );
    const verwijzer = r.als("verwijzer");
    const casus = await maakCasus(gedeeld(r), {}, verwijzer);
    const a = await json<Row>(
      await verwijzer("POST", "/v1/aanmeldingen", {
        casusId: casus.id,
        aanbodId: offer.id,
        metReservering: true,
        contactpersoon: { naam: "M. de Groot", telefoon: "070 765 4321", email: "m.degroot@gi.example" },
      }),
      201,
    );
    r.clock.set(a.antwoordVoor as string);

    const stored = async () => {
      const [m] = await r.db.orm.all<{ status: string }>(sql`SELECT status FROM aanmeldingen WHERE id = ${a.id}`);
      const [h] = await r.db.orm.all<{ status: string }>(sql`SELECT status FROM reserveringen WHERE id = ${a.reserveringId}`);
      const [c] = await r.db.orm.all<{ status: string }>(sql`SELECT status FROM casussen WHERE id = ${casus.id}`);
      const [regel] = await r.db.orm.all<{ naar: string }>(
        sql`SELECT naar FROM aanmelding_historie WHERE aanmelding_id = ${a.id} ORDER BY volgnummer DESC LIMIT 1`,
      );
      return { aanmelding: m?.status, hold: h?.status, casus: c?.status, laatste: regel?.naar };
    };
    expect(await stored()).toMatchObject({ aanmelding: "verzonden", hold: "actief" });

    await r.worker.scheduled(createScheduledController({ cron: "* * * * *" }), r.bindings);

    expect(await stored()).toEqual({ aanmelding: "verlopen", hold: "verlopen", casus: "wachtend", laatste: "verlopen" });
    expect(await json<Row>(await r.request("GET", `/v1/aanbod/${offer.id}`), 200)).toMatchObject({ vastgehouden: 0 });
  });

  it("a scheduled run takes the norm report's snapshot of the first of the month, once", async () => {
    const r = await makeRegister(); // Friday 27 November 2026: the 1st has ended
    const snapshots = () =>
      r.db.orm.all<{ regio: string; peildatum: string }>(sql`SELECT regio, peildatum FROM norm_momentopnames ORDER BY regio`);
    expect(await snapshots()).toEqual([]);
    await r.worker.scheduled(createScheduledController({ cron: "* * * * *" }), r.bindings);
    await r.worker.scheduled(createScheduledController({ cron: "* * * * *" }), r.bindings);
    expect(await snapshots()).toEqual([{ regio: "haaglanden", peildatum: "2026-11-01" }]);
  });
});
