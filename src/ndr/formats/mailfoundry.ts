/**
 * MailFoundry, a filtering appliance: "Unable to deliver message to: <address>", then
 * "Delivery failed for the following reason:" and the remote server's reply,
 * "mx.example.org[192.0.2.1] responded with failure: 552 ..." or
 * "Server mx.example.org[192.0.2.1] failed with: 550 ...".
 */
import type { MailMessage } from "../message";
import { findAddress } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const TARGET = "Unable to deliver message to:";
const REASON = "Delivery failed for the following reason:";
/** "[Server ]host[ip] responded with failure: reply" */
const REMOTE_REPLY = /^(?:Server )?([A-Za-z0-9][A-Za-z0-9.-]{0,252})\[[0-9A-Fa-f.:]{2,45}\] (?:responded with failure|failed with): (.{1,2000})$/;

function writtenByMailFoundry(message: MailMessage): boolean {
  return message.subject === "Message delivery has failed" && message.headers.all("received").some((line) => /MAILFOUNDRY/i.test(line));
}

export const mailfoundry = defineFormat({
  name: "mailfoundry",
  recognise: writtenByMailFoundry,
  extract: (message) => {
    const recipients: RecipientFinding[] = [];
    let reading = false;
    for (const raw of message.text.split("\n")) {
      const line = raw.trim();
      const current = recipients[recipients.length - 1];
      if (line.startsWith(TARGET)) {
        const address = findAddress(line.slice(TARGET.length));
        if (address) recipients.push({ address });
        reading = false;
      } else if (line === REASON) reading = current !== undefined;
      else if (reading && current && line !== "" && !line.startsWith("This has been a permanent failure")) {
        const reply = REMOTE_REPLY.exec(line);
        if (reply) {
          current.remoteMta = reply[1];
          current.diagnostic = reply[2];
        } else current.diagnostic = current.diagnostic ? `${current.diagnostic} ${line}` : line;
      } else if (line === "") reading = false;
    }
    return recipients.length > 0 ? { recipients } : null;
  },
});
