/**
 * Serves the production build (dist/) over HTTP on a free loopback port, the way a
 * static host would, and forwards /api/* to a backend, or plays a dead one.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".eml": "message/rfc822",
  ".txt": "text/plain; charset=utf-8",
};

export type ApiMode =
  /** Every /api request is cut off: the backend is down. */
  | { kind: "down" }
  /** /api requests are taken and never answered: the backend hangs. */
  | { kind: "silent" }
  /** /api/* goes to this backend origin (e.g. "http://127.0.0.1:40123"). */
  | { kind: "proxy"; target: string };

export interface StaticServer {
  url: string;
  /** Bodies of the /api requests seen, as sent by the page. */
  apiRequests: { path: string; body: string }[];
  close: () => Promise<void>;
}

export const REPO_ROOT = path.resolve(__dirname, "../../..");
export const DIST = path.join(REPO_ROOT, "dist");

/** The e2e suites test what `npm run build` produced; they never build. */
export function assertBuilt(): void {
  if (!existsSync(path.join(DIST, "taskpane.html"))) {
    throw new Error(`${DIST}/taskpane.html is missing: run \`npm run build\` first (npm test does)`);
  }
}

export async function startStaticServer(api: ApiMode = { kind: "down" }, root = DIST): Promise<StaticServer> {
  const apiRequests: StaticServer["apiRequests"] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname.startsWith("/api/")) {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks);
        apiRequests.push({ path: url.pathname, body: body.toString("utf8") });
        if (api.kind === "down") {
          request.socket.destroy();
          return;
        }
        if (api.kind === "silent") return;
        forward(api.target, request, body, response);
      });
      return;
    }
    const file = path.join(root, decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname));
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "Content-Type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function forward(target: string, request: http.IncomingMessage, body: Buffer, response: http.ServerResponse): void {
  const upstream = http.request(
    new URL(request.url ?? "/", target),
    { method: request.method, headers: { "content-type": request.headers["content-type"] ?? "application/json", "content-length": body.length } },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, { "Content-Type": answer.headers["content-type"] ?? "application/json" });
      answer.pipe(response);
    },
  );
  upstream.on("error", () => response.writeHead(502).end());
  upstream.end(body);
}
