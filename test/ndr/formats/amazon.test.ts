/** Amazon SES (sending DSNs and SNS JSON notifications), SES receiving and WorkMail. */
import { parseBounce } from "../../../src/ndr";
import { corpusFiles, parseCorpus } from "./corpus-files";

describe("Amazon SES", () => {
  test("SES's own 5.0.0 gives way to the remote server's code", async () => {
    const bounce = await parseCorpus("lhost-amazonses-01.eml");
    expect(bounce.format).toBe("amazon-ses");
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "shironeko@example.co.jp", status: "5.7.1", replyCode: 550, remoteMta: "192.0.2.222" })]);
  });

  test("without a remote code, SES's prefix code stands", async () => {
    const bounce = await parseCorpus("lhost-amazonses-02.eml");
    expect(bounce.recipients[0]).toMatchObject({ status: "5.3.0", replyCode: 550 });
  });

  test("an expired message takes the reply code of the last temporary failure", async () => {
    const bounce = await parseCorpus("lhost-amazonses-17.eml");
    expect(bounce.recipients[0]).toMatchObject({ status: "4.4.7", replyCode: 421 });
  });

  test("a JSON bounce notification gives recipients, status and sender", async () => {
    const bounce = await parseCorpus("lhost-amazonses-09.eml");
    expect(bounce).toMatchObject({ isBounce: true, format: "amazon-ses", senderDomain: "neko.example.org" });
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "bounce@simulator.amazonses.com", status: "5.1.1", replyCode: 550, diagnostic: "550 5.1.1 user unknown" })]);
  });

  test("complaint and delivery notifications are not bounces", async () => {
    expect(await parseCorpus("lhost-amazonses-11.eml")).toMatchObject({ isBounce: false, kind: "feedback-report" });
    expect(await parseCorpus("lhost-amazonses-12.eml")).toMatchObject({ isBounce: false, kind: "delivery-success" });
  });

  test("an SNS envelope holding the notification as a string is read", async () => {
    const notification = {
      notificationType: "Bounce",
      bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: "bob@example.org", action: "failed", status: "5.7.26", diagnosticCode: "smtp; 550 5.7.26 Unauthenticated email" }], reportingMTA: "dsn; a1-2.smtp-out.amazonses.com" },
      mail: { source: "alice@sender.example", commonHeaders: { from: ["Alice <alice@sender.example>"] } },
    };
    const raw = [
      "From: AWS Notifications <no-reply@sns.amazonaws.com>",
      "To: ops@sender.example",
      "Subject: AWS Notification Message",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      JSON.stringify({ Type: "Notification", Message: JSON.stringify(notification) }),
      "",
    ].join("\r\n");
    const bounce = await parseBounce(raw);
    expect(bounce).toMatchObject({ isBounce: true, format: "amazon-ses", senderDomain: "sender.example", reportingMta: "a1-2.smtp-out.amazonses.com" });
    expect(bounce.recipients[0]).toMatchObject({ address: "bob@example.org", status: "5.7.26", replyCode: 550 });
  });

  test("a report flattened into the text under 'Technical report:' is read", async () => {
    const raw = [
      "From: MAILER-DAEMON@us-east-1.amazonses.com",
      "To: alice@sender.example",
      "Subject: Delivery Status Notification (Failure)",
      "Content-Type: text/plain",
      "",
      "An error occurred while trying to deliver the mail to the following recipients:",
      "bob@example.org",
      "",
      "Technical report:",
      "",
      "Reporting-MTA: dsn; a1-2.smtp-out.amazonses.com",
      "",
      "Action: failed",
      "Final-Recipient: rfc822; bob@example.org",
      "Diagnostic-Code: smtp; 550 5.7.26 Unauthenticated email from sender.example is not accepted due to domain's DMARC policy",
      "Status: 5.7.26",
      "",
    ].join("\r\n");
    const bounce = await parseBounce(raw);
    expect(bounce).toMatchObject({ isBounce: true, format: "amazon-ses", reportingMta: "a1-2.smtp-out.amazonses.com" });
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "bob@example.org", status: "5.7.26", replyCode: 550, action: "failed" })]);
  });

  test("a broken notification is not a bounce and does not throw", async () => {
    const raw = "From: no-reply@sns.amazonaws.com\r\nSubject: AWS Notification Message\r\n\r\n{\"notificationType\":\"Bounce\", \"bounce\": {\r\n";
    await expect(parseBounce(raw)).resolves.toMatchObject({ isBounce: false });
  });
});

describe("Amazon SES receiving", () => {
  test.each(corpusFiles("lhost-receivingses-"))("%s is named amazon-ses-receiving", async (file) => {
    const bounce = await parseCorpus(file);
    expect(bounce).toMatchObject({ isBounce: true, format: "amazon-ses-receiving" });
    expect(bounce.recipients.every((r) => r.status && r.diagnostic)).toBe(true);
  });
});

describe("Amazon WorkMail", () => {
  test.each(corpusFiles("lhost-amazonworkmail-"))("%s is read as amazon-workmail", async (file) => {
    const bounce = await parseCorpus(file);
    expect(bounce).toMatchObject({ isBounce: true, format: "amazon-workmail" });
    expect(bounce.recipients.every((r) => r.address && r.status && r.diagnostic)).toBe(true);
  });

  test("the technical report written into the text is read as a DSN", async () => {
    const bounce = await parseCorpus("lhost-amazonworkmail-02.eml");
    expect(bounce.reportingMta).toBe("a27-80.smtp-out.us-west-2.amazonses.com");
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "sabineko@example.jp", status: "5.2.1", replyCode: 550, diagnostic: "550 5.2.1 <filtered@example.jp>... User Unknown" })]);
  });
});
