import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { templateWrite } from "../../db/database.ts";
import { aanbieders, aanbodHistorie } from "../../db/schema/index.ts";
import { createAanbieder, findAanbieder } from "../../src/services/aanbieders.ts";
import { historieStep } from "../../src/services/historie.ts";
import { nextVersionStep } from "../../src/services/versioned.ts";
import { servicesRegister } from "./support.ts";

/**
 * The connection keeps one prepared statement per SQL text (drizzle's reads and the atomic
 * writes alike), and the hot writes build their SQL text once (`templateWrite`). Both only save
 * work: every answer and every stored value must be what building anew gives.
 */
describe("prepared statements and write templates", () => {
  it("prepares a read once, and a statement drizzle read as arrays answers the next reader with objects", async () => {
    const { db, beheer } = await servicesRegister();
    const a = await createAanbieder(beheer, { naam: "Hergebruik" });
    const prepare = vi.spyOn(db.sqlite, "prepare");
    const lees = () =>
      db.orm.select({ id: aanbieders.id, naam: aanbieders.naam }).from(aanbieders).where(eq(aanbieders.id, a.id));
    expect(await lees()).toEqual([{ id: a.id, naam: "Hergebruik" }]);
    expect(await lees()).toEqual([{ id: a.id, naam: "Hergebruik" }]);
    expect(prepare).toHaveBeenCalledTimes(1);
    // The same text in plain SQL: drizzle asks rows as objects of the very statement it just read as arrays.
    const [voor, na] = lees().toSQL().sql.split("?");
    expect(await db.orm.all(sql`${sql.raw(voor ?? "")}${a.id}${sql.raw(na ?? "")}`)).toEqual([{ id: a.id, naam: "Hergebruik" }]);
    expect(prepare).toHaveBeenCalledTimes(1);
    prepare.mockRestore();
  });

  it("fills every write of one shape with its own values: JSON through the column, null and undefined as NULL", async () => {
    const { db, deps, beheer } = await servicesRegister();
    const a = await createAanbieder(beheer, { naam: "Sjabloon" });
    const op = "2026-11-30T09:00:00.000Z";
    await db.atomic([
      historieStep(deps, { aanbodId: "aanbod-1", soort: "bevestigd", wijzigingen: [], door: "Eerste", op }),
      historieStep(deps, {
        aanbodId: "aanbod-1",
        soort: "gewijzigd",
        wijzigingen: [{ veld: "vrijePlekken", oud: 1, nieuw: 2 }],
        door: "Tweede",
        gebruikerId: "gebruiker-2",
        op,
      }),
      historieStep(deps, { aanbodId: "aanbod-2", soort: "bevestigd", wijzigingen: [], door: "Derde", gebruikerId: null, op }),
      nextVersionStep(deps, aanbieders, a, { telefoon: "070-1234567", website: null }),
      nextVersionStep(deps, aanbieders, { id: a.id, versie: a.versie + 1 }, { telefoon: "070-7654321", website: undefined }),
    ]);
    const regels = await db.orm.select().from(aanbodHistorie).orderBy(aanbodHistorie.door);
    expect(regels.map(({ id: _id, ...r }) => r)).toEqual([
      { aanbodId: "aanbod-2", soort: "bevestigd", wijzigingen: [], door: "Derde", gebruikerId: null, op, volgnummer: 1 },
      { aanbodId: "aanbod-1", soort: "bevestigd", wijzigingen: [], door: "Eerste", gebruikerId: null, op, volgnummer: 1 },
      {
        aanbodId: "aanbod-1",
        soort: "gewijzigd",
        wijzigingen: [{ veld: "vrijePlekken", oud: 1, nieuw: 2 }],
        door: "Tweede",
        gebruikerId: "gebruiker-2",
        op,
        volgnummer: 2,
      },
    ]);
    expect(new Set(regels.map((r) => r.id)).size).toBe(3);
    const [na] = await db.orm.select().from(aanbieders).where(eq(aanbieders.id, a.id));
    expect(na).toMatchObject({ telefoon: "070-7654321", website: null, versie: a.versie + 2 });
  });

  it("prepares a hot read once per connection, and each read runs with its own values", async () => {
    const { db, deps, beheer } = await servicesRegister();
    const a = await createAanbieder(beheer, { naam: "Eerste" });
    const b = await createAanbieder(beheer, { naam: "Tweede" });
    const prepare = vi.spyOn(db.sqlite, "prepare");
    expect((await findAanbieder(deps, a.id))?.naam).toBe("Eerste");
    expect((await findAanbieder(deps, b.id))?.naam).toBe("Tweede");
    expect(await findAanbieder(deps, "bestaat-niet")).toBeUndefined();
    expect(prepare).toHaveBeenCalledTimes(1);
    prepare.mockRestore();
    // Another connection prepares its own.
    const ander = await servicesRegister();
    expect(await findAanbieder(ander.deps, a.id)).toBeUndefined();
  });

  it("refuses a write that misses a value rather than writing another write's", () => {
    const query = templateWrite(
      "test: een ontbrekende waarde",
      () => ({ toSQL: () => ({ sql: "SELECT ?", params: [sql.placeholder("x")] }) }),
      {},
    );
    expect(() => query.toSQL()).toThrow(/No value for placeholder "x"/);
  });
});
