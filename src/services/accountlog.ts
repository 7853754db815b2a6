import { and, count, desc, eq, getTableColumns } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { AtomicStep } from "../../db/database.ts";
import { accountlog, gebruikers } from "../../db/schema/index.ts";
import { type Actor, door } from "../kern/actor.ts";
import { DomainError, ErrorCode } from "../kern/errors.ts";
import { PagingQuery, uuidParam } from "../kern/fields.ts";
import type { Paging } from "../kern/page.ts";
import { isoTimestamp } from "../kern/time.ts";
import type { AccountWijziging } from "../kern/vocabulary.ts";
import { type Deps, useCase } from "./context.ts";
import { conditions, paged } from "./query.ts";

/** Who manages people: the register's beheerder for every organisation, an organisatiebeheerder for its own. */
export const MENSENBEHEER = ["beheerder", "organisatiebeheerder"] as const;

/** An organisatiebeheerder manages its own organisation only; the register's beheerder every one. */
export function beheertOrganisatie(actor: Actor, organisatieId: string): boolean {
  return actor.rol === "beheerder" || (actor.rol === "organisatiebeheerder" && actor.organisatieId === organisatieId);
}

export function andereOrganisatie(): DomainError {
  return new DomainError(ErrorCode.forbidden, "U beheert alleen de mensen van uw eigen organisatie.", {
    invalidParams: [{ name: "organisatieId", code: "andere-organisatie", reason: "U beheert alleen uw eigen organisatie." }],
  });
}

/** The append of one account-log line, written in the same atomic write as the change it records. */
export function accountlogStep(
  deps: Deps,
  actor: Actor | undefined,
  regel: {
    gebruikerId: string | null;
    organisatieId: string;
    soort: AccountWijziging;
    van?: string | null;
    naar?: string | null;
  },
): AtomicStep {
  return {
    query: deps.db.orm.insert(accountlog).values({
      op: isoTimestamp(deps.clock.now()),
      gebruikerId: regel.gebruikerId,
      organisatieId: regel.organisatieId,
      soort: regel.soort,
      van: regel.van ?? null,
      naar: regel.naar ?? null,
      doorActor: actor?.tokenId ?? "anoniem",
      doorGebruikerId: actor?.gebruikerId ?? null,
      door: actor?.naam ? `${actor.naam}, ${door(actor)}` : door(actor),
    }),
  };
}

export const AccountlogQuery = PagingQuery.extend({
  organisatieId: uuidParam.optional(),
  gebruikerId: uuidParam.optional(),
});

const betrokkene = alias(gebruikers, "betrokkene");

/**
 * Every change to the accounts of an organisation, newest first: for its organisatiebeheerder
 * (its own organisation only) and for the register's beheerder (every organisation).
 */
export const listAccountlog = useCase(
  MENSENBEHEER,
  async ({ deps, actor }, input: Paging & { organisatieId?: string; gebruikerId?: string }) => {
    const { pagina, perPagina, ...filter } = input;
    if (filter.organisatieId && !beheertOrganisatie(actor, filter.organisatieId)) throw andereOrganisatie();
    const organisatieId = actor.rol === "beheerder" ? filter.organisatieId : actor.organisatieId;
    const where = and(
      ...conditions(
        organisatieId ? eq(accountlog.organisatieId, organisatieId) : undefined,
        filter.gebruikerId ? eq(accountlog.gebruikerId, filter.gebruikerId) : undefined,
      ),
    );
    return paged(
      { pagina, perPagina },
      (limit, offset) =>
        deps.db.orm
          .select({ ...getTableColumns(accountlog), gebruiker: betrokkene.naam })
          .from(accountlog)
          .leftJoin(betrokkene, eq(betrokkene.id, accountlog.gebruikerId))
          .where(where)
          .orderBy(desc(accountlog.volgnummer))
          .limit(limit)
          .offset(offset),
      () => deps.db.orm.select({ n: count() }).from(accountlog).where(where),
      (r) => ({
        volgnummer: r.volgnummer,
        op: r.op,
        gebruikerId: r.gebruikerId,
        gebruiker: r.gebruiker,
        organisatieId: r.organisatieId,
        soort: r.soort,
        van: r.van,
        naar: r.naar,
        door: r.door,
      }),
    );
  },
);
