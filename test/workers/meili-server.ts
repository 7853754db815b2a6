import { inject } from "vitest";

declare module "vitest" {
  interface ProvidedContext {
    /** A Meilisearch server the Node side started for the workerd tests (global-setup.ts). */
    meili?: { url: string; masterKey: string };
  }
}

/**
 * Stands in for test/support/meili-server.ts inside workerd (vitest.config.ts swaps it in):
 * the server was started by global-setup.ts on the Node side.
 */
export function isMeiliAvailable(): boolean {
  return inject("meili") !== undefined;
}

export async function startMeili() {
  const meili = inject("meili");
  if (!meili) throw new Error("No Meilisearch was started for the workerd tests");
  return { ...meili, stop: async () => {} };
}

export type MeiliServer = Awaited<ReturnType<typeof startMeili>>;
