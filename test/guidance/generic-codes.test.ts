/**
 * Catch-all codes (5.7.1, x.y.0, none) with the reason in words: the reason's guidance
 * leads and the code stays as context. Specific codes keep their own guidance.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { diagnose } from "../../src/guidance";
import { namedBlocklist } from "../../src/guidance/blocklist";
import { lookupCode } from "../../src/guidance/codes";
import { isGenericCode } from "../../src/guidance/generic";
import { senderIpFromText } from "../../src/guidance/sender-ip";
import type { Guidance } from "../../src/guidance/types";
import { codeKey, t } from "../../src/i18n";
import { parseBounce } from "../../src/ndr";
import { corpusDir } from "../support/shared-data";
import { makeBounce } from "./fixtures";
import { expectLinear } from "../support/linear-time";

const corpusBounce = (name: string) => parseBounce(new Uint8Array(readFileSync(path.join(corpusDir, `${name}.eml`))));

const stepsText = (g: Guidance) => g.steps.map((s) => s.text).join("\n");
const codeTitle = (status: string) => t("en-US", `${codeKey(lookupCode("iana", status)!)}.title`);
const codeMeaning = (status: string) => t("en-US", `${codeKey(lookupCode("iana", status)!)}.meaning`);

describe("which codes are catch-alls", () => {
  test.each([
    ["5.0.0", true],
    ["4.0.0", true],
    ["5.7.1", true],
    ["5.7.0", true],
    ["5.5.0", true],
    ["5.1.0", true],
    ["5.2.0", true],
    ["5.3.0", true],
    ["5.4.0", true],
    ["5.7.99", true],
    ["5.1.1", false],
    ["5.2.2", false],
    ["5.7.23", false],
    ["5.7.26", false],
  ] as const)("%s -> %s", (status, generic) => {
    expect(isGenericCode(lookupCode("iana", status))).toBe(generic);
  });

  test("no code at all is a catch-all; a vendor's documented code never is", () => {
    expect(isGenericCode(lookupCode("iana", null))).toBe(true);
    expect(isGenericCode(lookupCode("microsoft", "5.1.0"))).toBe(false);
    expect(isGenericCode(lookupCode("microsoft", "5.7.1", "550 5.7.1 Unable to relay"))).toBe(false);
  });
});

describe("blocklists named in the words", () => {
  test.each([
    ["Client host [192.0.2.49] blocked using cbl.abuseat.org (state 13).", "Spamhaus CBL", "https://check.spamhaus.org/"],
    ["Service unavailable; client [203.0.113.5] blocked using zen.spamhaus.org", "Spamhaus", "https://check.spamhaus.org/"],
    ["521 5.7.1 client [203.0.113.225] blocked using dnsbl.sorbs.net", "SORBS", null],
    ["554 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.225", "Proofpoint", "https://ipcheck.proofpoint.com/"],
    ["Client host rejected: blocked using mail.neko.example.org; Please see", "mail.neko.example.org", null],
    ["554 Rejected: blocked using rbl.example.net.", "rbl.example.net", null],
  ])("%s -> %s", (diagnostic, name, delistUrl) => {
    expect(namedBlocklist(diagnostic)).toEqual({ name, delistUrl });
  });

  test.each([
    "550 5.7.1 Access denied",
    "550 5.7.1 Message rejected as spam by Content Filtering.",
    "550 Rejected by mx.example.org",
    "Please contact your provider: part of their network is on our block list.",
  ])("no list named: %s", (diagnostic) => {
    expect(namedBlocklist(diagnostic)).toBeNull();
  });

  test.each([
    ["host names", (n: number) => "host a.b.c.d.e ".repeat(n)],
    ["blocklist phrases", (n: number) => "blocked using a-a.".repeat(n)],
    ["an unclosed host", (n: number) => "host " + "a.".repeat(n) + "["],
    ["a dotted run", (n: number) => "rbl " + "x.".repeat(n)],
  ])("hostile words (%s): every pattern stays linear, the title short", async (_, hostile) => {
    await expectLinear((n) => {
      const diagnostic = hostile(n);
      return () => {
        namedBlocklist(diagnostic);
        senderIpFromText(diagnostic);
        expect(diagnose(makeBounce({ status: "5.7.1", diagnostic }), null, "en-US").title.length).toBeLessThan(400);
      };
    }, 1 << 12);
  });

  test("the sender's IP in the words, not the receiving host Exim names", () => {
    expect(senderIpFromText("Client host [192.0.2.49] blocked using cbl.abuseat.org")).toBe("192.0.2.49");
    expect(senderIpFromText("host mx2.example.net [192.0.2.222] SMTP error from remote mail server after MAIL FROM:<a@b.example>: 554 5.7.1 Reverse DNS failed.")).toBeNull();
    expect(senderIpFromText("host mx1.example.net [192.0.2.222] SMTP error: 554 5.7.1 Reverse DNS lookup for host 203.0.113.22 failed")).toBe("203.0.113.22");
    expect(senderIpFromText("client 10.0.0.1 blocked")).toBeNull();
  });
});

describe("a blocklist under 5.7.1: the sender's admin acts", () => {
  test("lhost-gmail-04: CBL, the listed IP, delisting at Spamhaus, no advice to ask the recipient", async () => {
    const bounce = await corpusBounce("lhost-gmail-04");
    const g = diagnose(bounce, null, "en-US");
    expect(g.code).toBe("5.7.1");
    expect(g.reason).toBe("sender-blocked");
    expect(g.title).toBe("Your sending server is on a public blocklist (Spamhaus CBL)");
    expect(g.summary).toContain("192.0.2.49");
    // The code's own meaning stays, as context after the reason.
    expect(g.summary).toContain(`On its own, status code 5.7.1 means: ${codeMeaning("5.7.1")}`);
    expect(g.summary.indexOf("blocklist")).toBeLessThan(g.summary.indexOf("5.7.1"));
    expect(g.whoActs).toEqual(["you", "your-admin"]);
    expect(stepsText(g)).toContain("https://check.spamhaus.org/");
    expect(stepsText(g)).toMatch(/compromised account/);
    expect(stepsText(g)).not.toContain("Ask the recipient");
    expect(g.title).not.toBe(codeTitle("5.7.1"));

    const zh = diagnose(bounce, null, "zh-TW");
    expect(zh.title).toBe("您的寄件伺服器被列入公開封鎖清單（Spamhaus CBL）");
    expect(zh.summary).toContain("192.0.2.49");
    expect(zh.summary).toContain("狀態碼 5.7.1 本身的意思是：");
    expect(zh.steps.map((s) => s.text).join("")).toContain("系統管理員");
  });

  test("Spamhaus with the IP only in the words, sent from the sender's own server", () => {
    const bounce = makeBounce(
      { status: "5.7.1", diagnostic: "550 5.7.1 Service unavailable; client [203.0.113.5] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.5" },
      { sendingIp: null },
    );
    const g = diagnose(bounce, null, "en-US");
    expect(g.title).toBe("Your sending server is on a public blocklist (Spamhaus)");
    expect(g.summary).toContain("203.0.113.5");
    expect(g.whoActs).not.toContain("recipient-admin");
    // No provider recognised: the shared-provider case is explained as a condition.
    expect(stepsText(g)).toContain("If 203.0.113.5 belongs to a shared provider (Microsoft 365, Google Workspace, Amazon SES");
    expect(stepsText(g)).toContain("request removal from Spamhaus at https://check.spamhaus.org/");
  });

  test("a list without a known site and no IP anywhere: general words", () => {
    const bounce = makeBounce({ status: "5.7.1", diagnostic: "554 5.7.1 Rejected: blocked using rbl.example.net" }, { sendingIp: null });
    const g = diagnose(bounce, null, "en-US");
    expect(g.title).toBe("Your sending server is on a public blocklist (rbl.example.net)");
    expect(g.summary).toContain("the server it came from is listed on rbl.example.net");
    expect(stepsText(g)).toContain("Find out which of your sending IPs is listed on rbl.example.net");
    expect(stepsText(g)).toContain("request removal on the website of rbl.example.net");
  });

  test("mail sent through Amazon SES: contact the provider", async () => {
    const g = diagnose(await corpusBounce("lhost-amazonses-14"), null, "en-US");
    expect(g.title).toContain("mail.neko.example.org");
    expect(stepsText(g)).toContain("Contact Amazon SES support");
  });
});

describe("other reasons lead under catch-all codes", () => {
  test("550 5.7.1 relay access denied: the recipient's side fixes its MX", () => {
    const g = diagnose(makeBounce({ status: "5.7.1", diagnostic: "550 5.7.1 <bob@example.org>: Relay access denied" }), null, "en-US");
    expect(g.reason).toBe("relay-denied");
    expect(g.title).toBe(t("en-US", "guidance.reason.relay-denied.title"));
    expect(g.summary).toContain("does not accept mail for example.org");
    expect(g.summary).toContain("On its own, status code 5.7.1 means:");
    expect(g.whoActs[0]).toBe("recipient-admin");
    expect(stepsText(g)).not.toContain("Ask the recipient (bob@example.org) whether they can receive mail from outside");
  });

  test.each([null, "5.0.0"])("554 message content rejected (code %s): spam or content", (status) => {
    const g = diagnose(makeBounce({ status, replyCode: 554, diagnostic: "554 Message content rejected, UBE, id=00000-00-000" }), null, "en-US");
    expect(g.reason).toBe("spam-or-content");
    expect(g.title).toBe("The message was refused as spam or for its content");
    expect(g.whoActs[0]).toBe("you");
    expect(stepsText(g)).toContain("Remove or change what may look suspicious");
  });

  test("530 5.7.0 must issue STARTTLS: the sender's server must use TLS", () => {
    const g = diagnose(makeBounce({ status: "5.7.0", diagnostic: "530 5.7.0 Must issue a STARTTLS command first" }), null, "en-US");
    expect(g.reason).toBe("tls-required");
    expect(g.whoActs).toEqual(["your-admin"]);
    expect(stepsText(g)).toContain("must use TLS (STARTTLS)");
  });

  test("5.7.1 reverse DNS failed (lhost-exim-42): set the PTR of the sending IP, not of the receiving host", async () => {
    const g = diagnose(await corpusBounce("lhost-exim-42"), null, "en-US");
    expect(g.title).toBe("Your sending server has no valid reverse DNS name");
    expect(g.summary).toContain("203.0.113.22");
    expect(stepsText(g)).toContain("reverse DNS (PTR) record");
    expect(stepsText(g)).not.toContain("192.0.2.222");
    expect(g.whoActs).toEqual(["you", "your-admin"]);
  });

  test("550 5.1.0 sender rejected: the sender address, not the recipient, is the problem", () => {
    const g = diagnose(makeBounce({ status: "5.1.0", diagnostic: "550 5.1.0 <bounce@mailer.sender.example> sender rejected" }), null, "en-US");
    expect(g.reason).toBe("sender-blocked");
    expect(g.title).toBe("The receiving server refused your sender address");
    expect(g.summary).toContain("domain sender.example");
    expect(g.whoActs).toEqual(["you", "your-admin", "recipient-admin"]);
    expect(stepsText(g)).toContain("sender.example publishes MX (or A) records");
  });

  test("a mailing list that takes posts from members only: ask its owner", () => {
    const g = diagnose(makeBounce({ status: null, diagnostic: "You are not a member of this mailing list <list@example.org>." }), null, "zh-TW");
    expect(g.title).toBe("您無法在這個群組或郵寄清單張貼郵件");
    expect(g.whoActs).toEqual(["you"]);
    expect(g.steps.map((s) => s.text).join("")).toContain("bob@example.org");
  });

  test("a refusal at connection is about the sending IP; a bare 'access denied' is the receiver's rule", () => {
    const atConnect = diagnose(makeBounce({ status: "5.0.0", diagnostic: "host mx.example.org[192.0.2.1] refused to talk to me: 554 Service unavailable" }), null, "en-US");
    expect(atConnect.whoActs[0]).toBe("your-admin");
    expect(stepsText(atConnect)).toContain("public block lists");
    const denied = diagnose(makeBounce({ status: "5.7.1", diagnostic: "550 5.7.1 Access denied" }), null, "en-US");
    expect(denied.title).toBe(t("en-US", "guidance.reason.sender-blocked.title"));
    expect(denied.whoActs).toEqual(["you", "recipient-admin"]);
  });

  test("a bare 5.7.1 with no stated cause keeps the code's own guidance", () => {
    const g = diagnose(makeBounce({ status: "5.7.1", diagnostic: null }), null, "en-US");
    expect(g.title).toBe(codeTitle("5.7.1"));
  });
});

describe("specific codes keep their own guidance", () => {
  test("5.1.1: the code's title and meaning", () => {
    const g = diagnose(makeBounce({ status: "5.1.1", diagnostic: "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown" }), null, "en-US");
    expect(g.title).toBe(codeTitle("5.1.1"));
    expect(g.summary).toContain(codeMeaning("5.1.1"));
    expect(g.summary).not.toContain("On its own, status code");
  });

  test("5.7.23: the code's title, and the SPF advice", () => {
    const g = diagnose(makeBounce({ status: "5.7.23", diagnostic: "550 5.7.23 The message was rejected because of Sender Policy Framework violation" }), null, "en-US");
    expect(g.reason).toBe("spf-failure");
    expect(g.title).toBe(codeTitle("5.7.23"));
    expect(g.summary).toContain(codeMeaning("5.7.23"));
    expect(g.whoActs).toContain("your-admin");
  });
});
