import { mxMatches, parsePolicy, readStsRecords } from "../../src/checks/mta-sts";
import { looksGeneric } from "../../src/checks/reverse-dns";

describe("MTA-STS records and policies (RFC 8461)", () => {
  test("the TXT record: exactly one v=STSv1 with an id", () => {
    expect(readStsRecords([["v=spf1 -all"]])).toBeNull();
    expect(readStsRecords([["v=STSv1; ", "id=20240101;"]])).toEqual({ ok: true, id: "20240101" });
    expect(readStsRecords([["v=STSv1; id=1"], ["v=STSv1; id=2"]])).toMatchObject({ ok: false, problem: expect.stringMatching(/2 v=STSv1 records/) });
    expect(readStsRecords([["v=STSv1; id=not-alnum!"]])).toMatchObject({ ok: false });
  });

  test("a policy with CRLF or LF lines; mx required unless mode none", () => {
    expect(parsePolicy("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 86400\r\n")).toEqual({
      ok: true,
      policy: { mode: "enforce", mx: ["mail.example.com", "*.example.net"], maxAge: 86400 },
    });
    expect(parsePolicy("version: STSv1\nmode: none\nmax_age: 0\n")).toMatchObject({ ok: true, policy: { mode: "none", mx: [] } });
    expect(parsePolicy("version: STSv1\nmode: enforce\nmax_age: 1\n")).toMatchObject({ ok: false, problem: "the policy lists no mx pattern" });
    expect(parsePolicy("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 99999999999\n")).toMatchObject({ ok: false });
    expect(parsePolicy("<html>not a policy</html>")).toMatchObject({ ok: false });
  });

  test("a hostile policy stays bounded: lines and patterns are capped", () => {
    const body = `version: STSv1\nmode: enforce\nmax_age: 1\n${"mx: a.example\n".repeat(100_000)}`;
    const reading = parsePolicy(body);
    expect(reading.ok && reading.policy.mx.length).toBe(50);
  });

  test("mx patterns: exact, or *. for exactly one left-most label (section 4.1)", () => {
    expect(mxMatches("mail.example.com", "MAIL.example.com.")).toBe(true);
    expect(mxMatches("*.example.com", "mx1.example.com")).toBe(true);
    expect(mxMatches("*.example.com", "example.com")).toBe(false);
    expect(mxMatches("*.example.com", "a.b.example.com")).toBe(false);
    expect(mxMatches("*.example.com", "mx1.badexample.com")).toBe(false);
  });
});

describe("generic reverse DNS names", () => {
  test.each([
    ["203-0-113-8.dsl.isp.example", true],
    ["host7.113.0.203.example.net", true],
    ["dynamic-pool.example.net", true],
    ["cb007108.cust.example.net", true],
    ["mail.example.com", false],
    ["mx1.outbound.example.org", false],
  ])("%s", (name, generic) => {
    expect(looksGeneric(name, name.startsWith("203-0-113-8") ? "203.0.113.8" : "203.0.113.7")).toBe(generic);
  });
});
