/** Gmail / Google Workspace, Google Groups and Yahoo! Mail bounces. */
import { parseBounce } from "../../../src/ndr";
import { corpusFiles, parseCorpus } from "./corpus-files";

describe("Gmail and Google Workspace", () => {
  test.each([...corpusFiles("lhost-gmail-"), ...corpusFiles("lhost-googleworkspace-"), ...corpusFiles("rhost-gsuite-")])("%s is read as gmail", async (file) => {
    const bounce = await parseCorpus(file);
    expect(bounce).toMatchObject({ isBounce: true, format: "gmail" });
    expect(bounce.recipients.length).toBeGreaterThan(0);
    expect(bounce.recipients.every((r) => r.address && r.diagnostic)).toBe(true);
    expect(bounce.senderDomain).not.toBeNull();
  });

  test("old prose: the other server's reply is the diagnostic, the quoted original gives the sender", async () => {
    const bounce = await parseCorpus("lhost-gmail-04.eml");
    expect(bounce.recipients).toEqual([
      expect.objectContaining({ address: "kijitora@example.com", status: "5.7.1", replyCode: 554, action: "failed", smtpCommand: "EHLO" }),
    ]);
    expect(bounce.recipients[0].diagnostic).toMatch(/^554 554 5\.7\.1 Service unavailable; Client host \[192\.0\.2\.49\] blocked using cbl\.abuseat\.org/);
    expect(bounce.senderDomain).toBe("example.co.jp");
    expect(bounce.sendingIp).toBe("192.0.2.49");
  });

  test("the rejecting host named in the old prose is the remote MTA", async () => {
    const bounce = await parseCorpus("lhost-gmail-16.eml");
    expect(bounce.recipients[0]).toMatchObject({ address: "mailboxfull@bouncehammer.jp", status: "5.2.2", remoteMta: "mx.bouncehammer.jp" });
  });

  test("a delay notice is a delayed recipient without a status", async () => {
    const bounce = await parseCorpus("lhost-gmail-09.eml");
    expect(bounce.recipients[0]).toMatchObject({ address: "kijitora@9jo.example.jp", action: "delayed", status: null, remoteMta: "9jo.example.jp" });
  });

  test("new prose without a diagnostic code in the DSN takes the notice's words", async () => {
    const bounce = await parseCorpus("rhost-gsuite-02.eml");
    expect(bounce.recipients[0].diagnostic).toContain("Your message wasn't delivered to kijitora@example.it");
  });

  test("Google's own 5.7.26 authentication rejection: the response, and the IP it names", async () => {
    const raw = [
      "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
      "To: alice@sender.example",
      "Subject: Delivery Status Notification (Failure)",
      "X-Failed-Recipients: bob@gmail.com",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "** Message blocked **",
      "",
      "Your message to bob@gmail.com has been blocked. See technical details below for more information.",
      "",
      "The response from the remote server was:",
      "550 5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [sender.example] with ip: [203.0.113.25] = did not pass",
      "",
    ].join("\r\n");
    const bounce = await parseBounce(raw);
    expect(bounce.format).toBe("gmail");
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "bob@gmail.com", status: "5.7.26", replyCode: 550 })]);
    expect(bounce.sendingIp).toBe("203.0.113.25");
  });
});

describe("Google Groups", () => {
  test.each(corpusFiles("lhost-googlegroups-"))("%s is read as google-groups", async (file) => {
    const bounce = await parseCorpus(file);
    expect(bounce).toMatchObject({ isBounce: true, format: "google-groups" });
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "libsisimai@googlegroups.com", status: null })]);
    expect(bounce.recipients[0].diagnostic).toContain("libsisimai");
  });
});

describe("Yahoo! Mail", () => {
  test.each(corpusFiles("lhost-yahoo-"))("%s is read as yahoo", async (file) => {
    const bounce = await parseCorpus(file);
    expect(bounce).toMatchObject({ isBounce: true, format: "yahoo" });
    expect(bounce.recipients.every((r) => r.address && r.diagnostic)).toBe(true);
    expect(bounce.senderDomain).not.toBeNull();
  });

  test("'Remote host said:' and the bracketed command are read", async () => {
    const bounce = await parseCorpus("lhost-yahoo-01.eml");
    expect(bounce.recipients).toEqual([
      expect.objectContaining({ address: "kijitora@example.org", status: "5.1.1", replyCode: 550, smtpCommand: "RCPT", diagnostic: "550 5.1.1 <kijitora@example.org>... User Unknown [RCPT_TO]" }),
    ]);
    expect(bounce.senderDomain).toBe("y.example.co.jp");
  });

  test("the '550:' reply form gives the reply code", async () => {
    const bounce = await parseCorpus("lhost-yahoo-12.eml");
    expect(bounce.recipients[0]).toMatchObject({ replyCode: 501, status: "5.1.8" });
  });
});
