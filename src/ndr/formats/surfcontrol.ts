/**
 * SurfControl E-mail Filter (Websense): "Your message could not be sent.", one
 * "Addressed To: <address>" per recipient and the attempt,
 * "<address>: [<remote ip>], <reply>", usually beside a delivery-status part.
 */
import type { MailMessage } from "../message";
import { findAddress, normalizeAddress } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

/** "bob@example.org: [192.0.2.244], 554 Service currently unavailable" */
const ATTEMPT = /^([^\s:]{1,320}@[^\s:]{1,255}): \[([0-9A-Fa-f.:]{2,45})\], (.{1,2000})$/;

function writtenBySurfControl(message: MailMessage): boolean {
  return /^SurfControl E-mail Filter/i.test(message.headers.get("x-mailer") ?? "") && message.text.includes("Your message could not be sent.");
}

export const surfcontrol = defineFormat({
  name: "surfcontrol",
  recognise: writtenBySurfControl,
  extract: (message) => {
    const recipients: RecipientFinding[] = [];
    for (const raw of message.text.split("\n")) {
      const line = raw.trim();
      if (line.startsWith("Addressed To:")) {
        const address = findAddress(line.slice("Addressed To:".length));
        if (address && !recipients.some((r) => r.address === address)) recipients.push({ address });
        continue;
      }
      const attempt = ATTEMPT.exec(line);
      const address = attempt ? normalizeAddress(attempt[1]) : null;
      if (!attempt || !address) continue;
      const target = recipients.find((r) => r.address === address) ?? recipients[recipients.push({ address }) - 1];
      target.remoteMta = attempt[2];
      target.diagnostic = attempt[3];
    }
    return recipients.length > 0 ? { recipients } : null;
  },
});
