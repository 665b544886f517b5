import { unwrapInlineForward } from "../../src/ndr/forwarded";

test("cuts an Outlook inline forward into headers and body", () => {
  const text = `Please help.

________________________________
From: Microsoft Outlook <postmaster@fabrikam.example>
Sent: Friday, November 27, 2026 10:00 AM
To: Alice <alice@fabrikam.example>
Subject: Undeliverable: Quarterly report

Delivery has failed to these recipients or groups:
bob@contoso.example`;
  const parts = unwrapInlineForward(text)!;
  expect(parts.headers).toContain("From: Microsoft Outlook <postmaster@fabrikam.example>");
  expect(parts.headers).toContain("Subject: Undeliverable: Quarterly report");
  expect(parts.headers).toContain("Date: Friday");
  expect(parts.text).toContain("Delivery has failed to these recipients");
  expect(parts.text).not.toContain("Please help");
});

test("reads Traditional Chinese header names and Gmail's marker", () => {
  const text = `---------- Forwarded message ---------
寄件者: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
主旨: Delivery Status Notification (Failure)

Address not found`;
  const parts = unwrapInlineForward(text)!;
  expect(parts.headers).toContain("From: Mail Delivery Subsystem");
  expect(parts.headers).toContain("Subject: Delivery Status Notification (Failure)");
});

test("text without a quoted header block is no forward", () => {
  expect(unwrapInlineForward("Hello,\nFrom: my point of view this is fine.\n")).toBeNull();
});
