import { and, eq, gt, isNull, lte } from "drizzle-orm";
import { tokenWeergaven } from "../../db/schema/index.ts";
import { newId } from "../kern/ids.ts";
import { isoTimestamp } from "../kern/time.ts";
import { useCase } from "./context.ts";

/**
 * The one-time view of a new token on the web pages. The page creates the token on a POST,
 * keeps it here for one view and redirects (POST-redirect-GET): a reload of the view never
 * creates a second token, and the token is never in a URL. The token is encrypted with a key
 * derived from the creating session's own cookie value, which the register never stores; the
 * first view wipes it.
 */
const WEERGAVE_MS = 10 * 60_000;

const enc = new TextEncoder();

async function sleutelVan(geheim: string, id: string) {
  const ruw = await crypto.subtle.digest("SHA-256", enc.encode(`token-weergave:${id}:${geheim}`));
  return crypto.subtle.importKey("raw", ruw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

const naarBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const uitBase64 = (tekst: string) => Uint8Array.from(atob(tekst), (c) => c.charCodeAt(0));

/** Keeps a new token for one view by the same person in the same session; returns the view's id. */
export const bewaarTokenWeergave = useCase(
  ["beheerder"],
  async ({ deps, actor }, input: { tokenId: string; token: string; geheim: string }) => {
    const now = deps.clock.now();
    const id = newId();
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const versleuteld = new Uint8Array(
      await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await sleutelVan(input.geheim, id), enc.encode(input.token)),
    );
    const samen = new Uint8Array(iv.length + versleuteld.length);
    samen.set(iv);
    samen.set(versleuteld, iv.length);
    await deps.db.atomic([
      // Views nobody came back for are wiped on the next creation.
      {
        query: deps.db.orm
          .update(tokenWeergaven)
          .set({ versleuteld: null })
          .where(lte(tokenWeergaven.verlooptOp, isoTimestamp(now))),
      },
      {
        query: deps.db.orm.insert(tokenWeergaven).values({
          id,
          tokenId: input.tokenId,
          gebruikerId: actor.gebruikerId ?? actor.tokenId,
          versleuteld: naarBase64(samen),
          verlooptOp: isoTimestamp(new Date(now.getTime() + WEERGAVE_MS)),
          getoondOp: null,
        }),
      },
    ]);
    return id;
  },
);

/**
 * The token of a view, once: the first call wipes it (one conditional update), so a reload, a
 * second tab or another person gets undefined. Also undefined after ten minutes.
 */
export const toonTokenWeergave = useCase(["beheerder"], async ({ deps, actor }, input: { id: string; geheim: string }) => {
  const nu = isoTimestamp(deps.clock.now());
  const open = and(
    eq(tokenWeergaven.id, input.id),
    eq(tokenWeergaven.gebruikerId, actor.gebruikerId ?? actor.tokenId),
    isNull(tokenWeergaven.getoondOp),
    gt(tokenWeergaven.verlooptOp, nu),
  );
  const [rij] = await deps.db.orm
    .select({ tokenId: tokenWeergaven.tokenId, versleuteld: tokenWeergaven.versleuteld })
    .from(tokenWeergaven)
    .where(open);
  if (!rij?.versleuteld) return undefined;
  // Spent by whoever gets here first: a second request in the same instant finds nothing.
  const gewist = await deps.db.orm
    .update(tokenWeergaven)
    .set({ versleuteld: null, getoondOp: nu })
    .where(open)
    .returning({ id: tokenWeergaven.id });
  if (gewist.length === 0) return undefined;
  const samen = uitBase64(rij.versleuteld);
  try {
    const token = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: samen.slice(0, 12) },
      await sleutelVan(input.geheim, input.id),
      samen.slice(12),
    );
    return { tokenId: rij.tokenId, token: new TextDecoder().decode(token) };
  } catch {
    // Another session's cookie: the key does not fit, and the view is spent all the same.
    return undefined;
  }
});
