/**
 * MailFoundry, a filtering appliance: "Unable to deliver message to: <address>",
 * then "Delivery failed for the following reason:" and the remote server's reply.
 */
import type { MailMessage } from "../message";
import { firstParagraph, section } from "../prose";
import { findAddress } from "../text";
import type { FormatModule } from "./format";

function writtenByMailFoundry(message: MailMessage): boolean {
  return message.subject === "Message delivery has failed" && message.headers.all("received").some((line) => /MAILFOUNDRY/i.test(line));
}

/** "mx.example.org[192.0.2.1] responded with failure: 552 ..." -> host and reply. */
function remoteReply(reason: string): { remoteMta: string | null; diagnostic: string } {
  const marker = reason.indexOf(" responded with failure: ");
  if (marker < 0) return { remoteMta: null, diagnostic: reason };
  const host = reason.slice(0, marker).trim().split(/\s/).pop() ?? "";
  return { remoteMta: host.replace(/\[.*$/, "") || null, diagnostic: reason.slice(marker + " responded with failure: ".length) };
}

export const mailfoundry: FormatModule = {
  name: "mailfoundry",
  recognise: writtenByMailFoundry,
  extract: (message) => {
    const target = message.text.split("\n").find((line) => line.startsWith("Unable to deliver message to:"));
    const address = findAddress(target);
    if (!address) return null;
    const reason = firstParagraph(section(message.text, /^Delivery failed for the following reason:/, /^This has been a permanent failure/));
    return { recipients: [{ address, ...(reason ? remoteReply(reason) : {}) }] };
  },
};
