import { z } from "zod";
import { datumLang, leeftijdJaren, wachtdagen } from "../kern/dates.ts";
import { datum, gemeenteCode, regioCode, tekst, zorgvormCode } from "../kern/fields.ts";
import { MAATREGEL_LABELS, MAATREGEL_TYPES, NORM_MAATREGELEN_STANDAARD } from "../kern/vocabulary.ts";
import { klokStartVan, type Maatregel } from "./norm.ts";

/**
 * Afwegingskader schadelijk wachten (DOMAIN.md, "Priority framework"): rule sets as data, the
 * group a case falls in and why, and the ranking within groups. Pure: no I/O, no clock; every
 * evaluation takes the date, so a later rule set never rewrites an earlier answer.
 */

/** Within a group: days since the ruling when there is a measure, or days since registration. */
export const VOLGORDES = ["sinds-uitspraak", "sinds-aanmelding"] as const;
/** The date a case's age is judged on: its registration (a child does not lose priority by waiting) or the peildatum. */
export const LEEFTIJD_OP = ["aanmelddatum", "peildatum"] as const;

export const LIJST_VELDEN = ["maatregel.type", "zorgvorm.categorie", "zorgvorm.code", "woongemeente"] as const;
export const GETAL_VELDEN = ["leeftijdJaren", "wachtdagen"] as const;
export const OPERATOREN = ["<", "<=", ">", ">=", "="] as const;
export type LijstVeld = (typeof LIJST_VELDEN)[number];
export type GetalVeld = (typeof GETAL_VELDEN)[number];
export type Operator = (typeof OPERATOREN)[number];

export type Voorwaarde =
  | { veld: LijstVeld; in: string[] }
  | { veld: GetalVeld; op: Operator; waarde: number }
  | { alle: Voorwaarde[] }
  | { een: Voorwaarde[] };

/** Root condition is level 1; a condition inside `alle`/`een` one level deeper. */
export const MAX_DIEPTE = 5;

const fout = (typeFout: string) => ({
  error: (iss: { input?: unknown }) => (iss.input === undefined ? "Dit veld is verplicht." : typeFout),
});
const strikt = {
  error: (iss: { code?: string; keys?: string[] }) =>
    iss.code === "unrecognized_keys" ? `Onbekend veld: ${iss.keys?.join(", ")}.` : "Moet een object zijn.",
};
const geheel = (min: number, max: number) =>
  z
    .number(fout("Moet een getal zijn."))
    .int({ message: "Moet een geheel getal zijn." })
    .min(min, { message: `Moet ${min} of meer zijn.` })
    .max(max, { message: `Moet ${max} of minder zijn.` });
const delen = () =>
  z
    .array(VoorwaardeSchema, fout("Moet een lijst van voorwaarden zijn."))
    .min(1, { message: "Moet minstens één voorwaarde bevatten." })
    .max(20, { message: "Hoogstens 20 voorwaarden." });

/** Per list field, the form each value must have. */
const WAARDEN: Record<LijstVeld, (v: string) => string | null> = {
  "maatregel.type": (v) =>
    (MAATREGEL_TYPES as readonly string[]).includes(v) ? null : `Onbekend maatregeltype; kies uit ${MAATREGEL_TYPES.join(", ")}.`,
  "zorgvorm.categorie": (v) => (/^[0-9]{2}$/.test(v) ? null : "Moet een iJw-categorie van twee cijfers zijn, zoals 43."),
  "zorgvorm.code": (v) => (zorgvormCode.safeParse(v).success ? null : "Moet een zorgvormcode zijn, zoals 43 of gezinshuis."),
  woongemeente: (v) => (gemeenteCode.safeParse(v).success ? null : "Moet een CBS-gemeentecode zijn, zoals GM0518."),
};

type Vlak = { veld?: string; in?: string[]; op?: string; waarde?: number; alle?: unknown[]; een?: unknown[] };

/** One condition is exactly one of four forms; every misfit is reported at the key at fault. */
function controleerVorm(v: Vlak, ctx: z.RefinementCtx): void {
  const probleem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const veldVorm = [v.veld, v.in, v.op, v.waarde].some((x) => x !== undefined);
  const vormen = [veldVorm && "veld", v.alle && "alle", v.een && "een"].filter((x) => typeof x === "string");
  if (vormen.length === 0) probleem([], "Een voorwaarde heeft een veld, alle of een.");
  if (vormen.length > 1) probleem([vormen[1] ?? ""], "Een voorwaarde is óf een veld, óf alle, óf een.");
  if (vormen.length !== 1 || !veldVorm) return;
  if (v.veld === undefined) return void probleem(["veld"], "Dit veld is verplicht.");
  const lijst = (LIJST_VELDEN as readonly string[]).includes(v.veld);
  for (const k of lijst ? (["in"] as const) : (["op", "waarde"] as const))
    if (v[k] === undefined) probleem([k], `Dit veld is verplicht bij veld ${v.veld}.`);
  for (const k of lijst ? (["op", "waarde"] as const) : (["in"] as const))
    if (v[k] !== undefined) probleem([k], `Hoort niet bij veld ${v.veld}.`);
  const check = lijst ? WAARDEN[v.veld as LijstVeld] : undefined;
  v.in?.forEach((waarde, i) => {
    const melding = check?.(waarde);
    if (melding) probleem(["in", i], melding);
  });
}

/** Path of the first condition nested deeper than MAX_DIEPTE, judged on the raw input before parsing it. */
function teDiep(waarde: unknown, niveau = 1, pad: PropertyKey[] = []): PropertyKey[] | null {
  if (niveau > MAX_DIEPTE) return pad;
  if (typeof waarde !== "object" || waarde === null) return null;
  for (const sleutel of ["alle", "een"]) {
    const lijst = (waarde as Record<string, unknown>)[sleutel];
    if (!Array.isArray(lijst)) continue;
    for (const [i, deel] of lijst.entries()) {
      const gevonden = teDiep(deel, niveau + 1, [...pad, sleutel, i]);
      if (gevonden) return gevonden;
    }
  }
  return null;
}

/**
 * One condition, recursive. Validated as one strict object of optional keys plus a form check
 * (not as a union), so a fault is reported at its own path (`alle[0].in`) instead of as an
 * unexplained "invalid union" of the whole condition.
 */
export const VoorwaardeSchema = z.preprocess(
  (waarde, ctx) => {
    const pad = teDiep(waarde);
    if (pad) ctx.addIssue({ code: "custom", path: pad, message: `Te diep genest: hoogstens ${MAX_DIEPTE} niveaus.` });
    return waarde;
  },
  z.lazy(() => VoorwaardeVlak),
) as unknown as z.ZodType<Voorwaarde, Voorwaarde>;

const VoorwaardeVlak = z
  .strictObject(
    {
      veld: z
        .enum([...LIJST_VELDEN, ...GETAL_VELDEN], {
          message: `Onbekend veld; kies uit ${[...LIJST_VELDEN, ...GETAL_VELDEN].join(", ")}.`,
        })
        .optional(),
      in: z
        .array(
          z
            .string(fout("Moet tekst zijn."))
            .min(1, { message: "Mag niet leeg zijn." })
            .max(100, { message: "Hoogstens 100 tekens." }),
          fout("Moet een lijst zijn."),
        )
        .min(1, { message: "Moet minstens één waarde bevatten." })
        .max(200, { message: "Hoogstens 200 waarden." })
        .optional(),
      op: z.enum(OPERATOREN, { message: `Kies uit ${OPERATOREN.join(" ")}.` }).optional(),
      waarde: geheel(0, 36_500).optional(),
      alle: delen().optional(),
      een: delen().optional(),
    },
    strikt,
  )
  .superRefine(controleerVorm)
  .meta({
    id: "PrioriteitVoorwaarde",
    description:
      "Precies één van: { veld: maatregel.type | zorgvorm.categorie | zorgvorm.code | woongemeente, in: [...] }, " +
      "{ veld: leeftijdJaren | wachtdagen, op: < | <= | > | >= | =, waarde }, { alle: [...] } of { een: [...] }.",
  });

export const GroepSchema = z.strictObject(
  {
    nummer: geheel(1, 10),
    naam: tekst(100),
    /** null: an empty group that matches nothing, for the region to fill in. */
    voorwaarde: VoorwaardeSchema.nullable(),
  },
  strikt,
);

/** A region's rule set as posted: groups numbered 1..n in order. */
export const RegelsetSchema = z
  .strictObject(
    {
      regio: regioCode,
      versie: geheel(1, 1_000_000),
      geldigVanaf: datum,
      groepen: z
        .array(GroepSchema, fout("Moet een lijst van groepen zijn."))
        .min(1, { message: "Moet minstens één groep bevatten." })
        .max(10, { message: "Hoogstens 10 groepen." }),
      normMaatregelen: z
        .array(z.enum(MAATREGEL_TYPES, { message: `Kies uit ${MAATREGEL_TYPES.join(", ")}.` }))
        .max(MAATREGEL_TYPES.length)
        .optional()
        .meta({
          description:
            "Maatregelen onder de doorbraaknorm (hulp binnen drie maanden na de uitspraak); standaard de jeugdbeschermings- en jeugdreclasseringsmaatregelen, niet Wvggz en Wzd",
        }),
      volgorde: z
        .enum(VOLGORDES, { message: `Kies uit ${VOLGORDES.join(", ")}.` })
        .optional()
        .meta({
          description:
            "Volgorde binnen een groep: dagen sinds de uitspraak bij een maatregel (standaard), of dagen sinds de aanmelding",
        }),
      leeftijdOp: z
        .enum(LEEFTIJD_OP, { message: `Kies uit ${LEEFTIJD_OP.join(", ")}.` })
        .optional()
        .meta({ description: "Op welke datum de leeftijd telt: de aanmelddatum (standaard) of de peildatum" }),
    },
    strikt,
  )
  .superRefine((set, ctx) => {
    set.groepen.forEach((groep, i) => {
      if (Number.isInteger(groep.nummer) && groep.nummer >= 1 && groep.nummer !== i + 1)
        ctx.addIssue({
          code: "custom",
          path: ["groepen", i, "nummer"],
          message: `Moet ${i + 1} zijn: groepen zijn genummerd 1, 2, 3 … in volgorde.`,
        });
    });
    // A rule set is read for every case on every list: its size is bounded as a whole.
    const { voorwaarden, waarden } = omvang(set.groepen.map((g) => g.voorwaarde));
    if (voorwaarden > MAX_VOORWAARDEN)
      ctx.addIssue({ code: "custom", path: ["groepen"], message: `Hoogstens ${MAX_VOORWAARDEN} voorwaarden in een regelset.` });
    if (waarden > MAX_WAARDEN)
      ctx.addIssue({ code: "custom", path: ["groepen"], message: `Hoogstens ${MAX_WAARDEN} waarden in alle lijsten samen.` });
    if (JSON.stringify(set).length > MAX_REGELSET_TEKENS)
      ctx.addIssue({ code: "custom", path: ["groepen"], message: `Een regelset is hoogstens ${MAX_REGELSET_TEKENS} tekens.` });
  });

/** Bounds of one rule set: a real afwegingskader has a handful of conditions. */
export const MAX_VOORWAARDEN = 100;
export const MAX_WAARDEN = 1000;
export const MAX_REGELSET_TEKENS = 64 * 1024;

/** The number of conditions and of listed values in a rule set's groups. */
function omvang(voorwaarden: readonly (Voorwaarde | null)[]): { voorwaarden: number; waarden: number } {
  let n = 0;
  let w = 0;
  const tel = (v: Voorwaarde | null) => {
    if (!v) return;
    n++;
    if ("alle" in v) v.alle.forEach(tel);
    else if ("een" in v) v.een.forEach(tel);
    else if ("in" in v) w += v.in.length;
  };
  voorwaarden.forEach(tel);
  return { voorwaarden: n, waarden: w };
}

export type Groep = z.output<typeof GroepSchema>;
export type Regelset = z.output<typeof RegelsetSchema>;

/** A rule set's choices, with the defaults of a set that does not make them. */
export function optiesVan(set: Partial<Pick<Regelset, "normMaatregelen" | "volgorde" | "leeftijdOp">> | undefined) {
  return {
    normMaatregelen: set?.normMaatregelen ?? NORM_MAATREGELEN_STANDAARD,
    volgorde: set?.volgorde ?? "sinds-uitspraak",
    leeftijdOp: set?.leeftijdOp ?? "aanmelddatum",
  } as const;
}
type RegelsetKop = Pick<Regelset, "regio" | "versie" | "geldigVanaf">;

/** The shipped Haaglanden rule set (2025): gedwongen kader, younger than 7, an empty third group. */
export function HAAGLANDEN_REGELS(regio = "haaglanden"): Regelset {
  return {
    regio,
    versie: 1,
    geldigVanaf: "2025-01-01",
    groepen: [
      { nummer: 1, naam: "gedwongen kader", voorwaarde: { veld: "maatregel.type", in: [...MAATREGEL_TYPES] } },
      { nummer: 2, naam: "jonger dan 7 jaar", voorwaarde: { veld: "leeftijdJaren", op: "<", waarde: 7 } },
      { nummer: 3, naam: "derde groep (in te vullen door de regio)", voorwaarde: null },
    ],
  };
}

export interface CasusFeiten {
  id: string;
  geboortedatum: string;
  aanmelddatum: string;
  woongemeente: string;
  zorgvorm: { code: string; categorie: string };
  urgentie: "regulier" | "spoed" | "crisis";
  maatregelen: readonly Maatregel[];
}

export interface Prioriteit {
  groep: number | null;
  naam: string | null;
  redenen: string[];
  buitenKader: boolean;
}

/**
 * The rule set in force for `regio` on `opDatum`: greatest `geldigVanaf` not after the date,
 * then highest `versie`; undefined when none applies yet.
 */
export function kiesRegelset<R extends RegelsetKop>(sets: readonly R[], regio: string, opDatum: string): R | undefined {
  let beste: R | undefined;
  for (const set of sets) {
    if (set.regio !== regio || set.geldigVanaf > opDatum) continue;
    if (!beste || set.geldigVanaf > beste.geldigVanaf || (set.geldigVanaf === beste.geldigVanaf && set.versie > beste.versie))
      beste = set;
  }
  return beste;
}

const dagen = (n: number) => `${n} ${n === 1 ? "dag" : "dagen"}`;

const VERGELIJK: Record<Operator, (a: number, b: number) => boolean> = {
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
  "=": (a, b) => a === b,
};

/** How a measure is said: "OTS sinds 2 maart 2026" (the ruling, else the start). */
function maatregelTekst(m: Maatregel): string {
  const start = klokStartVan(m);
  return `${MAATREGEL_LABELS[m.type] ?? m.type}${start ? ` sinds ${datumLang(start.datum)}` : ""}`;
}

/** Per list field: the case's values, and how to say the one that matched. */
const LIJST_WAARDE: Record<LijstVeld, (c: CasusFeiten) => [waarde: string, reden: string][]> = {
  "maatregel.type": ({ maatregelen }) => maatregelen.map((m) => [m.type, maatregelTekst(m)]),
  "zorgvorm.categorie": ({ zorgvorm }) => [[zorgvorm.categorie, `zorgvorm in categorie ${zorgvorm.categorie}`]],
  "zorgvorm.code": ({ zorgvorm }) => [[zorgvorm.code, `zorgvorm ${zorgvorm.code}`]],
  woongemeente: ({ woongemeente }) => [[woongemeente, `woongemeente ${woongemeente}`]],
};

type Opties = ReturnType<typeof optiesVan>;

/** The plain-Dutch parts that made a condition hold; null when it does not hold. */
function evalueer(v: Voorwaarde, casus: CasusFeiten, opDatum: string, opties: Opties): string[] | null {
  if ("alle" in v) {
    const delen = v.alle.map((deel) => evalueer(deel, casus, opDatum, opties));
    return delen.every((d) => d !== null) ? delen.flatMap((d) => d ?? []) : null;
  }
  if ("een" in v) {
    for (const deel of v.een) {
      const redenen = evalueer(deel, casus, opDatum, opties);
      if (redenen) return redenen;
    }
    return null;
  }
  if ("in" in v) {
    const treffer = LIJST_WAARDE[v.veld](casus).find(([waarde]) => v.in.includes(waarde));
    return treffer ? [treffer[1]] : null;
  }
  if (v.veld === "leeftijdJaren") {
    // By default on the registration date: a child does not lose priority by waiting past a birthday.
    const bijAanmelding = opties.leeftijdOp === "aanmelddatum";
    const jaren = leeftijdJaren(casus.geboortedatum, bijAanmelding ? casus.aanmelddatum : opDatum);
    return VERGELIJK[v.op](jaren, v.waarde) ? [`${jaren} jaar oud${bijAanmelding ? " bij aanmelding" : ""}`] : null;
  }
  const n = wachtdagen(casus.aanmelddatum, opDatum);
  return VERGELIJK[v.op](n, v.waarde) ? [`${dagen(n)} wachtend`] : null;
}

/**
 * The priority group of a case on `opDatum`: the first group (by nummer) whose condition holds,
 * with the reasons in plain Dutch ("Groep 1 — gedwongen kader: OTS sinds 2 maart 2026"), one
 * per distinct part that held (for `een` only its first part that held). Spoed and crisis fall
 * outside the framework.
 */
export function bepaalPrioriteit(
  casus: CasusFeiten,
  regelset: Pick<Regelset, "groepen"> & Partial<Regelset>,
  opDatum: string,
): Prioriteit {
  const opties = optiesVan(regelset);
  if (casus.urgentie !== "regulier") {
    const soort = casus.urgentie === "spoed" ? "Spoed" : "Crisis";
    return { groep: null, naam: null, redenen: [`${soort}: buiten het afwegingskader`], buitenKader: true };
  }
  for (const groep of [...regelset.groepen].sort((a, b) => a.nummer - b.nummer)) {
    const delen = groep.voorwaarde ? evalueer(groep.voorwaarde, casus, opDatum, opties) : null;
    if (delen) {
      const redenen = [...new Set(delen)].map((deel) => `Groep ${groep.nummer} — ${groep.naam}: ${deel}`);
      return { groep: groep.nummer, naam: groep.naam, redenen, buitenKader: false };
    }
  }
  const reden = `Geen prioriteitsgroep: wacht ${dagen(wachtdagen(casus.aanmelddatum, opDatum))}`;
  return { groep: null, naam: null, redenen: [reden], buitenKader: false };
}

export type Handmatig = { groep: number; reden: string };
export type RangschikInvoer = {
  feiten: CasusFeiten;
  prioriteit: Prioriteit;
  handmatig?: Handmatig | null;
  /** Days that order the case within its group (the rule set's `volgorde`); default days since registration. */
  volgordeDagen?: number;
};
export type RangRegel = {
  id: string;
  positie: number;
  groep: number | null;
  redenen: string[];
  handmatig: Handmatig | null;
  wachtdagen: number;
};
export type BuitenKaderRegel = { id: string; urgentie: CasusFeiten["urgentie"]; redenen: string[]; wachtdagen: number };
export type Rangschikking = { resultaten: RangRegel[]; buitenKader: BuitenKaderRegel[] };

const oplopend = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Ranks cases on `opDatum`: effective group ascending (a manual override's group wins), cases
 * without a group last; within a group the longest wait first (`volgordeDagen`: by default since
 * the ruling of a measure, else since registration); then `aanmelddatum`, then `id`.
 * Spoed and crisis cases are listed apart: crisis first, then longest wait, then id. Overrides
 * apply inside the framework only; a case outside it stays outside.
 */
export function rangschik(casussen: readonly RangschikInvoer[], opDatum: string): Rangschikking {
  const wacht = (c: RangschikInvoer) => wachtdagen(c.feiten.aanmelddatum, opDatum);
  const volgorde = (c: RangschikInvoer) => c.volgordeDagen ?? wacht(c);
  const groep = (c: RangschikInvoer) => (c.handmatig ? c.handmatig.groep : c.prioriteit.groep) ?? Number.MAX_SAFE_INTEGER;
  const resultaten = casussen
    .filter((c) => !c.prioriteit.buitenKader)
    .sort(
      (a, b) =>
        groep(a) - groep(b) ||
        volgorde(b) - volgorde(a) ||
        oplopend(a.feiten.aanmelddatum, b.feiten.aanmelddatum) ||
        oplopend(a.feiten.id, b.feiten.id),
    )
    .map((c, i): RangRegel => {
      const { feiten, prioriteit, handmatig } = c;
      const redenen = handmatig
        ? [`Handmatig in groep ${handmatig.groep} gezet: ${handmatig.reden}`, ...prioriteit.redenen]
        : [...prioriteit.redenen];
      return {
        id: feiten.id,
        positie: i + 1,
        groep: handmatig ? handmatig.groep : prioriteit.groep,
        redenen,
        handmatig: handmatig ?? null,
        wachtdagen: wacht(c),
      };
    });
  const crisisEerst = (c: RangschikInvoer) => (c.feiten.urgentie === "crisis" ? 0 : 1);
  const buitenKader = casussen
    .filter((c) => c.prioriteit.buitenKader)
    .sort((a, b) => crisisEerst(a) - crisisEerst(b) || wacht(b) - wacht(a) || oplopend(a.feiten.id, b.feiten.id))
    .map(
      (c): BuitenKaderRegel => ({
        id: c.feiten.id,
        urgentie: c.feiten.urgentie,
        redenen: [...c.prioriteit.redenen],
        wachtdagen: wacht(c),
      }),
    );
  return { resultaten, buitenKader };
}
