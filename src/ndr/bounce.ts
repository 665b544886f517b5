/**
 * What the bounce parser returns for a message: apart from the rest of the contract in
 * types.ts, because it names the format registry, whose modules use those types.
 */
import type { FormatName } from "./formats";
import type { ReturnedAuthentication } from "./returned-auth";
import type { BounceRecipient, MessageKind } from "./types";

export interface Bounce {
  isBounce: boolean;
  kind: MessageKind;
  /** The format family that recognised it ("postfix", "exchange-online", "rfc3464", ...), or null. */
  format: FormatName | null;
  reportingMta: string | null;
  /** ISO 8601 (UTC) time of the original's arrival or of the report, or null. */
  arrivalDate: string | null;
  originalSender: string | null;
  senderDomain: string | null;
  /** IP address that delivered the original to the rejecting server, where the bounce shows it. */
  sendingIp: string | null;
  originalMessageId: string | null;
  originalSubject: string | null;
  recipients: BounceRecipient[];
  /** What the returned original's headers say about its authentication (src/ndr/returned-auth.ts), when it is returned. */
  authentication?: ReturnedAuthentication | null;
}
