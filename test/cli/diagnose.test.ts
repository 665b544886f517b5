/**
 * bounce-doctor diagnose: offline on files and standard input, usage errors, and once
 * with the live checks against a DNS server on loopback.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "../../src/cli/commands/diagnose";
import { captureIo } from "../support/cli-io";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import type { Zone } from "../support/zone";


/** An RFC 3464 report of an SPF rejection that quotes the sending IP. */
function spfDsn(diagnostic = "550 5.7.23 SPF validation failed for 198.51.100.20"): string {
  return [
    "From: Mail Delivery System <MAILER-DAEMON@mail.sender.test>",
    "To: alice@sender.test",
    "Subject: Undelivered Mail Returned to Sender",
    "Date: Fri, 20 Nov 2026 08:16:00 +0000",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    "",
    "--B",
    "Content-Type: text/plain",
    "",
    "Your message could not be delivered.",
    "",
    "--B",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mail.sender.test",
    "Arrival-Date: Fri, 20 Nov 2026 08:15:00 +0000",
    "",
    "Final-Recipient: rfc822; bob@example.com.tw",
    "Action: failed",
    "Status: 5.7.23",
    "Remote-MTA: dns; mx.example.com.tw",
    `Diagnostic-Code: smtp; ${diagnostic}`,
    "",
    "--B",
    "Content-Type: message/rfc822-headers",
    "",
    "From: Alice <alice@sender.test>",
    "To: bob@example.com.tw",
    "Subject: Quote",
    "",
    "--B--",
    "",
  ].join("\r\n");
}

const dir = mkdtempSync(path.join(tmpdir(), "bounce-doctor-diagnose-"));
const file = path.join(dir, "spf.eml");
writeFileSync(file, spfDsn());

describe("offline", () => {
  test("prints the guidance and the draft in the chosen language", async () => {
    const io = captureIo();
    expect(await run([file, "--offline", "--lang", "en-US"], io)).toBe(0);
    expect(io.err).toBe("");
    expect(io.out).toContain("Status code: 5.7.23");
    expect(io.out).toContain("Reason: Sender authentication (SPF)");
    expect(io.out).toContain("Not run (offline).");
    expect(io.out).toContain("Draft to: postmaster@example.com.tw");
    // The recipient is under .tw: the draft itself is in Traditional Chinese.
    expect(io.out).toContain("example.com.tw 的郵件系統管理員您好");

    const zh = captureIo();
    expect(await run([file, "--offline", "--lang", "zh-TW", "--draft-lang", "en-US"], zh)).toBe(0);
    expect(zh.out).toContain("狀態碼：5.7.23");
    expect(zh.out).toContain("Hello postmaster of example.com.tw");
  });

  test("--json prints bounce, checks (null offline) and guidance", async () => {
    const io = captureIo();
    expect(await run([file, "--offline", "--json"], io)).toBe(0);
    const out = JSON.parse(io.out);
    expect(Object.keys(out)).toEqual(["bounce", "checks", "guidance"]);
    expect(out.checks).toBeNull();
    expect(out.bounce.recipients[0].status).toBe("5.7.23");
    expect(out.guidance.reason).toBe("spf-failure");
    expect(out.guidance.draft.to).toBe("postmaster@example.com.tw");
  });

  test("reads standard input with -", async () => {
    const io = captureIo(spfDsn());
    expect(await run(["-", "--offline", "--lang", "en-US"], io)).toBe(0);
    expect(io.out).toContain("5.7.23");
  });

  test("a hostile diagnostic cannot steer the terminal", async () => {
    const hostile = path.join(dir, "hostile.eml");
    writeFileSync(hostile, spfDsn(`550 5.7.23 \u001b]0;pwned\u0007\u001b[2J SPF fail ${"x".repeat(50_000)}`));
    const io = captureIo();
    expect(await run([hostile, "--offline", "--lang", "en-US"], io)).toBe(0);
    expect(io.out).not.toMatch(/\u001b|\u0007/);
    expect(io.out.length).toBeLessThan(20_000);
  });

  test.each([
    [[], 2],
    [["a.eml", "b.eml"], 2],
    [["x.eml", "--lang", "fr-FR"], 2],
    [["x.eml", "--bogus"], 2],
    [["/nonexistent/bounce.eml", "--offline"], 1],
  ])("usage and input errors: %p exits %p", async (args, code) => {
    const io = captureIo();
    expect(await run(args, io)).toBe(code);
    expect(io.err).toMatch(/^bounce-doctor diagnose: /);
  });
});

describe("with the live checks against a loopback DNS server", () => {
  const zone: Zone = new Map([
    ["sender.test", [{ type: "TXT", strings: ["v=spf1 ip4:192.0.2.0/24 -all"] }]],
    ["_dmarc.sender.test", [{ type: "TXT", strings: ["v=DMARC1; p=reject"] }]],
  ]);
  let dns: DnsServer;
  beforeAll(async () => {
    dns = await startDnsServer(zone);
  });
  afterAll(() => dns.close());

  test("checks the sender domain for the quoted IP and explains the failure", async () => {
    const io = captureIo();
    expect(await run([file, "--dns", `127.0.0.1:${dns.port}`, "--timeout", "5", "--lang", "en-US"], io)).toBe(0);
    expect(io.err).toBe("");
    expect(io.out).toContain("SPF sender.test: v=spf1 ip4:192.0.2.0/24 -all");
    expect(io.out).toContain("result for 198.51.100.20: fail");
    expect(io.out).toContain("does not allow 198.51.100.20");
    expect(io.out).toContain("DMARC sender.test: v=DMARC1; p=reject");

    const json = captureIo();
    expect(await run([file, "--dns", `127.0.0.1:${dns.port}`, "--json"], json)).toBe(0);
    const out = JSON.parse(json.out);
    expect(out.checks.schema).toBe("bounce-doctor/checks@1");
    expect(out.checks.spf.result).toBe("fail");
    expect(out.guidance.draft.text).toContain("fail");
  });
});

describe("DNS text from a hostile sender domain", () => {
  // The bounce names the sender domain, so whoever wrote it may also own that domain's SPF record.
  const zone: Zone = new Map([
    ["sender.test", [{ type: "TXT", strings: ["v=spf1 \u001b]0;owned\u0007\u001b[2J\u009b31m\u202e ip4:192.0.2.0/24 -all"] }]],
    ["_dmarc.sender.test", [{ type: "TXT", strings: ["v=DMARC1; p=reject; \u001b[31m"] }]],
  ]);
  let dns: DnsServer;
  beforeAll(async () => {
    dns = await startDnsServer(zone);
  });
  afterAll(() => dns.close());

  test("reaches the terminal without escape sequences or bidi overrides", async () => {
    const io = captureIo();
    expect(await run([file, "--dns", `127.0.0.1:${dns.port}`, "--timeout", "5", "--lang", "en-US"], io)).toBe(0);
    expect(io.out).toContain("SPF sender.test: v=spf1 ]0;owned [2J 31m ip4:192.0.2.0/24 -all");
    expect(io.out).toContain("Fix the term ]0;owned [2J 31m");
    expect(io.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);

    const json = captureIo();
    expect(await run([file, "--dns", `127.0.0.1:${dns.port}`, "--json"], json)).toBe(0);
    const { guidance } = JSON.parse(json.out);
    const sentences = [guidance.title, guidance.summary, ...guidance.steps.map((s: { text: string }) => s.text), guidance.draft.text];
    for (const sentence of sentences) expect(sentence).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
  });
});
