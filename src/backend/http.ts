/**
 * The backend as a plain node:http server (local runs, tests, benchmarks).
 * Reads at most maxBodyBytes of a body, then answers 413 and closes the connection.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Backend } from "./app";
import { clientKey, forwardedClient } from "./client-id";
import type { BackendConfig } from "./config";
import type { BackendRequest } from "./handler";
import { describeInternalFailure, logInternalFailure } from "./internal-failure";

export interface RunningServer {
  host: string;
  port: number;
  url: string;
  close: () => Promise<void>;
}

type Body = { text: string | null; tooLarge: boolean };

const NO_BODY: Body = { text: null, tooLarge: false };

/** Whether the request carries a body at all (RFC 9112 section 6.3: only a length or a transfer coding announces one). */
function hasBody(req: http.IncomingMessage): boolean {
  return req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limit) {
      resolve({ text: null, tooLarge: true });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        resolve({ text: null, tooLarge: true });
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve({ text: size === 0 ? null : Buffer.concat(chunks).toString("utf8"), tooLarge: false }));
    req.on("error", reject);
  });
}

function clientIdOf(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? clientKey(forwardedClient(req.headers["x-forwarded-for"]?.toString()) ?? undefined) : null;
  return forwarded ?? clientKey(req.socket.remoteAddress) ?? "unknown";
}

export function startBackendServer(backend: Backend, config: BackendConfig): Promise<RunningServer> {
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the handler catches every error itself
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://backend.invalid");
      const body = hasBody(req) ? await readBody(req, config.maxBodyBytes) : NO_BODY;
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      const request: BackendRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: body.text,
        bodyTooLarge: body.tooLarge,
        clientId: clientIdOf(req, config.trustProxy),
      };
      const response = await backend.handle(request);
      // After a refused body the rest of it is still on the wire: do not reuse the connection.
      if (body.tooLarge) res.setHeader("connection", "close");
      // With its length known the response goes out as one write, not as chunks.
      res.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(response.body) });
      res.end(response.body);
    } catch (failure) {
      logInternalFailure(describeInternalFailure(failure));
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ error: "internal error" }));
    }
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      const { address, port } = server.address() as AddressInfo;
      const host = address.includes(":") ? `[${address}]` : address;
      resolve({
        host: address,
        port,
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
