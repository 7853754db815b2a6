import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A Locatieserver in the test process that answers like PDOK's `/free`: `response.docs[0]`
 * with `centroide_ll` as `POINT(lon lat)`. `plekken` maps what is asked (`q`) to a point; a
 * test switches it to failing (a 503) or slow (answers after 5 s) to see the fallback.
 */
export async function pdokServer(plekken: Record<string, { lon: number; lat: number; naam: string }>) {
  const vragen: URL[] = [];
  let stand: "goed" | "kapot" | "traag" = "goed";
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://pdok.test");
    vragen.push(url);
    if (stand === "kapot") {
      res.writeHead(503, { "content-type": "text/plain" }).end("Service Unavailable");
      return;
    }
    const antwoord = () => {
      if (url.pathname !== "/bzk/locatieserver/search/v3_1/free") {
        res.writeHead(404).end();
        return;
      }
      const plek = plekken[url.searchParams.get("q") ?? ""];
      const docs = plek
        ? [
            {
              type: url.searchParams.get("fq")?.replace("type:", ""),
              weergavenaam: plek.naam,
              centroide_ll: `POINT(${plek.lon} ${plek.lat})`,
            },
          ]
        : [];
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ response: { numFound: docs.length, start: 0, maxScore: 1, numFoundExact: true, docs } }));
    };
    if (stand === "traag") setTimeout(antwoord, 5000).unref();
    else antwoord();
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    /** The service root, as GEOCODER_URL would hold it. */
    url: `http://127.0.0.1:${port}/bzk/locatieserver/search/v3_1`,
    vragen,
    zet(s: typeof stand) {
      stand = s;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
