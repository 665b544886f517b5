import { expiredWithReply, inlineDeliveryStatus, mergeDsn, statedStatus } from "../../src/ndr/dsn-merge";

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

test("mergeDsn: DSN fields first, prose fills the gaps, prose naming someone else is dropped", () => {
  const dsn = inlineDeliveryStatus("Final-Recipient: rfc822; bob@fabrikam.example\nAction: failed\nStatus: 5.0.0\n")!;
  const merged = mergeDsn(dsn, [
    { address: "bob@fabrikam.example", diagnostic: "550 5.7.1 blocked", replyCode: 550, remoteMta: "mx.fabrikam.example" },
    { address: "stale@fabrikam.example", diagnostic: "550 unknown" },
  ]);
  expect(merged).toEqual([expect.objectContaining({ address: "bob@fabrikam.example", status: "5.7.1", replyCode: 550, remoteMta: "mx.fabrikam.example", diagnostic: "550 5.7.1 blocked", action: "failed" })]);
});

test("mergeDsn with gapsOnly keeps the prose's recipients and leaves to the DSN part what it states better", () => {
  const dsn = inlineDeliveryStatus("Final-Recipient: rfc822; bob@fabrikam.example\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 unknown\n")!;
  const merged = mergeDsn(dsn, [
    { address: "bob@fabrikam.example", diagnostic: "user unknown", replyCode: 550, status: "5.0.0", remoteMta: "mx.fabrikam.example" },
    { address: "carol@fabrikam.example", diagnostic: "mailbox full", status: "5.2.2" },
  ], { gapsOnly: true });
  expect(merged).toEqual([
    { address: "bob@fabrikam.example", diagnostic: undefined, replyCode: undefined, status: undefined, remoteMta: "mx.fabrikam.example" },
    { address: "carol@fabrikam.example", diagnostic: "mailbox full", status: "5.2.2" },
  ]);
});

describe("expiredWithReply", () => {
  const expired = { address: "bob@example.net", action: "failed" as const, status: "5.0.0", diagnostic: "451 4.3.0 <bob@example.net>: Temporary lookup failure" };

  test("a failed recipient with the bare 5.0.0 and a 4xx reply takes the reply's 4.x.x", () => {
    expect(expiredWithReply(expired).status).toBe("4.3.0");
  });

  test.each([
    ["a 5xx reply", { diagnostic: "550 5.1.1 User unknown" }],
    ["a 4xx reply stating only 4.0.0", { diagnostic: "451 4.0.0 Try again later" }],
    ["a status more exact than 5.0.0", { status: "4.4.7" }],
    ["a delayed recipient", { action: "delayed" as const }],
    ["no reply code", { diagnostic: "4.3.0 lookup failure" }],
  ])("is left alone with %s", (_case, change) => {
    const finding = { ...expired, ...change };
    expect(expiredWithReply(finding)).toEqual(finding);
  });
});
