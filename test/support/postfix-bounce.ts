/**
 * A Postfix bounce ("Undelivered Mail Returned to Sender", RFC 3464, as bounce(8) writes
 * it) for one recipient, with the receiver's rejection and the client IP in the returned
 * headers: the shape most helpdesk bounces have.
 */
const BOUNDARY = "7A3B2C1D.1733212800/mail.sender.example";

/** A Postfix bounce: "Undelivered Mail Returned to Sender", sent from 203.0.113.x. */
export function postfixBounce(recipient: string, status: string, diagnostic: string, clientIp = "203.0.113.9", action: "failed" | "delayed" = "failed"): string {
  const domain = recipient.split("@")[1];
  return [
    "Return-Path: <>",
    "From: MAILER-DAEMON@mail.sender.example (Mail Delivery System)",
    "To: alice@sender.example",
    "Subject: Undelivered Mail Returned to Sender",
    "Date: Tue, 3 Dec 2024 08:00:00 +0000",
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${BOUNDARY}"`,
    "",
    `--${BOUNDARY}`,
    "Content-Description: Notification",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "This is the mail system at host mail.sender.example.",
    "",
    "I'm sorry to have to inform you that your message could not",
    "be delivered to one or more recipients.",
    "",
    `<${recipient}>: ${diagnostic}`,
    "",
    `--${BOUNDARY}`,
    "Content-Description: Delivery report",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mail.sender.example",
    "X-Postfix-Queue-ID: 4Y2KQ70Q1Zz9sWJ",
    "Arrival-Date: Tue,  3 Dec 2024 07:59:58 +0000 (UTC)",
    "",
    `Final-Recipient: rfc822; ${recipient}`,
    `Original-Recipient: rfc822;${recipient}`,
    `Action: ${action}`,
    `Status: ${status}`,
    `Remote-MTA: dns; mx.${domain}`,
    `Diagnostic-Code: smtp; ${diagnostic}`,
    "",
    `--${BOUNDARY}`,
    "Content-Description: Undelivered Message Headers",
    "Content-Type: text/rfc822-headers",
    "",
    `Received: from laptop.sender.example (unknown [${clientIp}])`,
    "\tby mail.sender.example (Postfix) with ESMTPSA id 4Y2KQ70Q1Zz9sWJ",
    "\tfor <" + recipient + ">; Tue,  3 Dec 2024 07:59:58 +0000 (UTC)",
    "From: Alice <alice@sender.example>",
    `To: <${recipient}>`,
    "Subject: Quarterly figures",
    "Message-ID: <20241203075958.1@sender.example>",
    "",
    `--${BOUNDARY}--`,
    "",
  ].join("\n");
}

