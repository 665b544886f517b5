/**
 * The report part of a bounce: the text the server wrote, up to where the returned
 * message (or a copy of its headers) begins. Bounded in lines and characters, since
 * the text is remote.
 */
import type { MailMessage } from "../message";
import { linesOf } from "../prose";
import { RETURNED_MARKER } from "./phrases";

/** A report is short: the first lines of a bounce hold it, returned mail follows. */
const MAX_REPORT_LINES = 400;
const MAX_TEXT = 200000;

export interface Report {
  /** The report's lines (untrimmed), without the returned message. */
  lines: string[];
  /** The same, joined. */
  text: string;
  /** The index in the text's lines where the returned message begins, or -1. */
  returnedAt: number;
  /** That line (the marker), or null. */
  returnedLine: string | null;
}

export function reportOf(message: MailMessage): Report {
  const all = linesOf(message.text.slice(0, MAX_TEXT));
  // The first line is the report's own, even when it looks like a marker ("Received: ..." opening a server's notice).
  let returnedAt = -1;
  for (let index = 1; index < all.length && index < 5000; index++) {
    if (RETURNED_MARKER.test(all[index])) {
      returnedAt = index;
      break;
    }
  }
  const lines = (returnedAt >= 0 ? all.slice(0, returnedAt) : all).slice(0, MAX_REPORT_LINES);
  return { lines, text: lines.join("\n"), returnedAt, returnedLine: returnedAt >= 0 ? all[returnedAt] : null };
}
