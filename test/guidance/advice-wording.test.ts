/** The advice as its reader sees it: no "?" standing in for a missing value, the right steps for the code. */
import { diagnose } from "../../src/guidance";
import { makeBounce } from "./fixtures";

const stepsText = (g: ReturnType<typeof diagnose>) => g.steps.map((s) => s.text).join("\n");

describe("no placeholder stands in for a missing sending IP", () => {
  test.each(["en-US", "zh-TW"] as const)("a bare refusal without the IP (%s)", (locale) => {
    const bounce = makeBounce({ status: "5.7.1", diagnostic: "550 5.7.1 Message refused" }, { sendingIp: null });
    const g = diagnose(bounce, null, locale);
    expect(g.reason).toBe("sender-blocked");
    expect(stepsText(g)).not.toMatch(/\?/);
  });
});

describe("5.1.8: the sender's domain was refused", () => {
  test("sender-address steps, not blocklist ones", () => {
    const bounce = makeBounce(
      { status: "5.1.8", diagnostic: "553 5.1.8 <root@host.example>... Domain of sender address root@host.example does not exist" },
      { sendingIp: null },
    );
    const g = diagnose(bounce, null, "en-US");
    expect(stepsText(g)).toMatch(/publishes MX \(or A\) records/);
    expect(stepsText(g)).not.toMatch(/block lists|compromised/);
  });
});

describe("Gmail's 5.7.26 'sender is unauthenticated': both SPF and DKIM", () => {
  test("DKIM advice beside the SPF advice", () => {
    const diagnostic =
      "550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. DKIM = did not pass SPF = did not pass";
    const g = diagnose(makeBounce({ status: "5.7.26", diagnostic, remoteMta: "gmail-smtp-in.l.google.com" }), null, "en-US");
    expect(g.reason).toBe("dmarc-policy");
    expect(stepsText(g)).toMatch(/DKIM/);
    expect(stepsText(g)).toMatch(/SPF record/);
  });
});

describe("delays", () => {
  test("a delay with no reason beyond retrying does not say delivery gave up", () => {
    const bounce = makeBounce({ action: "delayed", status: "4.4.7", diagnostic: "Message will be retried for 2 more day(s)" });
    const g = diagnose(bounce, null, "en-US");
    expect(g.title).toMatch(/^Delayed/);
    expect(`${g.title} ${g.summary}`).not.toMatch(/gave up/);
  });
});

describe("a class-only code is not quoted against the words", () => {
  test("5.0.0 with 'Virus Detected'", () => {
    const g = diagnose(makeBounce({ status: "5.0.0", diagnostic: "550 Virus Detected; Content Rejected" }), null, "en-US");
    expect(g.reason).toBe("spam-or-content");
    expect(g.summary).not.toMatch(/no further detail/);
  });
});

describe("the sending server's own setup", () => {
  test("qmail 'my name was rejected': the HELO name, fixed by the sender's admin", () => {
    const diagnostic =
      "Connected to 192.0.2.112 but my name was rejected. Remote host said: 501 5.0.0 Invalid domain name I'm not going to try again; this message has been in the queue too long.";
    const g = diagnose(makeBounce({ status: "5.0.0", diagnostic }), null, "en-US");
    expect(g.reason).toBe("sender-blocked");
    expect(g.title).toMatch(/HELO/);
    expect(g.whoActs).not.toContain("recipient-admin");
    expect(stepsText(g)).not.toMatch(/allowed \(safe\) senders/);
  });

  test("'use the smtp server of your ISP': deliver through a proper outgoing server", () => {
    const diagnostic = "SMTP error from remote mail server after MAIL FROM:<a@example.jp>: 550 5.7.0 <a@example.jp>... Please use the smtp server of your ISP.";
    const g = diagnose(makeBounce({ status: "5.7.0", diagnostic, smtpCommand: "MAIL" }), null, "zh-TW");
    expect(g.title).toBe("您的郵件直接從家用或浮動 IP 位址寄出");
    expect(g.whoActs).toEqual(["you", "your-admin"]);
    expect(stepsText(g)).toMatch(/587/);
  });
});

describe("no status code at all", () => {
  test.each(["en-US", "zh-TW"] as const)("the summary and the step say so instead of showing a dash (%s)", (locale) => {
    const bounce = makeBounce({ status: null, replyCode: null, diagnostic: "malformed address: <bob@example.org> may not follow alice@example.org" });
    const g = diagnose(bounce, null, locale);
    expect(g.reason).toBe("other");
    expect(`${g.summary}\n${stepsText(g)}`).not.toMatch(/—|\(\)|（）/);
  });
});

test("a multiline reply's repeated codes do not split its words (Gmail: multiple addresses in From:)", () => {
  const diagnostic = "550-5.7.1 [192.0.2.222 13] Messages with multiple 550 5.7.1 addresses in From: header are not accepted. - gsmtp";
  const g = diagnose(makeBounce({ status: "5.7.1", diagnostic }), null, "en-US");
  expect(g.reason).toBe("spam-or-content");
});

describe("a disabled or locked account is not a misspelling", () => {
  test.each([
    "554 delivery error: dd Sorry your message to bob@example.org cannot be delivered. This account has been disabled or discontinued [#102].",
    "550 5.7.1 <bob@example.org>: Recipient address rejected: User bob@example.org temporary locked. Please try again later!",
  ])("%s", (diagnostic) => {
    const g = diagnose(makeBounce({ status: "5.7.1", diagnostic }), null, "en-US");
    expect(g.reason).toBe("unknown-user");
    expect(g.title).toBe("The recipient's account is disabled or locked");
    expect(stepsText(g)).not.toMatch(/spelling|auto-complete/);
  });
});

test("offline, an SPF failure names the domain the receiver checked (the envelope sender's), not the From: domain", () => {
  const diagnostic =
    "550-5.7.26 The MAIL FROM domain [mail4.example.com] has an SPF record with a 550-5.7.26 hard fail policy (-all) but it fails to pass SPF checks with the ip: 550-5.7.26 [192.0.2.24].";
  const g = diagnose(makeBounce({ status: "5.7.26", diagnostic, remoteMta: "gmail-smtp-in.l.google.com" }, { senderDomain: "example.com" }), null, "en-US");
  expect(g.reason).toBe("spf-failure");
  expect(stepsText(g)).toContain("SPF record of mail4.example.com");
});

test("Microsoft's ban without a known IP: the delist step does not show a placeholder", () => {
  const bounce = makeBounce(
    { status: "5.7.511", diagnostic: "550 5.7.511 Access denied, banned sender. To request removal from this list, please forward this message to delist@microsoft.com", remoteMta: "mx.protection.outlook.com" },
    { sendingIp: null },
  );
  const g = diagnose(bounce, null, "en-US");
  expect(g.reason).toBe("sender-blocked");
  expect(stepsText(g)).not.toMatch(/\?/);
});

describe("moved or disabled mailboxes are not misspellings", () => {
  test.each([
    ["5.1.6", "550 5.1.6 recipient no longer on server: bob@example.org"],
    ["5.2.1", "550 5.2.1 <bob@example.org>... Mailbox disabled"],
  ])("%s", (status, diagnostic) => {
    const g = diagnose(makeBounce({ status, diagnostic }), null, "en-US");
    expect(g.reason).toBe("unknown-user");
    expect(stepsText(g)).not.toMatch(/spelling/);
    expect(stepsText(g)).toMatch(/another channel/);
  });
});

test("a failure under 5.0.0 is never nobody's business", () => {
  const g = diagnose(makeBounce({ status: "5.0.0", diagnostic: "pipe to |/usr/local/bin/filter bob@example.org" }), null, "en-US");
  expect(g.whoActs).not.toContain("nobody");
  expect(stepsText(g)).not.toMatch(/Nothing needs fixing/);
});

test("a refused sender address: the advice names the envelope sender's domain the server quoted", () => {
  const diagnostic = "SMTP error from remote mail server after MAIL FROM:<alice@bounces.sender.example>: 550 5.1.7 No such domain bounces.sender.example.";
  const g = diagnose(makeBounce({ status: "5.1.7", diagnostic, smtpCommand: "MAIL" }), null, "en-US");
  expect(stepsText(g)).toContain("bounces.sender.example publishes MX");
});

test("5.6.x is about format or encoding: no advice about link shorteners or quarantine", () => {
  const g = diagnose(makeBounce({ status: "5.6.9", diagnostic: "550 5.6.9 improper use of 8-bit data in message header" }), null, "en-US");
  expect(g.reason).toBe("spam-or-content");
  expect(stepsText(g)).toMatch(/simpler form/);
  expect(stepsText(g)).not.toMatch(/link shorteners|quarantine/);
});
