/**
 * Zoho Mail (mailer-daemon@mail.zoho.com, X-ZohoMail header): one line per recipient,
 * "bob@example.com Invalid Address, ERROR_CODE :550, ERROR_CODE :5.2.1 <bob@...>... User
 * Unknown", or for delays "[Status: Error, Address: <bob@...>, ResponseCode 421, , Host
 * not reachable.]". The original's headers follow, starting at its "Received:" line.
 */
import { quotedHeaders, senderOf } from "../quoted-headers";
import { findAddress } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const PERMANENT = /^\s*(\S{1,320}@\S{1,253})\s+(.{0,2000}?ERROR_CODE\s?:\s?(\d{3})?.{0,2000})$/;
const DELAYED = /^\s*\[Status: \w{1,20}, Address: (<[^<>\s]{1,320}>), ResponseCode (\d{3})?,\s?(.{0,2000})\]\s*$/;

function readLine(line: string, delayed: boolean): RecipientFinding | null {
  const permanent = PERMANENT.exec(line);
  if (permanent) {
    const diagnostic = permanent[2].trim();
    return { address: findAddress(permanent[1]), diagnostic, replyCode: permanent[3] ? Number(permanent[3]) : undefined, action: delayed ? "delayed" : "failed" };
  }
  const delay = DELAYED.exec(line);
  if (delay) return { address: findAddress(delay[1]), diagnostic: line.trim(), replyCode: delay[2] ? Number(delay[2]) : undefined, action: "delayed" };
  return null;
}

/** Zoho sometimes leaves quoted-printable soft breaks undecoded: "ERROR_CODE :5.1.=" / "1 <bob@...>". */
function joinSoftBreaks(lines: string[]): string[] {
  const joined: string[] = [];
  for (const line of lines) {
    const last = joined[joined.length - 1];
    if (last !== undefined && last.endsWith("=") && last.includes("ERROR_CODE")) joined[joined.length - 1] = last.slice(0, -1) + line;
    else joined.push(line);
  }
  return joined;
}

export const zoho = defineFormat({
  name: "zoho",
  recognise: (message) => message.headers.has("x-zohomail") && (/mailer-daemon@/i.test(message.from) || message.text.includes("This message was created automatically by mail delivery")),
  extract: (message) => {
    const delayed = /\(Delay\)/i.test(message.subject);
    const lines = joinSoftBreaks(message.text.split("\n").slice(0, 400));
    const recipients = lines.map((line) => readLine(line, delayed)).filter((r): r is RecipientFinding => r !== null && r.address !== null);
    if (recipients.length === 0) return null;
    return { recipients, originalSender: message.original ? undefined : senderOf(quotedHeaders(message.text, /^Received:\s?from /, { fromMarkerLine: true }), { orSenderField: true }) };
  },
});
