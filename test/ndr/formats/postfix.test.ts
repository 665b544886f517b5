import { parseBounce } from "../../../src/ndr";
import { essential, familyMismatches } from "./family-score";
import { parseCorpus } from "./corpus-files";
import { testWholeCorpus } from "../../support/shared-data";

describe("Postfix", () => {
  testWholeCorpus("every corpus message agrees with the reference on bounce, addresses, status and diagnostic", async () => {
    const { files, mismatches } = await familyMismatches("lhost-postfix");
    expect(files).toBeGreaterThanOrEqual(48);
    expect(essential(mismatches)).toEqual([]);
  });

  test("reads the recipient block when there is no DSN part", async () => {
    const bounce = await parseCorpus("lhost-postfix-07.eml");
    expect(bounce).toMatchObject({ isBounce: true, format: "postfix", senderDomain: "mirror.example.ne.jp" });
    expect(bounce.recipients).toHaveLength(1);
    expect(bounce.recipients[0]).toMatchObject({ address: "kijitora@user.example.or.jp", replyCode: 550, remoteMta: "mx.user.example.or.jp" });
    expect(bounce.recipients[0].diagnostic).toContain("User unknown");
  });

  test("prefers the code in the remote server's reply to the DSN's generic 5.0.0", async () => {
    const bounce = await parseCorpus("lhost-postfix-39.eml");
    expect(bounce.recipients[0]).toMatchObject({ status: "5.6.0", replyCode: 554, smtpCommand: "DATA" });
  });

  test("a nested bounce quoted in the text: the inner block and its DSN fields", async () => {
    const bounce = await parseCorpus("lhost-postfix-49.eml");
    expect(bounce.recipients[0]).toMatchObject({ address: "kijitora-neko-nyaan@ntt.example.ne.jp", status: "4.0.0", replyCode: 421 });
    expect(bounce.recipients[0].diagnostic).toContain("server refused to talk to me");
  });

  test("the SMTP server's error transcript names the recipient and the failing reply", async () => {
    const bounce = await parseCorpus("lhost-postfix-75.eml");
    expect(bounce.recipients[0]).toMatchObject({ address: "kijitora@libsisimai.net", status: "4.3.0", replyCode: 451, smtpCommand: "DATA" });
  });

  test("a minimal hand-written notice without a DSN part", async () => {
    const raw = [
      "From: MAILER-DAEMON@mx1.contoso.example (Mail Delivery System)",
      "To: alice@contoso.example",
      "Subject: Undelivered Mail Returned to Sender",
      "Content-Type: text/plain",
      "",
      "This is the mail system at host mx1.contoso.example.",
      "",
      "<bob@fabrikam.example>: host mx.fabrikam.example[198.51.100.7] said: 550 5.1.1",
      "    <bob@fabrikam.example>: Recipient address rejected: User unknown (in reply",
      "    to RCPT TO command)",
      "",
    ].join("\n");
    const bounce = await parseBounce(raw);
    expect(bounce).toMatchObject({ isBounce: true, format: "postfix", senderDomain: "contoso.example" });
    expect(bounce.recipients).toEqual([
      expect.objectContaining({ address: "bob@fabrikam.example", status: "5.1.1", replyCode: 550, remoteMta: "mx.fabrikam.example", smtpCommand: "RCPT" }),
    ]);
  });
});

test("10,000 recipient blocks and a 1 MB line are read, not choked on", async () => {
  const blocks = Array.from({ length: 10000 }, (_, i) => `<u${i}@fabrikam.example>: host mx.fabrikam.example[198.51.100.7] said: 550 5.1.1 unknown (in reply to RCPT TO command)`);
  const raw = [
    "From: MAILER-DAEMON@mx1.contoso.example (Mail Delivery System)",
    "To: alice@contoso.example",
    "Subject: Undelivered Mail Returned to Sender",
    "",
    "This is the mail system at host mx1.contoso.example.",
    "",
    `<${"a".repeat(300)}@b.example>: host ${"x]said: ".repeat(130000)}`,
    "",
    ...blocks,
    "",
  ].join("\n");
  const bounce = await parseBounce(raw);
  // The block with the 1 MB line is read too, its diagnostic cut short.
  expect(bounce.recipients).toHaveLength(10001);
  expect(bounce.recipients[0].address).toBe(`${"a".repeat(300)}@b.example`);
  expect(bounce.recipients[10000]).toMatchObject({ address: "u9999@fabrikam.example", status: "5.1.1", replyCode: 550 });
});
