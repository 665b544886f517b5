/**
 * CORS for the task pane and web page: only configured origins may read answers.
 * Requests without an Origin header (CLI, curl, server-to-server) are not browsers
 * reading cross-origin and need no CORS headers.
 */
export type CorsDecision =
  | { kind: "no-origin" }
  | { kind: "allowed"; headers: Record<string, string> }
  | { kind: "denied" };

export const ALLOWED_METHODS = "GET, POST, OPTIONS";
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export function corsFor(origin: string | undefined, allowedOrigins: readonly string[]): CorsDecision {
  if (origin === undefined) return { kind: "no-origin" };
  if (!allowedOrigins.includes(origin)) return { kind: "denied" };
  return { kind: "allowed", headers: { "access-control-allow-origin": origin, vary: "Origin" } };
}

export function preflightHeaders(): Record<string, string> {
  return {
    "access-control-allow-methods": ALLOWED_METHODS,
    "access-control-allow-headers": "Content-Type",
    "access-control-max-age": String(PREFLIGHT_MAX_AGE_SECONDS),
  };
}
