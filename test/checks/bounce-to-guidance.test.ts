/**
 * From a real-looking bounce to the guidance and the draft, in both languages, with the
 * live checks the bounce calls for run against real servers: a loopback DNS server (list
 * zones, reverse zones, recipient domains) and a loopback HTTPS server for MTA-STS with a
 * CA only these tests trust. The bounces are Postfix-style RFC 3464 reports, as
 * Postfix writes them (bounce(8)), with the rejections real receivers send.
 */
import { runLiveChecks } from "../../src/checks";
import type { CheckReport } from "../../src/checks/types";
import { createResolver } from "../../src/dns/resolver";
import { createPolicyFetcher } from "../../src/fetch/mta-sts-fetcher";
import { checkRequest, diagnose } from "../../src/guidance";
import { liveTarget } from "../../src/guidance/live-target";
import type { Guidance } from "../../src/guidance/types";
import type { Locale } from "../../src/i18n";
import { parseBounce } from "../../src/ndr";
import { runChecks } from "../../src/spf";
import type { Resolver } from "../../src/spf/types";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import { POLICIES, POLICY_HOSTS, liveZone } from "../support/live-zone";
import { startPolicyServer, type PolicyServer } from "../support/policy-server";
import { makeTestCertificates } from "../support/test-ca";
import { postfixBounce } from "../support/postfix-bounce";

let dns: DnsServer;
let https: PolicyServer;
let resolver: Resolver;
let fetcher: ReturnType<typeof createPolicyFetcher>;

beforeAll(async () => {
  const certs = makeTestCertificates(POLICY_HOSTS);
  https = await startPolicyServer(certs, POLICIES);
  const zone = liveZone();
  zone.set("sender.example", [{ type: "TXT", strings: ["v=spf1 ip4:203.0.113.0/24 -all"] }]);
  dns = await startDnsServer(zone);
  resolver = createResolver({ servers: [{ host: dns.host, port: dns.port }], timeoutMs: 300, retries: 0 });
  fetcher = createPolicyFetcher({ resolver, port: https.port, ca: certs.ca, allowPrivateAddresses: true, timeoutMs: 800 });
});

afterAll(async () => {
  await https?.close();
  await dns?.close();
});

/** What the pane and the CLI do: parse, pick the checks, run them, diagnose. */
async function diagnoseLive(raw: string): Promise<{ checks: CheckReport; en: Guidance; zh: Guidance }> {
  const bounce = await parseBounce(raw);
  const request = checkRequest(bounce);
  if (!request) throw new Error("nothing to check");
  const [checks, live] = await Promise.all([
    runChecks(request.input, resolver),
    request.live ? runLiveChecks(request.live, resolver, { zones: ["zen.spamhaus.org"], fetcher, timeoutMs: 3000 }) : null,
  ]);
  const report: CheckReport = live ? { ...checks, live } : checks;
  const guide = (locale: Locale) => diagnose(bounce, report, locale, { draftLanguage: locale });
  return { checks: report, en: guide("en-US"), zh: guide("zh-TW") };
}

const text = (g: Guidance) => [g.title, g.summary, ...g.steps.map((s) => `${s.actor}: ${s.text}`)].join("\n");

describe("recipient domain", () => {
  test("a typo domain: not found, with the suggestion in the guidance and the draft", async () => {
    const raw = postfixBounce(
      "bob@gmial.com",
      "5.4.4",
      "Host or domain name not found. Name service error for name=gmial.com type=MX: Host not found",
    );
    const { checks, en, zh } = await diagnoseLive(raw);
    expect(checks.live?.checks).toEqual(["recipient-domain"]);
    expect(checks.live?.recipientDomain).toMatchObject({ status: "not-found", suggestion: "gmail.com" });
    expect(en.summary).toContain("gmial.com does not exist in DNS now. Did you mean gmail.com?");
    expect(en.steps[0]).toEqual({ actor: "you", text: expect.stringContaining("send it again to the same name at gmail.com") });
    expect(zh.summary).toContain("您是不是要寄到 gmail.com");
    expect(zh.steps[0].text).toContain("gmail.com");
    expect(en.draft?.text).toContain("Our check now: gmial.com does not exist in DNS now.");
    expect(zh.draft?.text).toContain("我們目前的檢查：gmial.com 目前在 DNS 中不存在");
  });

  test("a null MX: the domain takes no mail, and only the recipient can give another address", async () => {
    const raw = postfixBounce("info@null.example", "5.1.10", "Domain null.example does not accept mail (nullMX)");
    const { checks, en, zh } = await diagnoseLive(raw);
    expect(checks.live?.recipientDomain).toMatchObject({ status: "null-mx" });
    // 5.1.10 is the code for a null MX (RFC 7505 section 4.2): its own title fits; the live fact confirms it.
    expect(en.summary).toContain('null.example publishes a "null MX" record: it says it accepts no email at all.');
    expect(en.steps).toEqual([{ actor: "you", text: expect.stringContaining("Only the recipient can help") }]);
    expect(zh.summary).toContain("null.example 發布了「null MX」記錄");
    expect(zh.steps).toEqual([{ actor: "you", text: expect.stringContaining("只有收件者能幫忙") }]);
  });

  test("a SERVFAIL domain: could not tell, and no typo is claimed", async () => {
    const raw = postfixBounce("bob@broken.example", "5.4.4", "Host or domain name not found. Name service error for name=broken.example type=MX: Host not found, try again");
    const { checks, en, zh } = await diagnoseLive(raw);
    expect(checks.live?.recipientDomain).toMatchObject({ status: "error", suggestion: null });
    expect(en.summary).toContain("The DNS servers for broken.example did not answer");
    expect(en.summary).not.toContain("Did you mean");
    expect(zh.summary).toContain("broken.example 的 DNS 伺服器沒有回應");
  });
});

describe("blocklists", () => {
  const spamhaus = (ip: string) => `554 5.7.1 Service unavailable; Client host [${ip}] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/${ip}`;

  test("an IP on XBL and PBL now: delist after fixing the cause, at Spamhaus's page", async () => {
    const { checks, en, zh } = await diagnoseLive(postfixBounce("bob@good.example", "5.7.1", spamhaus("203.0.113.7"), "203.0.113.7"));
    expect(checks.live?.checks).toEqual(["dnsbl"]);
    expect(en.summary).toContain("203.0.113.7 is listed now on Spamhaus ZEN (XBL, PBL).");
    const steps = text(en);
    expect(steps).toContain("request removal of 203.0.113.7 from Spamhaus ZEN (XBL, PBL) at https://check.spamhaus.org/");
    expect(steps).toContain("A policy list (Spamhaus PBL)");
    expect(zh.summary).toContain("203.0.113.7 目前列在 Spamhaus ZEN (XBL, PBL) 上");
    expect(en.draft?.text).toContain("Our check now: 203.0.113.7 is listed now on Spamhaus ZEN (XBL, PBL).");
  });

  test("a refused query is 'could not check', never 'listed'", async () => {
    const { en, zh } = await diagnoseLive(postfixBounce("bob@good.example", "5.7.1", spamhaus("203.0.113.8"), "203.0.113.8"));
    expect(en.summary).toContain("Spamhaus ZEN refused to answer about 203.0.113.8");
    expect(en.summary).not.toContain("is listed now");
    expect(zh.summary).toContain("Spamhaus ZEN 拒絕回答關於 203.0.113.8 的查詢");
  });

  test("a delisted IP: no longer listed, send again", async () => {
    const { en, zh } = await diagnoseLive(postfixBounce("bob@good.example", "5.7.1", spamhaus("203.0.113.9"), "203.0.113.9"));
    expect(en.summary).toContain("203.0.113.9 is not listed now on Spamhaus ZEN.");
    expect(en.steps[0]).toEqual({ actor: "you", text: "203.0.113.9 is no longer listed: send the message again." });
    expect(zh.steps[0].text).toBe("203.0.113.9 已不在清單上：請重新寄出郵件。");
  });
});

describe("reverse DNS", () => {
  const hostname = (ip: string) => `450 4.7.25 Client host rejected: cannot find your hostname, [${ip}]`;

  test("missing PTR", async () => {
    const { checks, en, zh } = await diagnoseLive(postfixBounce("bob@good.example", "4.7.25", hostname("203.0.113.9")));
    expect(checks.live?.checks).toEqual(["reverse-dns"]);
    expect(en.summary).toContain("203.0.113.9 has no reverse DNS name (no PTR record) now.");
    expect(zh.summary).toContain("203.0.113.9 目前沒有反向 DNS 名稱");
  });

  test("a delay notice (the server still retries) still says what the check found now", async () => {
    const { en, zh } = await diagnoseLive(postfixBounce("bob@good.example", "4.7.25", hostname("203.0.113.9"), "203.0.113.9", "delayed"));
    expect(en.title).toMatch(/^Delayed, not failed yet/);
    expect(en.summary).toContain("203.0.113.9 has no reverse DNS name (no PTR record) now.");
    expect(zh.summary).toContain("203.0.113.9 目前沒有反向 DNS 名稱");
  });

  test("a PTR that does not confirm, with a generic name", async () => {
    const { en, zh } = await diagnoseLive(postfixBounce("bob@good.example", "4.7.25", hostname("203.0.113.8"), "203.0.113.8"));
    expect(en.summary).toContain("203.0.113.8 has the reverse DNS name 203-0-113-8.dsl.isp.example, but that name does not point back to 203.0.113.8.");
    expect(text(en)).toContain("instead of 203-0-113-8.dsl.isp.example");
    expect(zh.summary).toContain("沒有指回 203.0.113.8");
  });
});

describe("TLS policy", () => {
  test("MTA-STS enforce with a mismatching MX: the recipient's admin fixes the policy", async () => {
    const raw = postfixBounce("bob@sts.example", "5.7.10", "TLS is required, but the MTA-STS policy for sts.example does not list mx.sts.example");
    const { checks, en, zh } = await diagnoseLive(raw);
    expect(checks.live?.checks).toEqual(["tls-policy"]);
    expect(en.summary).toContain("only to *.other.example, but its own mail server mx.sts.example is not in that list");
    expect(en.steps[0]).toEqual({ actor: "recipient-admin", text: expect.stringContaining("must add mx.sts.example to the mx lines") });
    expect(zh.steps[0].text).toContain("必須把 mx.sts.example 加到 sts.example 的 MTA-STS 政策");
    expect(en.draft?.text).toContain("Our check now: sts.example demands encrypted delivery");
  });

  test("a policy fetch that times out", async () => {
    const raw = postfixBounce("bob@slow.example", "4.7.5", "TLS is required, but the MTA-STS policy for slow.example could not be fetched");
    const { checks, en, zh } = await diagnoseLive(raw);
    expect(checks.live?.tlsPolicy).toMatchObject({ mtaSts: { status: "fetch-failed", error: "no policy within 800 ms" } });
    expect(en.summary).toContain("the policy file could not be fetched from mta-sts.slow.example");
    expect(zh.summary).toContain("無法從 mta-sts.slow.example 取得政策檔案");
  });

  test("an oversized policy", async () => {
    const raw = postfixBounce("bob@big.example", "5.7.10", "STARTTLS is required to send mail to big.example (MTA-STS)");
    const { checks, en } = await diagnoseLive(raw);
    expect(checks.live?.tlsPolicy).toMatchObject({ mtaSts: { status: "fetch-failed", error: "the policy is over the 65536-byte limit" } });
    expect(text(en)).toContain("https://mta-sts.big.example/.well-known/mta-sts.txt");
  });
});

describe("what leaves the machine", () => {
  test("the live request holds only names and the IP", async () => {
    const bounce = await parseBounce(postfixBounce("bob@good.example", "5.7.1", "554 5.7.1 Client host [203.0.113.7] blocked using zen.spamhaus.org", "203.0.113.7"));
    expect(liveTarget(bounce)).toEqual({ checks: ["dnsbl"], recipientDomain: "good.example", ip: "203.0.113.7", zones: ["zen.spamhaus.org"] });
  });
});
