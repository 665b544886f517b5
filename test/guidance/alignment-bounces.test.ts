/**
 * Authentication bounces end to end: real-looking bounces (the words Gmail and Exchange
 * Online / Outlook.com use for DMARC and DKIM refusals, relayed in a Postfix delivery
 * status notification with the original's headers) are parsed, the checks their names
 * call for run through the real resolver against the loopback DNS server, and the
 * guidance and the draft are checked in English and Traditional Chinese.
 */
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import { createBackend } from "../../src/backend/app";
import { loadConfig } from "../../src/backend/config";
import { startBackendServer, type RunningServer } from "../../src/backend/http";
import { main } from "../../src/cli/main";
import { createResolver } from "../../src/dns/resolver";
import { checkTarget } from "../../src/guidance/check-target";
import { diagnose } from "../../src/guidance/diagnose";
import { parseBounce } from "../../src/ndr";
import { runChecks } from "../../src/spf/index";
import type { AlignmentReport, Checks } from "../../src/spf/types";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import type { Zone, ZoneRecord } from "../support/zone";
import { authBounce as bounceText, type AuthBounceCase as Case } from "../support/auth-bounce";

const IP = "192.0.2.10";
const key = (bits: number) => generateKeyPairSync("rsa", { modulusLength: bits }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
const txt = (text: string): ZoneRecord => ({ type: "TXT", strings: text.match(/.{1,255}/g)! });

const zone: Zone = new Map<string, ZoneRecord[]>([
  // The sending service: its bounce domain authorizes the IP, it signs as itself.
  ["bounces.esp.example", [txt(`v=spf1 ip4:${IP} -all`)]],
  ["k1._domainkey.esp.example", [txt(`v=DKIM1; k=rsa; p=${key(2048)}`)]],
  // The brand that sends through it.
  ["shop.example", [txt(`v=spf1 ip4:${IP} -all`)]],
  ["_dmarc.shop.example", [txt("v=DMARC1; p=reject; rua=mailto:dmarc@shop.example")]],
  ["old._domainkey.shop.example", [txt("v=DKIM1; k=rsa; p=")]],
  ["weak._domainkey.shop.example", [txt(`v=DKIM1; k=rsa; p=${key(512)}`)]],
  ["good._domainkey.shop.example", [txt(`v=DKIM1; k=rsa; p=${key(2048)}`)]],
  // A brand with strict SPF alignment and a subdomain envelope.
  ["_dmarc.strict.example", [txt("v=DMARC1; p=reject; aspf=s")]],
  ["bounce.strict.example", [txt(`v=spf1 ip4:${IP} -all`)]],
]);

let dns: DnsServer;
beforeAll(async () => {
  dns = await startDnsServer(zone);
});
afterAll(() => dns.close());

const GMAIL_DMARC = (domain: string) =>
  `550-5.7.26 Unauthenticated email from ${domain} is not accepted due to\n    550-5.7.26 domain's DMARC policy. Please contact the administrator of\n    550-5.7.26 ${domain} domain if this was a legitimate mail. Please visit\n    550-5.7.26  https://support.google.com/mail/answer/2451690 to learn about\n    550 5.7.26 the DMARC initiative. d2e1a72fcca58-7a2b3c4d5e6f.21 - gsmtp`;
const GMAIL_UNAUTHENTICATED =
  "550-5.7.26 This mail has been blocked because the sender is\n    550-5.7.26 unauthenticated. Gmail requires all senders to authenticate with\n    550-5.7.26 either SPF or DKIM.\n    550-5.7.26\n    550-5.7.26  Authentication results:\n    550-5.7.26  DKIM = did not pass\n    550-5.7.26  SPF [shop.example] with ip: [192.0.2.10] = did not pass\n    550-5.7.26\n    550-5.7.26  For instructions on setting up authentication, go to\n    550 5.7.26  https://support.google.com/mail/answer/81126#authentication a1b2c3d4e5f6.3 - gsmtp";
const EXO_DMARC = (domain: string) =>
  `550 5.7.509 Access denied, sending domain ${domain.toUpperCase()} does not pass DMARC verification and has a DMARC policy of reject. [BN8NAM12FT067.eop-nam12.prod.protection.outlook.com 2026-11-20T08:15:02.123Z 08DCF1A2B3C4D5E6]`;
const OUTLOOK_515 = (domain: string) =>
  `550 5.7.515 Access denied, sending domain [${domain.toUpperCase()}] doesn't meet the required authentication level. The sender's domain in the 5322.From address doesn't meet the authentication requirements defined for the sender. To learn more, go to https://go.microsoft.com/fwlink/?LinkId=2283593 [CH1PEPF0000AD7B.namprd04.prod.outlook.com 2026-11-20T08:15:02.456Z 08DCF1A2B3C4D5E7]`;

const gmail = { recipient: "customer@gmail.com", remoteMta: "gmail-smtp-in.l.google.com", status: "5.7.26" };
const exo = { recipient: "buyer@contoso.example", remoteMta: "contoso-example.mail.protection.outlook.com", status: "5.7.509" };
const signature = (d: string, s: string) => `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${d}; s=${s};\n\th=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n\tb=dGVzdHNpZ25hdHVyZQ==`;

async function run(c: Case) {
  const bounce = await parseBounce(bounceText(c));
  const target = checkTarget(bounce);
  expect(target).not.toBeNull();
  const resolver = createResolver({ servers: [{ host: dns.host, port: dns.port }], timeoutMs: 1000, retries: 0 });
  const checks = await runChecks(target!, resolver);
  // The draft in the language of the guidance, for both to be checked.
  const en = diagnose(bounce, checks, "en-US", { draftLanguage: "en-US" });
  const zh = diagnose(bounce, checks, "zh-TW", { draftLanguage: "zh-TW" });
  return { bounce, target: target!, checks, alignment: checks.alignment as AlignmentReport, en, zh };
}

const stepsText = (g: { steps: { text: string }[] }) => g.steps.map((s) => s.text).join("\n");

describe("authentication bounces: alignment decides, in both languages", () => {
  it("SPF passes for the service's bounce domain, not aligned, no DKIM (Exchange Online 5.7.509)", async () => {
    const r = await run({
      ...exo,
      name: "spf-unaligned",
      diagnostic: EXO_DMARC("shop.example"),
      envelope: "bounces+8812@bounces.esp.example",
      original: "Authentication-Results: spf=pass (sender IP is 192.0.2.10)\n smtp.mailfrom=bounces.esp.example; dkim=none (message not signed)\n header.d=none;dmarc=fail action=oreject header.from=shop.example;\nFrom: Shop <news@shop.example>",
    });
    // Only names leave the machine: the envelope domain, the IP, the From domain.
    expect(r.target).toEqual({ domain: "bounces.esp.example", ip: IP, fromDomain: "shop.example" });
    expect(r.alignment).toMatchObject({ deciding: "spf-unaligned-no-dkim", spf: { domain: "bounces.esp.example", result: "pass", aligned: false } });
    expect(r.en.reason).toBe("dmarc-policy");
    expect(r.en.summary).toContain("SPF was checked for bounces.esp.example (the sending service's bounce domain, result pass), not for shop.example");
    expect(stepsText(r.en)).toMatch(/DKIM signing with shop\.example[\s\S]*custom return-path/);
    expect(r.zh.summary).toContain("SPF 檢查的是 bounces.esp.example");
    expect(stepsText(r.zh)).toContain("自訂的退信（return-path）網域");
    // Only the sender's side can fix it: no email to the recipient's admin.
    expect(r.en.draft).toBeNull();
    expect(r.zh.draft).toBeNull();
    expect(r.en.whoActs).toEqual(["your-admin"]);
  });

  it("DKIM signed by the service's domain (Gmail 5.7.26, DMARC)", async () => {
    const r = await run({
      ...gmail,
      name: "dkim-other",
      diagnostic: GMAIL_DMARC("shop.example"),
      envelope: "bounces+8813@bounces.esp.example",
      original: `${signature("esp.example", "k1")}\nFrom: Shop <news@shop.example>`,
    });
    expect(r.target.dkim).toBe("k1:esp.example");
    expect(r.alignment).toMatchObject({ deciding: "dkim-other-domain", dkim: [{ domain: "esp.example", aligned: false, key: "valid" }] });
    expect(r.en.summary).toContain("DKIM-signed by esp.example, not by shop.example");
    expect(r.zh.summary).toContain("DKIM 簽章網域是 esp.example，不是 shop.example");
    expect(r.en.steps[0].text).toContain("set up DKIM signing with shop.example");
    expect(r.en.draft).toBeNull();
  });

  it("DKIM key missing at the selector, envelope at the service (Gmail 5.7.26)", async () => {
    const r = await run({
      ...gmail,
      name: "key-missing-esp",
      diagnostic: GMAIL_UNAUTHENTICATED,
      envelope: "bounces+1@bounces.esp.example",
      original: `${signature("shop.example", "s2026")}\nFrom: Shop <news@shop.example>`,
    });
    expect(r.alignment).toMatchObject({ deciding: "dkim-key-missing", params: { name: "s2026._domainkey.shop.example" } });
    expect(r.en.summary).toContain("no key is published at s2026._domainkey.shop.example");
    expect(r.zh.summary).toContain("s2026._domainkey.shop.example 沒有發布金鑰");
    expect(stepsText(r.en)).toContain("Publish the public key for selector s2026 at s2026._domainkey.shop.example");
    expect(stepsText(r.zh)).toContain("請在 s2026._domainkey.shop.example 發布選擇器 s2026 的公開金鑰");
    expect(r.en.draft).toBeNull();
  });

  it("DKIM key revoked (Exchange Online 5.7.509)", async () => {
    const r = await run({ ...exo, name: "revoked", diagnostic: EXO_DMARC("shop.example"), envelope: "bounces+2@bounces.esp.example", original: `${signature("shop.example", "old")}\nFrom: news@shop.example` });
    expect(r.alignment.deciding).toBe("dkim-key-revoked");
    expect(r.en.summary).toContain("The DKIM key at old._domainkey.shop.example is revoked");
    expect(r.zh.summary).toContain("old._domainkey.shop.example 的 DKIM 金鑰已撤銷");
    expect(stepsText(r.en)).toContain("sign with its current selector");
    expect(r.zh.draft).toBeNull();
  });

  it("RSA 512-bit key (Outlook.com 5.7.515)", async () => {
    const r = await run({
      recipient: "someone@outlook.com",
      remoteMta: "outlook-com.olc.protection.outlook.com",
      status: "5.7.515",
      name: "weak",
      diagnostic: OUTLOOK_515("shop.example"),
      envelope: "bounces+3@bounces.esp.example",
      original: `${signature("shop.example", "weak")}\nFrom: news@shop.example`,
    });
    expect(r.alignment).toMatchObject({ deciding: "dkim-weak-key", params: { bits: 512 } });
    expect((r.checks.dkim as { bits: number | null }[])[0].bits).toBe(512);
    expect(r.en.summary).toContain("only 512 bits");
    expect(r.zh.summary).toContain("只有 512 位元");
    expect(stepsText(r.en)).toContain("2048-bit DKIM key for shop.example");
    expect(stepsText(r.zh)).toContain("2048 位元的 DKIM 金鑰");
    expect(r.en.draft).toBeNull();
  });

  it("aligned and passing: the bounce was caused by something else, and the draft says our DMARC passes", async () => {
    const r = await run({ ...gmail, name: "pass", diagnostic: GMAIL_DMARC("shop.example"), envelope: "bounces+4@bounces.esp.example", original: `${signature("shop.example", "good")}\nFrom: news@shop.example` });
    expect(r.alignment).toMatchObject({ deciding: "aligned-pass", params: { via: "dkim", domain: "shop.example", selector: "good" } });
    expect(r.en.summary).toContain("Authentication is not the problem today");
    expect(r.zh.summary).toContain("目前驗證不是問題");
    expect(r.en.whoActs).toContain("recipient-admin");
    expect(r.en.draft?.text).toContain("Our DMARC check: passes for shop.example (DKIM aligned, shop.example)");
    expect(r.zh.draft?.text).toContain("我們的 DMARC 檢查：shop.example 通過（DKIM 對齊，shop.example）");
  });

  it("strict aspf=s with a subdomain envelope (Exchange Online 5.7.509)", async () => {
    const r = await run({ ...exo, name: "strict", diagnostic: EXO_DMARC("strict.example"), envelope: "mailer@bounce.strict.example", original: "Authentication-Results: spf=pass (sender IP is 192.0.2.10)\n smtp.mailfrom=bounce.strict.example; dkim=none (message not signed)\n header.d=none;dmarc=fail action=oreject header.from=strict.example;\nFrom: Strict <news@strict.example>" });
    expect(r.target.domain).toBe("bounce.strict.example");
    expect(r.alignment).toMatchObject({ deciding: "strict-subdomain", mode: { spf: "s" }, spf: { domain: "bounce.strict.example", result: "pass", aligned: false, alignedRelaxed: true } });
    expect(r.en.summary).toContain("asks for an exact match (aspf=s)");
    expect(r.zh.summary).toContain("（aspf=s）");
    expect(stepsText(r.en)).toContain("Use strict.example itself as the return-path (envelope) domain instead of bounce.strict.example");
    expect(r.en.draft).toBeNull();
  });
});

test("the checks report says which names were asked about, and nothing of the message", async () => {
  const { checks } = await run({ ...gmail, name: "privacy", diagnostic: GMAIL_DMARC("shop.example"), envelope: "bounces+5@bounces.esp.example", original: `${signature("shop.example", "good")}\nFrom: news@shop.example` });
  const json = JSON.stringify(checks);
  expect(json).not.toContain("November offers");
  expect(json).not.toContain("customer@");
});

describe("through the doors: bounce-doctor spf --from --dkim and POST /api/check", () => {
  let backend: RunningServer;
  beforeAll(async () => {
    const env = { DNS_SERVERS: `127.0.0.1:${dns.port}`, DNS_TIMEOUT_MS: "1000", DNS_RETRIES: "0", RATE_LIMIT_BURST: "1000", CHECK_CACHE_SECONDS: "0" };
    const config = { ...loadConfig(env), port: 0 };
    backend = await startBackendServer(createBackend(config), config);
  });
  afterAll(() => backend.close());

  it("both give the engine's alignment for the same names", async () => {
    const request = { domain: "bounces.esp.example", ip: IP, fromDomain: "shop.example", dkim: "k1:esp.example weak:shop.example" };
    const direct = await runChecks(request, createResolver({ servers: [{ host: dns.host, port: dns.port }], timeoutMs: 1000, retries: 0 }));
    expect((direct.alignment as AlignmentReport).deciding).toBe("dkim-weak-key");

    let out = "";
    const io = { stdout: (text: string) => void (out += text), stderr: () => undefined, readStdin: async () => new Uint8Array() };
    const code = await main(["spf", "bounces.esp.example", "--ip", IP, "--from", "shop.example", "--dkim", "k1:esp.example", "--dkim", "weak:shop.example", "--dns", `127.0.0.1:${dns.port}`, "--json"], io);
    expect(code).toBe(0);
    const cli = JSON.parse(out) as Checks;

    const api = await new Promise<Checks>((resolve, reject) => {
      const post = http.request(`${backend.url}/api/check`, { method: "POST", headers: { "content-type": "application/json" } }, (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => (response.statusCode === 200 ? resolve(JSON.parse(text) as Checks) : reject(new Error(`HTTP ${response.statusCode}: ${text}`))));
      });
      post.on("error", reject);
      post.end(JSON.stringify(request));
    });
    for (const checks of [cli, api]) {
      expect(checks.alignment).toEqual(direct.alignment);
      expect(checks.dkim).toEqual(direct.dkim);
    }
  });

  it("a dkim field that is not selector:domain pairs is refused with the field named", async () => {
    let err = "";
    const io = { stdout: () => undefined, stderr: (text: string) => void (err += text), readStdin: async () => new Uint8Array() };
    expect(await main(["spf", "shop.example", "--dkim", "no-colon"], io)).toBe(2);
    expect(err).toContain("--dkim must be up to 5 selector:domain pairs");
  });
});
