import { readFileSync } from "node:fs";
import http from "node:http";
import { type AddressInfo, createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** Percentile of a sorted list of numbers (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function summarise(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(2);
  return `${label}: n=${samples.length} p50=${fmt(percentile(sorted, 50))} ms p95=${fmt(percentile(sorted, 95))} ms p99=${fmt(percentile(sorted, 99))} ms max=${fmt(sorted.at(-1) ?? Number.NaN)} ms`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** One HTTP request over a keep-alive connection; answers status and body. */
export function request(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(payload ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {}),
          ...extraHeaders,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

export function closeAgent(): void {
  agent.destroy();
}

/**
 * The Node flags `npm start` runs the server with (its script in package.json), so that a
 * bench's server process runs as a region's does.
 */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((word) => word.startsWith("--"));
}

const bundles = new Map<string, Promise<string>>();

/**
 * A bench file bundled as `npm start` bundles the server (esbuild, into dist/), so that the
 * bench's server process runs plain JavaScript as `npm start` does, not the TypeScript loader.
 * `entry` is the bench's `import.meta.url`; answers the bundle's path.
 */
export function bundled(entry: string, name: string): Promise<string> {
  let bundle = bundles.get(name);
  if (!bundle) {
    bundle = (async () => {
      const outfile = fileURLToPath(new URL(`../dist/${name}.mjs`, import.meta.url));
      await build({
        entryPoints: [fileURLToPath(entry)],
        bundle: true,
        platform: "node",
        format: "esm",
        packages: "external",
        outfile,
        logLevel: "warning",
      });
      return outfile;
    })();
    bundles.set(name, bundle);
  }
  return bundle;
}
