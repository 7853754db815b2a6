import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { hulpvraagcategorieen, regioInstellingen } from "../../db/schema/index.ts";
import { type Paging, pageOfList } from "../kern/page.ts";
import { isoTimestamp } from "../kern/time.ts";
import { ROLLEN } from "../kern/vocabulary.ts";
import { requireRegio } from "./catalogus.ts";
import { type Deps, publiekeLeesactie, useCase } from "./context.ts";

/** What a region sets for referrals and timeliness, with the defaults of a region that sets nothing. */
export interface RegioInstellingen {
  regio: string;
  /** Working days a provider has to answer an aanmelding (default 5). */
  antwoordtermijnWerkdagen: number;
  /** Longest acceptable wait for a case without a measure under the norm, in weeks (default: the Treeknorm, 14). */
  maxWachttijdWeken: number;
}

export const STANDAARD_REGIO_INSTELLINGEN = { antwoordtermijnWerkdagen: 5, maxWachttijdWeken: 14 } as const;

export const RegioInstellingenInput = z
  .strictObject({
    antwoordtermijnWerkdagen: z.number().int().min(1).max(30),
    maxWachttijdWeken: z.number().int().min(1).max(104),
  })
  .meta({ id: "RegioInstellingenInput" });

export async function regioInstellingenVoor({ db }: Deps, regio: string | null | undefined): Promise<RegioInstellingen> {
  const [row] = regio ? await db.orm.select().from(regioInstellingen).where(eq(regioInstellingen.regio, regio)) : [];
  return {
    regio: regio ?? "",
    antwoordtermijnWerkdagen: row?.antwoordtermijnWerkdagen ?? STANDAARD_REGIO_INSTELLINGEN.antwoordtermijnWerkdagen,
    maxWachttijdWeken: row?.maxWachttijdWeken ?? STANDAARD_REGIO_INSTELLINGEN.maxWachttijdWeken,
  };
}

export const getRegioInstellingen = useCase(ROLLEN, async ({ deps }, { code }: { code: string }) => {
  await requireRegio(deps, code, "code");
  return regioInstellingenVoor(deps, code);
});

export const setRegioInstellingen = useCase(
  ["beheerder"],
  async ({ deps }, input: { code: string; instellingen: z.output<typeof RegioInstellingenInput> }) => {
    await requireRegio(deps, input.code, "code");
    const waarden = { ...input.instellingen, gewijzigdOp: isoTimestamp(deps.clock.now()) };
    await deps.db.atomic([
      {
        query: deps.db.orm
          .insert(regioInstellingen)
          .values({ regio: input.code, ...waarden })
          .onConflictDoUpdate({ target: regioInstellingen.regio, set: waarden }),
      },
    ]);
    return regioInstellingenVoor(deps, input.code);
  },
);

/** The kinds of help the standard referral form asks about. */
export async function readHulpvraagcategorieen({ db }: Deps) {
  return db.orm
    .select({ code: hulpvraagcategorieen.code, naam: hulpvraagcategorieen.naam })
    .from(hulpvraagcategorieen)
    .orderBy(asc(hulpvraagcategorieen.volgorde));
}

export const listHulpvraagcategorieen = publiekeLeesactie(ROLLEN, async ({ deps }, paging: Paging) =>
  pageOfList(await readHulpvraagcategorieen(deps), paging),
);
