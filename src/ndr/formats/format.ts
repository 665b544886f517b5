/**
 * What every format module is: one mail-server family (Postfix, Exchange Online, ...)
 * that can tell whether it wrote a message and what the message says.
 */
import type { MailMessage } from "../message";
import type { BounceRecipient, MessageKind } from "../types";

/** What a module read about one recipient; fields it leaves undefined come from the DSN part. */
export type RecipientFinding = Partial<Omit<BounceRecipient, "address" | "domain">> & { address: string | null };

export interface FormatFindings {
  recipients: RecipientFinding[];
  reportingMta?: string | null;
  originalSender?: string | null;
  sendingIp?: string | null;
  arrivalDate?: string | null;
  /** For modules that recognise non-bounces (feedback reports, auto-replies). Default "bounce". */
  kind?: MessageKind;
}

export interface FormatModule<Name extends string = string> {
  /** The family name reported as Bounce.format, e.g. "postfix". */
  readonly name: Name;
  /** A cheap test on headers and markers: did this family write the message? */
  recognise: (message: MailMessage) => boolean;
  /** What the message says; null when recognised but holding nothing usable. */
  extract: (message: MailMessage) => FormatFindings | null;
}

/**
 * Declares a family with its name kept as a literal type ("postfix", not string), so the
 * registry in ./index.ts can build the FormatName union from its list of modules.
 */
export function defineFormat<Name extends string>(module: FormatModule<Name>): FormatModule<Name> {
  return module;
}
