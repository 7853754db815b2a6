import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { type OpenOverzicht, voegSamen } from "../../src/services/open-overzicht.ts";
import { maakCasus } from "../casus-factories.ts";
import { json, maakAanbieder, maakAanbod, maakLocatie } from "../factories.ts";
import { makeRegister, type Register } from "../helpers.ts";
import { inloggenAls } from "./sessie.ts";

/** The monthly reports on the Overzicht page and the public open overview (issue 14). */

const ots = (uitspraakdatum: string) => ({ maatregelen: [{ type: "ots", uitspraakdatum, ingangsdatum: null }] });

async function regioMetWachtenden(now?: string): Promise<Register> {
  const r = await makeRegister(now, { als: "zorgmakelaar" });
  for (let i = 0; i < 6; i++) await maakCasus(r, { referentie: `RAP-${i}`, zorgvorm: "gezinshuis", ...ots("2026-06-01") });
  await maakCasus(r, { referentie: "RAP-JGGZ", zorgvorm: "ambulante-jggz", ...ots("2026-06-01") });
  await json(
    await r.request("POST", "/v1/maatregeltellingen", {
      regio: "haaglanden",
      organisatieId: r.organisaties.verwijzer.id,
      maand: "2026-11",
      aantal: 140,
    }),
    200,
  );
  return r;
}

/** The beheerder switches publishing on through the region's settings; a later PUT without the field keeps it. */
async function publiceer(r: Register) {
  const zet = (body: Record<string, unknown>) => r.als("beheerder")("PUT", "/v1/regios/haaglanden/instellingen", body);
  expect(
    await json(await zet({ antwoordtermijnWerkdagen: 5, maxWachttijdWeken: 14, publiekOverzicht: true }), 200),
  ).toMatchObject({ publiekOverzicht: true });
  expect(await json(await zet({ antwoordtermijnWerkdagen: 4, maxWachttijdWeken: 14 }), 200)).toMatchObject({
    antwoordtermijnWerkdagen: 4,
    publiekOverzicht: true,
  });
}

describe("Overzicht: the norm report, KPIs and capacity of a month", () => {
  it("shows the norm report with its share and breakdowns, and the same figures as CSV", async () => {
    const r = await regioMetWachtenden();
    const aanbieder = await maakAanbieder(r);
    const locatie = await maakLocatie(r, aanbieder.id);
    await maakAanbod(r, locatie.id, { zorgvorm: "gezinshuis", capaciteit: 4, vrijePlekken: 2, intakeStatus: "open" });
    const b = await inloggenAls(r, "zorgmakelaar");
    const res = await b.get("/overzicht?regio=haaglanden");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Normrapportage: wachtend langer dan de norm");
    expect(html).toMatch(/Wachtend voorbij de norm<\/dt><dd class="pw-kerncijfer-getal">7</);
    expect(html).toContain("5%"); // 7 of 140
    expect(html).toContain("Per gecertificeerde instelling");
    expect(html).toContain("Kengetallen van");
    expect(html).toContain("Capaciteit per week");
    expect(html).toContain('type="month"');

    const link = /href="(\/overzicht\/csv\/norm\?[^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
    expect(link).toBeDefined();
    const csv = await b.get(link as string);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const rijen = parse((await csv.text()).replace(/^\uFEFF/, ""), { delimiter: ";", columns: true }) as Record<string, string>[];
    expect(rijen.find((x) => x.onderdeel === "totaal")?.aantal).toBe("7");
    expect(rijen.find((x) => x.onderdeel === "aandeel")?.aantal).toBe("5");
    // The capacity CSV holds the weeks the page shows, no more.
    const capLink = /href="(\/overzicht\/csv\/capaciteit\?[^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&") as string;
    const capRijen = parse((await (await b.get(capLink)).text()).replace(/^\uFEFF/, ""), {
      delimiter: ";",
      columns: true,
    }) as Record<string, string>[];
    const tabel = html.slice(html.indexOf("Vrije plekken per zorgvorm per week"));
    const wekenOpPagina = [...tabel.slice(0, tabel.indexOf("</thead>")).matchAll(/>Week (\d+)</g)].map((m) => m[1]);
    expect(wekenOpPagina.length).toBe(8);
    expect(new Set(capRijen.map((x) => x.week?.slice(-2))).size).toBe(wekenOpPagina.length);
    for (const rapport of ["kpi", "capaciteit", "actualiteit"]) {
      const res = await b.get(`/overzicht/csv/${rapport}?regio=haaglanden&maand=2026-11`);
      expect(res.status, rapport).toBe(200);
      expect(await res.text()).toMatch(/^\uFEFF?regio;/);
    }
  });

  it("stands a past month on its first day; a missing denominator is said; a bad or future month is refused next to the field", async () => {
    const r = await regioMetWachtenden();
    const b = await inloggenAls(r, "zorgmakelaar");
    const oktober = await (await b.get("/overzicht?regio=haaglanden&maand=2026-10")).text();
    expect(oktober).toContain("stand op 1 oktober 2026");
    expect(oktober).toContain("Voor 2026-10 is nog geen aantal lopende maatregelen ingevoerd");
    for (const [maand, melding] of [
      ["2026-13", "Kies een maand, bijvoorbeeld 2026-10."],
      ["2027-01", "Kies november 2026 of een eerdere maand."],
    ] as const) {
      const res = await b.get(`/overzicht?regio=haaglanden&maand=${maand}`);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(melding);
      expect(html).toContain(`value="${maand}"`);
    }
  });

  it("is refused to a verwijzer", async () => {
    const r = await regioMetWachtenden();
    const v = await inloggenAls(r, "verwijzer");
    expect((await v.get("/overzicht/csv/norm?regio=haaglanden")).status).toBe(403);
  });
});

describe("/open: the public overview", () => {
  it("says so when no region publishes, and shows a publishing region without sign-in, counts below 5 withheld", async () => {
    const r = await regioMetWachtenden();
    const leeg = await r.app.request("/open");
    expect(leeg.status).toBe(200);
    expect(await leeg.text()).toContain("Nog geen regio publiceert hier een openbaar overzicht.");
    await publiceer(r);
    const res = await r.app.request("/open");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Openbaar overzicht jeugdhulp Haaglanden");
    expect(html).toContain("minder dan 5");
    expect(html).not.toContain("RAP-");
    expect(html).toContain("/v1/open/overzicht?regio=haaglanden");
  });

  it("shows a merged file of two regions, and refuses a file that is not an open overview", async () => {
    const r = await regioMetWachtenden();
    await publiceer(r);
    const open = await json<OpenOverzicht>(await r.anoniem("GET", "/v1/open/overzicht?regio=haaglanden"), 200);
    const ander: OpenOverzicht = { ...open, regio: { code: "holland-rijnland", naam: "Holland Rijnland" } };
    const upload = (inhoud: string) => {
      const form = new FormData();
      form.set("bestand", new File([inhoud], "landelijk.json", { type: "application/json" }));
      return r.app.request("/open/bestand", { method: "POST", body: form });
    };
    const samen = await upload(JSON.stringify(voegSamen([open, ander])));
    expect(samen.status).toBe(200);
    const html = await samen.text();
    expect(html).toContain("Openbaar overzicht van 2 regio&#39;s");
    expect(html).toContain("Holland Rijnland");
    expect(html).toContain("Wachtend langer dan de norm, per regio");

    const regionaal = await upload(JSON.stringify(open));
    expect(regionaal.status).toBe(200);
    for (const fout of ["geen json", JSON.stringify({ schema: "iets anders" })]) {
      const res = await upload(fout);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/geen JSON-bestand|geen openbaar overzicht van Plekwijzer/);
    }
  });
});
