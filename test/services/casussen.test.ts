import { describe, expect, it } from "vitest";
import { createCasus, getCasus, listCasussen, overridePrioriteit, setCasusStatus } from "../../src/services/casussen.ts";
import { getWachtlijst } from "../../src/services/wachtlijst.ts";
import { ctxAls, servicesRegister, weigering } from "./support.ts";

const CASUS = {
  referentie: "SVC-0001",
  geboortedatum: "2015-05-01",
  woongemeente: "GM0518",
  zorgvorm: "gezinshuis",
  aanmelddatum: "2026-09-01",
  urgentie: "regulier" as const,
  maatregel: { type: "ots" as const, ingangsdatum: "2026-06-01" },
};

async function opzet() {
  const s = await servicesRegister();
  s.db.sqlite.prepare("INSERT INTO regios (code, naam) VALUES ('hollands-midden', 'Hollands Midden')").run();
  const gi = await s.organisatie("GI Haaglanden", "gecertificeerde-instelling");
  const andereGi = await s.organisatie("GI Elders", "gecertificeerde-instelling");
  const st = await s.organisatie("Serviceteam Haaglanden", "regio", { regios: ["haaglanden"] });
  const hm = await s.organisatie("Serviceteam HM", "regio", { regios: ["hollands-midden"] });
  return {
    s,
    verwijzer: ctxAls(s.deps, s.actor("verwijzer", gi)),
    andereVerwijzer: ctxAls(s.deps, s.actor("verwijzer", andereGi)),
    makelaar: ctxAls(s.deps, s.actor("zorgmakelaar", st)),
    andereMakelaar: ctxAls(s.deps, s.actor("zorgmakelaar", hm)),
    beheerder: ctxAls(s.deps, s.actor("beheerder", st)),
  };
}

describe("case use cases, without HTTP", () => {
  it("a referrer registers a case for its own organisation and notes it for the access log", async () => {
    const { verwijzer } = await opzet();
    const casus = await createCasus(verwijzer, CASUS);
    expect(casus.prioriteit.groep).toBe(1);
    expect(verwijzer.genoteerd).toEqual([casus.id]);
    expect((await listCasussen(verwijzer, { pagina: 1, perPagina: 10 })).resultaten.map((c) => c.id)).toEqual([casus.id]);
  });

  it("another organisation's referrer and another region's broker do not find it; an administrator may not look", async () => {
    const { verwijzer, andereVerwijzer, makelaar, andereMakelaar, beheerder } = await opzet();
    const { id } = await createCasus(verwijzer, CASUS);
    expect((await getCasus(makelaar, { id })).id).toBe(id);
    expect(await weigering(getCasus(andereVerwijzer, { id }))).toBe("niet-gevonden");
    expect(await weigering(getCasus(andereMakelaar, { id }))).toBe("niet-gevonden");
    expect(await weigering(getCasus(beheerder, { id }))).toBe("geen-toegang");
    expect((await listCasussen(andereVerwijzer, { pagina: 1, perPagina: 10 })).totaal).toBe(0);
  });

  it("only a broker overrides a group, with the actor as author; a stop needs a reason", async () => {
    const { verwijzer, makelaar } = await opzet();
    const { id } = await createCasus(verwijzer, CASUS);
    const wijziging = { groep: 2, reden: "Overleg met het RET" };
    expect(await weigering(overridePrioriteit(verwijzer, { id, wijziging }))).toBe("geen-toegang");
    expect((await overridePrioriteit(makelaar, { id, wijziging })).prioriteit.handmatig).toEqual({
      groep: 2,
      reden: wijziging.reden,
    });
    expect(await weigering(setCasusStatus(verwijzer, { id, wijziging: { status: "gestopt" } }))).toBe("ongeldige-invoer");
  });

  it("the waiting list of another region is not found; an unknown region is invalid", async () => {
    const { verwijzer, makelaar, andereMakelaar } = await opzet();
    const { id } = await createCasus(verwijzer, CASUS);
    const lijst = await getWachtlijst(makelaar, { regio: "haaglanden" });
    expect(lijst.resultaten.map((r) => r.id)).toEqual([id]);
    expect(makelaar.genoteerd).toContain(id);
    expect(await weigering(getWachtlijst(andereMakelaar, { regio: "haaglanden" }))).toBe("niet-gevonden");
    expect(await weigering(getWachtlijst(makelaar, { regio: "nergens" }))).toBe("ongeldige-invoer");
    expect(await weigering(getWachtlijst(verwijzer, { regio: "haaglanden" }))).toBe("geen-toegang");
  });
});
