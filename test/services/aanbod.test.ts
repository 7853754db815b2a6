import { describe, expect, it } from "vitest";
import { createAanbieder, getAanbieder, updateAanbieder } from "../../src/services/aanbieders.ts";
import { createAanbod, deleteAanbod, getEigenAanbod, listAanbodHistorie, updateAanbod } from "../../src/services/aanbod.ts";
import { createLocatie } from "../../src/services/locaties.ts";
import { ctxAls, servicesRegister, weigering } from "./support.ts";

const CIJFERS = { vrijePlekken: 2, aanmeldwachttijdWeken: 3, behandelwachttijdWeken: 5, intakeStatus: "open" as const };

/** Two providers, each with a location, an offer and a signed-in person of its own. */
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
    return { aanbieder, locatie, aanbod, ctx: ctxAls(s.deps, s.actor("aanbieder", org)) };
  };
  return { s, eigen: await maakAanbieder("Linde"), ander: await maakAanbieder("Kompas") };
}

const beschrijving = (locatieId: string) => ({
  locatieId,
  zorgvorm: "gezinshuis",
  naam: "Gezinshuis De Linde",
  omschrijving: "Kleinschalig gezinshuis.",
  intakeProcedure: "Bel eerst; daarna een kennismakingsgesprek met ouders en jeugdige.",
  intakeContact: "Intaketeam, 070 123 4567",
  leeftijdVan: 4,
  leeftijdTot: 12,
  capaciteit: 4,
});

describe("a provider keeps its own offers, without HTTP", () => {
  it("adds an offer, changes its age range, description and intake, and ends it; the history keeps every step", async () => {
    const { eigen } = await opzet();
    const nieuw = await createAanbod(eigen.ctx, { ...beschrijving(eigen.locatie.id), ...CIJFERS });
    expect(nieuw).toMatchObject({ aanbiederId: eigen.aanbieder.id, intakeContact: "Intaketeam, 070 123 4567" });
    const gewijzigd = await updateAanbod(eigen.ctx, {
      id: nieuw.id,
      wijziging: { ...beschrijving(eigen.locatie.id), leeftijdVan: 6, intakeProcedure: "Mail het intaketeam." },
      versies: [1],
    });
    expect(gewijzigd).toMatchObject({ leeftijdVan: 6, intakeProcedure: "Mail het intaketeam.", versie: 2 });
    await deleteAanbod(eigen.ctx, { id: nieuw.id, versies: [2] });
    expect(await weigering(getEigenAanbod(eigen.ctx, { id: nieuw.id }))).toBe("niet-gevonden");
    const historie = await listAanbodHistorie(eigen.ctx, { id: nieuw.id, pagina: 1, perPagina: 10 });
    expect(historie.resultaten.map((h) => h.soort)).toEqual(["aangemaakt", "gewijzigd", "verwijderd"]);
    expect(historie.resultaten[1]?.wijzigingen).toEqual([
      {
        veld: "intakeProcedure",
        oud: "Bel eerst; daarna een kennismakingsgesprek met ouders en jeugdige.",
        nieuw: "Mail het intaketeam.",
      },
      { veld: "leeftijdVan", oud: 4, nieuw: 6 },
    ]);
  });

  it("cannot touch another provider's offer, location or details: they do not exist for it, and nothing changes", async () => {
    const { s, eigen, ander } = await opzet();
    const voor = await getEigenAanbod(s.beheer, { id: ander.aanbod.id });
    expect(await weigering(updateAanbod(eigen.ctx, { id: ander.aanbod.id, wijziging: beschrijving(ander.locatie.id) }))).toBe(
      "niet-gevonden",
    );
    expect(await weigering(deleteAanbod(eigen.ctx, { id: ander.aanbod.id }))).toBe("niet-gevonden");
    // Adding an offer at the other's location: that location "does not exist".
    expect(await weigering(createAanbod(eigen.ctx, { ...beschrijving(ander.locatie.id), ...CIJFERS }))).toBe("ongeldige-invoer");
    // Moving its own offer to the other's location is refused too.
    expect(await weigering(updateAanbod(eigen.ctx, { id: eigen.aanbod.id, wijziging: beschrijving(ander.locatie.id) }))).toBe(
      "ongeldige-invoer",
    );
    expect(await weigering(updateAanbieder(eigen.ctx, { id: ander.aanbieder.id, wijziging: { naam: "Overgenomen" } }))).toBe(
      "niet-gevonden",
    );
    expect(await getEigenAanbod(s.beheer, { id: ander.aanbod.id })).toEqual(voor);
    expect((await getAanbieder(s.beheer, { id: ander.aanbieder.id })).naam).toBe("Kompas");
  });

  it("keeps its own contact details", async () => {
    const { eigen } = await opzet();
    const na = await updateAanbieder(eigen.ctx, {
      id: eigen.aanbieder.id,
      wijziging: { naam: "Linde", telefoon: "070 765 4321", email: "intake@linde.example", website: "https://linde.example" },
    });
    expect(na).toMatchObject({ telefoon: "070 765 4321", email: "intake@linde.example", website: "https://linde.example" });
  });
});
