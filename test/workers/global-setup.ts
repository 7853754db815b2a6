import type { TestProject } from "vitest/node";
import { isMeiliAvailable, startMeili } from "../support/meili-server.ts";

/**
 * Runs in Node before the workerd tests: starts a real Meilisearch for them (workerd cannot
 * start processes), so the Meilisearch engine is tested over `fetch` from inside workerd.
 */
export default async function setup(project: TestProject) {
  if (!(process.env.CI === "true" || isMeiliAvailable())) return;
  const server = await startMeili();
  project.provide("meili", { url: server.url, masterKey: server.masterKey });
  return async () => {
    await server.stop();
  };
}
