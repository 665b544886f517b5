/** The one check contract: only what cannot be evaluated is refused; the rest reaches the engine as given. */
import { checkInputError, MAX_FIELD_LENGTH, validateCheckInput } from "../../src/spf/check-input";
import { validateCheckInput as validateRequest } from "../../src/backend/validate";

describe("values the RFC evaluates are accepted as given", () => {
  test.each([
    ["a HELO that is not a fully qualified name", { sender: "", helo: "hosed" }, { domain: "hosed", sender: "", helo: "hosed" }],
    ["an address-literal HELO", { sender: "", helo: "[192.0.2.1]" }, { domain: "[192.0.2.1]", sender: "", helo: "[192.0.2.1]" }],
    ["a local part with a space", { sender: "a b@example.com" }, { domain: "example.com", sender: "a b@example.com" }],
    ["an empty local part", { sender: "@example.com" }, { domain: "example.com", sender: "@example.com" }],
    ["a label over 63 octets", { domain: `${"a".repeat(64)}.example.com` }, { domain: `${"a".repeat(64)}.example.com` }],
    ["empty labels", { sender: "lyme.eater@A...example.com" }, { domain: "a...example.com", sender: "lyme.eater@A...example.com" }],
    ["a single-label domain", { domain: "localhost" }, { domain: "localhost" }],
    ["non-ASCII that is no IDN", { domain: "ex ample.例" }, { domain: "ex ample.例" }],
    ["a sender without @", { sender: "postmaster" }, { domain: "postmaster", sender: "postmaster" }],
  ])("%s", (_what, raw, input) => {
    expect(validateCheckInput(raw)).toEqual({ ok: true, input });
  });

  test("the domain defaults to MAIL FROM's, else to the HELO name; a named domain wins", () => {
    expect(validateCheckInput({ sender: "alice@Example.com", helo: "mx.example.org" })).toMatchObject({ input: { domain: "example.com", sender: "alice@Example.com" } });
    expect(validateCheckInput({ sender: "", helo: "mx.example.org" })).toMatchObject({ input: { domain: "mx.example.org" } });
    expect(validateCheckInput({ domain: "bounces.example.net", sender: "alice@example.com" })).toMatchObject({ input: { domain: "bounces.example.net" } });
  });

  test("internationalized domains are checked as A-labels (RFC 7208 4.3); IPs are normalized by the engine's own parser", () => {
    expect(validateCheckInput({ domain: "bücher.example" })).toEqual({ ok: true, input: { domain: "xn--bcher-kva.example" } });
    expect(validateCheckInput({ domain: "example.com", ip: "2001:DB8:0::1" })).toEqual({ ok: true, input: { domain: "example.com", ip: "2001:db8::1" } });
    expect(validateCheckInput({ domain: "example.com", ip: "::ffff:192.0.2.1" })).toMatchObject({ input: { ip: "192.0.2.1" } });
  });

  test("null fields count as absent (a JSON client may send them)", () => {
    expect(validateCheckInput({ domain: "example.com", ip: null, helo: null })).toEqual({ ok: true, input: { domain: "example.com" } });
  });
});

describe("what cannot be evaluated is refused, naming the field", () => {
  test.each([
    [{}, "domain", /is required/],
    [{ sender: "", helo: "" }, "domain", /is required/],
    [{ domain: 42 }, "domain", /must be a string/],
    [{ domain: "example.com", sender: ["a@b.c"] }, "sender", /must be a string/],
    [{ domain: "example.com", extra: "x" }, null, /unknown field "extra"/],
    [{ domain: "a".repeat(MAX_FIELD_LENGTH + 1) }, "domain", /longer than 1024/],
    [{ domain: "example.com", helo: "mx\u001b[31m.example.com" }, "helo", /control characters/],
    [{ domain: "example.com", sender: "a@example.com\r\nRCPT TO:<x@y>" }, "sender", /control characters/],
    [{ domain: "example.com", ip: "300.1.1.1" }, "ip", /is not an IPv4/],
    [{ domain: "example.com", ip: "127.1" }, "ip", /is not an IPv4/],
    [{ domain: "example.com", ip: "fe80::1%eth0" }, "ip", /is not an IPv4/],
  ])("refuses %j", (raw, field, problem) => {
    const result = validateCheckInput(raw);
    expect(result).toMatchObject({ ok: false, field });
    expect(!result.ok && result.problem).toMatch(problem);
  });

  test("each door names the field its own way", () => {
    const result = validateCheckInput({ domain: "example.com", ip: "nope" });
    if (result.ok) throw new Error("accepted");
    expect(checkInputError(result, (field) => `--${field}`)).toBe("--ip is not an IPv4 (dotted quad) or IPv6 address");
    expect(validateRequest({ domain: "example.com", ip: "nope" })).toEqual({ ok: false, error: '"ip" is not an IPv4 (dotted quad) or IPv6 address' });
  });
});
