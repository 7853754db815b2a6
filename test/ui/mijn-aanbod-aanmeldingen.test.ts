import { describe, expect, it } from "vitest";
import { isoDate } from "../../src/kern/time.ts";
import { maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie, type Row } from "../factories.ts";
import { makeRegister, type Register } from "../helpers.ts";
import { inloggen } from "./sessie.ts";

type Aanmelding = Row & { status: string; reserveringId: string | null; afwijsreden: string | null; reden: string | null };

/** A provider with one offer, and a referral of an 11-year-old that holds one of its two free places (synthetic). */
async function opzet() {
  const r = await makeRegister();
  const aanbieder = await maakAanbieder(r);
  const locatie = await maakLocatie(r, aanbieder.id);
  const offer = await maakAanbod(r, locatie.id, { naam: "Gezinshuis Het Anker", capaciteit: 4, vrijePlekken: 2 });
  const casus = await maakCasus(r, { geboortedatum: "2015-05-01" });
  const a = await json<Aanmelding>(
    await r.als("zorgmakelaar")("POST", "/v1/aanmeldingen", {
      casusId: casus.id,
      aanbodId: offer.id,
      contactpersoon: { naam: "A. Jansen", telefoon: "070 555 0101" },
      toelichting: "Graag telefonisch contact.",
      metReservering: true,
    }),
    201,
  );
  const browser = await inloggen(r, await r.aanbiederToken(aanbieder.id));
  return { r, offer, casus, a, browser };
}

const aanmelding = async (r: Register, id: string) =>
  json<Aanmelding>(await r.als("zorgmakelaar")("GET", `/v1/aanmeldingen/${id}`), 200);
const vrij = async (r: Register, id: string) => {
  const a = await json<{ vrijePlekken: number; vastgehouden: number }>(await r.request("GET", `/v1/aanbod/${id}`), 200);
  return a.vrijePlekken - a.vastgehouden;
};

describe("Mijn aanbod: the provider's Aanmeldingen inbox", () => {
  it("shows the referral with the age, the deadline and the contact person, never the reference or birth date", async () => {
    const { casus, a, browser } = await opzet();
    const html = await (await browser.get("/mijn-aanbod/aanmeldingen")).text();
    expect(html).toContain("Te beantwoorden (1)");
    expect(html).toContain("Gezinshuis Het Anker: jeugdige van 11 jaar");
    expect(html).toContain("Antwoord uiterlijk op");
    expect(html).toContain('href="tel:0705550101"');
    expect(html).toContain(`href="/mijn-aanbod/aanmeldingen/${a.id}/afwijzen"`);
    expect(html).not.toContain(String(casus.referentie));
    expect(html).not.toContain("2015-05-01");
    expect(html).not.toContain("1 mei 2015");
  });

  it("declining asks once on a page of its own; a missing reason keeps the typed note; then the place is free again", async () => {
    const { r, offer, a, browser } = await opzet();
    expect(await vrij(r, offer.id)).toBe(1);
    const vraag = await browser.get(`/mijn-aanbod/aanmeldingen/${a.id}/afwijzen`);
    expect(vraag.status).toBe(200);
    const vraagHtml = await vraag.text();
    expect(vraagHtml).toContain("Dit kunt u niet ongedaan maken.");
    expect(vraagHtml).toContain("Annuleren");
    // Nothing changed by opening the page.
    expect((await aanmelding(r, a.id)).status).toBe("verzonden");

    const zonderReden = await browser.post(`/mijn-aanbod/aanmeldingen/${a.id}/afwijzing`, {
      reden: "",
      toelichting: "Onze groep is op dit moment te onrustig.",
    });
    expect(zonderReden.status).toBe(400);
    const fout = await zonderReden.text();
    expect(fout).toContain("Kies de reden waarom u afwijst.");
    expect(fout).toContain("Onze groep is op dit moment te onrustig.</textarea>");
    expect((await aanmelding(r, a.id)).status).toBe("verzonden");

    const res = await browser.post(`/mijn-aanbod/aanmeldingen/${a.id}/afwijzing`, {
      reden: "past-niet-bij-aanbod",
      toelichting: "Onze groep is op dit moment te onrustig.",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/mijn-aanbod/aanmeldingen?melding=afgewezen");
    expect(await aanmelding(r, a.id)).toMatchObject({ status: "afgewezen", afwijsreden: "past-niet-bij-aanbod" });
    expect(await vrij(r, offer.id)).toBe(2);
    // Declined: its ask-once page sends back to the inbox.
    expect((await browser.get(`/mijn-aanbod/aanmeldingen/${a.id}/afwijzen`)).status).toBe(303);
  });

  it("accepts with the expected start, records the start of help, and the case stops its clock", async () => {
    const { r, casus, a, browser } = await opzet();
    const leeg = await browser.post(`/mijn-aanbod/aanmeldingen/${a.id}/acceptatie`, { verwachteStartdatum: "" });
    expect(leeg.status).toBe(400);
    const ok = await browser.post(`/mijn-aanbod/aanmeldingen/${a.id}/acceptatie`, { verwachteStartdatum: "2026-12-08" });
    expect(ok.status).toBe(303);
    const html = await (await browser.get("/mijn-aanbod/aanmeldingen?melding=geaccepteerd")).text();
    expect(html).toContain("Geaccepteerd, start nog vast te leggen (1)");
    expect(html).toContain(`href="/mijn-aanbod/aanmeldingen/${a.id}/intrekken"`);
    const vandaag = isoDate(r.clock.now());
    // Not before the referral was sent: a start in the past of the referral is refused next to the field.
    const tevroeg = await browser.post(`/mijn-aanbod/aanmeldingen/${a.id}/start`, { startdatum: "2020-01-01" });
    expect(tevroeg.status).toBe(400);
    expect(await tevroeg.text()).toContain('value="2020-01-01"');
    const start = await browser.post(`/mijn-aanbod/aanmeldingen/${a.id}/start`, { startdatum: vandaag });
    expect(start.status).toBe(303);
    expect((await aanmelding(r, a.id)).status).toBe("gestart");
    const na = await json<{ status: string; startdatum: string | null; doorlooptijdDagen: number | null }>(
      await r.als("zorgmakelaar")("GET", `/v1/casussen/${casus.id}`),
      200,
    );
    expect(na).toMatchObject({ status: "geplaatst", startdatum: vandaag });
    expect(na.doorlooptijdDagen).not.toBeNull();
  });

  it("withdrawing an acceptance asks once and needs a reason; the typed reason survives a refusal", async () => {
    const { r, a, browser } = await opzet();
    await browser.post(`/mijn-aanbod/aanmeldingen/${a.id}/acceptatie`, { verwachteStartdatum: "2026-12-08" });
    const vraag = await (await browser.get(`/mijn-aanbod/aanmeldingen/${a.id}/intrekken`)).text();
    expect(vraag).toContain("U trekt uw acceptatie in");
    const leeg = await browser.post(`/mijn-aanbod/aanmeldingen/${a.id}/intrekking`, { reden: " " });
    expect(leeg.status).toBe(400);
    expect((await aanmelding(r, a.id)).status).toBe("geaccepteerd");
    const res = await browser.post(`/mijn-aanbod/aanmeldingen/${a.id}/intrekking`, { reden: "Toch geen plek in de groep." });
    expect(res.status).toBe(303);
    expect(await aanmelding(r, a.id)).toMatchObject({ status: "ingetrokken" });
  });

  it("another provider neither sees the referral nor answers it", async () => {
    const { r, a } = await opzet();
    const ander = await inloggen(r, await r.aanbiederToken((await maakAanbieder(r)).id));
    expect(await (await ander.get("/mijn-aanbod/aanmeldingen")).text()).toContain("Te beantwoorden (0)");
    expect((await ander.get(`/mijn-aanbod/aanmeldingen/${a.id}/afwijzen`)).status).toBe(404);
    expect((await ander.post(`/mijn-aanbod/aanmeldingen/${a.id}/afwijzing`, { reden: "geen-plek" })).status).toBe(404);
    expect((await aanmelding(r, a.id)).status).toBe("verzonden");
  });
});
