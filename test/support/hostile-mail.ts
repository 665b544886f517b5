/**
 * Builders of hostile and oversized mail, shared by the bad-input tests and the
 * hostile-input benchmark (scripts/bench-hostile.ts), so both measure the same thing.
 */

const BOUNDARY = "report-boundary";

/** A Postfix-like bounce: text, delivery-status, returned original (its body supplied). */
export function dsnBounce(options: { recipients?: string[]; original?: string; deliveryStatus?: string } = {}): string {
  const recipients = options.recipients ?? ["bob@example.org"];
  const groups = recipients.map((address) => `Final-Recipient: rfc822; ${address}\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <${address}>: Recipient address rejected: User unknown\n`);
  return [
    "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)",
    "To: alice@example.com",
    "Subject: Undelivered Mail Returned to Sender",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${BOUNDARY}"`,
    "",
    `--${BOUNDARY}`,
    "Content-Type: text/plain",
    "",
    "I'm sorry to have to inform you that your message could not be delivered.",
    "",
    `--${BOUNDARY}`,
    "Content-Type: message/delivery-status",
    "",
    options.deliveryStatus ?? `Reporting-MTA: dns; mx.example.org\n\n${groups.join("\n")}`,
    "",
    `--${BOUNDARY}`,
    "Content-Type: message/rfc822",
    "",
    "From: Alice <alice@example.com>",
    "To: bob@example.org",
    "Subject: hello",
    "",
    options.original ?? "Hello Bob.",
    "",
    `--${BOUNDARY}--`,
    "",
  ].join("\n");
}

/** `count` distinct recipient addresses. */
export const manyAddresses = (count: number): string[] => Array.from({ length: count }, (_, i) => `user${i}@example.org`);

/** About `megabytes` MB of base64-looking lines: the body of a large returned original. */
export function largeBody(megabytes: number): string {
  const line = `${"QUJD".repeat(19)}\n`;
  return line.repeat(Math.ceil((megabytes * 2 ** 20) / line.length));
}

/** Deterministic noise (a linear congruential generator): the same bytes on every run. */
export function noise(length: number, seed = 7): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** A multipart/mixed tree `depth` levels deep with one text part at the bottom. */
export function nestedMultipart(depth: number): string {
  const parts = ['From: a@example.com\nSubject: x\nContent-Type: multipart/mixed; boundary="b0"\n\n'];
  for (let i = 0; i < depth; i++) parts.push(`--b${i}\nContent-Type: multipart/mixed; boundary="b${i + 1}"\n\n`);
  parts.push(`--b${depth}\nContent-Type: text/plain\n\nhello\n`);
  for (let i = depth; i >= 0; i--) parts.push(`--b${i}--\n`);
  return parts.join("");
}

/** A message whose Subject is one line of `length` characters. */
/** A To: field of punctuation: the address tokenizer's worst case. */
export const longAddressHeader = (length: number): string => `From: a@example.com\nTo: ${":".repeat(length)}\nSubject: x\n\nbody\n`;

export const longHeaderLine = (length: number): string => `From: a@example.com\nSubject: ${"A".repeat(length)}\nTo: b@example.org\n\nbody\n`;
