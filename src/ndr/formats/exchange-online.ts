/**
 * Exchange Online (Microsoft 365, and Outlook.com since it moved onto the same
 * service): "Your message to ... couldn't be delivered", "Diagnostic information for
 * administrators", "Remote Server returned '...'", usually with a DSN part. The NDR
 * is written in the sender's language; we read only what no translation touches.
 */
import type { MailMessage } from "../message";
import { extractExchange, hasExchangeAnchors } from "./exchange-text";
import { defineFormat } from "./format";

/** Host names of Microsoft's hosted Exchange. */
const SERVICE_HOST = /\.(?:prod\.outlook\.com|protection\.outlook\.com|prod\.exchangelabs\.com|outlook\.office365\.com)\b/i;

/** Exchange Online's NDR sender: "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.com>". */
const SERVICE_SENDER = /MicrosoftExchange[0-9a-f]{32}@|@(?:[\w-]{1,63}\.)?onmicrosoft\.com\b/i;
/** "Generating server: BN8PR01MB1234.namprd01.prod.outlook.com", in any language. */
const SERVICE_GENERATOR = /[:：]\s{0,8}[A-Za-z0-9-]{1,63}\.[A-Za-z0-9-]{1,63}\.(?:prod\.outlook\.com|prod\.exchangelabs\.com)\s*$/m;

function fromMicrosoftService(message: MailMessage): boolean {
  const { headers } = message;
  if (SERVICE_SENDER.test(message.from)) return true;
  if (headers.has("x-ms-exchange-crosstenant-originalarrivaltime") || headers.has("x-ms-exchange-crosstenant-fromentityheader")) return true;
  if (SERVICE_HOST.test(headers.get("message-id") ?? "")) return true;
  if (SERVICE_HOST.test(message.deliveryStatus?.reportingMta ?? "")) return true;
  if (headers.all("received").slice(0, 3).some((received) => SERVICE_HOST.test(received.slice(0, 1024)))) return true;
  // A forwarded copy keeps none of the headers, but the text still names the server.
  const text = message.text.length > 100_000 ? message.text.slice(0, 100_000) : message.text;
  // (The pattern is case-sensitive: a plain search rules most messages out faster.)
  return (text.includes(".prod.outlook.com") || text.includes(".prod.exchangelabs.com")) && SERVICE_GENERATOR.test(text);
}

export const exchangeOnline = defineFormat({
  name: "exchange-online",
  // Exchange marks its own NDRs; the text anchors catch copies that lost the header.
  recognise: (message) =>
    fromMicrosoftService(message) &&
    ((message.headers.has("x-ms-exchange-message-is-ndr") && (message.deliveryStatus?.recipients.length ?? 0) > 0) || hasExchangeAnchors(message.text)),
  extract: extractExchange,
});
