/**
 * Bounces that quote the returned message inline, after a marker line such as
 * "----- Original message -----", instead of attaching it. We read the quoted
 * header block for the original sender.
 */
import { FieldMap } from "./header-fields";
import { findAddress } from "./text";
import { findLine } from "./recipient-blocks";

/**
 * The header block following the first line matching `marker`, or null. With
 * `inclusive`, the block starts at the marker line itself (a bare "Received:" line).
 */
export function inlineHeaders(text: string, marker: RegExp, inclusive = false): FieldMap | null {
  const lines = text.split("\n");
  const at = findLine(lines, marker);
  if (at < 0) return null;
  let start = inclusive ? at : at + 1;
  while (start < lines.length && lines[start].trim() === "") start++;
  const headers = FieldMap.parse(lines.slice(start, start + 400).join("\n"));
  return headers.fields.length > 0 ? headers : null;
}

/** The From (or Return-Path, or Sender) address of an inline-quoted original. */
export function inlineOriginalSender(text: string, marker: RegExp, inclusive = false): string | null {
  const headers = inlineHeaders(text, marker, inclusive);
  if (!headers) return null;
  return findAddress(headers.get("from")) ?? findAddress(headers.get("return-path")) ?? findAddress(headers.get("sender"));
}
