import { FieldMap } from "../../src/ndr/header-fields";
import { readReturnedAuthentication } from "../../src/ndr/returned-auth";

const block = (text: string) => FieldMap.parse(text);

describe("the returned original's authentication (RFC 6376, RFC 8601, RFC 8617)", () => {
  it("reads From, DKIM signatures, Authentication-Results and ARC", () => {
    const headers = block(
      [
        "ARC-Seal: i=1; a=rsa-sha256; t=1700000000; cv=none; d=relay.example; s=arc",
        "Authentication-Results: mx.relay.example (relay); spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=bounces.esp.example;",
        " dkim=pass header.d=esp.example header.s=k1; dmarc=fail (p=REJECT) header.from=shop.example",
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=esp.example; s=k1;",
        "  h=from:to:subject; bh=abc=; b=def=",
        "DKIM-Signature: v=1; a=rsa-sha256; d=shop.example; s=sel 1; b=x",
        "From: \"Shop\" <news@Shop.Example>",
      ].join("\n"),
    );
    expect(readReturnedAuthentication(headers, "news@shop.example")).toEqual({
      fromDomain: "shop.example",
      envelopeDomain: "bounces.esp.example",
      envelopeFrom: "authentication-results",
      dkim: [
        { domain: "esp.example", selector: "k1", algorithm: "rsa-sha256" },
        { domain: "shop.example", selector: "sel1", algorithm: "rsa-sha256" },
      ],
      results: [
        { authserv: "mx.relay.example", method: "spf", result: "pass", domain: "bounces.esp.example" },
        { authserv: "mx.relay.example", method: "dkim", result: "pass", domain: "esp.example" },
        { authserv: "mx.relay.example", method: "dmarc", result: "fail", domain: "shop.example" },
      ],
      clientIp: "192.0.2.10",
      arc: { sets: 1, chain: "none" },
    });
    const microsoft = block("Authentication-Results: spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=esp.example; dkim=none (message not signed)\nFrom: a@shop.example");
    expect(readReturnedAuthentication(microsoft, null)?.clientIp).toBe("192.0.2.10");
  });

  it("takes the Return-Path, else the bounce's addressee, as the envelope", () => {
    expect(readReturnedAuthentication(block("Return-Path: <b@mail.shop.example>\nFrom: a@shop.example"), "a@shop.example")).toMatchObject({ envelopeDomain: "mail.shop.example", envelopeFrom: "return-path" });
    expect(readReturnedAuthentication(block("From: a@shop.example"), "a@other.example")).toMatchObject({ envelopeDomain: "other.example", envelopeFrom: "bounce-recipient" });
    expect(readReturnedAuthentication(null, "a@shop.example")).toBeNull();
  });

  it("keeps only names from hostile values, within bounds", () => {
    const hostile = [
      ...Array.from({ length: 50 }, (_, i) => `DKIM-Signature: d=d${i}.example; s=s${i}`),
      "DKIM-Signature: d=evil\u202e.example; s=x",
      "DKIM-Signature: d=<script>; s=x",
      `Authentication-Results: ${"x".repeat(100_000)}; spf=pass smtp.mailfrom=a.example`,
      "From: a@shop.example",
    ].join("\n");
    const auth = readReturnedAuthentication(block(hostile), null)!;
    expect(auth.dkim).toHaveLength(10);
    expect(auth.dkim.every((d) => /^d\d\.example$/.test(d.domain))).toBe(true);
    expect(auth.results).toEqual([]);
  });
});
