/**
 * The sending IP in every wording receivers use (issue: "the sending IP in any
 * wording"), never the receiving host's own address, never a private or reserved one.
 */
import fs from "node:fs";
import path from "node:path";
import { parseBounce } from "../../src/ndr";
import { isIPv6, isRoutableIp } from "../../src/ndr/ip-address";
import { findExplicitSendingIp, findSendingIp, sendingIpReceivedBy } from "../../src/ndr/sending-ip";
import { FieldMap } from "../../src/ndr/header-fields";

test.each([
  ["a bracketed address after the reason", "550 5.7.23 The message was rejected because of Sender Policy Framework violation [203.0.113.7]", "203.0.113.7"],
  ["Exim's default SPF ACL text", "550 203.0.113.7 is not allowed to send mail from example.com", "203.0.113.7"],
  ["SPF ... from", "550 5.7.1 SPF check failed: mail from example.com from 203.0.113.7 rejected", "203.0.113.7"],
  ["Gmail's \"with ip:\"", "550-5.7.26 SPF [example.com] with ip: [203.0.113.7] = did not pass", "203.0.113.7"],
  ["Gmail's \"with ip:\" across a continuation", "550-5.7.26 fails to pass SPF checks with the ip: 550-5.7.26 [203.0.113.7]. To best protect", "203.0.113.7"],
  ["client-ip=", "550 5.7.23 SPF fail (client-ip=203.0.113.7; helo=mail.example.com)", "203.0.113.7"],
  ["Client host [..] blocked", "554 5.7.1 Service unavailable; Client host [203.0.113.7] blocked using zen.spamhaus.org", "203.0.113.7"],
  ["ip= in a lookup link", "554 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=203.0.113.7", "203.0.113.7"],
  ["Outlook.com's \"messages from .. weren't sent\"", "550 SC-001 Unfortunately, messages from 203.0.113.7 weren't sent.", "203.0.113.7"],
  ["banned sending IP", "550 5.7.606 Access denied, banned sending IP [203.0.113.7].", "203.0.113.7"],
  ["the mail server [..] rate limited", "451 4.7.650 The mail server [203.0.113.7] has been temporarily rate limited due to IP reputation.", "203.0.113.7"],
  ["reverse DNS for", "554 5.7.1 [C14] Missing reverse DNS for 203.0.113.7", "203.0.113.7"],
  ["Gmail's bracket with a count", "550-5.7.1 [203.0.113.7      12] Our system has detected an unusual rate", "203.0.113.7"],
  ["IPv6 client-ip", "550 5.7.23 SPF fail; client-ip=2001:db8::25", "2001:db8::25"],
  ["IPv6 with ip:", "550-5.7.26 SPF [example.com] with ip: [2001:db8:4860:1::7] = did not pass", "2001:db8:4860:1::7"],
  ["Postfix's unknown reverse hostname", "550 5.7.1 Client host rejected: cannot find your reverse hostname, [203.0.113.7]", "203.0.113.7"],
  ["Postfix's unknown hostname", "450 4.7.1 Client host rejected: cannot find your hostname, [2001:db8::25]", "2001:db8::25"],
])("%s", (_wording, diagnostic, ip) => {
  expect(findSendingIp(diagnostic)).toBe(ip);
});

test.each([
  ["the receiving host Postfix names", "host mx.example.net[203.0.113.10] said: 550 5.7.1 SPF check failed"],
  ["the receiving host Exim names", "SMTP error from remote mail server after RCPT TO:<bob@example.net>: host mx.example.net [203.0.113.10]: 550 5.7.1 blocked"],
  ["qmail's remote host", "203.0.113.10 does not like recipient. Remote host said: 550 5.7.1 relaying denied"],
  ["a private address", "550 5.7.1 Client host [10.1.2.3] blocked"],
  ["a loopback address", "550 5.7.1 client-ip=127.0.0.1 rejected"],
  ["a link-local IPv6 address", "550 5.7.1 client-ip=fe80::1 rejected"],
  ["a unique-local IPv6 address", "550 5.7.1 client-ip=fd00::25 rejected"],
  ["a time is no IPv6 address", "550 5.7.1 SPF failed at 10:12:00 from host"],
  ["an address in a rejection about something else", "550 5.1.1 <bob@example.net>: user unknown [203.0.113.10]"],
])("not %s", (_case, diagnostic) => {
  expect(findSendingIp(diagnostic)).toBeNull();
});

test("the remote server's own address, known from Remote-MTA, is not the sender's", () => {
  expect(findSendingIp("550 5.7.1 blocked by policy [203.0.113.10]", new Set(["203.0.113.10"]))).toBeNull();
});

test("IPv6 text forms are validated (RFC 4291 §2.2) and reserved ranges refused", () => {
  expect(isIPv6("2001:db8::1")).toBe(true);
  expect(isIPv6("::ffff:192.0.2.1")).toBe(true);
  expect(isIPv6("1:2:3:4:5:6:7:8")).toBe(true);
  expect(isIPv6("10:12:00")).toBe(false);
  expect(isIPv6("1::2::3")).toBe(false);
  expect(isRoutableIp("::ffff:192.168.1.1")).toBe(false);
  expect(isRoutableIp("::1")).toBe(false);
  expect(isRoutableIp("100.64.0.1")).toBe(false);
  expect(isRoutableIp("198.51.100.7")).toBe(true);
});

test("the report's text is read in its explicit phrasings only", () => {
  expect(findExplicitSendingIp("The original message was received from mail.example.com [203.0.113.9]")).toBeNull();
  expect(findExplicitSendingIp("Reason: 550 5.7.1 Client host [203.0.113.9] blocked")).toBe("203.0.113.9");
});

test("the rejecting server's own Received line in the returned original names the client it saw", () => {
  const headers = FieldMap.parse(
    [
      "Received: from mail.example.com (mail.example.com [203.0.113.7]) by filter.example.net (Spam Firewall) with ESMTP id 1",
      "Received: from [192.168.1.20] by mail.example.com with ESMTPSA id 2",
    ].join("\n"),
  );
  expect(sendingIpReceivedBy(headers, ["filter.example.net"])).toBe("203.0.113.7");
  expect(sendingIpReceivedBy(headers, ["mx.other.example"])).toBeNull();
  expect(sendingIpReceivedBy(headers, ["mail.example.com"])).toBeNull(); // its client is private
});

test("an Exchange Online 5.7.23 bounce whose receiver words the rejection otherwise still gives the IP", async () => {
  const raw = [
    "From: Microsoft Outlook <postmaster@contoso.example>",
    "To: alice@contoso.example",
    "Subject: Undeliverable: Report",
    "Return-Path: <>",
    "",
    "Your message to bob@fabrikam.example couldn't be delivered.",
    "",
    "Diagnostic information for administrators:",
    "",
    "Generating server: BN8PR01MB1234.namprd01.prod.outlook.com",
    "Receiving server: mx.fabrikam.example (198.51.100.20)",
    "",
    "bob@fabrikam.example",
    "Remote Server returned '550 5.7.23 SPF validation failed: 203.0.113.7 is not allowed to send mail from contoso.example'",
    "",
  ].join("\n");
  const bounce = await parseBounce(raw);
  expect(bounce.isBounce).toBe(true);
  expect(bounce.sendingIp).toBe("203.0.113.7");
});

test("hostile input: read only as far as the bound, so an address past it is not found", () => {
  const padding = `550 5.7.1 SPF ${"[".repeat(200000)} from ${"1.".repeat(100000)}`;
  expect(findSendingIp(padding)).toBeNull();
  expect(findExplicitSendingIp(padding.replace(/\[/g, "\n"))).toBeNull();
  expect(findSendingIp(`${"x".repeat(20000)} client-ip=203.0.113.7`)).toBeNull();
  expect(findSendingIp(`${"x".repeat(2000)} client-ip=203.0.113.7`)).toBe("203.0.113.7");
});

/** Real bounces written by five MTAs for a reply naming the client (test/fixtures/collections/current-mtas). */
test.each(["postfix", "exim", "sendmail", "opensmtpd", "dma"])("%s's bounce for 'cannot find your reverse hostname, [..]' gives the IP", async (mta) => {
  const file = path.join(__dirname, "../fixtures/collections/current-mtas", `${mta}-reverse-dns.eml`);
  const bounce = await parseBounce(new Uint8Array(fs.readFileSync(file)));
  expect(bounce.recipients.map((r) => r.address)).toEqual(["rdns@example.net"]);
  expect(bounce.sendingIp).toBe("198.51.100.23");
});
