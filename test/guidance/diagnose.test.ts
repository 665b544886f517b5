/** diagnose() on constructed bounces: scope, reason, who acts, and the advice for the common failures. */
import { diagnose } from "../../src/guidance";
import { classifyReason } from "../../src/guidance/reason";
import { detectScope } from "../../src/guidance/scope";
import { CHECKS_SCHEMA, type Checks, type DmarcReport, type SpfReport } from "../../src/spf/types";
import { makeBounce } from "./fixtures";
import { expectLinear } from "../support/linear-time";

function spfReport(over: Partial<SpfReport>): SpfReport {
  return {
    domain: "sender.example",
    ip: "192.0.2.10",
    sender: null,
    helo: null,
    result: "pass",
    record: "v=spf1 ip4:192.0.2.0/24 -all",
    tree: null,
    lookups: { total: 0, limit: 10, voidLookups: 0, voidLimit: 2 },
    networks: { ip4: ["192.0.2.0/24"], ip6: [], addressCount4: 256 },
    problems: [],
    ...over,
  };
}

function dmarcReport(p: "none" | "quarantine" | "reject" | null): DmarcReport {
  return {
    domain: "sender.example",
    orgDomain: "sender.example",
    recordDomain: p ? "_dmarc.sender.example" : null,
    record: p ? `v=DMARC1; p=${p}` : null,
    policy: p ? { p, sp: null, pct: 100, adkim: "r", aspf: "r", rua: [], ruf: [] } : null,
    problems: [],
  };
}

const checks = (spf: Partial<SpfReport>, dmarc: DmarcReport): Checks => ({ schema: CHECKS_SCHEMA, spf: spfReport(spf), dmarc });
const text = (g: ReturnType<typeof diagnose>) => [g.title, g.summary, ...g.steps.map((s) => s.text)].join("\n");

describe("scope", () => {
  test("from the rejecting host, its wording, then the reporter", () => {
    expect(detectScope(makeBounce({ remoteMta: "mx.example-org.mail.protection.outlook.com" }))).toBe("microsoft");
    expect(detectScope(makeBounce({ remoteMta: "outlook-com.olc.protection.outlook.com" }))).toBe("outlook.com");
    expect(detectScope(makeBounce({ remoteMta: "gmail-smtp-in.l.google.com" }))).toBe("google");
    expect(detectScope(makeBounce({ remoteMta: "mta7.am0.yahoodns.net" }))).toBe("yahoo");
    expect(detectScope(makeBounce({ remoteMta: null, diagnostic: "550-5.7.26 Unauthenticated email ... - gsmtp" }))).toBe("google");
    expect(detectScope(makeBounce({ remoteMta: null }, { format: "exchange-online", reportingMta: "x.prod.outlook.com" }))).toBe("microsoft");
    // Gmail reporting a third-party server's 5.7.27: that server's code, so IANA's meaning.
    expect(detectScope(makeBounce({ remoteMta: "mx.example.org" }, { format: "gmail", reportingMta: "mail-sor-f41.google.com" }))).toBe("iana");
    expect(detectScope(makeBounce({ remoteMta: "mx.example.org" }))).toBe("iana");
  });

  test("Gmail's 5.7.27 is SPF, IANA's is the sender's null MX", () => {
    const gmail = diagnose(makeBounce({ status: "5.7.27", remoteMta: "gmail-smtp-in.l.google.com", diagnostic: "550 5.7.27 ..." }), null, "en-US");
    expect(gmail.scope).toBe("google");
    expect(gmail.reason).toBe("spf-failure");
    const other = diagnose(makeBounce({ status: "5.7.27", diagnostic: "550 5.7.27 sender address has null MX" }), null, "en-US");
    expect(other.scope).toBe("iana");
    expect(other.reason).not.toBe("spf-failure");
    expect(other.title).toBe("Sender domain accepts no mail");
  });
});

describe("reason classifier", () => {
  test.each([
    ["5.7.1", "550 5.7.1 Service unavailable; client [203.0.113.5] blocked using zen.spamhaus.org", "sender-blocked"],
    ["5.7.1", "550 5.7.1 Message rejected as spam by Content Filtering.", "spam-or-content"],
    ["5.7.1", "550 5.7.1 Unauthenticated email from sender.example is not accepted due to domain's DMARC policy", "dmarc-policy"],
    ["5.7.1", "550 5.7.1 <bob@example.org>: Relay access denied", "relay-denied"],
    [null, "554 delivery error: dd This user doesn't have a yahoo.com account", "unknown-user"],
    [null, "552 Requested mail action aborted: exceeded storage allocation; mailbox full", "mailbox-full"],
    ["5.3.4", "552 5.3.4 Message size exceeds fixed limit", "message-too-large"],
    [null, "Host or domain name not found. Name service error for name=exmaple.org type=A: Host not found", "domain-not-found"],
    ["4.7.0", "421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to unexpected volume", "rate-limited"],
    ["5.7.0", "530 5.7.0 Must issue a STARTTLS command first", "tls-required"],
    ["5.7.57", "530 5.7.57 Client not authenticated to send mail", "authentication-required"],
    ["4.4.7", "Message expired, connection timed out", "expired"],
    ["5.1.1", "", "unknown-user"],
    ["5.2.2", null, "mailbox-full"],
    [null, null, "other"],
  ] as const)("%s %s -> %s", (status, diagnostic, reason) => {
    expect(classifyReason({ status, diagnostic })).toBe(reason);
  });

  test.each([
    ["one letter", (n: number) => "a".repeat(n)],
    ["spaces", (n: number) => " ".repeat(n) + "x"],
    ["a repeated word", (n: number) => "user ".repeat(n)],
    ["a repeated keyword", (n: number) => "relay ".repeat(n) + "!"],
    ["a dotted name", (n: number) => "a.".repeat(n) + " does not exist"],
    ["markup", (n: number) => "<script>alert(1)</script>".repeat(n)],
  ])("hostile input (%s) is classified, and every pattern stays linear", async (_, hostile) => {
    await expectLinear((n) => {
      const diagnostic = hostile(n);
      return () => expect(typeof classifyReason({ status: "5.7.1", diagnostic })).toBe("string");
    }, 1 << 12);
  });
});

describe("DMARC", () => {
  test("5.7.509 with p=reject and SPF failing: fix SPF and turn on DKIM in Microsoft 365", () => {
    const bounce = makeBounce(
      { status: "5.7.509", remoteMta: "mx.example-org.mail.protection.outlook.com", diagnostic: "550 5.7.509 Access denied, sending domain [SENDER.EXAMPLE] does not pass DMARC verification and has a DMARC policy of reject." },
      { format: "exchange-online", reportingMta: "x.prod.outlook.com", sendingIp: "40.107.1.2" },
    );
    const g = diagnose(bounce, checks({ ip: "40.107.1.2", result: "fail" }, dmarcReport("reject")), "en-US");
    expect(g.reason).toBe("dmarc-policy");
    expect(g.whoActs).toEqual(["your-admin"]);
    expect(g.summary).toContain("p=reject");
    expect(text(g)).toContain("Make SPF pass for sender.example");
    expect(text(g)).toContain("selector1 and selector2");
  });

  test("Gmail 5.7.26 with SPF passing: alignment and DKIM", () => {
    const bounce = makeBounce({ status: "5.7.26", remoteMta: "gmail-smtp-in.l.google.com", diagnostic: "550-5.7.26 This mail has been blocked because the sender is unauthenticated. - gsmtp" });
    const g = diagnose(bounce, checks({ result: "pass" }, dmarcReport("quarantine")), "en-US");
    expect(g.scope).toBe("google");
    expect(["dmarc-policy", "spf-failure"]).toContain(g.reason);
  });

  test("5.7.515 at outlook.com: no DMARC record -> publish one, and the bulk-sender rules", () => {
    const bounce = makeBounce({
      status: "5.7.515",
      remoteMta: "outlook-com.olc.protection.outlook.com",
      diagnostic: "550 5.7.515 Access denied, sending domain SENDER.EXAMPLE doesn't meet the required authentication level.",
    });
    const g = diagnose(bounce, checks({ result: "pass" }, dmarcReport(null)), "zh-TW");
    expect(g.scope).toBe("outlook.com");
    expect(g.reason).toBe("dmarc-policy");
    expect(text(g)).toContain("v=DMARC1; p=none");
    expect(text(g)).toContain("Outlook.com 要求");
  });
});

describe("common failures", () => {
  test("5.1.1: check the address, clear auto-complete; you act", () => {
    const g = diagnose(makeBounce({ status: "5.1.1", diagnostic: "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown" }), null, "en-US");
    expect(g.reason).toBe("unknown-user");
    expect(g.whoActs).toEqual(["you"]);
    expect(text(g)).toContain("bob@example.org");
    expect(text(g)).toContain("auto-complete");
  });

  test("5.1.10 at Microsoft: recipient not found", () => {
    const g = diagnose(
      makeBounce({ status: "5.1.10", remoteMta: "x.mail.protection.outlook.com", diagnostic: "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup" }),
      null,
      "en-US",
    );
    expect(g.scope).toBe("microsoft");
    expect(g.reason).toBe("unknown-user");
    expect(g.title).toBe("Recipient not found");
  });

  test("5.2.2 mailbox full elsewhere, sending limit at Exchange Online", () => {
    const full = diagnose(makeBounce({ status: "5.2.2", diagnostic: "552 5.2.2 Mailbox full" }), null, "en-US");
    expect(full.reason).toBe("mailbox-full");
    expect(full.whoActs).toContain("recipient-admin");
    const quota = diagnose(
      makeBounce({ status: "5.2.2", remoteMta: null, diagnostic: "554 5.2.2 mailbox full; STOREDRV.Submission.Exception:SubmissionQuotaExceededException" }, { format: "exchange-online", reportingMta: "x.prod.outlook.com" }),
      null,
      "en-US",
    );
    expect(quota.scope).toBe("microsoft");
    expect(quota.title).toBe("Sending limit exceeded");
    expect(quota.whoActs).toContain("your-admin");
  });

  test("5.4.1 relay denied: the recipient's admin fixes MX", () => {
    const g = diagnose(makeBounce({ status: "5.4.1", remoteMta: "x.mail.protection.outlook.com", diagnostic: "550 5.4.1 Relay Access Denied" }), null, "en-US");
    expect(g.reason).toBe("relay-denied");
    expect(g.whoActs[0]).toBe("recipient-admin");
    expect(g.draft?.to).toBe("postmaster@example.org");
  });

  test("5.7.1 not authorized at Microsoft: ask to be allowed", () => {
    const g = diagnose(
      makeBounce({ status: "5.7.1", remoteMta: "x.mail.protection.outlook.com", diagnostic: "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized" }),
      null,
      "en-US",
    );
    expect(g.title).toBe("Not allowed to send to this recipient");
    expect(g.whoActs).toContain("recipient-admin");
  });

  test("4.4.7 expired and 5.4.316: the recipient's server is unreachable", () => {
    for (const status of ["4.4.7", "5.4.316"]) {
      const g = diagnose(
        makeBounce({ status, action: "failed", remoteMta: null, diagnostic: `${status} Message expired` }, { format: "exchange-online", reportingMta: "x.prod.outlook.com" }),
        null,
        "en-US",
      );
      expect(g.reason).toBe("expired");
      expect(g.whoActs[0]).toBe("recipient-admin");
    }
  });

  test("a delay: nobody acts yet, it will retry, no draft", () => {
    const g = diagnose(makeBounce({ status: "4.4.1", action: "delayed", diagnostic: "connect to mx.example.org: Connection timed out" }), null, "zh-TW");
    expect(g.whoActs).toEqual(["nobody"]);
    expect(g.title).toMatch(/^延遲中/);
    expect(g.draft).toBeNull();
  });

  test("a bounce that names no recipient: general advice, nobody to write to", () => {
    const g = diagnose({ ...makeBounce({}), recipients: [] }, null, "en-US");
    expect(g.code).toBeNull();
    expect(g.steps.length).toBeGreaterThan(0);
    expect(g.draft).toBeNull();
  });

  test("a bounce made of hostile strings gives bounded, plain guidance", () => {
    const huge = `<script>alert(1)</script>\r\n\u001b[2J${"x".repeat(100_000)}`;
    const bounce = makeBounce(
      { address: `${huge}@${huge}`, domain: huge, status: "5.7.23", diagnostic: huge, remoteMta: huge },
      { senderDomain: huge, sendingIp: huge, originalSender: huge, reportingMta: huge, originalSubject: huge },
    );
    for (const locale of ["en-US", "zh-TW"] as const) {
      const g = diagnose(bounce, null, locale);
      const all = [g.title, g.summary, ...g.steps.map((s) => s.text)].join("\n");
      expect(all.length).toBeLessThan(5000);
      expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
      expect(g.draft).toBeNull();
    }
  });

  test("not a bounce: nothing to do", () => {
    const g = diagnose({ ...makeBounce({}), isBounce: false, kind: "auto-reply", recipients: [] }, null, "en-US");
    expect(g.whoActs).toEqual(["nobody"]);
    expect(g.draft).toBeNull();
  });

  test("5.7.606 at Microsoft: the delist portal, not the recipient", () => {
    const g = diagnose(
      makeBounce({ status: "5.7.606", remoteMta: "x.mail.protection.outlook.com", diagnostic: "550 5.7.606 Access denied, banned sending IP [192.0.2.10]" }),
      null,
      "en-US",
    );
    expect(g.title).toBe("Sending IP banned for reputation");
    expect(g.whoActs).toEqual(["your-admin"]);
    expect(text(g)).toContain("sender.office.com");
  });

  test("a code only the reference table knows gets that row's words and owner", () => {
    const g = diagnose(makeBounce({ status: "5.7.506", remoteMta: "x.mail.protection.outlook.com", diagnostic: "550 5.7.506 Access Denied, Bad HELO" }), null, "zh-TW");
    expect(g.title).toBe("寄件伺服器自稱錯誤");
    expect(g.whoActs).toContain("your-admin");
  });
});
