import { describe, expect, it } from "vitest";
import { createAanbieder } from "../../src/services/aanbieders.ts";
import { createAanbod } from "../../src/services/aanbod.ts";
import { declineAanmelding } from "../../src/services/aanmelding-antwoorden.ts";
import { listAanmeldingen } from "../../src/services/aanmeldingen.ts";
import { createCasus } from "../../src/services/casussen.ts";
import { createContract } from "../../src/services/contracten.ts";
import { createLocatie } from "../../src/services/locaties.ts";
import { acceptVoorstel, listVoorstellen } from "../../src/services/matchvoorstellen.ts";
import { runMatching } from "../../src/services/matchvoorstellen-run.ts";
import { listReserveringen } from "../../src/services/reserveringen.ts";
import { ctxAls, servicesRegister, weigering } from "./support.ts";

async function opzet() {
  const s = await servicesRegister();
  const aanbieder = await createAanbieder(s.beheer, { naam: "De Linde" });
  const locatie = await createLocatie(s.beheer, {
    aanbiederId: aanbieder.id,
    naam: "Linde Centrum",
    adres: "Testlaan 1",
    postcode: "2511 AB",
    plaats: "Den Haag",
    gemeente: "GM0518",
    lat: 52.07,
    lon: 4.3,
  });
  const aanbod = await createAanbod(s.beheer, {
    locatieId: locatie.id,
    zorgvorm: "gezinshuis",
    naam: "Gezinshuis De Linde",
    leeftijdVan: 0,
    leeftijdTot: 18,
    capaciteit: 2,
    vrijePlekken: 1,
    aanmeldwachttijdWeken: 2,
    behandelwachttijdWeken: 4,
    intakeStatus: "open",
  });
  await createContract(s.beheer, {
    aanbiederId: aanbieder.id,
    zorgvorm: "gezinshuis",
    gemeente: "GM0518",
    geldigVanaf: "2026-01-01",
  });
  const st = await s.organisatie("Serviceteam Haaglanden", "regio", { regios: ["haaglanden"] });
  const makelaar = ctxAls(s.deps, s.actor("zorgmakelaar", st));
  const provider = ctxAls(
    s.deps,
    s.actor("aanbieder", await s.organisatie("Org Linde", "aanbieder", { aanbiederId: aanbieder.id })),
  );
  const casus = await createCasus(makelaar, {
    referentie: "SVC-M-1",
    geboortedatum: "2012-03-04",
    woongemeente: "GM0518",
    zorgvorm: "gezinshuis",
    // Registered a week ago: help within the offer's waiting time is in time.
    aanmelddatum: "2026-11-20",
    urgentie: "regulier",
  });
  return { s, aanbod, casus, makelaar, provider };
}

describe("matching use cases, without HTTP", () => {
  it("a broker runs matching for its region and accepts: an aanmelding the provider sees with the age only, and answers", async () => {
    const { aanbod, casus, makelaar, provider } = await opzet();
    const run = await runMatching(makelaar, { regio: "haaglanden" });
    expect(run.voorstellen.map((v) => [v.casusId, v.aanbodId])).toEqual([[casus.id, aanbod.id]]);
    expect(makelaar.genoteerd).toContain(casus.id);
    const [voorstel] = run.voorstellen;
    const aanmelding = await acceptVoorstel(makelaar, { id: voorstel?.id as string });
    const gezien = await listReserveringen(provider, { pagina: 1, perPagina: 10 });
    expect(gezien.resultaten.map((r) => [r.id, r.casusId, r.leeftijd])).toEqual([[aanmelding.reserveringId, null, 14]]);
    const voorstellen = await listVoorstellen(provider, { pagina: 1, perPagina: 10 });
    expect(voorstellen.resultaten[0]).toMatchObject({ casusId: null, uitleg: { casus: null } });
    const inbox = await listAanmeldingen(provider, { pagina: 1, perPagina: 10 });
    expect(inbox.resultaten.map((a) => [a.id, a.casusId, a.leeftijd])).toEqual([[aanmelding.id, null, 14]]);
    const afgewezen = await declineAanmelding(provider, { id: aanmelding.id, afwijzing: { reden: "geen-plek" } });
    expect(afgewezen.status).toBe("afgewezen");
    expect((await listReserveringen(provider, { pagina: 1, perPagina: 10, status: "actief" })).totaal).toBe(0);
  });

  it("refuses a referrer, another region and a provider running matching", async () => {
    const { s, makelaar, provider } = await opzet();
    const gi = ctxAls(s.deps, s.actor("verwijzer", await s.organisatie("GI", "gecertificeerde-instelling")));
    expect(await weigering(runMatching(gi, { regio: "haaglanden" }))).toBe("geen-toegang");
    expect(await weigering(runMatching(provider, { regio: "haaglanden" }))).toBe("geen-toegang");
    s.db.sqlite.prepare("INSERT INTO regios (code, naam) VALUES ('hollands-midden', 'Hollands Midden')").run();
    expect(await weigering(runMatching(makelaar, { regio: "hollands-midden" }))).toBe("niet-gevonden");
  });
});
