import { describe, expect, it } from "vitest";
import {
  dagenTussen,
  datumLang,
  isGeldigeDatum,
  leeftijdJaren,
  plusDagen,
  plusMaanden,
  wachtdagen,
} from "../../src/kern/dates.ts";
import { paramName } from "../../src/kern/violations.ts";
import { MAATREGEL_LABELS, MAATREGEL_TYPES } from "../../src/kern/vocabulary.ts";
import {
  bepaalPrioriteit,
  type CasusFeiten,
  HAAGLANDEN_REGELS,
  kiesRegelset,
  type Regelset,
  RegelsetSchema,
  rangschik,
  VoorwaardeSchema,
} from "../../src/priority/rules.ts";

const OP = "2026-06-15";
const HAAGLANDEN = HAAGLANDEN_REGELS();

/** A regular case of a 10-year-old, registered 40 days before OP, without a measure. */
function casus(over: Partial<CasusFeiten> = {}): CasusFeiten {
  return {
    id: "c1",
    geboortedatum: "2016-01-10",
    aanmelddatum: "2026-05-06",
    woongemeente: "GM0518",
    zorgvorm: { code: "ambulant", categorie: "45" },
    urgentie: "regulier",
    maatregelen: [],
    ...over,
  };
}

describe("dates", () => {
  it("counts calendar days in UTC, across daylight saving time and leap days", () => {
    expect(dagenTussen("2026-03-28", "2026-03-30")).toBe(2);
    expect(dagenTussen("2026-10-24", "2026-10-26")).toBe(2);
    expect(dagenTussen("2024-02-28", "2024-03-01")).toBe(2);
    expect(dagenTussen("2025-02-28", "2025-03-01")).toBe(1);
    expect(wachtdagen("2026-05-06", OP)).toBe(40);
    expect(wachtdagen("2026-06-20", OP)).toBe(0);
    expect(plusDagen("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("adds months clamped to the end of the month", () => {
    expect(plusMaanden("2026-11-30", 3)).toBe("2027-02-28");
    expect(plusMaanden("2027-11-30", 3)).toBe("2028-02-29");
    expect(plusMaanden("2026-01-31", 1)).toBe("2026-02-28");
    expect(plusMaanden("2026-12-15", 3)).toBe("2027-03-15");
    expect(plusMaanden("2026-03-31", -1)).toBe("2026-02-28");
  });

  it("writes Dutch long dates without locale data", () => {
    expect(datumLang("2026-03-02")).toBe("2 maart 2026");
    expect(datumLang("2026-01-01")).toBe("1 januari 2026");
    expect(datumLang("2026-12-31")).toBe("31 december 2026");
  });

  it("refuses dates that do not exist", () => {
    expect(isGeldigeDatum("2024-02-29")).toBe(true);
    expect(isGeldigeDatum("2026-02-29")).toBe(false);
    expect(isGeldigeDatum("2026-02-30")).toBe(false);
    expect(isGeldigeDatum("2026-2-3")).toBe(false);
    expect(() => wachtdagen("2026-13-01", OP)).toThrow(RangeError);
  });

  it("counts age in whole years on the calendar date", () => {
    expect(leeftijdJaren("2019-06-16", "2026-06-15")).toBe(6);
    expect(leeftijdJaren("2019-06-15", "2026-06-15")).toBe(7);
    expect(leeftijdJaren("2026-06-15", "2026-06-14")).toBe(0);
  });

  it("born on 29 February: the birthday is 1 March in a non-leap year", () => {
    expect(leeftijdJaren("2020-02-29", "2021-02-28")).toBe(0);
    expect(leeftijdJaren("2020-02-29", "2021-03-01")).toBe(1);
    expect(leeftijdJaren("2020-02-29", "2024-02-28")).toBe(3);
    expect(leeftijdJaren("2020-02-29", "2024-02-29")).toBe(4);
  });
});

describe("bepaalPrioriteit with the Haaglanden rules", () => {
  it.each(MAATREGEL_TYPES)("a %s measure puts the case in group 1", (type) => {
    const uitkomst = bepaalPrioriteit(
      casus({ maatregelen: [{ type, uitspraakdatum: null, ingangsdatum: "2026-01-20" }] }),
      HAAGLANDEN,
      OP,
    );
    expect(uitkomst).toEqual({
      groep: 1,
      naam: "gedwongen kader",
      redenen: [`Groep 1 — gedwongen kader: ${MAATREGEL_LABELS[type]} sinds 20 januari 2026`],
      buitenKader: false,
    });
  });

  it("explains group 1 in plain Dutch", () => {
    const ots = casus({ maatregelen: [{ type: "ots", uitspraakdatum: null, ingangsdatum: "2026-03-02" }] });
    expect(bepaalPrioriteit(ots, HAAGLANDEN, OP).redenen).toEqual(["Groep 1 — gedwongen kader: OTS sinds 2 maart 2026"]);
  });

  it("group 1 goes before group 2 when both hold", () => {
    const jongMetMaatregel = casus({
      geboortedatum: "2022-01-01",
      maatregelen: [{ type: "voogdij", uitspraakdatum: null, ingangsdatum: "2026-03-02" }],
    });
    expect(bepaalPrioriteit(jongMetMaatregel, HAAGLANDEN, OP).groep).toBe(1);
  });

  it("6 years and 364 days on the registration date is group 2; exactly 7 years is not", () => {
    // The age counts on the registration date (2026-05-06) by default.
    expect(bepaalPrioriteit(casus({ geboortedatum: "2019-05-07" }), HAAGLANDEN, OP)).toEqual({
      groep: 2,
      naam: "jonger dan 7 jaar",
      redenen: ["Groep 2 — jonger dan 7 jaar: 6 jaar oud bij aanmelding"],
      buitenKader: false,
    });
    expect(bepaalPrioriteit(casus({ geboortedatum: "2019-05-06" }), HAAGLANDEN, OP)).toEqual({
      groep: null,
      naam: null,
      redenen: ["Geen prioriteitsgroep: wacht 40 dagen"],
      buitenKader: false,
    });
  });

  it("a child does not lose group 2 by waiting past its 7th birthday, unless the rule set judges age on the peildatum", () => {
    // Registered at 6, turned 7 on 2026-06-01 while waiting.
    const gewacht = casus({ geboortedatum: "2019-06-01", aanmelddatum: "2026-05-06" });
    expect(bepaalPrioriteit(gewacht, HAAGLANDEN, OP).groep).toBe(2);
    const opPeildatum = { ...HAAGLANDEN, leeftijdOp: "peildatum" as const };
    expect(bepaalPrioriteit(gewacht, opPeildatum, OP).groep).toBeNull();
    expect(bepaalPrioriteit(casus({ geboortedatum: "2019-06-16" }), opPeildatum, OP).redenen).toEqual([
      "Groep 2 — jonger dan 7 jaar: 6 jaar oud",
    ]);
  });

  it("born on 29 February 2016: still 6 on 28 February 2023, 7 on 1 March", () => {
    const opPeildatum = { ...HAAGLANDEN, leeftijdOp: "peildatum" as const };
    const schrikkel = casus({ geboortedatum: "2016-02-29", aanmelddatum: "2023-01-01" });
    expect(bepaalPrioriteit(schrikkel, opPeildatum, "2023-02-28").groep).toBe(2);
    expect(bepaalPrioriteit(schrikkel, opPeildatum, "2023-03-01").groep).toBeNull();
    expect(bepaalPrioriteit({ ...schrikkel, aanmelddatum: "2023-02-28" }, HAAGLANDEN, "2023-06-01").groep).toBe(2);
    expect(bepaalPrioriteit({ ...schrikkel, aanmelddatum: "2023-03-01" }, HAAGLANDEN, "2023-06-01").groep).toBeNull();
  });

  it.each([
    ["spoed", "Spoed: buiten het afwegingskader"],
    ["crisis", "Crisis: buiten het afwegingskader"],
  ] as const)("%s is outside the framework, without a group, even with a measure", (urgentie, reden) => {
    const c = casus({
      urgentie,
      geboortedatum: "2022-01-01",
      maatregelen: [{ type: "ots", uitspraakdatum: null, ingangsdatum: "2026-03-02" }],
    });
    expect(bepaalPrioriteit(c, HAAGLANDEN, OP)).toEqual({ groep: null, naam: null, redenen: [reden], buitenKader: true });
  });

  it("the empty third group matches nothing", () => {
    expect(bepaalPrioriteit(casus(), HAAGLANDEN, OP).groep).toBeNull();
    expect(bepaalPrioriteit(casus({ aanmelddatum: "2026-06-14" }), HAAGLANDEN, OP).redenen).toEqual([
      "Geen prioriteitsgroep: wacht 1 dag",
    ]);
  });
});

describe("a region's own third group", () => {
  const naam = "langdurig wachtend op verblijf";
  const regels: Regelset = {
    ...HAAGLANDEN,
    versie: 2,
    groepen: [
      ...HAAGLANDEN.groepen.slice(0, 2),
      {
        nummer: 3,
        naam,
        voorwaarde: {
          alle: [
            {
              een: [
                { veld: "zorgvorm.categorie", in: ["43", "44"] },
                { veld: "zorgvorm.code", in: ["gezinshuis"] },
              ],
            },
            { veld: "wachtdagen", op: ">=", waarde: 90 },
          ],
        },
      },
    ],
  };
  const verblijf = (aanmelddatum: string, zorgvorm = { code: "gezinshuis", categorie: "43" }) =>
    casus({ aanmelddatum, zorgvorm });

  it("is a valid rule set", () => {
    expect(RegelsetSchema.parse(regels)).toEqual(regels);
  });

  it("holds from 90 days of waiting and lists the parts that held (for een only the first)", () => {
    expect(bepaalPrioriteit(verblijf("2026-02-15"), regels, OP)).toEqual({
      groep: 3,
      naam,
      redenen: [`Groep 3 — ${naam}: zorgvorm in categorie 43`, `Groep 3 — ${naam}: 120 dagen wachtend`],
      buitenKader: false,
    });
    expect(wachtdagen("2026-03-17", OP)).toBe(90);
    expect(bepaalPrioriteit(verblijf("2026-03-17"), regels, OP).groep).toBe(3);
    expect(bepaalPrioriteit(verblijf("2026-03-18"), regels, OP).groep).toBeNull();
  });

  it("uses the second part of een when the first does not hold", () => {
    const ambulantGezinshuis = verblijf("2026-02-15", { code: "gezinshuis", categorie: "45" });
    expect(bepaalPrioriteit(ambulantGezinshuis, regels, OP).redenen).toEqual([
      `Groep 3 — ${naam}: zorgvorm gezinshuis`,
      `Groep 3 — ${naam}: 120 dagen wachtend`,
    ]);
    expect(bepaalPrioriteit(verblijf("2026-02-15", { code: "ambulant", categorie: "45" }), regels, OP).groep).toBeNull();
  });

  it("can select on municipality and on age with other operators; a reason said twice is listed once", () => {
    const set: Regelset = {
      ...HAAGLANDEN,
      groepen: [
        {
          nummer: 1,
          naam: "Delftse tieners",
          voorwaarde: {
            alle: [
              { veld: "woongemeente", in: ["GM0503"] },
              { veld: "leeftijdJaren", op: ">", waarde: 12 },
              { veld: "leeftijdJaren", op: "<=", waarde: 15 },
            ],
          },
        },
        { nummer: 2, naam: "precies 10", voorwaarde: { veld: "leeftijdJaren", op: "=", waarde: 10 } },
      ],
    };
    const delft = casus({ woongemeente: "GM0503", geboortedatum: "2012-01-01" });
    expect(bepaalPrioriteit(delft, set, OP).redenen).toEqual([
      "Groep 1 — Delftse tieners: woongemeente GM0503",
      "Groep 1 — Delftse tieners: 14 jaar oud bij aanmelding",
    ]);
    expect(bepaalPrioriteit(casus({ woongemeente: "GM0503" }), set, OP).groep).toBe(2);
    expect(bepaalPrioriteit(casus({ geboortedatum: "2012-01-01" }), set, OP).groep).toBeNull();
  });
});

describe("kiesRegelset", () => {
  const v1 = HAAGLANDEN;
  const v2: Regelset = { ...HAAGLANDEN, versie: 2, geldigVanaf: "2026-07-01" };
  const v3: Regelset = { ...HAAGLANDEN, versie: 3, geldigVanaf: "2026-07-01" };
  const elders: Regelset = { ...HAAGLANDEN, regio: "rijnmond", versie: 9, geldigVanaf: "2026-01-01" };

  it("takes the set in force on the date: the day before the new version gives the old one", () => {
    expect(kiesRegelset([v2, elders, v1], "haaglanden", "2026-06-30")).toBe(v1);
    expect(kiesRegelset([v2, elders, v1], "haaglanden", "2026-07-01")).toBe(v2);
    expect(kiesRegelset([v2, elders, v1], "haaglanden", "2030-01-01")).toBe(v2);
    expect(kiesRegelset([v2, v1], "haaglanden", "2024-12-31")).toBeUndefined();
    expect(kiesRegelset([v2, v1], "utrecht", OP)).toBeUndefined();
  });

  it("on the same effective date the highest versie wins, whatever the order", () => {
    expect(kiesRegelset([v3, v2, v1], "haaglanden", "2026-07-01")).toBe(v3);
    expect(kiesRegelset([v1, v2, v3], "haaglanden", "2026-07-01")).toBe(v3);
  });

  it("a later rule set does not rewrite an earlier evaluation", () => {
    const strenger: Regelset = {
      ...HAAGLANDEN,
      versie: 2,
      geldigVanaf: "2026-07-01",
      groepen: [{ nummer: 1, naam: "jonger dan 4 jaar", voorwaarde: { veld: "leeftijdJaren", op: "<", waarde: 4 } }],
    };
    const vijfjarige = casus({ geboortedatum: "2021-01-01" });
    const op = (datum: string) => bepaalPrioriteit(vijfjarige, kiesRegelset([v1, strenger], "haaglanden", datum) ?? v1, datum);
    expect(op("2026-06-30").groep).toBe(2);
    expect(op("2026-07-01").groep).toBeNull();
    expect(op("2026-06-30").groep).toBe(2);
  });
});

describe("rangschik", () => {
  const invoer = (over: Partial<CasusFeiten>, handmatig?: { groep: number; reden: string }) => {
    const feiten = casus(over);
    return { feiten, prioriteit: bepaalPrioriteit(feiten, HAAGLANDEN, OP), handmatig: handmatig ?? null };
  };
  const ots = [{ type: "ots", uitspraakdatum: null, ingangsdatum: "2026-01-05" }] as const;
  const jong = "2022-01-01";
  // OP is 2026-06-15: 2026-05-06 is 40 days, 2026-03-07 100 days, 2025-12-17 180 days.
  const casussen = [
    invoer({ id: "zonder-groep-lang", aanmelddatum: "2025-06-15" }),
    invoer({ id: "g2-kort", geboortedatum: jong, aanmelddatum: "2026-05-06" }),
    invoer({ id: "g1-b", maatregelen: ots, aanmelddatum: "2026-03-07" }),
    invoer({ id: "g1-lang", maatregelen: ots, aanmelddatum: "2025-12-17" }),
    invoer({ id: "g1-a", maatregelen: ots, aanmelddatum: "2026-03-07" }),
    invoer({ id: "g2-lang", geboortedatum: jong, aanmelddatum: "2026-03-07" }),
    // Registered after OP: both waited 0 days, so the earlier registration goes first, whatever the id.
    invoer({ id: "g2-a-later", geboortedatum: jong, aanmelddatum: "2026-06-20" }),
    invoer({ id: "g2-z-eerder", geboortedatum: jong, aanmelddatum: "2026-06-18" }),
    invoer({ id: "zonder-groep-kort", aanmelddatum: "2026-05-06" }),
    invoer({ id: "spoed-lang", urgentie: "spoed", aanmelddatum: "2026-03-07" }),
    invoer({ id: "crisis-kort", urgentie: "crisis", aanmelddatum: "2026-06-14" }),
    invoer({ id: "crisis-b", urgentie: "crisis", aanmelddatum: "2026-05-06" }),
    invoer({ id: "crisis-a", urgentie: "crisis", aanmelddatum: "2026-05-06" }),
  ];

  it("orders by group, then longest wait, then aanmelddatum, then id; groupless last", () => {
    const { resultaten } = rangschik(casussen, OP);
    expect(resultaten.map((r) => r.id)).toEqual([
      "g1-lang",
      "g1-a",
      "g1-b",
      "g2-lang",
      "g2-kort",
      "g2-z-eerder",
      "g2-a-later",
      "zonder-groep-lang",
      "zonder-groep-kort",
    ]);
    expect(resultaten.map((r) => r.positie)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(resultaten[0]).toEqual({
      id: "g1-lang",
      positie: 1,
      groep: 1,
      redenen: ["Groep 1 — gedwongen kader: OTS sinds 5 januari 2026"],
      handmatig: null,
      wachtdagen: 180,
    });
    expect(resultaten.map((r) => r.groep)).toEqual([1, 1, 1, 2, 2, 2, 2, null, null]);
  });

  it("does not depend on the input order", () => {
    const omgekeerd = rangschik([...casussen].reverse(), OP);
    expect(omgekeerd).toEqual(rangschik(casussen, OP));
  });

  it("lists spoed and crisis apart: crisis first, then longest wait, then id", () => {
    const { resultaten, buitenKader } = rangschik(casussen, OP);
    expect(buitenKader).toEqual([
      { id: "crisis-a", urgentie: "crisis", redenen: ["Crisis: buiten het afwegingskader"], wachtdagen: 40 },
      { id: "crisis-b", urgentie: "crisis", redenen: ["Crisis: buiten het afwegingskader"], wachtdagen: 40 },
      { id: "crisis-kort", urgentie: "crisis", redenen: ["Crisis: buiten het afwegingskader"], wachtdagen: 1 },
      { id: "spoed-lang", urgentie: "spoed", redenen: ["Spoed: buiten het afwegingskader"], wachtdagen: 100 },
    ]);
    expect(resultaten.some((r) => r.id.startsWith("crisis") || r.id.startsWith("spoed"))).toBe(false);
  });

  it("a manual override moves the case and shows its reason first, keeping the computed reasons", () => {
    const handmatig = { groep: 1, reden: "broertje al geplaatst, samen plaatsen" };
    const metOverride = [
      ...casussen.filter((c) => c.feiten.id !== "zonder-groep-kort"),
      invoer({ id: "zonder-groep-kort", aanmelddatum: "2026-05-06" }, handmatig),
    ];
    const { resultaten } = rangschik(metOverride, OP);
    expect(resultaten.map((r) => r.id).slice(0, 4)).toEqual(["g1-lang", "g1-a", "g1-b", "zonder-groep-kort"]);
    expect(resultaten[3]).toEqual({
      id: "zonder-groep-kort",
      positie: 4,
      groep: 1,
      redenen: ["Handmatig in groep 1 gezet: broertje al geplaatst, samen plaatsen", "Geen prioriteitsgroep: wacht 40 dagen"],
      handmatig,
      wachtdagen: 40,
    });
  });

  it("an override can also move a case down", () => {
    const omlaag = invoer(
      { id: "g1-lang", maatregelen: ots, aanmelddatum: "2025-12-17" },
      { groep: 3, reden: "overbrugging loopt goed" },
    );
    const { resultaten } = rangschik([...casussen.filter((c) => c.feiten.id !== "g1-lang"), omlaag], OP);
    const positie = resultaten.findIndex((r) => r.id === "g1-lang");
    expect(resultaten.map((r) => r.groep)).toEqual([1, 1, 2, 2, 2, 2, 3, null, null]);
    expect(positie).toBe(6);
    expect(resultaten[positie]?.redenen[0]).toBe("Handmatig in groep 3 gezet: overbrugging loopt goed");
  });
});

describe("RegelsetSchema", () => {
  const geldig = () => structuredClone(HAAGLANDEN) as unknown as Record<string, unknown> & { groepen: Record<string, unknown>[] };
  const paden = (invoer: unknown) => {
    const r = RegelsetSchema.safeParse(invoer);
    expect(r.success).toBe(false);
    return r.error?.issues ?? [];
  };

  it("accepts the shipped Haaglanden set unchanged, and for another region", () => {
    expect(RegelsetSchema.parse(HAAGLANDEN)).toEqual(HAAGLANDEN);
    expect(RegelsetSchema.parse(HAAGLANDEN_REGELS("JZ23")).regio).toBe("JZ23");
  });

  it("names an unknown veld at its own path", () => {
    const set = geldig();
    set.groepen[1] = { nummer: 2, naam: "postcode", voorwaarde: { veld: "postcode", in: ["2511"] } };
    const issues = paden(set);
    expect(issues.map((i) => i.path)).toEqual([["groepen", 1, "voorwaarde", "veld"]]);
    expect(issues[0]?.message).toMatch(/^Onbekend veld; kies uit maatregel\.type/);
  });

  it("names an empty `in` deep inside alle", () => {
    const set = geldig();
    set.groepen[1] = { nummer: 2, naam: "x", voorwaarde: { alle: [{ veld: "woongemeente", in: [] }] } };
    const issues = paden(set);
    expect(issues.map((i) => i.path)).toEqual([["groepen", 1, "voorwaarde", "alle", 0, "in"]]);
    expect(paramName(issues[0]?.path ?? [])).toBe("groepen[1].voorwaarde.alle[0].in");
    expect(issues[0]?.message).toBe("Moet minstens één waarde bevatten.");
  });

  it("requires group numbers 1..n in order", () => {
    const set = geldig();
    (set.groepen[2] as { nummer: number }).nummer = 4;
    const issues = paden(set);
    expect(issues.map((i) => i.path)).toEqual([["groepen", 2, "nummer"]]);
    expect(issues[0]?.message).toBe("Moet 3 zijn: groepen zijn genummerd 1, 2, 3 … in volgorde.");
  });

  it("names an unknown maatregel type by its index", () => {
    const set = geldig();
    set.groepen[0] = {
      nummer: 1,
      naam: "gk",
      voorwaarde: { een: [{ veld: "maatregel.type", in: ["ots", "ondertoezichtstelling"] }] },
    };
    expect(paden(set).map((i) => i.path)).toEqual([["groepen", 0, "voorwaarde", "een", 0, "in", 1]]);
  });

  it("refuses a date that does not exist", () => {
    const issues = paden({ ...geldig(), geldigVanaf: "2026-02-30" });
    expect(issues.map((i) => i.path)).toEqual([["geldigVanaf"]]);
  });

  it("refuses unknown keys, at the object that has them", () => {
    const set = { ...geldig(), toelichting: "x" };
    set.groepen[1] = { nummer: 2, naam: "x", voorwaarde: { veld: "leeftijdJaren", op: "<", waarde: 7, eenheid: "jaar" } };
    const issues = paden(set);
    expect(issues.map((i) => [i.code, i.path, "keys" in i ? i.keys : null])).toEqual([
      ["unrecognized_keys", ["groepen", 1, "voorwaarde"], ["eenheid"]],
      ["unrecognized_keys", [], ["toelichting"]],
    ]);
    expect(issues[0]?.message).toBe("Onbekend veld: eenheid.");
  });

  it("reports each fault of one bad set at its own path", () => {
    const set = { ...geldig(), geldigVanaf: "2026-02-30" };
    set.groepen[0] = { nummer: 1, naam: "gk", voorwaarde: { veld: "maatregel.type", in: ["ots", "ots-plus"] } };
    set.groepen[1] = {
      nummer: 2,
      naam: "x",
      voorwaarde: {
        alle: [
          { veld: "woongemeente", in: [] },
          { veld: "kleur", in: ["rood"] },
        ],
      },
    };
    expect(paden(set).map((i) => paramName(i.path))).toEqual([
      "geldigVanaf",
      "groepen[0].voorwaarde.in[1]",
      "groepen[1].voorwaarde.alle[0].in",
      "groepen[1].voorwaarde.alle[1].veld",
    ]);
  });

  it("checks that a condition has exactly one coherent form", () => {
    const fouten = (voorwaarde: unknown) => {
      const r = VoorwaardeSchema.safeParse(voorwaarde);
      return r.success ? [] : r.error.issues.map((i) => [paramName(i.path), i.message]);
    };
    expect(fouten({})).toEqual([["", "Een voorwaarde heeft een veld, alle of een."]]);
    expect(fouten({ veld: "leeftijdJaren", op: "<" })).toEqual([["waarde", "Dit veld is verplicht bij veld leeftijdJaren."]]);
    expect(fouten({ veld: "woongemeente", in: ["GM0518"], op: "<" })).toEqual([["op", "Hoort niet bij veld woongemeente."]]);
    expect(fouten({ veld: "wachtdagen", op: "≥", waarde: 90 })).toEqual([["op", "Kies uit < <= > >= =."]]);
    expect(fouten({ veld: "wachtdagen", op: ">=", waarde: 1.5 })).toEqual([["waarde", "Moet een geheel getal zijn."]]);
    expect(fouten({ alle: [{ veld: "wachtdagen", op: ">=", waarde: 90 }], een: [] })).toContainEqual([
      "een",
      "Een voorwaarde is óf een veld, óf alle, óf een.",
    ]);
    expect(fouten({ veld: "zorgvorm.categorie", in: ["verblijf"] })).toEqual([
      ["in[0]", "Moet een iJw-categorie van twee cijfers zijn, zoals 43."],
    ]);
    expect(fouten({ een: [{ veld: "woongemeente", in: ["Den Haag"] }] })).toEqual([
      ["een[0].in[0]", "Moet een CBS-gemeentecode zijn, zoals GM0518."],
    ]);
  });

  it("allows five levels of nesting and refuses a sixth, naming where", () => {
    const blad = { veld: "wachtdagen", op: ">=", waarde: 90 };
    const genest = (niveaus: number): unknown => (niveaus === 1 ? blad : { alle: [genest(niveaus - 1)] });
    expect(VoorwaardeSchema.safeParse(genest(5)).success).toBe(true);
    const r = VoorwaardeSchema.safeParse(genest(6));
    expect(r.error?.issues.map((i) => [paramName(i.path), i.message])).toEqual([
      ["alle[0].alle[0].alle[0].alle[0].alle[0]", "Te diep genest: hoogstens 5 niveaus."],
    ]);
    expect(VoorwaardeSchema.safeParse(genest(5000)).success).toBe(false);
  });

  it("refuses more than ten groups and a set without groups", () => {
    const groepen = Array.from({ length: 11 }, (_, i) => ({ nummer: i + 1, naam: `g${i + 1}`, voorwaarde: null }));
    expect(paden({ ...geldig(), groepen }).map((i) => i.path)).toContainEqual(["groepen"]);
    expect(paden({ ...geldig(), groepen: [] }).map((i) => i.path)).toEqual([["groepen"]]);
  });
});
