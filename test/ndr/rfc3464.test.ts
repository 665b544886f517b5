import { parseDeliveryStatus, stripTypePrefix } from "../../src/ndr/rfc3464";

const DSN = `Reporting-MTA: dns; mx1.fabrikam.example
X-Postfix-Sender: rfc822; alice@fabrikam.example
Arrival-Date: Fri, 27 Nov 2026 10:00:00 +0000 (UTC)

Final-Recipient: rfc822; bob@contoso.example
Original-Recipient: rfc822;Bob@Contoso.example
Action: failed
Status: 5.7.23
Remote-MTA: dns; mx.contoso.example
Diagnostic-Code: smtp; 550 5.7.23 The message was rejected because of Sender
    Policy Framework violation

Final-Recipient: rfc822; carol@contoso.example
Action: delayed
Status: 4.4.7
`;

test("reads the per-message group and one group per recipient", () => {
  const dsn = parseDeliveryStatus(DSN)!;
  expect(dsn.reportingMta).toBe("mx1.fabrikam.example");
  expect(dsn.originalEnvelopeSender).toBe("alice@fabrikam.example");
  expect(dsn.arrivalDate).toBe("Fri, 27 Nov 2026 10:00:00 +0000 (UTC)");
  expect(dsn.recipients).toHaveLength(2);
  const [bob, carol] = dsn.recipients;
  expect(bob).toMatchObject({ finalRecipient: "bob@contoso.example", originalRecipient: "Bob@Contoso.example", action: "failed", status: "5.7.23", remoteMta: "mx.contoso.example" });
  // Folded lines are unfolded into one value.
  expect(bob.diagnosticCode).toBe("550 5.7.23 The message was rejected because of Sender Policy Framework violation");
  expect(carol).toMatchObject({ action: "delayed", status: "4.4.7", diagnosticCode: null });
});

test("copes with CRLF, a missing per-message group and a missing blank line", () => {
  const crlf = parseDeliveryStatus(DSN.replace(/\n/g, "\r\n"))!;
  expect(crlf.recipients.map((r) => r.status)).toEqual(["5.7.23", "4.4.7"]);
  const recipientOnly = parseDeliveryStatus("Final-Recipient: rfc822; bob@contoso.example\nAction: failed\nStatus: 5.1.1\n")!;
  expect(recipientOnly.reportingMta).toBeNull();
  expect(recipientOnly.recipients[0]).toMatchObject({ finalRecipient: "bob@contoso.example", status: "5.1.1" });
  const oneGroup = parseDeliveryStatus("Reporting-MTA: dns; a.example\nFinal-Recipient: rfc822; x@y.example\nAction: failed\n")!;
  expect(oneGroup.reportingMta).toBe("a.example");
  expect(oneGroup.recipients[0].finalRecipient).toBe("x@y.example");
});

test("an empty or fieldless body has no delivery status", () => {
  expect(parseDeliveryStatus("")).toBeNull();
  expect(parseDeliveryStatus("just some words\nand more")).toBeNull();
});

test("type prefixes are stripped, values without one are kept", () => {
  expect(stripTypePrefix("rfc822; bob@contoso.example")).toBe("bob@contoso.example");
  expect(stripTypePrefix("mx.contoso.example")).toBe("mx.contoso.example");
  expect(stripTypePrefix("smtp;")).toBeNull();
  expect(stripTypePrefix(null)).toBeNull();
});
