/**
 * The backend's HTTP semantics, free of any HTTP library: the local node:http server
 * and the Azure Functions adapter both translate to and from these plain objects.
 *
 *   GET  /api/health                      -> { status: "ok", schema }
 *   POST /api/check  {domain, ip?, sender?, helo?, checks?, recipientDomain?, zones?}
 *                                          -> Checks, with `live` when checks were named
 *   GET  /api/check?domain=...&ip=...     -> Checks
 *
 * Errors are JSON `{ error }` with a message meant for the caller; internal failures
 * never leak stack traces or exception text.
 */
import type { CheckReport } from "../checks/types";
import { CHECKS_SCHEMA } from "../spf/types";
import { ALLOWED_METHODS, corsFor, preflightHeaders } from "./cors";
import type { RateLimiter } from "./rate-limit";
import type { RunChecks } from "./check-cache";
import { OverBudgetError } from "./check-budget";
import { describeInternalFailure, type InternalFailure } from "./internal-failure";
import { validateCheckInput } from "./validate";

export interface BackendRequest {
  method: string;
  /** Path without the query string, e.g. "/api/check". */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The body as text, or null when there is none. */
  body: string | null;
  /** Set by the transport when the body was larger than allowed (it stops reading). */
  bodyTooLarge?: boolean;
  /** Who is asking, for rate limiting only (an address; never logged). */
  clientId: string;
}

export interface BackendResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  /** The only request data that is logged. */
  domain?: string;
}

export interface HandlerDeps {
  allowedOrigins: readonly string[];
  maxBodyBytes: number;
  checkBudgetMs: number;
  rateLimiter: RateLimiter;
  /** Runs the checks for the client; the signal aborts when the request is given up (504). */
  runChecks: RunChecks;
  log?: (entry: RequestLogEntry) => void;
  /** Where a 500's class and stack go (never the request). */
  logFailure?: (failure: InternalFailure) => void;
  now?: () => number;
}

const ROUTES = new Map<string, readonly string[]>([
  ["/api/check", ["GET", "POST"]],
  ["/api/health", ["GET"]],
]);

const BASE_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

function json(status: number, payload: unknown, headers: Record<string, string> = {}): BackendResponse {
  return { status, headers: { ...BASE_HEADERS, ...headers }, body: JSON.stringify(payload) };
}

const error = (status: number, message: string, headers?: Record<string, string>) => json(status, { error: message }, headers);

class Timeout {
  constructor(readonly ms: number) {}
}

/**
 * Runs the checks, or gives up after `ms`: giving up aborts the signal the work was
 * given, which cancels its queued and in-flight DNS questions.
 */
async function withinBudget(run: (signal: AbortSignal) => Promise<CheckReport>, ms: number): Promise<CheckReport | Timeout> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<Timeout>((resolve) => {
    timer = setTimeout(() => resolve(new Timeout(ms)), ms);
  });
  try {
    const outcome = await Promise.race([run(controller.signal), expiry]);
    if (outcome instanceof Timeout) controller.abort(outcome);
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

type Fields = { fields: Record<string, unknown> } | { problem: string };

function readFields(request: BackendRequest): Fields {
  if (request.method === "GET") {
    // No prototype: a parameter named "toString" or "__proto__" is just an unknown field.
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [key, value] of request.query) {
      if (Object.hasOwn(fields, key)) return { problem: `parameter "${key.slice(0, 40)}" given more than once` };
      fields[key] = value;
    }
    return { fields };
  }
  const type = request.headers["content-type"] ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) return { problem: "the body must be JSON (Content-Type: application/json)" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body ?? "");
  } catch {
    return { problem: "the body is not valid JSON" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { problem: "the body must be a JSON object" };
  return { fields: parsed as Record<string, unknown> };
}

async function route(request: BackendRequest, deps: HandlerDeps, cors: Record<string, string>, logged: { domain?: string }) {
  const methods = ROUTES.get(request.path);
  if (!methods) return error(404, "no such endpoint", cors);
  if (!methods.includes(request.method)) {
    return error(405, `use ${methods.join(" or ")} for ${request.path}`, { ...cors, allow: [...methods, "OPTIONS"].join(", ") });
  }
  if (request.path === "/api/health") return json(200, { status: "ok", schema: CHECKS_SCHEMA }, cors);

  const decision = deps.rateLimiter.take(request.clientId, (deps.now ?? Date.now)());
  if (!decision.allowed) {
    return error(429, "too many checks: try again later", { ...cors, "retry-after": String(decision.retryAfterSeconds) });
  }
  const bodyBytes = request.body === null ? 0 : new TextEncoder().encode(request.body).length;
  if (request.bodyTooLarge || bodyBytes > deps.maxBodyBytes) {
    return error(413, `the body is larger than ${deps.maxBodyBytes} bytes`, cors);
  }
  const read = readFields(request);
  if ("problem" in read) return error(400, read.problem, cors);
  const validation = validateCheckInput(read.fields);
  if (!validation.ok) return error(400, validation.error, cors);
  logged.domain = validation.input.domain;

  const input = validation.input;
  const live = validation.live;
  let outcome: CheckReport | Timeout;
  try {
    outcome = await withinBudget((signal) => deps.runChecks(input, { client: request.clientId, signal }, live), deps.checkBudgetMs);
  } catch (failure) {
    if (failure instanceof OverBudgetError) return error(504, failure.message, cors);
    throw failure;
  }
  if (outcome instanceof Timeout) return error(504, `the check took longer than ${outcome.ms} ms`, cors);
  return json(200, outcome, cors);
}

export async function handleCheck(request: BackendRequest, deps: HandlerDeps): Promise<BackendResponse> {
  const now = deps.now ?? Date.now;
  const started = now();
  const logged: { domain?: string } = {};
  let response: BackendResponse;
  try {
    const cors = corsFor(request.headers.origin, deps.allowedOrigins);
    if (cors.kind === "denied") {
      response = error(403, "this origin may not use the API");
    } else {
      const corsHeaders = cors.kind === "allowed" ? cors.headers : {};
      if (request.method === "OPTIONS") {
        response = ROUTES.has(request.path)
          ? { status: 204, headers: { ...corsHeaders, ...(cors.kind === "allowed" ? preflightHeaders() : {}), allow: ALLOWED_METHODS }, body: "" }
          : error(404, "no such endpoint", corsHeaders);
      } else {
        response = await route(request, deps, corsHeaders, logged);
      }
    }
  } catch (failure) {
    // A programming error: the client learns nothing of it, the log learns where it is.
    deps.logFailure?.(describeInternalFailure(failure));
    response = error(500, "internal error");
  }
  // Unknown paths are not logged verbatim: they could carry anything, addresses included.
  const path = ROUTES.has(request.path) ? request.path : "(unknown)";
  deps.log?.({ method: request.method.slice(0, 10), path, status: response.status, ms: now() - started, domain: logged.domain });
  return response;
}
