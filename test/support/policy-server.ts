/**
 * A loopback HTTPS server standing in for mta-sts.<domain> hosts: it answers by the
 * Host header from a table of behaviours (a policy, a redirect, an oversized body,
 * silence), with a certificate from the tests' own CA.
 */
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { TestCertificates } from "./test-ca";

export type PolicyBehaviour =
  | { policy: string }
  | { redirect: string }
  | { status: number }
  /** Streams this many bytes without a Content-Length. */
  | { bytes: number }
  | { silent: true };

export interface PolicyServer {
  port: number;
  /** Requests received, as "host path". */
  requests: string[];
  close: () => Promise<void>;
}

export async function startPolicyServer(certs: TestCertificates, behaviours: Record<string, PolicyBehaviour>): Promise<PolicyServer> {
  const requests: string[] = [];
  const server = https.createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "");
    requests.push(`${host} ${req.url}`);
    const behaviour = behaviours[host];
    if (!behaviour || req.url !== "/.well-known/mta-sts.txt") {
      res.writeHead(404).end();
      return;
    }
    if ("silent" in behaviour) return; // never answers: the client's deadline must end it
    if ("redirect" in behaviour) {
      res.writeHead(301, { location: behaviour.redirect }).end();
      return;
    }
    if ("status" in behaviour) {
      res.writeHead(behaviour.status).end();
      return;
    }
    if ("bytes" in behaviour) {
      res.writeHead(200, { "content-type": "text/plain" });
      const chunk = Buffer.alloc(16 * 1024, "mx: a.example\n");
      let sent = 0;
      const pump = () => {
        while (sent < behaviour.bytes) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("error", () => undefined);
      pump();
      return;
    }
    res.writeHead(200, { "content-type": "text/plain" }).end(behaviour.policy);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
