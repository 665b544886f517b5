/**
 * Filtering gateways, appliances and the less common MTAs, read from real corpus
 * messages (and their CRLF / CR-only copies): who failed, with which code, in the
 * remote server's words, and which family wrote the report.
 */
import fs from "node:fs";
import { parseBounce } from "../../../src/ndr";
import { readMessage } from "../../../src/ndr/message";
import { GATEWAY_FORMATS } from "../../../src/ndr/formats/gateways";
import type { BounceRecipient } from "../../../src/ndr/types";
import { loadCorpus } from "../../../scripts/lib/corpus";
import { corpusFiles, parseCorpus } from "./corpus-files";
import { testWholeCorpus } from "../../support/shared-data";

interface Case {
  format: string;
  address: string;
  status?: string | null;
  replyCode?: number | null;
  /** Words of the remote server the diagnostic must contain. */
  says: string;
  remoteMta?: string | null;
  smtpCommand?: string | null;
  action?: BounceRecipient["action"];
  sender?: string | null;
}

const CASES: Record<string, Case> = {
  "lhost-activehunter-01": { format: "activehunter", address: "kijitora@example.org", status: "5.1.1", replyCode: 550, says: "no mailbox here by that name", sender: "shironeko@example.co.jp" },
  "lhost-amavis-01": { format: "amavis", address: "neko@example.co.jp", status: "5.1.1", replyCode: 550, says: "User unknown in virtual mailbox table" },
  "lhost-amavis-03": { format: "amavis", address: "kijitora@example.com", status: "5.7.0", replyCode: 554, says: "Reject, id=20025-09 - SPAM" },
  "lhost-apachejames-01": { format: "apachejames", address: "000000000000@vtext.example.com", replyCode: 550, says: "no such user here", sender: "kijitora@example.com" },
  "lhost-barracuda-02": { format: "barracuda", address: "kijitora@example.jp", status: "5.7.1", replyCode: 550, says: "Message content rejected, UBE" },
  "lhost-domino-01": { format: "domino", address: "kijitora@example.jp", status: null, says: "not listed in Domino Directory", sender: "shironeko@example.com" },
  "lhost-domino-02": { format: "domino", address: "kijitora@example.co.jp", status: "5.0.0", says: "Domino ディレクトリには見つかりません", sender: "kijitora@example.org" },
  "lhost-fml-02": { format: "fml", address: "neko-nyaan@example.org", status: null, says: "You are not a member of this mailing list" },
  "lhost-imailserver-01": { format: "imailserver", address: "kijitora@example.com", says: "Unknown user", sender: "kijitora@example.org" },
  "lhost-imailserver-02": { format: "imailserver", address: "kijitora@example.co.jp", says: "User mailbox exceeds allowed size", sender: "shironeko@example.jp" },
  "lhost-imailserver-03": { format: "imailserver", address: "kijitora@neko.example.co.jp", says: "Invalid final delivery userid", sender: "shironeko@example.co.jp" },
  "lhost-imailserver-04": { format: "imailserver", address: "kijitora@example.com", says: "Delivery failed 20 attempts", sender: "shironeko@example.jp" },
  "lhost-mailfoundry-02": { format: "mailfoundry", address: "kijitora@example.org", status: "5.1.1", replyCode: 552, says: "is over quota temporarily", remoteMta: "mail.example.org", sender: "shironeko@example.net" },
  "lhost-mailmarshal-02": { format: "mailmarshal", address: "kijitora@nyaan.example.com", status: "5.1.1", replyCode: 550, says: "User unknown", remoteMta: "203.0.113.2", sender: "sironeko@example.com" },
  "lhost-mcafee-01": { format: "mcafee", address: "kijitora@example.co.jp", status: null, replyCode: 550, says: "Unknown user", remoteMta: "192.0.2.192" },
  "lhost-mcafee-02": { format: "mcafee", address: "kijitora@example.jp", status: "5.1.1", replyCode: 550, says: "User unknown", remoteMta: "192.0.2.248" },
  "lhost-messagingserver-02": { format: "messagingserver", address: "kijitora@example.net", status: "5.2.0", replyCode: 522, says: "Over quota", sender: "shironeko@example.com" },
  "lhost-messagingserver-05": { format: "messagingserver", address: "kijitora@example.jp", status: "5.4.4", says: "Illegal host/domain name found" },
  "lhost-messagingserver-07": { format: "messagingserver", address: "kijitora@2jo.example.jp", status: "4.4.7", action: "delayed", says: "unable to deliver this message after 1 day" },
  "lhost-mfilter-02": { format: "mfilter", address: "kijitora@example.co.jp", status: "5.1.1", replyCode: 550, smtpCommand: "DATA", says: "User unknown in local recipient table", sender: "shironeko@example.jp" },
  "lhost-mfilter-04": { format: "mfilter", address: "kijitora@libisismai.org", status: "5.4.1", replyCode: 550, smtpCommand: "DATA", says: "All recipient addresses rejected", sender: "postmaster@example.org" },
  "lhost-mfilter-05": { format: "mfilter", address: "kijitora@example.co.jp", status: "4.3.1", replyCode: 452, action: "failed", says: "Insufficient system resources", sender: "nekochan@example.org" },
  "lhost-mimecast-01": { format: "mimecast", address: "sabineko@neko.ef.example.org", status: "5.4.1", says: "Recipient address rejected: Access denied" },
  "lhost-mxlogic-01": { format: "mxlogic", address: "kijitora@example.co.jp", status: "5.1.1", replyCode: 550, says: "User unknown in local recipient table", sender: "shironeko@example.jp" },
  "lhost-mxlogic-03": { format: "mxlogic", address: "kijitora@example.co.jp", status: null, replyCode: 550, says: "550 unknown user", sender: "shironeko@mx4145.example.org" },
  "lhost-notes-01": { format: "notes", address: "kijitora@u1.example.co.jp", says: "エラー(テストメッセージとしての)", sender: "shironeko@example.jp" },
  "lhost-notes-03": { format: "notes", address: "kijitora@example.com", says: "not listed in public Name & Address Book", sender: "shironeko@example.com" },
  "lhost-powermta-01": { format: "powermta", address: "kijitora@example.jp", status: "5.2.1", replyCode: 550, remoteMta: "mx.example.jp", says: "User Unknown" },
  "lhost-surfcontrol-02": { format: "surfcontrol", address: "kijitora@example.org", replyCode: 554, remoteMta: "192.0.2.244", says: "Service currently unavailable" },
  "lhost-trendmicro-01": { format: "trendmicro", address: "kijitora@example.co.jp", status: "5.1.1", replyCode: 550, smtpCommand: "RCPT", says: "user unknown" },
  "lhost-trendmicro-02": { format: "trendmicro", address: "kijitora@neko.example.jp", status: null, says: "Please check if address is correct" },
  "lhost-x1-02": { format: "x1", address: "kijitora@example.org", says: "User unknown" },
  "lhost-x1-04": { format: "x1", address: "kijitora-neko@neko.example.go.jp", says: "Connection timed out", sender: "nekochan@example.co.jp" },
  "lhost-x2-03": { format: "x2", address: "kijitora@example.org", says: "unable to connect to remote server", sender: "shironeko@example.co.jp" },
  "lhost-x2-07": { format: "x2", address: "kijitora@example.co.jp", status: "5.4.14", replyCode: 554, smtpCommand: "DATA", says: "Hop count exceeded", sender: "nekochan@esmtp.example.org" },
  "lhost-x3-01": { format: "x3", address: "kijitora@example.com", status: "5.3.0", replyCode: 553, smtpCommand: "RCPT", remoteMta: "192.0.2.8", says: "No such user here" },
  "lhost-x3-02": { format: "x3", address: "kijitora@example.co.jp", status: null, says: "Could not find a gateway" },
  "lhost-x3-06": { format: "x3", address: "xxxx@xxxx.net", status: "5.2.2", replyCode: 552, says: "Over quota", sender: "xxxx@xxxx.net" },
  "lhost-x4-01": { format: "x4", address: "kijitora@example.com", says: "user's mailfolder is full", sender: "nekonyaan@example.com" },
  "lhost-x6-01": { format: "x6", address: "kijitora@nyaan.example.org", status: "5.4.6", replyCode: 554, smtpCommand: "DATA", remoteMta: "192.0.2.223", says: "Hop count exceeded", sender: "neko@example.co.jp" },
};

/** The file and its newline variants, each expected to read alike. */
const files = Object.keys(CASES).flatMap((name) => corpusFiles(`${name}.eml`).map((file) => [file, name] as const));

describe.each(files)("%s", (file, name) => {
  const want = CASES[name];
  test(`is read by ${want.format}`, async () => {
    const bounce = await parseCorpus(file);
    expect(bounce).toMatchObject({ isBounce: true, kind: "bounce", format: want.format });
    const recipient = bounce.recipients.find((r) => r.address === want.address);
    expect(recipient).toBeDefined();
    expect(recipient!.diagnostic).toContain(want.says);
    expect(recipient!.action).toBe(want.action ?? "failed");
    for (const field of ["status", "replyCode", "remoteMta", "smtpCommand"] as const) {
      if (want[field] !== undefined) expect(recipient![field]).toBe(want[field]);
    }
    if (want.sender !== undefined) expect(bounce.originalSender).toBe(want.sender);
  });
});

test("Messaging Server's session note names the address that delivered the original", async () => {
  const bounce = await parseCorpus("lhost-messagingserver-01.eml");
  expect(bounce).toMatchObject({ sendingIp: "17.111.174.67", reportingMta: "mr21p30im-asmtp004.me.example.com" });
  expect(bounce.recipients[0].remoteMta).toBe("mx.example.jp");
});

test("several recipients in one qmail-style report each keep their own reason", async () => {
  const bounce = await parseCorpus("lhost-x2-02.eml");
  expect(bounce.recipients.map((r) => [r.address, r.diagnostic])).toEqual([
    ["kijitora@example.com", "This user doesn't have a example.com account (kijitora@example.com) [0]"],
    ["mikeneko@example.com", "Sorry your message to mikeneko@example.com cannot be delivered. This account has been disabled or discontinued [#102]."],
    ["sabineko@example.com", "This user doesn't have a example.com account (sabineko@example.com) [0]"],
  ]);
});

describe("hand-written edge cases", () => {
  const message = (headers: string[], body: string[]) => [...headers, "", ...body, ""].join("\n");

  test("MX Logic: a reply continued on the next line stays with its address, several addresses apart", async () => {
    const raw = message(
      ["From: Mail Delivery System <MAILER-DAEMON@relay.mxlogic.net>", "To: alice@example.com", "Subject: Mail delivery failed", "Message-ID: <mxl~1.2@relay.mxlogic.net>"],
      [
        "A message that you have sent could not be delivered to one or more",
        "recipients.  This is a permanent error.  The following addresses failed:",
        "",
        "  <bob@example.org>: 550 5.1.1 <bob@example.org>: Recipient address",
        "    rejected: User unknown",
        "",
        "  <carol@example.net>: 552 5.2.2 Mailbox full",
        "",
        "Included is a copy of the message header:",
        "-----------------------------------------",
        "From: Alice <alice@example.com>",
        "To: bob@example.org",
      ],
    );
    const bounce = await parseBounce(raw);
    expect(bounce.format).toBe("mxlogic");
    expect(bounce.recipients.map((r) => [r.address, r.status, r.replyCode, r.diagnostic])).toEqual([
      ["bob@example.org", "5.1.1", 550, "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown"],
      ["carol@example.net", "5.2.2", 552, "552 5.2.2 Mailbox full"],
    ]);
    expect(bounce.originalSender).toBe("alice@example.com");
  });

  test("MX Logic in Exim's own layout: command and remote host out of the error lines", async () => {
    const raw = message(
      ["From: Mail Delivery System <MAILER-DAEMON@relay.mxlogic.net>", "To: alice@example.com", "Subject: Mail delivery failed", "X-MX-Bounce: mta/src/queue/bounce"],
      [
        "This message was created automatically by mail delivery software.",
        "",
        "A message that you sent could not be delivered to one or more of its",
        "recipients. This is a permanent error. The following address(es) failed:",
        "",
        "  bob@example.jp",
        "    SMTP error from remote mail server after RCPT TO:<bob@example.jp>:",
        "    host mx.example.jp [192.0.2.222]: 550 5.1.1 <bob@example.jp>... User Unknown",
      ],
    );
    const bounce = await parseBounce(raw);
    expect(bounce.format).toBe("mxlogic");
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "bob@example.jp", smtpCommand: "RCPT", remoteMta: "mx.example.jp", status: "5.1.1", replyCode: 550 })]);
  });

  test("X4 (qmail clones): the remote reply, the command and the host qmail-remote names", async () => {
    const raw = message(
      ["From: MAILER-DAEMON@mx.example.net", "To: alice@example.com", "Subject: failure notice"],
      [
        "Unfortunately, your mail was not delivered to the following address:",
        "",
        "<bob@example.jp>:",
        "192.0.2.153 does not like recipient.",
        "Remote host said: 550 5.1.1 <bob@example.jp>... User Unknown",
        "Giving up on 192.0.2.153.",
        "",
        "--- Below this line is a copy of the message.",
        "",
        "From: alice@example.com",
      ],
    );
    const bounce = await parseBounce(raw);
    expect(bounce.format).toBe("x4");
    expect(bounce.recipients).toEqual([
      expect.objectContaining({ address: "bob@example.jp", diagnostic: "550 5.1.1 <bob@example.jp>... User Unknown", smtpCommand: "RCPT", remoteMta: "192.0.2.153", status: "5.1.1" }),
    ]);
    expect(bounce.originalSender).toBe("alice@example.com");
  });

  test("Messaging Server: a source-routed recipient is reported by its original address", async () => {
    const raw = message(
      ["From: postmaster@mx.example.net", "To: alice@example.com", "Subject: Delivery Notification: Delivery has failed", 'Content-Type: multipart/report; report-type=delivery-status; boundary="Boundary_(ID_x)"'],
      [
        "--Boundary_(ID_x)",
        "Content-Type: text/plain",
        "",
        "This report relates to a message you sent with the following header fields:",
        "",
        "  From: Alice <alice@example.com>",
        "",
        "Your message cannot be delivered to the following recipients:",
        "",
        "  Recipient address: @relay.example.net:bob@store",
        "  Original address: bob@example.net",
        "  Reason: Over quota",
        "",
        "--Boundary_(ID_x)",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns;mx.example.net",
        "",
        "Original-recipient: rfc822;bob@example.net",
        "Final-recipient: rfc822;@relay.example.net:bob@store",
        "Action: failed",
        "Status: 5.2.2 (Over quota)",
        "",
        "--Boundary_(ID_x)--",
      ],
    );
    const bounce = await parseBounce(raw);
    expect(bounce.format).toBe("messagingserver");
    expect(bounce.recipients.map((r) => [r.address, r.status, r.diagnostic])).toEqual([["bob@example.net", "5.2.2", "Over quota"]]);
    expect(bounce.originalSender).toBe("alice@example.com");
  });

  test("IMail: one line per failed address, reason before the colon", async () => {
    const raw = message(
      ['From: "Postmaster" <postmaster@example.org>', "To: alice@example.com", "Subject: Undeliverable Mail", "X-Mailer: <SMTP32 v8.22>"],
      ["Unknown user: bob@example.org", "User mailbox exceeds allowed size: carol@example.org", "", "", "Original message follows.", "", "From: alice@example.com"],
    );
    const bounce = await parseBounce(raw);
    expect(bounce.recipients.map((r) => [r.address, r.diagnostic])).toEqual([
      ["bob@example.org", "Unknown user"],
      ["carol@example.org", "User mailbox exceeds allowed size"],
    ]);
  });

  test("Domino: every address listed before 'because:' shares the reason", async () => {
    const raw = message(
      ["From: Postmaster@example.jp", "To: alice@example.com", "Subject: DELIVERY FAILURE: User not listed"],
      ["Your message", "", "  Subject: Hi", "", "was not delivered to:", "", "  bob@example.jp", "  carol@example.jp", "", "because:", "", "  User not listed in Domino Directory"],
    );
    const bounce = await parseBounce(raw);
    expect(bounce.recipients.map((r) => [r.address, r.diagnostic])).toEqual([
      ["bob@example.jp", "User not listed in Domino Directory"],
      ["carol@example.jp", "User not listed in Domino Directory"],
    ]);
  });

  test("X6: temporary errors are delays", async () => {
    const raw = message(
      ["From: mailer-daemon", "To: alice@example.com", "Subject: There was an error sending your mail"],
      [
        "We had trouble delivering your message. Full details follow:",
        "",
        "The following recipients returned temporary errors: bob@example.org. Reason: SMTP Server <192.0.2.9> refused to accept your message (RCPT), with the following error message: [451 4.7.1 Try again later]",
      ],
    );
    const bounce = await parseBounce(raw);
    expect(bounce.recipients).toEqual([
      expect.objectContaining({ address: "bob@example.org", action: "delayed", status: "4.7.1", replyCode: 451, smtpCommand: "RCPT", remoteMta: "192.0.2.9" }),
    ]);
  });

  test("mail that merely passed a McAfee gateway (its header stamped) is not read as McAfee's report", async () => {
    const raw = message(
      ["From: MAILER-DAEMON@mx.example.org", "To: alice@example.com", "Subject: Undelivered Mail Returned to Sender", "X-NAI-Header: Modified by McAfee Email Gateway (4500)", 'Content-Type: multipart/report; report-type=delivery-status; boundary="b"'],
      ["--b", "Content-Type: text/plain", "", "The mail system", "", "--b", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.example.org", "", "Final-Recipient: rfc822; bob@example.org", "Action: failed", "Status: 5.1.1", "--b--"],
    );
    const bounce = await parseBounce(raw);
    expect(bounce.format).not.toBe("mcafee");
    expect(bounce.recipients.map((r) => r.address)).toEqual(["bob@example.org"]);
  });

  test("ordinary fml list traffic is not a refusal, even when its subject says error", async () => {
    const raw = message(
      ["From: carol@example.org", "To: list@example.org", "Subject: Re: error in the config", "X-MLServer: fml [fml 4.0.3 release]", "Message-ID: <20050429.abc@example.org>"],
      ["Try <list-ctl@example.org> for help."],
    );
    expect(await parseBounce(raw)).toMatchObject({ isBounce: false, kind: "message" });
  });

  test("InterScan's Japanese build points the arrows the other way", async () => {
    const raw = message(
      ["From: postmaster@example.co.jp", "To: alice@example.com", "Subject: メール配信に失敗しました", "Content-Type: text/plain; charset=utf-8"],
      ["送信 >>> RCPT TO:<bob@example.co.jp>", "受信 <<< 550 5.1.1 <bob@example.co.jp>... User unknown"],
    );
    const bounce = await parseBounce(raw);
    expect(bounce.format).toBe("trendmicro");
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "bob@example.co.jp", smtpCommand: "RCPT", status: "5.1.1", replyCode: 550 })]);
  });

  test("Lotus Notes without an address in its reasons names the returned message's recipient", async () => {
    const raw = message(
      ["From: postmaster@notes.example.jp", "To: alice@example.com", "Subject: Undeliverable message"],
      ["------- Failure Reasons  --------", "", "Message has exceeded maximum hop count", "", "------- Returned Message --------", "From: alice@example.com", "To: bob@notes.example.jp", "Subject: hi", "", "hello"],
    );
    const bounce = await parseBounce(raw);
    expect(bounce.recipients.map((r) => [r.address, r.diagnostic])).toEqual([["bob@notes.example.jp", "Message has exceeded maximum hop count"]]);
    expect(bounce.originalSender).toBe("alice@example.com");
  });

  test("X6: a recipient the server rejected, its sentence wrapped over two lines", async () => {
    const raw = message(
      ["From: mailer-daemon", "To: alice@example.com", "Subject: There was an error sending your mail"],
      [
        "We had trouble delivering your message. Full details follow:",
        "",
        "1 error(s):",
        "",
        "SMTP Server <mta2.example.jp> rejected recipient <bob@example.jp>",
        "  (Error following RCPT command). It responded as follows: [550 5.1.1 User unknown]",
      ],
    );
    const bounce = await parseBounce(raw);
    expect(bounce.recipients).toEqual([
      expect.objectContaining({ address: "bob@example.jp", diagnostic: "550 5.1.1 User unknown", smtpCommand: "RCPT", remoteMta: "mta2.example.jp", status: "5.1.1", replyCode: 550 }),
    ]);
  });

  test("MailFoundry: each recipient with its own reason, in either wording of the remote reply", async () => {
    const raw = message(
      ["From: MAILER-DAEMON@example.org", "To: alice@example.com", "Subject: Message delivery has failed", "Received: From localhost (127.0.0.1) by mx3.example.org (MAILFOUNDRY) id 1"],
      [
        "Unable to deliver message to: <bob@example.org>",
        "Delivery failed for the following reason:",
        "Server mx22.example.org[192.0.2.222] failed with: 550 <bob@example.org> No such user here",
        "",
        "Unable to deliver message to: <carol@example.org>",
        "Delivery failed for the following reason:",
        "mx22.example.org[192.0.2.222] responded with failure: 552 sorry, mailbox is over quota (#5.2.2)",
        "",
        "This has been a permanent failure.  No further delivery attempts will be made.",
      ],
    );
    const bounce = await parseBounce(raw);
    expect(bounce.recipients.map((r) => [r.address, r.remoteMta, r.replyCode, r.status, r.diagnostic])).toEqual([
      ["bob@example.org", "mx22.example.org", 550, null, "550 <bob@example.org> No such user here"],
      ["carol@example.org", "mx22.example.org", 552, "5.2.2", "552 sorry, mailbox is over quota (#5.2.2)"],
    ]);
  });

  test("MailMarshal: the sender and hosts of its Additional Information block", async () => {
    const raw = message(
      ["From: postmaster@gw.example.com", "To: helpdesk@example.com", 'Subject: Undeliverable Mail: "Hi"'],
      [
        "Your message:",
        "   From:    alice@example.com",
        "   Subject: Hi",
        "",
        "Could not be delivered because of",
        "",
        "550 5.1.1 User unknown",
        "",
        "The following recipients were affected: ",
        "    bob@example.org",
        "",
        "Additional Information",
        "======================",
        "Original Sender:    <alice@example.com>",
        "Sender-MTA:         <192.0.2.250>",
        "Remote-MTA:         <203.0.113.2>",
        "Reporting-MTA:      <gw.example.com>",
      ],
    );
    const bounce = await parseBounce(raw);
    expect(bounce).toMatchObject({ format: "mailmarshal", originalSender: "alice@example.com", reportingMta: "gw.example.com" });
    expect(bounce.recipients).toEqual([expect.objectContaining({ address: "bob@example.org", remoteMta: "203.0.113.2", status: "5.1.1", replyCode: 550 })]);
  });

  test("a recognised report with nothing to read is left to the families after it", async () => {
    const raw = message(["From: postmaster@example.org", "To: alice@example.com", "Subject: Undeliverable Mail", "X-Mailer: <SMTP32 v8.22>"], ["Nothing useful here."]);
    const bounce = await parseBounce(raw);
    expect(bounce.format).not.toBe("imailserver");
  });
});

describe("the gateway families claim only their own messages", () => {
  const OWN: Record<string, string[]> = {
    activehunter: ["lhost-activehunter"],
    amavis: ["lhost-amavis"],
    apachejames: ["lhost-apachejames"],
    barracuda: ["lhost-barracuda", "rfc3464"],
    domino: ["lhost-domino"],
    fml: ["lhost-fml"],
    imailserver: ["lhost-imailserver"],
    mailfoundry: ["lhost-mailfoundry"],
    mailmarshal: ["lhost-mailmarshal"],
    mcafee: ["lhost-mcafee"],
    messagingserver: ["lhost-messagingserver"],
    mfilter: ["lhost-mfilter"],
    mimecast: ["lhost-mimecast"],
    mxlogic: ["lhost-mxlogic"],
    notes: ["lhost-notes"],
    powermta: ["lhost-powermta"],
    surfcontrol: ["lhost-surfcontrol"],
    trendmicro: ["lhost-trendmicro"],
    x1: ["lhost-x1"],
    x2: ["lhost-x2"],
    x3: ["lhost-x3"],
    x4: ["lhost-x4"],
    x6: ["lhost-x6"],
  };

  testWholeCorpus("no other family's corpus message is recognised", async () => {
    const stolen: string[] = [];
    for (const entry of loadCorpus({ variants: false })) {
      const message = await readMessage(new Uint8Array(fs.readFileSync(entry.path)));
      for (const module of GATEWAY_FORMATS) {
        if (module.recognise(message) && !OWN[module.name]?.includes(entry.expected.family)) stolen.push(`${module.name}: ${entry.file}`);
      }
    }
    expect(stolen).toEqual([]);
  });
});
