import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface OidcAccount {
  email: string;
  email_verified: boolean;
}

export interface Idp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at this provider next, and what the provider says it checked (RFC 8176 amr). */
  zetInlog(accountId: string, amr?: string[]): void;
  accounts: Map<string, OidcAccount>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 and a free port, with one
 * confidential client for the register. The login screen is the test itself: whoever
 * `zetInlog` names is signed in and consents at once.
 */
export async function startIdp(redirectUri: string, clientId = "plekwijzer"): Promise<Idp> {
  const accounts = new Map<string, OidcAccount>();
  let huidige = { accountId: "", amr: ["pwd"] };
  const clientSecret = `geheim-${clientId}-0123456789abcdef`;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // Like most providers, the ID token says how the person signed in (amr, RFC 8176).
    claims: { openid: ["sub", "amr"], email: ["email", "email_verified"] },
    features: { devInteractions: { enabled: false } },
    pkce: { methods: ["S256"], required: () => true },
    cookies: { keys: ["test-sleutel-0123456789abcdef"] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
    },
  });
  const callback = provider.callback();
  server.on("request", async (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith("/interaction/")) {
      callback(req, res);
      return;
    }
    try {
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId: huidige.accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope("openid email");
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: huidige.accountId, amr: huidige.amr }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    zetInlog(accountId, amr = ["pwd"]) {
      huidige = { accountId, amr };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Follows the browser's redirects through the provider (with the provider's own cookies) from
 * the authorization URL until it points back at `terug`: answers that path with its query.
 */
export async function doorIdp(start: string, terug: string): Promise<string> {
  const koekjes = new Map<string, string>();
  let url = start;
  for (let i = 0; i < 10; i++) {
    const res = await fetch(url, {
      redirect: "manual",
      headers: { Cookie: [...koekjes].map(([n, w]) => `${n}=${w}`).join("; ") },
    });
    for (const header of res.headers.getSetCookie()) {
      const [paar] = header.split(";");
      const [naam, ...rest] = (paar ?? "").split("=");
      if (naam) koekjes.set(naam.trim(), rest.join("="));
    }
    const locatie = res.headers.get("location");
    if (!locatie) throw new Error(`the provider stopped at ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const volgende = new URL(locatie, url);
    if (volgende.href.startsWith(terug)) return volgende.pathname + volgende.search;
    url = volgende.href;
  }
  throw new Error("too many redirects at the provider");
}
