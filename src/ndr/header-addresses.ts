/**
 * The addresses a bounce names only in header values: every address of a To list or
 * X-Failed-Recipients, and the full address for a recipient the MTA named by its local
 * part alone ("kijitora... User unknown"), found in the returned message's headers.
 */
import type { FieldMap } from "./header-fields";
import { findAddress, normalizeAddress } from "./text";

/** Every address in the header values, a list split at its commas. */
export function addressesIn(values: readonly string[]): string[] {
  const found: string[] = [];
  for (const value of values) {
    for (const part of value.split(",", 1000)) {
      const address = findAddress(part);
      if (address) found.push(address);
    }
  }
  return found;
}

/** "kijitora" -> "kijitora@example.jp" when the returned message names exactly that mailbox. */
export function completeLocalPart(localPart: string, headers: FieldMap | null | undefined, text = ""): string | null {
  const wanted = localPart.toLowerCase();
  if (wanted.length === 0 || wanted.length > 64 || /[\s@<>]/.test(wanted)) return null;
  const candidates = addressesIn([...(headers?.all("to") ?? []), ...(headers?.all("cc") ?? [])]);
  for (const received of headers?.all("received") ?? []) {
    const forClause = /\bfor <?([^\s<>;]{1,320}@[^\s<>;]{1,255})>?/.exec(received);
    if (forClause) candidates.push(normalizeAddress(forClause[1]) ?? "");
  }
  const match = candidates.find((address) => address.startsWith(`${wanted}@`));
  if (match) return match;
  const inText = new RegExp(`\\bfor <?(${wanted.replace(/[^a-z0-9]/g, "\\$&")}@[A-Za-z0-9.-]{1,255})`, "i").exec(text.slice(0, 100000));
  return inText ? normalizeAddress(inText[1]) : null;
}
