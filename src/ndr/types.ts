/**
 * The contract of the bounce parser: what goes in (a BounceSource) and what comes
 * out (a Bounce, declared in bounce.ts). The CLI prints these objects as JSON, the task pane shows them.
 */


/** An attachment handed over by Outlook when the raw message is not available. */
export interface SourceAttachment {
  name?: string;
  /** MIME type as Outlook reports it, e.g. "message/rfc822", "message/delivery-status". */
  contentType?: string;
  /** Decoded content: text, or bytes (e.g. a .eml item attachment). */
  content: string | Uint8Array;
}

/**
 * What Outlook can give when the whole MIME message is not available:
 * the internet headers block, body text and/or HTML, and attachments.
 */
export interface MessageParts {
  kind: "parts";
  /** The raw header block ("Name: value" lines), as from getAllInternetHeadersAsync. */
  headers?: string;
  text?: string;
  html?: string;
  attachments?: SourceAttachment[];
}

/** A raw RFC 5322 message (string or bytes, any line endings), or Outlook's parts. */
export type BounceSource = string | Uint8Array | ArrayBuffer | MessageParts;

/** RFC 3464 Action values (lowercased). */
export type RecipientAction = "failed" | "delayed" | "delivered" | "relayed" | "expanded";

export interface BounceRecipient {
  /** Lowercased failed address, or null when the bounce does not say which. */
  address: string | null;
  /** Domain part of address (lowercased), or null. */
  domain: string | null;
  action: RecipientAction;
  /** RFC 3463 enhanced status code stated by the message ("5.7.23"), or null: never invented. */
  status: string | null;
  /** SMTP reply code (e.g. 550), or null. */
  replyCode: number | null;
  /** The remote server's own words, whitespace-folded, otherwise verbatim; null when none. */
  diagnostic: string | null;
  /** Host name (or IP) of the server that rejected the message, or null. */
  remoteMta: string | null;
  /** The SMTP command that failed ("RCPT", "DATA", ...), when the bounce says. */
  smtpCommand?: string | null;
}

/** What kind of message this is, when it is not a bounce (or which kind of bounce). */
export type MessageKind =
  | "bounce" // delivery failure or delay report
  | "feedback-report" // ARF (RFC 5965)
  | "auto-reply" // RFC 3834 / vacation
  | "delivery-success" // DSN whose recipients were all delivered/relayed/expanded
  | "message"; // ordinary mail

/** Thrown (or returned as CLI error) when the input is not a message at all. */
export class BounceInputError extends Error {
  override name = "BounceInputError";
}
