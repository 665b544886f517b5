/**
 * DKIM keys and DMARC report authorization through the real resolver and the loopback
 * DNS server. The keys are real: generated here with node:crypto in each published form.
 */
import { generateKeyPairSync } from "node:crypto";
import { createResolver } from "../../src/dns/resolver";
import { checkDkimKey, decodeBase64, rsaModulusBits } from "../../src/spf/dkim-key";
import { checkReportAuthorization } from "../../src/spf/report-authorization";
import { parseDmarcRecord } from "../../src/spf/dmarc";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import type { Zone, ZoneRecord } from "../support/zone";

const rsa = (bits: number, type: "spki" | "pkcs1" = "spki") =>
  generateKeyPairSync("rsa", { modulusLength: bits }).publicKey.export({ type, format: "der" }).toString("base64");
const ed25519 = () => generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "der" }).subarray(-32).toString("base64");
/** Key records are long: published as 255-byte strings, as DNS providers split them. */
const txt = (text: string): ZoneRecord => ({ type: "TXT", strings: text.match(/.{1,255}/g)! });

const zone: Zone = new Map<string, ZoneRecord[]>([
  ["s2048._domainkey.shop.example", [txt(`v=DKIM1; k=rsa; p=${rsa(2048)}`)]],
  ["s1024._domainkey.shop.example", [txt(`k=rsa; t=y; p=${rsa(1024)}`)]],
  ["s512._domainkey.shop.example", [txt(`v=DKIM1; p=${rsa(512)}`)]],
  ["pkcs1._domainkey.shop.example", [txt(`v=DKIM1; p=${rsa(1024, "pkcs1")}`)]],
  ["ed._domainkey.shop.example", [txt(`v=DKIM1; k=ed25519; p=${ed25519()}`)]],
  ["old._domainkey.shop.example", [txt("v=DKIM1; k=rsa; p=")]],
  ["cut._domainkey.shop.example", [txt("v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC")]],
  ["bad._domainkey.shop.example", [txt("p=abc; v=DKIM1")]],
  ["_dmarc.shop.example", [txt("v=DMARC1; p=reject; rua=mailto:d@shop.example,mailto:r@reports.example,mailto:x@unauthorized.example")]],
  ["shop.example._report._dmarc.reports.example", [txt("v=DMARC1")]],
]);

let dns: DnsServer;
beforeAll(async () => {
  dns = await startDnsServer(zone);
});
afterAll(() => dns.close());
const resolver = () => createResolver({ servers: [{ host: dns.host, port: dns.port }], timeoutMs: 1000, retries: 0 });

describe("DKIM keys (RFC 6376 3.6.1)", () => {
  it.each([
    ["s2048", "valid", "rsa", 2048, false, []],
    ["s1024", "valid", "rsa", 1024, true, ["short-key", "testing"]],
    ["s512", "valid", "rsa", 512, false, ["weak-key"]],
    ["pkcs1", "valid", "rsa", 1024, false, ["short-key"]],
    ["ed", "valid", "ed25519", 256, false, []],
    ["old", "revoked", "rsa", null, false, ["revoked"]],
    ["cut", "invalid", "rsa", null, false, ["bad-key"]],
    ["bad", "invalid", null, null, false, ["bad-version"]],
    ["absent", "missing", null, null, false, ["no-key"]],
  ])("selector %s: %s", async (selector, status, keyType, bits, testing, codes) => {
    const report = await checkDkimKey("shop.example", selector, resolver());
    expect(report).toMatchObject({ name: `${selector}._domainkey.shop.example`, status, keyType, bits, testing });
    expect(report.problems.map((p) => p.code)).toEqual(codes);
  });

  it("reads the modulus length of any size without a crypto library, and refuses truncated DER", () => {
    for (const bits of [768, 1536, 3072]) expect(rsaModulusBits(decodeBase64(rsa(bits))!)).toBe(bits);
    const der = decodeBase64(rsa(1024))!;
    expect(rsaModulusBits(der.subarray(0, 60))).toBeNull();
    expect(decodeBase64("not base64!")).toBeNull();
  });
});

describe("DMARC report destinations (RFC 7489 7.1)", () => {
  it("warns about a destination in another domain that does not authorize the reports", async () => {
    const { policy } = parseDmarcRecord("v=DMARC1; p=reject; rua=mailto:d@shop.example,mailto:r@reports.example,mailto:x@unauthorized.example", "shop.example");
    const { destinations, problems } = await checkReportAuthorization("shop.example", policy, resolver());
    expect(destinations.map((d) => [d.domain, d.authorized])).toEqual([
      ["reports.example", true],
      ["unauthorized.example", false],
    ]);
    expect(problems).toEqual([expect.objectContaining({ code: "report-not-authorized", params: expect.objectContaining({ name: "shop.example._report._dmarc.unauthorized.example" }) })]);
  });
});
