/**
 * Exchange Online (Microsoft 365, and Outlook.com since it moved onto the same
 * service): "Your message to ... couldn't be delivered", "Diagnostic information for
 * administrators", "Remote Server returned '...'", usually with a DSN part. The NDR
 * is written in the sender's language; we read only what no translation touches.
 */
import type { MailMessage } from "../message";
import { extractExchange, looksLikeExchangeNdr } from "./exchange-text";
import type { FormatModule } from "./format";

/** Host names of Microsoft's hosted Exchange. */
const SERVICE_HOST = /\.(?:prod\.outlook\.com|protection\.outlook\.com|prod\.exchangelabs\.com|outlook\.office365\.com)\b/i;

function fromMicrosoftService(message: MailMessage): boolean {
  const { headers } = message;
  if (headers.has("x-ms-exchange-crosstenant-originalarrivaltime") || headers.has("x-ms-exchange-crosstenant-fromentityheader")) return true;
  if (SERVICE_HOST.test(headers.get("message-id") ?? "")) return true;
  if (SERVICE_HOST.test(message.deliveryStatus?.reportingMta ?? "")) return true;
  return headers.all("received").slice(0, 3).some((received) => SERVICE_HOST.test(received.slice(0, 1024)));
}

export const exchangeOnline: FormatModule = {
  name: "exchange-online",
  // Exchange marks its own NDRs; the text anchors catch copies that lost the header.
  recognise: (message) =>
    fromMicrosoftService(message) &&
    ((message.headers.has("x-ms-exchange-message-is-ndr") && (message.deliveryStatus?.recipients.length ?? 0) > 0) || looksLikeExchangeNdr(message)),
  extract: extractExchange,
};
