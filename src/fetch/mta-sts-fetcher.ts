/**
 * Fetches MTA-STS policies over HTTPS for the live checks (src/checks PolicyFetcher).
 *
 * RFC 8461 section 3.3: the policy lives at https://mta-sts.<domain>/.well-known/mta-sts.txt,
 * only an HTTP 200 counts, redirects are never followed, the certificate must be valid for
 * that host (Node verifies chain and name by default: rejectUnauthorized), and the fetch is
 * bounded in time and size. Here nothing but that one URL can be asked for: the caller gives
 * a domain, never a URL. The host's address comes from our own resolver (so the
 * request's DNS budget covers it), and an address that is not public (loopback, private,
 * link-local) is refused, so a hostile domain cannot point the backend at its own network.
 */
import https from "node:https";
import net from "node:net";
import ipaddr from "ipaddr.js";
import type { PolicyFetch, PolicyFetcher } from "../checks/types";
import { hostName } from "../checks/names";
import type { Resolver } from "../spf/types";

export interface FetcherOptions {
  resolver: Resolver;
  /** Overall deadline of one fetch, connection and body included (default 5000 ms). */
  timeoutMs?: number;
  /** Largest policy read (default 64 KiB; a real policy is a few hundred bytes). */
  maxBytes?: number;
  /** Port 443 always, except for tests against a loopback server. */
  port?: number;
  /** Extra trusted CA certificates (PEM): tests only. */
  ca?: string | string[];
  /** Allow loopback and private addresses: tests only. */
  allowPrivateAddresses?: boolean;
}

const NOT_PUBLIC = new Set(["private", "loopback", "linkLocal", "uniqueLocal", "unspecified", "carrierGradeNat", "multicast", "broadcast", "reserved"]);

async function addressOf(host: string, options: FetcherOptions): Promise<string | Error> {
  for (const type of ["A", "AAAA"] as const) {
    const answer = await options.resolver.lookup(host, type);
    if (answer.status === "error") return new Error(`looking up ${host}: ${answer.message}`);
    if (answer.status !== "ok" || answer.records.length === 0) continue;
    const address = answer.records[0];
    if (!net.isIP(address)) return new Error(`${host} has no usable address`);
    if (!options.allowPrivateAddresses && NOT_PUBLIC.has(ipaddr.parse(address).range())) {
      return new Error(`${host} points at a non-public address (${address}): not fetched`);
    }
    return address;
  }
  return new Error(`${host} has no address`);
}

export function createPolicyFetcher(options: FetcherOptions): PolicyFetcher {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const port = options.port ?? 443;

  async function fetchPolicy(domain: string): Promise<PolicyFetch> {
    const name = hostName(domain);
    if (!name) return { status: "error", reason: "address", message: "not a domain name" };
    const host = `mta-sts.${name}`;
    const started = Date.now();
    const address = await addressOf(host, options);
    if (address instanceof Error) return { status: "error", reason: "address", message: address.message };
    const left = timeoutMs - (Date.now() - started);
    if (left <= 0) return { status: "error", reason: "timeout", message: `no answer within ${timeoutMs} ms` };
    return get(host, address, left);
  }

  function get(host: string, address: string, budgetMs: number): Promise<PolicyFetch> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: PolicyFetch) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.destroy();
        resolve(outcome);
      };
      const request = https.request({
        host: address,
        servername: host, // SNI, and the name the certificate must carry (Node checks servername before host)
        port,
        path: "/.well-known/mta-sts.txt",
        method: "GET",
        headers: { host, accept: "text/plain", "user-agent": "bounce-doctor" },
        ca: options.ca,
        agent: false,
        rejectUnauthorized: true,
      });
      const timer = setTimeout(() => finish({ status: "error", reason: "timeout", message: `no policy within ${timeoutMs} ms` }), budgetMs);
      request.on("error", (error: NodeJS.ErrnoException) => {
        const tls = /CERT|SSL|TLS|self.signed|unable to verify|altname/i.test(`${error.code ?? ""} ${error.message}`);
        finish({ status: "error", reason: tls ? "tls" : "network", message: error.message });
      });
      request.on("response", (response) => {
        if (response.statusCode !== 200) {
          // 3xx included: RFC 8461 section 3.3 forbids following redirects.
          finish({ status: "error", reason: "http", message: `HTTP ${response.statusCode} from ${host}` });
          return;
        }
        const declared = Number(response.headers["content-length"]);
        if (declared > maxBytes) {
          finish({ status: "error", reason: "too-large", message: `the policy is ${declared} bytes, over the ${maxBytes}-byte limit` });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) finish({ status: "error", reason: "too-large", message: `the policy is over the ${maxBytes}-byte limit` });
          else chunks.push(chunk);
        });
        response.on("end", () => finish({ status: "ok", body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", (error) => finish({ status: "error", reason: "network", message: error.message }));
      });
      request.end();
    });
  }

  return { fetchPolicy };
}
