/**
 * Azure Functions (Node.js programming model v4) adapter: the same handler behind
 * HTTP triggers at /api/check and /api/health. Deployment: see README.md here.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { createBackend, type Backend } from "./app";
import { clientKey, forwardedClient } from "./client-id";
import { loadConfig } from "./config";
import type { BackendRequest } from "./handler";

/** Every method reaches the handler, which answers 405 itself (with an Allow header). */
const ALL_METHODS = ["GET", "POST", "OPTIONS", "PUT", "PATCH", "DELETE", "HEAD"] as const;

async function readBody(request: HttpRequest, limit: number): Promise<{ text: string | null; tooLarge: boolean }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return { text: null, tooLarge: true };
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > limit) return { text: null, tooLarge: true };
  return { text: bytes.length === 0 ? null : new TextDecoder().decode(bytes), tooLarge: false };
}

/** Behind Azure's front end the client address is the entry it appends to X-Forwarded-For (ip:port). */
function clientIdOf(request: HttpRequest): string {
  return clientKey(forwardedClient(request.headers.get("x-forwarded-for")) ?? undefined) ?? "unknown";
}

export function azureHandler(backend: Backend, maxBodyBytes: number) {
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const url = new URL(request.url);
    const body = await readBody(request, maxBodyBytes);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const converted: BackendRequest = {
      method: request.method.toUpperCase(),
      path: url.pathname,
      query: request.query,
      headers,
      body: body.text,
      bodyTooLarge: body.tooLarge,
      clientId: clientIdOf(request),
    };
    const response = await backend.handle(converted);
    return { status: response.status, headers: response.headers, body: response.body };
  };
}

// One backend per Functions worker (its DNS cache and rate limits live as long as the worker),
// built on first use so a configuration error shows up in the log of that request.
let shared: ReturnType<typeof azureHandler> | undefined;
const handler = (request: HttpRequest, context: InvocationContext) => {
  if (!shared) {
    const config = loadConfig();
    // console output goes to the Functions log (Application Insights); the domain is the only request data in it.
    shared = azureHandler(createBackend(config, { log: (entry) => console.log(JSON.stringify(entry)) }), config.maxBodyBytes);
  }
  return shared(request, context);
};

app.http("check", { methods: [...ALL_METHODS], authLevel: "anonymous", route: "check", handler });
app.http("health", { methods: [...ALL_METHODS], authLevel: "anonymous", route: "health", handler });
