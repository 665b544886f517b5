/**
 * Making text from a bounce safe to show and to send: remote servers write whatever
 * they like, including markup, terminal escapes, bidi overrides, CRLF and 100 KB lines.
 */

/** The longest piece of remote text a draft or report quotes. */
export const MAX_QUOTE = 2000;

const ELLIPSIS = "…";
// C0/C1 controls except tab and newline, DEL, and the bidi embedding/override/isolate marks.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Cut to `max` characters (an ellipsis marks the cut), never splitting a surrogate pair. */
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
  return limitText(bounded.replace(CONTROLS, " ").replace(/[\r\n\t]+/g, " ").replace(/ {2,}/g, " ").trim(), max);
}

/** Several lines: CRLF/CR become LF, other controls are removed, the length is limited. */
export function multiLine(text: string | null | undefined, max = MAX_QUOTE): string {
  const bounded = (text ?? "").slice(0, max * 2);
  return limitText(bounded.replace(/\r\n?/g, "\n").replace(CONTROLS, "").trim(), max);
}

/** Text for a terminal or a plain-text body: controls (escape sequences, CR) and bidi overrides removed (or replaced), line breaks kept. */
export function withoutControls(text: string, replacement = ""): string {
  return text.replace(CONTROLS, replacement);
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text to inert HTML: the five significant characters become entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}
