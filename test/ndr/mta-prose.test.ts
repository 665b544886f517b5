import { inlineDeliveryStatus, statedStatus, withDsn, completeLocalPart } from "../../src/ndr/mta-prose";
import { smtpCommandIn } from "../../src/ndr/reply";
import { FieldMap } from "../../src/ndr/header-fields";

describe("statedStatus", () => {
  test("the remote server's code refines the report's generic one", () => expect(statedStatus("5.0.0", "550 5.7.1 relaying denied")).toBe("5.7.1"));
  test("a reply of another class does not override the report (an expiry stays 4.4.7)", () => expect(statedStatus("4.4.7", "550 5.1.1 unknown")).toBe("4.4.7"));
  test("a vaguer reply (5.1.0 against 5.1.1) keeps the report's code", () => expect(statedStatus("5.1.1", "550 #5.1.0 Address rejected")).toBe("5.1.1"));
  test("either alone is taken; neither gives null", () => {
    expect(statedStatus(null, "451 4.3.0 queue file write error")).toBe("4.3.0");
    expect(statedStatus("5.2.2", "mailbox full")).toBe("5.2.2");
    expect(statedStatus(null, "no code here")).toBeNull();
  });
});

test("inlineDeliveryStatus reads DSN fields flattened into text, and stops at the returned message", () => {
  const text = ["Transcript follows", "", "Reporting-MTA: dns; mx.contoso.example", "", "Final-Recipient: RFC822; bob@fabrikam.example", "Action: failed", "Status: 5.1.1", "Diagnostic-Code: SMTP; 550 5.1.1 <bob@fabrikam.example>... User", "    unknown", "Return-Path: <alice@contoso.example>", "Final-Recipient: rfc822; not-a-dsn@example.com"].join("\n");
  const dsn = inlineDeliveryStatus(text)!;
  expect(dsn.reportingMta).toBe("mx.contoso.example");
  expect(dsn.recipients).toHaveLength(1);
  expect(dsn.recipients[0]).toMatchObject({ finalRecipient: "bob@fabrikam.example", status: "5.1.1", diagnosticCode: "550 5.1.1 <bob@fabrikam.example>... User unknown" });
  expect(inlineDeliveryStatus("Nothing machine-readable here.")).toBeNull();
});

test("withDsn: DSN fields first, prose fills the gaps, prose naming someone else is dropped", () => {
  const dsn = inlineDeliveryStatus("Final-Recipient: rfc822; bob@fabrikam.example\nAction: failed\nStatus: 5.0.0\n")!;
  const merged = withDsn(dsn, [
    { address: "bob@fabrikam.example", diagnostic: "550 5.7.1 blocked", replyCode: 550, remoteMta: "mx.fabrikam.example" },
    { address: "stale@fabrikam.example", diagnostic: "550 unknown" },
  ]);
  expect(merged).toEqual([expect.objectContaining({ address: "bob@fabrikam.example", status: "5.7.1", replyCode: 550, remoteMta: "mx.fabrikam.example", diagnostic: "550 5.7.1 blocked", action: "failed" })]);
});

test("completeLocalPart finds the mailbox in the returned message's To or Received", () => {
  const headers = FieldMap.parse("Received: from a by b with smtp id 1 for kijitora@example.ed.jp; Fri, 1 Oct 2010\nTo: someone@example.org\n");
  expect(completeLocalPart("kijitora", headers)).toBe("kijitora@example.ed.jp");
  expect(completeLocalPart("nobody", headers)).toBeNull();
});

test("smtpCommandIn names the command a phrase mentions", () => {
  expect(smtpCommandIn("in reply to RCPT TO")).toBe("RCPT");
  expect(smtpCommandIn("end of data")).toBe("DATA");
  expect(smtpCommandIn("initial connection")).toBe("CONN");
  expect(smtpCommandIn("something else")).toBeNull();
});
