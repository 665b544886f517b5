/**
 * A real-looking authentication bounce: a Postfix delivery status notification relaying
 * the receiver's refusal (Gmail, Exchange Online, Outlook.com wordings), with the
 * original's headers attached as text/rfc822-headers.
 */
export interface AuthBounceCase {
  name: string;
  recipient: string;
  remoteMta: string;
  status: string;
  diagnostic: string;
  envelope: string;
  /** The returned original's header block. */
  original: string;
}

/** A Postfix DSN relaying the receiver's refusal, with the original's headers attached. */
export function authBounce(c: AuthBounceCase, ip = "192.0.2.10"): string {
  const boundary = "B0UNCE.1732090502/mail.shop.example";
  return [
    "Return-Path: <>",
    "From: MAILER-DAEMON@mail.shop.example (Mail Delivery System)",
    `To: ${c.envelope}`,
    "Subject: Undelivered Mail Returned to Sender",
    "Date: Wed, 20 Nov 2026 08:15:03 +0000",
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Description: Notification",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "This is the mail system at host mail.shop.example.",
    "",
    "I'm sorry to have to inform you that your message could not",
    "be delivered to one or more recipients. It's attached below.",
    "",
    `<${c.recipient}>: host ${c.remoteMta}[203.0.113.5] said:`,
    `    ${c.diagnostic} (in reply to end of DATA command)`,
    "",
    `--${boundary}`,
    "Content-Description: Delivery report",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mail.shop.example",
    `X-Postfix-Sender: rfc822; ${c.envelope}`,
    "Arrival-Date: Wed, 20 Nov 2026 08:15:00 +0000",
    "",
    `Final-Recipient: rfc822; ${c.recipient}`,
    "Action: failed",
    `Status: ${c.status}`,
    `Remote-MTA: dns; ${c.remoteMta}`,
    `Diagnostic-Code: smtp; ${c.diagnostic}`,
    "",
    `--${boundary}`,
    "Content-Description: Undelivered Message Headers",
    "Content-Type: text/rfc822-headers",
    "",
    `Received: from mta7.esp.example (mta7.esp.example [${ip}])`,
    "\tby mail.shop.example (Postfix) with ESMTPS id 4XyZ1w2Q3r; Wed, 20 Nov 2026 08:15:00 +0000",
    c.original,
    "To: customer@example.org",
    "Subject: Our November offers",
    "Message-ID: <20261120081500.77@shop.example>",
    "Date: Wed, 20 Nov 2026 08:14:59 +0000",
    "",
    `--${boundary}--`,
    "",
  ].join("\n");
}

