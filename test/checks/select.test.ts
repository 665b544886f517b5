import { selectChecks } from "../../src/checks";
import { namedZones } from "../../src/checks/select";
import { editDistance, suggestDomain } from "../../src/checks/typo";

describe("selectChecks: the checks a rejection calls for", () => {
  test.each([
    ["5.1.2", "550 5.1.2 Host unknown: domain not found", ["recipient-domain"]],
    ["5.4.310", "DNS domain gmial.com does not exist [Message=InfoDomainNonexistent]", ["recipient-domain"]],
    [null, "Host or domain name not found. Name service error for name=outlok.com type=AAAA: Host not found", ["recipient-domain"]],
    ["5.7.1", "Service unavailable; Client host [203.0.113.7] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.7", ["dnsbl"]],
    ["5.7.25", "The sending IP has no PTR record", ["reverse-dns"]],
    ["4.7.1", "Client host rejected: cannot find your hostname, [203.0.113.8]", ["reverse-dns"]],
    ["5.7.10", "Must issue a STARTTLS command first", ["tls-policy"]],
    ["4.4.8", "MTA-STS policy for sts.example forbids delivery to mx.sts.example", ["tls-policy"]],
    ["5.1.1", "User unknown", []],
    [null, "", []],
  ])("%s %s", (status, text, checks) => {
    expect(selectChecks(status, text).checks).toEqual(checks);
  });

  test("a rejection about two things calls for both, the code's first", () => {
    expect(selectChecks("5.7.25", "Client host rejected: no PTR; also blocked using bl.spamcop.net").checks).toEqual(["reverse-dns", "dnsbl"]);
  });
});

describe("namedZones: only host names, at most three", () => {
  test("zones after the usual phrases, and lists named only by name", () => {
    expect(namedZones("blocked using zen.spamhaus.org; see https://www.spamhaus.org/query/ip/203.0.113.7")).toEqual(["zen.spamhaus.org"]);
    expect(namedZones("554 Your access to this mail system has been rejected due to the sending MTA's poor reputation (Spamcop)")).toEqual(["bl.spamcop.net"]);
    expect(namedZones("rejected: listed at dnsbl.example.net.")).toEqual(["dnsbl.example.net"]);
  });

  test("a zone that is not a DNS name is dropped; a flood of zones is cut", () => {
    expect(namedZones("blocked using zen.spamhaus.org;$(reboot) and blocked using ..")).toEqual(["zen.spamhaus.org"]);
    expect(namedZones(`blocked using ${"a".repeat(70)}.example`)).toEqual([]);
    const many = Array.from({ length: 50 }, (_, i) => `blocked using l${i}.example.net`).join(" ");
    expect(namedZones(many)).toEqual(["l0.example.net", "l1.example.net", "l2.example.net"]);
  });
});

describe("typo suggestions", () => {
  test("one or two slips from a widely used domain", () => {
    expect(suggestDomain("gmial.com")).toBe("gmail.com");
    expect(suggestDomain("hotmial.com")).toBe("hotmail.com");
    expect(suggestDomain("yaho.com")).toBe("yahoo.com");
    expect(suggestDomain("gmail.con")).toBe("gmail.com");
  });

  test("nothing for a domain far from all of them, or one of them", () => {
    expect(suggestDomain("example-corp.com")).toBeNull();
    expect(suggestDomain("gmail.com")).toBeNull();
    expect(suggestDomain("x".repeat(500) + ".com")).toBeNull();
  });

  test("edit distance counts a swap of neighbours as one", () => {
    expect(editDistance("gmial", "gmail")).toBe(1);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
  });
});
