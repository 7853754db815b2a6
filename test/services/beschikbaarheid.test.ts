import { describe, expect, it } from "vitest";
import { systeemActor } from "../../src/kern/actor.ts";
import { createAanbieder } from "../../src/services/aanbieders.ts";
import { createAanbod, listAanbodHistorie } from "../../src/services/aanbod.ts";
import { confirmAllAanbod, setBeschikbaarheid, setBeschikbaarheidBulk } from "../../src/services/beschikbaarheid.ts";
import { createLocatie } from "../../src/services/locaties.ts";
import { ctxAls, servicesRegister, weigering } from "./support.ts";

const CIJFERS = { vrijePlekken: 2, aanmeldwachttijdWeken: 3, behandelwachttijdWeken: 5, intakeStatus: "open" as const };

async function opzet() {
  const s = await servicesRegister();
  const maakAanbieder = async (naam: string) => {
    const aanbieder = await createAanbieder(s.beheer, { naam });
    const locatie = await createLocatie(s.beheer, {
      aanbiederId: aanbieder.id,
      naam: `${naam} Centrum`,
      adres: "Testlaan 1",
      postcode: "2511 AB",
      plaats: "Den Haag",
      gemeente: "GM0518",
    });
    const aanbod = await createAanbod(s.beheer, {
      locatieId: locatie.id,
      zorgvorm: "gezinshuis",
      naam: `${naam} gezinshuis`,
      leeftijdVan: 0,
      leeftijdTot: 18,
      capaciteit: 4,
      ...CIJFERS,
    });
    const org = await s.organisatie(`Org ${naam}`, "aanbieder", { aanbiederId: aanbieder.id });
    return { aanbieder, aanbod, actor: s.actor("aanbieder", org) };
  };
  return { s, eigen: await maakAanbieder("Linde"), ander: await maakAanbieder("Kompas") };
}

describe("availability use cases, without HTTP", () => {
  it("a provider updates its own offer; the history names its organisation", async () => {
    const { s, eigen } = await opzet();
    const ctx = ctxAls(s.deps, eigen.actor);
    const row = await setBeschikbaarheid(ctx, { id: eigen.aanbod.id, cijfers: { ...CIJFERS, vrijePlekken: 1 } });
    expect(row.vrijePlekken).toBe(1);
    const historie = await listAanbodHistorie(ctx, { id: eigen.aanbod.id, pagina: 1, perPagina: 10 });
    expect(historie.resultaten.at(-1)?.door).toBe("Org Linde (aanbieder)");
  });

  it("another provider's offer does not exist for it; a referrer may not; nobody signed in may not", async () => {
    const { s, eigen, ander } = await opzet();
    const invoer = { id: ander.aanbod.id, cijfers: CIJFERS };
    expect(await weigering(setBeschikbaarheid(ctxAls(s.deps, eigen.actor), invoer))).toBe("niet-gevonden");
    const gi = await s.organisatie("GI", "gecertificeerde-instelling");
    expect(await weigering(setBeschikbaarheid(ctxAls(s.deps, s.actor("verwijzer", gi)), invoer))).toBe("geen-toegang");
    expect(await weigering(setBeschikbaarheid(ctxAls(s.deps, undefined), invoer))).toBe("niet-geauthenticeerd");
    expect(
      await weigering(
        setBeschikbaarheidBulk(ctxAls(s.deps, eigen.actor), {
          aanbiederId: ander.aanbieder.id,
          regels: [{ aanbodId: ander.aanbod.id, ...CIJFERS }],
        }),
      ),
    ).toBe("niet-gevonden");
    expect(await weigering(confirmAllAanbod(ctxAls(s.deps, eigen.actor), { aanbiederId: ander.aanbieder.id }))).toBe(
      "niet-gevonden",
    );
  });

  it("the CLI's system actor as beheerder keeps any provider's figures, under the same capacity rule", async () => {
    const { s, ander } = await opzet();
    const ctx = ctxAls(s.deps, systeemActor("beheerder"));
    expect((await setBeschikbaarheid(ctx, { id: ander.aanbod.id, cijfers: CIJFERS })).vrijePlekken).toBe(2);
    expect(await weigering(setBeschikbaarheid(ctx, { id: ander.aanbod.id, cijfers: { ...CIJFERS, vrijePlekken: 5 } }))).toBe(
      "ongeldige-invoer",
    );
  });
});
