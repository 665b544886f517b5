import { validateCheckInput } from "../../src/backend/validate";

describe("check input validation", () => {
  test("accepts and normalizes good input", () => {
    expect(validateCheckInput({ domain: "Example.COM.", ip: "2001:DB8:0::1", sender: "Alice.B+tag@Example.com", helo: "mail.example.com" })).toEqual({
      ok: true,
      input: { domain: "example.com", ip: "2001:db8::1", sender: "Alice.B+tag@example.com", helo: "mail.example.com" },
    });
    expect(validateCheckInput({ domain: "_spf.example.com", ip: "192.0.2.1" })).toMatchObject({ ok: true });
    expect(validateCheckInput({ domain: "bücher.example" })).toEqual({ ok: true, input: { domain: "xn--bcher-kva.example" } });
    expect(validateCheckInput({ domain: "example.com", sender: "" })).toEqual({ ok: true, input: { domain: "example.com", sender: "" } });
    expect(validateCheckInput({ domain: "example.com", helo: "[192.0.2.1]" })).toMatchObject({ ok: true, input: { helo: "[192.0.2.1]" } });
    expect(validateCheckInput({ domain: "example.com", sender: '"john doe"@example.com' })).toMatchObject({ ok: true });
  });

  test.each([
    [{}, /"domain" is required/],
    [{ domain: 42 }, /"domain" must be a string/],
    [{ domain: "example.com", extra: "x" }, /unknown field "extra"/],
    [{ domain: "localhost" }, /at least two labels/],
    [{ domain: "exa mple.com" }, /characters a domain name cannot hold/],
    [{ domain: "-bad.example.com" }, /invalid label "-bad"/],
    [{ domain: `${"a".repeat(64)}.com` }, /label longer than 63/],
    [{ domain: `${"abcdefghi.".repeat(26)}com` }, /longer than 253/],
    [{ domain: "192.0.2.1" }, /numeric label/],
    [{ domain: "example.com", ip: "300.1.1.1" }, /"ip" is not an IPv4/],
    [{ domain: "example.com", ip: "127.1" }, /"ip" is not an IPv4/],
    [{ domain: "example.com", ip: "fe80::1%eth0" }, /"ip" is not an IPv4/],
    [{ domain: "example.com", sender: "no-at-sign" }, /"sender" is not an email address/],
    [{ domain: "example.com", sender: "a..b@example.com" }, /"sender" has an invalid local part/],
    [{ domain: "example.com", sender: `${"a".repeat(65)}@example.com` }, /"sender" has a local part/],
    [{ domain: "example.com", sender: "a@b" }, /"sender" has a domain that must have at least two labels/],
    [{ domain: "example.com", helo: "[not-an-ip]" }, /"helo" is an address literal/],
  ])("rejects %j", (raw, message) => {
    const result = validateCheckInput(raw as Record<string, unknown>);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });
});
