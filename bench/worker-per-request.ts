import { createWorker, type WorkerEnv } from "../src/worker.ts";

/**
 * The Workers entry as it was before: the app built for every request. A fresh copy of the
 * bindings per request defeats the per-isolate cache of src/worker.ts; the rest is the same
 * code. Only for bench/worker.bench.ts.
 */
const worker = createWorker();

export default {
  fetch: (request: Request, env: WorkerEnv) => worker.fetch(request, { ...env }),
  scheduled: worker.scheduled,
};
