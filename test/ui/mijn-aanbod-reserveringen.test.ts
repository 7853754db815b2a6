import { describe, expect, it } from "vitest";
import { readToegangslog } from "../../src/services/toegangslog.ts";
import { datumTijd } from "../../src/ui/format.ts";
import { maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie, type Row } from "../factories.ts";
import { makeRegister, type Register } from "../helpers.ts";
import { inloggen } from "./sessie.ts";

type Hold = Row & { status: string; verlooptOp: string };

/** A provider with one offer, and a broker holding one of its places for an 11-year-old (synthetic). */
async function opzet() {
  const r = await makeRegister();
  const aanbieder = await maakAanbieder(r);
  const locatie = await maakLocatie(r, aanbieder.id);
  const offer = await maakAanbod(r, locatie.id, { naam: "Gezinshuis Het Anker", capaciteit: 4, vrijePlekken: 2 });
  const casus = await maakCasus(r, { geboortedatum: "2015-05-01" });
  const hold = await json<Hold>(
    await r.als("zorgmakelaar")("POST", "/v1/reserveringen", { aanbodId: offer.id, casusId: casus.id }),
    201,
  );
  const browser = await inloggen(r, await r.aanbiederToken(aanbieder.id));
  return { r, offer, casus, hold, browser };
}

/** Places another referrer can still get: the provider's free places minus those held through the register. */
const vrij = async (r: Register, id: string) => {
  const a = await json<{ vrijePlekken: number; vastgehouden: number }>(await r.request("GET", `/v1/aanbod/${id}`), 200);
  return a.vrijePlekken - a.vastgehouden;
};
const status = async (r: Register, id: string) =>
  (await json<Hold>(await r.als("zorgmakelaar")("GET", `/v1/reserveringen/${id}`), 200)).status;

describe("Mijn aanbod: places held on the provider's offers", () => {
  it("lists a hold with the child's age only, and logs the case it showed", async () => {
    const { r, casus, hold, browser } = await opzet();
    const html = await (await browser.get("/mijn-aanbod")).text();
    expect(html).toContain("Vastgehouden plekken");
    const tabel =
      /<caption class="utrecht-table__caption">Vastgehouden plekken op uw aanbod<\/caption>([\s\S]*?)<\/table>/.exec(html)?.[1] ??
      "";
    expect(tabel).toContain('<th scope="row">Gezinshuis Het Anker</th><td>11 jaar</td>');
    expect(tabel).toContain(`<td>${datumTijd(hold.verlooptOp)}</td>`);
    expect(html).not.toContain(casus.id);
    expect(html).not.toContain(String(casus.referentie));
    const log = (await readToegangslog({ db: r.db, clock: r.clock }, { casusId: casus.id }, { pagina: 1, perPagina: 100 }))
      .resultaten;
    expect(log.map((x) => [x.actie, x.route])).toContainEqual(["lijst", "/mijn-aanbod"]);
  });

  it("confirms the placement: the hold ends as geplaatst and the place stays taken", async () => {
    const { r, offer, hold, browser } = await opzet();
    expect(await vrij(r, offer.id)).toBe(1);
    // Irreversible: the first press asks, without JavaScript, and changes nothing.
    const vraag = await browser.post(`/mijn-aanbod/reserveringen/${hold.id}/plaatsing`, {});
    expect(vraag.status).toBe(200);
    const vraagHtml = await vraag.text();
    expect(vraagHtml).toContain("Weet u het zeker?");
    expect(vraagHtml).toContain("Ja, de jeugdige is geplaatst");
    expect(vraagHtml).toContain('name="bevestigd" value="ja"');
    expect(await status(r, hold.id)).toBe("actief");
    const res = await browser.post(`/mijn-aanbod/reserveringen/${hold.id}/plaatsing`, { bevestigd: "ja" });
    expect(res.status).toBe(303);
    // Back at the top, where the message is (no jump that hides it).
    expect(res.headers.get("location")).toBe("/mijn-aanbod?melding=geplaatst");
    expect(await status(r, hold.id)).toBe("geplaatst");
    expect(await vrij(r, offer.id)).toBe(1);
    const html = await (await browser.get("/mijn-aanbod?melding=geplaatst")).text();
    expect(html).toContain("De plaatsing is bevestigd.");
    expect(html).not.toContain("Vastgehouden plekken");
    // A second press finds nothing to end: a Dutch 409 page, nothing changes.
    const nogmaals = await browser.post(`/mijn-aanbod/reserveringen/${hold.id}/plaatsing`, { bevestigd: "ja" });
    expect(nogmaals.status).toBe(409);
    expect(await status(r, hold.id)).toBe("geplaatst");
  });

  it("gives the place back on withdrawal", async () => {
    const { r, offer, hold, browser } = await opzet();
    const vraag = await browser.post(`/mijn-aanbod/reserveringen/${hold.id}/intrekking`, {});
    expect(vraag.status).toBe(200);
    expect(await vraag.text()).toContain("Ja, reservering intrekken");
    expect(await status(r, hold.id)).toBe("actief");
    const res = await browser.post(`/mijn-aanbod/reserveringen/${hold.id}/intrekking`, { bevestigd: "ja" });
    expect(res.status).toBe(303);
    expect(await status(r, hold.id)).toBe("ingetrokken");
    expect(await vrij(r, offer.id)).toBe(2);
  });

  it("does not let another provider end the hold, nor see it", async () => {
    const { r, hold } = await opzet();
    const ander = await inloggen(r, await r.aanbiederToken((await maakAanbieder(r)).id));
    expect(await (await ander.get("/mijn-aanbod")).text()).not.toContain("Vastgehouden plekken");
    expect((await ander.post(`/mijn-aanbod/reserveringen/${hold.id}/plaatsing`, {})).status).toBe(404);
    const res = await ander.post(`/mijn-aanbod/reserveringen/${hold.id}/plaatsing`, { bevestigd: "ja" });
    expect(res.status).toBe(404);
    expect(await status(r, hold.id)).toBe("actief");
  });
});
