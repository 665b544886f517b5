/** Small delivery reports for the adapter tests (RFC 3464, as Postfix writes them). */
export const DELIVERY_STATUS = [
  "Reporting-MTA: dns; mx.sender.test",
  "Arrival-Date: Mon, 5 Jan 2026 10:00:00 +0000",
  "",
  "Final-Recipient: rfc822; bob@example.org",
  "Action: failed",
  "Status: 5.1.1",
  "Remote-MTA: dns; mx.example.org",
  "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown",
  "",
].join("\r\n");

export const NDR_EML = [
  "From: MAILER-DAEMON@mx.sender.test (Mail Delivery System)",
  "To: alice@sender.test",
  "Subject: Undelivered Mail Returned to Sender",
  "Date: Mon, 5 Jan 2026 10:00:01 +0000",
  "MIME-Version: 1.0",
  'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"',
  "",
  "--B1",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "I'm sorry to have to inform you that your message could not be delivered.",
  "",
  "--B1",
  "Content-Type: message/delivery-status",
  "",
  DELIVERY_STATUS,
  "--B1--",
  "",
].join("\r\n");

export const NDR_HEADERS = [
  "From: MAILER-DAEMON@mx.sender.test (Mail Delivery System)",
  "To: alice@sender.test",
  "Subject: Undelivered Mail Returned to Sender",
  "Content-Type: multipart/report; report-type=delivery-status",
  "",
].join("\r\n");

export const bytesOf = (text: string) => new TextEncoder().encode(text);
export const textOf = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
