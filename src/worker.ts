import type { AnyD1Database } from "drizzle-orm/d1";
import { openD1 } from "../db/d1.ts";
import { createApp } from "./app.ts";
import { systemClock } from "./kern/time.ts";
import { bootstrapBeheer } from "./services/toegang.ts";

/** The admin token is made a beheerder's token once per isolate. */
let bootstrapped: Promise<void> | undefined;

/** The Workers bindings named in wrangler.toml. */
interface WorkerEnv {
  DB: unknown;
  PLEKWIJZER_ADMIN_TOKEN?: string;
}

/**
 * Workers entry: the D1 binding exists only per request, so the app is built per request
 * (cheap: no I/O). Migrations are applied by `wrangler d1 migrations apply`. Full Workers
 * support (search on Meilisearch, docs assets, the NL Design System stylesheets of the pages)
 * is a later issue; the pages render here with only their own stylesheet.
 */
export default {
  fetch(request: Request, env: WorkerEnv): Response | Promise<Response> {
    const app = createApp({
      db: openD1(env.DB as AnyD1Database),
      clock: systemClock,
      remoteAddress: (c) => c.req.header("cf-connecting-ip"),
    });
    bootstrapped ??= env.PLEKWIJZER_ADMIN_TOKEN
      ? bootstrapBeheer({ db: openD1(env.DB as AnyD1Database), clock: systemClock }, env.PLEKWIJZER_ADMIN_TOKEN)
      : Promise.resolve();
    return bootstrapped.then(() => app.fetch(request));
  },
};
