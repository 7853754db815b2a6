import { parse } from "csv-parse/sync";
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { maatregeltellingen, organisaties } from "../../db/schema/index.ts";
import { door } from "../kern/actor.ts";
import { DomainError } from "../kern/errors.ts";
import { regioCode } from "../kern/fields.ts";
import { newId } from "../kern/ids.ts";
import { isoTimestamp } from "../kern/time.ts";
import { Violations } from "../kern/violations.ts";
import { requireRegio } from "./catalogus.ts";
import { type ActorCtx, type Deps, useCase } from "./context.ts";
import { regioInScope, scopeOf } from "./scope.ts";

/**
 * The denominator of the norm report: the number of active child-protection measures per
 * region, GI and month. The register does not hold it (most measures never wait): a GI enters
 * its own, the region's broker or the beheerder any GI's, one by one or as a CSV file.
 */

const maand = z.string().regex(/^20[0-9]{2}-(0[1-9]|1[0-2])$/, { message: "Moet een maand zijn (jjjj-mm)." });

export const MaatregeltellingInput = z
  .strictObject({
    regio: regioCode,
    organisatieId: z.uuid({ message: "Moet een UUID zijn." }).meta({ description: "De gecertificeerde instelling" }),
    maand: maand.meta({ example: "2026-11" }),
    aantal: z.number().int().min(0).max(1_000_000),
  })
  .meta({ id: "MaatregeltellingInput" });
export type MaatregeltellingInput = z.output<typeof MaatregeltellingInput>;

export const MaatregeltellingenQuery = z.object({ regio: regioCode, maand: maand.optional() });

/** Who may enter a count for a GI: the GI itself, a broker of the region, the beheerder. */
function magInvoeren(ctx: ActorCtx, input: { regio: string; organisatieId: string }): boolean {
  if (ctx.actor.rol === "beheerder") return true;
  if (ctx.actor.rol === "verwijzer") return ctx.actor.organisatieId === input.organisatieId;
  return ctx.actor.rol === "zorgmakelaar" && regioInScope(scopeOf(ctx.actor), input.regio);
}

const INVOERDERS = ["verwijzer", "zorgmakelaar", "beheerder"] as const;

/**
 * Enters counts (a new count for the same region, GI and month replaces the earlier one), all
 * or none: every bad row is reported with its position.
 */
export const saveMaatregeltellingen = useCase(INVOERDERS, async (ctx, invoer: MaatregeltellingInput | MaatregeltellingInput[]) =>
  bewaar(ctx, Array.isArray(invoer) ? invoer : [invoer]),
);

async function bewaar(ctx: ActorCtx, rows: MaatregeltellingInput[]) {
  const { deps } = ctx;
  const v = new Violations();
  const orgs = new Map(
    (
      await deps.db.orm
        .select({ id: organisaties.id, type: organisaties.type })
        .from(organisaties)
        .where(
          inArray(
            organisaties.id,
            rows.map((r) => r.organisatieId),
          ),
        )
    ).map((o) => [o.id, o.type]),
  );
  for (const [i, r] of rows.entries()) {
    const pad = rows.length === 1 ? "" : `[${i}].`;
    await requireRegio(deps, r.regio, `${pad}regio`);
    if (orgs.get(r.organisatieId) !== "gecertificeerde-instelling")
      v.add(`${pad}organisatieId`, "geen-gi", "Dit is geen gecertificeerde instelling in het register.");
    else if (!magInvoeren(ctx, r))
      v.add(`${pad}organisatieId`, "geen-toegang", "U kunt voor deze instelling en regio geen aantal invoeren.");
  }
  v.throwIfAny();
  const op = isoTimestamp(deps.clock.now());
  const wie = door(ctx.actor);
  await deps.db.atomic(
    rows.map((r) => ({
      query: deps.db.orm
        .insert(maatregeltellingen)
        .values({
          id: newId(),
          regio: r.regio,
          organisatie: r.organisatieId,
          maand: r.maand,
          aantal: r.aantal,
          ingevoerdDoor: wie,
          ingevoerdOp: op,
        })
        .onConflictDoUpdate({
          target: [maatregeltellingen.regio, maatregeltellingen.organisatie, maatregeltellingen.maand],
          set: { aantal: r.aantal, ingevoerdDoor: wie, ingevoerdOp: op },
        }),
    })),
  );
  return { opgeslagen: rows.length };
}

/**
 * The same counts as a CSV file (`;` or `,`, header row with regio, organisatie, maand,
 * aantal; the organisation by name or id): all rows or none, every fault named by its line.
 */
export const saveMaatregeltellingenCsv = useCase(INVOERDERS, async (ctx, tekst: string) => {
  const kop = tekst.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  let records: Record<string, string>[];
  try {
    records = parse(tekst, {
      bom: true,
      columns: (koppen: string[]) => koppen.map((k) => k.trim().toLowerCase()),
      delimiter: kop.includes(";") ? ";" : ",",
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    const { lines } = error as { lines?: number };
    throw DomainError.invalid([
      {
        name: `regel ${lines ?? 1}`,
        code: "ongeldige-csv",
        reason: "Dit bestand is geen geldige CSV (een aanhalingsteken sluit niet?).",
      },
    ]);
  }
  const v = new Violations();
  for (const kolom of ["regio", "organisatie", "maand", "aantal"])
    if (records.length > 0 && !(kolom in (records[0] as object)))
      v.add("regel 1", "kolom-ontbreekt", `De kolom ${kolom} ontbreekt.`);
  if (records.length === 0) v.add("regel 1", "leeg", "Het bestand heeft geen regels onder de kopregel.");
  v.throwIfAny();
  const gis = await ctx.deps.db.orm
    .select({ id: organisaties.id, naam: organisaties.naam })
    .from(organisaties)
    .where(eq(organisaties.type, "gecertificeerde-instelling"));
  const idVan = new Map(gis.flatMap((g) => [[g.id, g.id] as const, [g.naam.toLowerCase(), g.id] as const]));
  const rows: MaatregeltellingInput[] = [];
  records.forEach((r, i) => {
    const regel = `regel ${i + 2}`;
    const organisatieId = idVan.get((r.organisatie ?? "").toLowerCase());
    if (!organisatieId)
      v.add(`${regel}: organisatie`, "onbekend", `Geen gecertificeerde instelling ${r.organisatie} in het register.`);
    const parsed = MaatregeltellingInput.safeParse({
      regio: r.regio,
      organisatieId: organisatieId ?? "00000000-0000-4000-8000-000000000000",
      maand: r.maand,
      aantal: /^[0-9]+$/.test(r.aantal ?? "") ? Number(r.aantal) : Number.NaN,
    });
    if (parsed.success) rows.push(parsed.data);
    else for (const issue of parsed.error.issues) v.add(`${regel}: ${String(issue.path[0])}`, "ongeldig", issue.message);
  });
  v.throwIfAny();
  return bewaar(ctx, rows);
});

/** The counts of a region, per month and GI. */
export const getMaatregeltellingen = useCase(INVOERDERS, async (ctx, q: z.output<typeof MaatregeltellingenQuery>) => {
  const { deps } = ctx;
  await requireRegio(deps, q.regio);
  if (ctx.actor.rol === "zorgmakelaar" && !regioInScope(scopeOf(ctx.actor), q.regio))
    throw DomainError.notFound(`Regio ${q.regio}`);
  const rows = await deps.db.orm
    .select({
      regio: maatregeltellingen.regio,
      organisatieId: maatregeltellingen.organisatie,
      organisatie: organisaties.naam,
      maand: maatregeltellingen.maand,
      aantal: maatregeltellingen.aantal,
      ingevoerdDoor: maatregeltellingen.ingevoerdDoor,
      ingevoerdOp: maatregeltellingen.ingevoerdOp,
    })
    .from(maatregeltellingen)
    .innerJoin(organisaties, eq(organisaties.id, maatregeltellingen.organisatie))
    .where(
      and(
        eq(maatregeltellingen.regio, q.regio),
        q.maand ? eq(maatregeltellingen.maand, q.maand) : undefined,
        ctx.actor.rol === "verwijzer" ? eq(maatregeltellingen.organisatie, ctx.actor.organisatieId) : undefined,
      ),
    )
    .orderBy(asc(maatregeltellingen.maand), asc(organisaties.naam));
  return { resultaten: rows };
});

/** The denominator of a region's month: the sum over its GIs, or null when none entered one. */
export async function noemerVoor(deps: Deps, regio: string, maandCode: string) {
  const rows = await deps.db.orm
    .select({ organisatie: maatregeltellingen.organisatie, aantal: maatregeltellingen.aantal })
    .from(maatregeltellingen)
    .where(and(eq(maatregeltellingen.regio, regio), eq(maatregeltellingen.maand, maandCode)));
  return {
    totaal: rows.length === 0 ? null : rows.reduce((n, r) => n + r.aantal, 0),
    perOrganisatie: new Map(rows.map((r) => [r.organisatie, r.aantal])),
  };
}
