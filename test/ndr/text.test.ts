import { findSendingIp } from "../../src/ndr/sending-ip";
import { findAddress, findReplyCode, findStatus } from "../../src/ndr/text";
import { expectLinear } from "../support/linear-time";

test("enhanced status codes are found, not parts of IPs or versions", () => {
  expect(findStatus("550 5.7.23 rejected")).toBe("5.7.23");
  expect(findStatus("550-5.1.1 The email account does not exist")).toBe("5.1.1");
  expect(findStatus("#5.1.10 smtp;550")).toBe("5.1.10");
  expect(findStatus("host 192.0.2.1 said: no")).toBeNull();
  expect(findStatus("Postfix 2.4.2.1 here")).toBeNull();
  expect(findStatus("status 5.001.001")).toBe("5.1.1");
});

test("reply codes come from the start of a reply", () => {
  expect(findReplyCode("550 5.7.23 rejected")).toBe(550);
  expect(findReplyCode("said: 554-5.7.1 no")).toBe(554);
  expect(findReplyCode("version 3.550.1")).toBeNull();
  expect(findReplyCode(null)).toBeNull();
});

test("addresses are found and lowercased", () => {
  expect(findAddress("Bob <Bob@Contoso.Example>")).toBe("bob@contoso.example");
  expect(findAddress("rfc822; carol@contoso.example.")).toBe("carol@contoso.example");
  expect(findAddress("nobody here")).toBeNull();
});

test("the sending IP comes from phrases about the client, not the receiving host", () => {
  expect(findSendingIp("550 5.7.26 ... SPF [fabrikam.example] with ip: [203.0.113.5] = did not pass")).toBe("203.0.113.5");
  expect(findSendingIp("554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org")).toBe("198.51.100.7");
  expect(findSendingIp("host mx.contoso.example[192.0.2.10] said: 550 5.1.1 user unknown")).toBeNull();
  expect(findSendingIp("client-ip=10.1.2.3")).toBeNull(); // private: tells a receiver nothing
  expect(findSendingIp("550 5.7.23 SPF fail; client-ip=2001:db8::25")).toBe("2001:db8::25");
});

describe("hostile input costs one linear pass: doubling it at most about doubles the time", () => {
  test("a status code's digits run on for megabytes", async () => {
    await expectLinear((n) => {
      const text = "5".repeat(n) + "." + "1".repeat(n);
      return () => expect(findStatus(text)).toBeNull();
    }, 1 << 16);
  });

  test("an address without its domain", async () => {
    await expectLinear((n) => {
      const text = "a".repeat(n) + "@";
      return () => expect(findAddress(text)).toBeNull();
    }, 1 << 16);
  });

  test("a sending IP after a long run of text", async () => {
    await expectLinear((n) => {
      const text = "from " + "x".repeat(n) + " [ip 999.1.1.1]";
      return () => expect(findSendingIp(text)).toBeNull();
    }, 1 << 16);
  });
});
