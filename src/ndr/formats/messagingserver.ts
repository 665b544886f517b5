/**
 * Oracle Communications (Sun ONE, iPlanet) Messaging Server: "This report relates to a
 * message you sent..." and, per recipient, indented "Recipient address:", "Original
 * address:", "Reason:", "Diagnostic code:" and "Remote system:" lines, beside the DSN.
 * Its remote-system notes carry the SMTP session, "(TCP|local ip|port|remote ip|port)":
 * the local address is the one that delivered the original to the rejecting server.
 */
import type { FieldMap } from "../header-fields";
import type { MailMessage } from "../message";
import { labelledLines, paragraphs, section } from "../prose";
import { stripTypePrefix } from "../rfc3464";
import { findAddress, normalizeAddress, reportedMailbox } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const RELATES = "This report relates to a message you sent with the following header fields:";

function writtenByMessagingServer(message: MailMessage): boolean {
  return message.contentType.includes("boundary_(id_") || message.text.includes(RELATES) || /^Delivery Notification: /.test(message.subject);
}

/**
 * "@relay.example:bob@host" (a source route) names the host, not the mailbox: the
 * original address does. So does "bob@sims-ms-daemon", the server's delivery channel.
 */
function mailbox(fields: FieldMap): string | null {
  const recipient = fields.get("recipient address") ?? "";
  const original = normalizeAddress(fields.get("original address") ?? "");
  if (recipient.startsWith("@")) return original ?? normalizeAddress(recipient.slice(recipient.indexOf(":") + 1));
  return reportedMailbox(normalizeAddress(recipient), original);
}

interface RemoteSystem {
  host: string | null;
  /** The address this server spoke from, out of the "(TCP|...)" session note. */
  localIp: string | null;
}

/** "dns;mx.example.jp (TCP|17.111.174.67|47323|192.0.2.225|25) (6jo.example.jp ESMTP)" */
function remoteSystem(value: string | null): RemoteSystem {
  const bare = stripTypePrefix(value);
  if (!bare) return { host: null, localIp: null };
  const session = /\(TCP\|([0-9a-fA-F.:]{3,45})\|\d{1,5}\|([0-9a-fA-F.:]{3,45})\|\d{1,5}\)/.exec(bare);
  const named = bare.split(/[\s(]/)[0];
  // A host name without a dot ("mx.") says less than the session's remote address.
  const host = named.includes(".") && !named.endsWith(".") ? named : (session?.[2] ?? (named || null));
  return { host, localIp: session?.[1] ?? null };
}

export const messagingserver = defineFormat({
  name: "messagingserver",
  recognise: writtenByMessagingServer,
  extract: (message) => {
    let sendingIp: string | null = null;
    const recipients: RecipientFinding[] = [];
    for (const paragraph of paragraphs(message.text.split("\n"))) {
      if (!/^\s*(?:Recipient|Original) address:/.test(paragraph[0])) continue;
      const fields = labelledLines(paragraph);
      const address = mailbox(fields);
      if (!address) continue;
      const remote = remoteSystem(fields.get("remote system"));
      sendingIp ??= remote.localIp;
      recipients.push({
        address,
        diagnostic: stripTypePrefix(fields.get("diagnostic code")) ?? fields.get("reason") ?? undefined,
        remoteMta: remote.host ?? undefined,
      });
    }
    // The delivery-status part's Remote-MTA carries the same session note.
    for (const fields of message.deliveryStatus?.recipients ?? []) {
      const remote = remoteSystem(fields.fields.get("remote-mta"));
      sendingIp ??= remote.localIp;
      const address = findAddress(fields.originalRecipient ?? fields.finalRecipient);
      if (address && remote.host && !recipients.some((r) => r.address === address)) recipients.push({ address, remoteMta: remote.host });
    }
    if (recipients.length === 0 && !message.deliveryStatus) return null;
    const quoted = labelledLines(paragraphs(section(message.text, RELATES) ?? [])[0] ?? []);
    // "mr21p30im-asmtp004.me.com (tcp-daemon)": the host, without the channel it names.
    const reportingMta = message.deliveryStatus?.reportingMta?.split(/[\s(]/)[0] || null;
    return { recipients, originalSender: findAddress(quoted.get("from")), sendingIp, reportingMta };
  },
});
