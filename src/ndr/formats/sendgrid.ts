/**
 * SendGrid (Return-Path <apps@sendgrid.net>, "This is an automatically generated message
 * from SendGrid."): a DSN part, and one prose line per recipient naming SendGrid's
 * sending IP and the remote host:
 *   kijitora:000000:<bob@example.jp> : 192.0.2.250 : mx.example.jp:[192.0.2.153] : 550 5.1.1 ... in RCPT TO
 */
import { mergeDsn } from "../dsn-merge";
import { smtpCommandIn } from "../reply";
import { findAddress } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const MARKER = "This is an automatically generated message from SendGrid.";
const LINE = /^\S{0,200}?(<[^<>\s]{1,320}>) : ([0-9A-Fa-f.:]{2,45}) : ([A-Za-z0-9.-]{1,253}):\[[0-9A-Fa-f.:]{2,45}\] : (.{1,2000}?)(?:\s+in ((?:End of )?[A-Z]{4}(?: [A-Z]{2,4})?))?\s*$/;

export const sendgrid = defineFormat({
  name: "sendgrid",
  recognise: (message) => message.headers.get("return-path") === "<apps@sendgrid.net>" || message.text.includes(MARKER),
  extract: (message) => {
    const lines = message.text.split("\n").slice(0, 2000);
    let sendingIp: string | null = null;
    const prose: RecipientFinding[] = [];
    for (const line of lines) {
      const match = LINE.exec(line.trim());
      if (!match) continue;
      sendingIp ??= match[2];
      prose.push({ address: findAddress(match[1]), diagnostic: match[4].trim(), remoteMta: match[3].toLowerCase(), smtpCommand: smtpCommandIn(match[5], "verbs") ?? undefined });
    }
    if (prose.length === 0 && (message.deliveryStatus?.recipients.length ?? 0) === 0) return null;
    return { recipients: mergeDsn(message.deliveryStatus, prose, { gapsOnly: true }), sendingIp };
  },
});
