/**
 * A bounce forwarded inline: the forwarder's client quotes the bounce's headers
 * ("From: Mail Delivery System ...", "Subject: Undeliverable: ...") and body in the
 * text. We cut the quoted message out so the format families can read it.
 */
import type { MessageParts } from "./types";

// Outlook, Gmail, Apple Mail and Thunderbird forward markers, and a quoted header block.
const FORWARD_MARKER = /^[ >]*(?:-{2,} ?(?:Forwarded message|Original Message|轉寄的郵件|原始郵件) ?-{2,}|Begin forwarded message:|-{5,} ?Forwarded Message ?-{5,}|_{10,})[ \t]*$/im;
const QUOTED_HEADER = /^[ >]*(?:From|寄件者|Sent|Date|寄件日期|To|收件者|Subject|主旨|Cc)[ \t]*[:：]/;

export function unwrapInlineForward(text: string): MessageParts | null {
  const marker = FORWARD_MARKER.exec(text);
  const start = marker ? marker.index + marker[0].length : 0;
  const lines = text.slice(start).replace(/^\s*\n/, "").split("\n");
  const headerLines: string[] = [];
  let index = 0;
  for (; index < lines.length && index < 40; index++) {
    const line = lines[index].replace(/^[ >]*/, "");
    if (QUOTED_HEADER.test(line)) headerLines.push(line.replace(/^([^:：]+)[:：]/, (_, name: string) => `${englishName(name.trim())}:`));
    else if (line.trim() === "" && headerLines.length > 0) break;
    else if (headerLines.length > 0 && /^\s/.test(lines[index])) headerLines[headerLines.length - 1] += ` ${line.trim()}`;
    else if (headerLines.length > 0) break;
  }
  if (headerLines.length < 2) return null;
  const body = lines.slice(index).map((line) => line.replace(/^> ?/, "")).join("\n");
  return { kind: "parts", headers: headerLines.join("\n"), text: body };
}

const LOCALIZED: Record<string, string> = { 寄件者: "From", 寄件日期: "Date", 收件者: "To", 主旨: "Subject", Sent: "Date" };

function englishName(name: string): string {
  return LOCALIZED[name] ?? name;
}
