/**
 * Mimecast's own delivery-failure alert: "-- <address>" under "could not be
 * delivered:", the likely problem, and the remote server's reply under
 * "Additional information follows :".
 */
import type { MailMessage } from "../message";
import { section } from "../prose";
import { bounceAddressee } from "../quoted-headers";
import { findAddress } from "../text";
import { defineFormat } from "./format";

function writtenByMimecast(message: MailMessage): boolean {
  return /mimecast/i.test(message.headers.get("message-id") ?? "") && message.text.includes("could not be delivered:");
}

/** The "-- " items of a section, joined; continuation lines belong to the item above. */
function dashItems(lines: readonly string[] | null): string[] {
  const items: string[] = [];
  for (const line of lines ?? []) {
    if (line.startsWith("-- ")) items.push(line.slice(3).trim());
    else if (line.trim() === "") break;
    else if (items.length > 0) items[items.length - 1] += ` ${line.trim()}`;
  }
  return items;
}

export const mimecast = defineFormat({
  name: "mimecast",
  recognise: writtenByMimecast,
  extract: (message) => {
    const addresses = dashItems(section(message.text, /could not be delivered:\s*$/)).map(findAddress).filter((a): a is string => a !== null);
    if (addresses.length === 0) return null;
    const [detail] = dashItems(section(message.text, /^Additional information follows/));
    const [problem] = dashItems(section(message.text, /^The problem appears to be/));
    return { recipients: addresses.map((address) => ({ address, diagnostic: detail ?? problem ?? null })), originalSender: bounceAddressee(message) };
  },
});
