/**
 * Rejections by the big receiving services, whichever server reported them: the
 * status, the remote words, and the sending IP where the receiver names it.
 */
import { parseBounce } from "../../../src/ndr";
import { corpusFiles, parseCorpus } from "./corpus-files";

const RHOST_FAMILIES = ["franceptt", "outlook", "aol", "gsuite", "google", "apple", "microsoft", "yahooinc", "zoho", "spectrum", "kddi", "iua", "facebook", "cox", "cloudflare", "tencent", "nttdocomo", "messagelabs", "mimecast", "godaddy"];

describe.each(RHOST_FAMILIES)("rhost-%s", (family) => {
  test.each(corpusFiles(`rhost-${family}-`))("%s is a bounce with an address and the remote words", async (file) => {
    const bounce = await parseCorpus(file);
    expect(bounce.isBounce).toBe(true);
    expect(bounce.recipients.length).toBeGreaterThan(0);
    expect(bounce.recipients.every((r) => r.address && r.diagnostic)).toBe(true);
  });
});

describe("the sending IP named by the rejecting service", () => {
  test("Google's 5.7.26, quoted over several reply lines ('ip: 550-5.7.26 [192.0.2.24]')", async () => {
    const bounce = await parseCorpus("rhost-google-03.eml");
    expect(bounce.recipients[0].status).toBe("5.7.26");
    expect(bounce.sendingIp).toBe("192.0.2.24");
  });

  test("Outlook.com's 'messages from 111.86.156.22 weren't sent'", async () => {
    expect((await parseCorpus("lhost-ezweb-08.eml")).sendingIp).toBe("111.86.156.22");
  });

  test("Gmail's rate limit '[203.0.113.5 12]'", async () => {
    const raw = [
      "From: MAILER-DAEMON@mail.sender.example",
      "To: alice@sender.example",
      "Subject: Undelivered Mail Returned to Sender",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "Your message could not be delivered.",
      "--b",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mail.sender.example",
      "",
      "Final-Recipient: rfc822; bob@gmail.com",
      "Action: failed",
      "Status: 5.7.1",
      "Remote-MTA: dns; gmail-smtp-in.l.google.com",
      "Diagnostic-Code: smtp; 550-5.7.1 [203.0.113.5      12] Our system has detected an unusual rate of 550-5.7.1 unsolicited mail originating from your IP address.",
      "--b--",
      "",
    ].join("\r\n");
    expect((await parseBounce(raw)).sendingIp).toBe("203.0.113.5");
  });

  test("the receiving server's own address is not taken for the sender's", async () => {
    const bounce = await parseCorpus("lhost-gmail-09.eml");
    expect(bounce.recipients[0].diagnostic).toContain("[192.0.2.135]");
    expect(bounce.sendingIp).toBeNull();
  });
});
