/**
 * The one cleaner of remote text. Bounce text, DNS answers, SPF records and file names
 * come from servers that write whatever they like: terminal escapes, bidi overrides,
 * CRLF, 100 KB lines. Everything that shows or sends such text (the pane, the admin
 * draft, the CLI's text and JSON output) cleans it here, so all agree on what goes.
 *
 * What goes: C0 controls other than tab and newline (ESC starts terminal sequences),
 * DEL, C1 controls (U+009B is a one-character CSI on many terminals), and the bidi
 * embedding, override and isolate controls U+202A-U+202E and U+2066-U+2069, which
 * reorder what a reader sees (Unicode UAX #9 section 2; the "Trojan Source" attack,
 * CVE-2021-42574). Layer 0: imports nothing.
 */

/** The longest piece of remote text a draft or report quotes. */
export const MAX_QUOTE = 2000;

const ELLIPSIS = "…";
const CONTROL_RANGES = "\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069";
const CONTROLS = new RegExp(`[${CONTROL_RANGES}]`, "g");
// Tab, newline and the Unicode line and paragraph separators end a line too.
const LINE_BREAKS = /[\t\n\u2028\u2029]+/g;

/** Cut to `max` characters (an ellipsis marks the cut), never splitting a surrogate pair. @internal exported for its test */
export function limitText(text: string, max = MAX_QUOTE): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + ELLIPSIS;
}

/** One line: controls and line breaks become spaces, runs of space fold, then the length is limited. */
export function singleLine(text: string | null | undefined, max = MAX_QUOTE): string {
  // Cut first so a 100 KB input costs no more than a short one in the replaces below.
  const bounded = (text ?? "").slice(0, max * 2);
  return limitText(bounded.replace(CONTROLS, " ").replace(LINE_BREAKS, " ").replace(/ {2,}/g, " ").trim(), max);
}

/** Several lines: CRLF/CR become LF, other controls are removed, the length is limited. */
export function multiLine(text: string | null | undefined, max = MAX_QUOTE): string {
  const bounded = (text ?? "").slice(0, max * 2);
  return limitText(bounded.replace(/\r\n?/g, "\n").replace(CONTROLS, "").trim(), max);
}

/** Text for a terminal or a plain-text body, any length: controls removed, tab and newline kept. */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, "");
}

/**
 * One terminal line that keeps remote text's exact shape, as a record must be read:
 * each control or line break shows as "?", nothing is trimmed, folded or cut.
 */
export function markControls(text: string): string {
  return text.replace(CONTROLS, "?").replace(/[\t\n\u2028\u2029]/g, "?");
}

// The characters JSON.stringify leaves as they are but a terminal acts on (it escapes C0 itself).
const JSON_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON text safe to print on a terminal, with the same value: every control left in it
 * is written as a \u escape (JSON.stringify already escapes C0; this adds DEL, C1, the
 * bidi controls and the line separators). Only string contents can hold these characters,
 * so the replacement never touches the JSON's structure.
 */
export function escapeControlsInJson(json: string): string {
  return json.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text to inert HTML: the five significant characters become entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** How deep cleanStrings follows objects; a deeper value is refused, not walked. */
const MAX_CLEAN_DEPTH = 64;

/**
 * A copy of a value read from remote text (a parsed bounce, the backend's checks report)
 * with the controls removed from every string in it, tab and newline kept: cleaned once
 * where it enters, so no view shows a control however it renders the value. Throws a
 * RangeError for values nested deeper than 64 levels.
 */
export function cleanStrings<T>(value: T): T {
  return cleanAt(value, 0) as T;
}

function cleanAt(value: unknown, depth: number): unknown {
  if (typeof value === "string") return withoutControls(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth >= MAX_CLEAN_DEPTH) throw new RangeError(`nested deeper than ${MAX_CLEAN_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((item) => cleanAt(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [withoutControls(key), cleanAt(item, depth + 1)]));
}
