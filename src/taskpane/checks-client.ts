/**
 * Asks the backend for the live checks a bounce calls for. Only the fields of the
 * one check contract (src/spf/check-input.ts) and the live checks' names (which checks,
 * the recipient's domain, the blocklist zones the rejection names) leave the user's
 * machine: names and an IP, never the message itself.
 */
import type { CheckReport, LiveCheckRequest } from "../checks/types";
import { checkRequest } from "../guidance/live-target";
import type { Bounce } from "../ndr/bounce";
import { CHECK_FIELDS, type CheckInput } from "../spf/check-input";
import { CHECKS_SCHEMA } from "../spf/types";
import { cleanStrings } from "../text/sanitize";

export type CheckQuery = CheckInput & { live?: LiveCheckRequest | null };

export type CheckFailure = "timeout" | "unreachable" | "http" | "bad-response";

export class CheckError extends Error {
  override name = "CheckError";
  constructor(
    readonly failure: CheckFailure,
    detail: string,
  ) {
    super(detail);
  }
}

const CHECK_TIMEOUT_MS = 8000;

/** Set at build time (BACKEND_URL); relative "/api" by default, proxied by the dev server. */
const backendUrl: string = process.env.BACKEND_URL || "/api";

/** The query for a bounce (what the CLI's diagnose checks too), or null when it names nothing to check. */
export function checkQueryFor(bounce: Bounce): CheckQuery | null {
  const request = checkRequest(bounce);
  if (!request) return null;
  return request.live ? { ...request.input, live: request.live } : request.input;
}

/** The request body: the contract's fields and nothing else, whatever the object carries. */
function requestBody(query: CheckQuery): string {
  const fields: Record<string, unknown> = Object.fromEntries(CHECK_FIELDS.map((field) => [field, query[field]]));
  const live = query.live;
  if (live && live.checks.length > 0) {
    fields.checks = live.checks;
    if (live.recipientDomain) fields.recipientDomain = live.recipientDomain;
    if (live.zones && live.zones.length > 0) fields.zones = live.zones;
  }
  return JSON.stringify(fields);
}

interface FetchChecksOptions {
  baseUrl?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type FetchChecks = (query: CheckQuery, options?: FetchChecksOptions) => Promise<CheckReport>;

export const fetchChecks: FetchChecks = async (query, options = {}) => {
  const { baseUrl = backendUrl, timeoutMs = CHECK_TIMEOUT_MS, signal } = options;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const abort = () => timeout.abort();
  signal?.addEventListener("abort", abort);
  try {
    let response: Response;
    try {
      response = await fetch(`${baseUrl.replace(/\/+$/, "")}/check`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: requestBody(query),
        signal: timeout.signal,
      });
    } catch (error) {
      if (timeout.signal.aborted && !signal?.aborted) throw new CheckError("timeout", `no answer within ${timeoutMs / 1000} s`);
      throw new CheckError("unreachable", error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw new CheckError("http", `HTTP ${response.status}`);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new CheckError("bad-response", "the answer is not JSON");
    }
    if (!isChecks(body)) throw new CheckError("bad-response", "the answer is not a checks report");
    // DNS answers and policy files are remote text: their controls go here, once, before any view sees them.
    try {
      return cleanStrings(body);
    } catch {
      throw new CheckError("bad-response", "the answer is nested too deep");
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", abort);
  }
};

function isChecks(value: unknown): value is CheckReport {
  if (typeof value !== "object" || value === null) return false;
  const checks = value as Partial<CheckReport>;
  if (checks.live !== undefined && (typeof checks.live !== "object" || checks.live === null || !Array.isArray(checks.live.checks))) return false;
  return checks.schema === CHECKS_SCHEMA && typeof checks.spf === "object" && checks.spf !== null && typeof checks.dmarc === "object" && checks.dmarc !== null;
}
