import { domainSpecError, expandDomainSpec, expandMacroTokens, hasMacros, parseMacroString, ValuesByDomain, type MacroValues } from "../../src/spf/macro";
import { macroIp, parseClientIp } from "../../src/spf/ip";

/** RFC 7208 7.4's example: strong-bad@email.example.com connecting from 192.0.2.3. */
function valuesFor(ip: string, overrides: Partial<MacroValues> = {}): MacroValues {
  const client = parseClientIp(ip)!;
  return {
    sender: "strong-bad@email.example.com",
    localPart: "strong-bad",
    senderDomain: "email.example.com",
    domain: "email.example.com",
    ip: macroIp(client),
    helo: "mx.example.org",
    clientIp: client.text,
    receiver: "mx.example.net",
    timestamp: 1700000000,
    ipVersion: client.family === 4 ? "in-addr" : "ip6",
    ...overrides,
  };
}

function expand(text: string, values: MacroValues, explanation = false): string {
  const parsed = parseMacroString(text, { explanation });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return expandMacroTokens(parsed.tokens, values);
}

describe("macro expansion: RFC 7208 7.4 examples", () => {
  const v4 = valuesFor("192.0.2.3");
  it.each([
    ["%{s}", "strong-bad@email.example.com"],
    ["%{o}", "email.example.com"],
    ["%{d}", "email.example.com"],
    ["%{d4}", "email.example.com"],
    ["%{d3}", "email.example.com"],
    ["%{d2}", "example.com"],
    ["%{d1}", "com"],
    ["%{dr}", "com.example.email"],
    ["%{d2r}", "example.email"],
    ["%{l}", "strong-bad"],
    ["%{l-}", "strong.bad"],
    ["%{lr}", "strong-bad"],
    ["%{lr-}", "bad.strong"],
    ["%{l1r-}", "strong"],
    ["%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"],
    ["%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"],
    ["%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"],
    ["%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com"],
    ["%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net"],
    ["%{h}", "mx.example.org"],
    ["%{p}", "unknown"],
  ])("%s -> %s", (macro, expected) => expect(expand(macro, v4)).toBe(expected));

  it("expands IPv6 %{i} to dotted nibbles (upper case, as the RFC test suite expects)", () => {
    expect(expand("%{ir}.%{v}._spf.%{d2}", valuesFor("2001:db8::cb01"))).toBe(
      "1.0.B.C.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6._spf.example.com",
    );
  });

  it("splits on several delimiters, reverses and keeps right-hand parts", () => {
    const values = valuesFor("192.0.2.3", { localPart: "foo-bar+zip+quux" });
    expect(expand("%{l2r+-}", values)).toBe("bar.foo");
    expect(expand("%{l+}", values)).toBe("foo-bar.zip.quux");
    expect(expand("%{l100r-+}", values)).toBe("quux.zip.bar.foo");
  });

  it("expands the escapes %%, %_ and %-", () => {
    expect(expand("macro%%percent%_%_space%-url-space", v4)).toBe("macro%percent  space%20url-space");
  });

  it("URL-encodes upper-case macros, everything outside the unreserved set", () => {
    const values = valuesFor("192.0.2.3", { localPart: "~jack&jill=up-a_b3.c!*(x)'" });
    expect(expand("%{L}", values)).toBe("~jack%26jill%3Dup-a_b3.c%21%2A%28x%29%27");
    expect(expand("%{S}", v4)).toBe("strong-bad%40email.example.com");
  });

  it("allows c, r and t only in explanation text, where spaces are literal", () => {
    const v6 = valuesFor("2001:DB8::CB01");
    expect(expand("%{c} via %{r} at %{t}", v6, true)).toBe("2001:db8::cb01 via mx.example.net at 1700000000");
    expect(expand("%{c} is %{i}", v4, true)).toBe("192.0.2.3 is 192.0.2.3");
    for (const letter of ["c", "r", "t"]) {
      const parsed = parseMacroString(`%{${letter}}.example.com`);
      expect(parsed.ok ? null : parsed.error.message).toMatch(/outside explanation text/);
    }
  });
});

describe("macro syntax errors", () => {
  it.each([
    ["%(ir).sbl.example.com", 0, /"%" must be followed by .*not "\("/],
    ["foo%.sbl.example.com", 3, /not "\."/],
    ["foo.sbl.example.com%", 19, /it ends the string/],
    ["%{x}.example.com", 0, /macro letter "x" is not allowed/],
    ["%{a}.example.com", 0, /macro letter "a"/],
    ["%{d0}", 0, /zero parts/],
    ["%{d2x}", 0, /malformed macro/],
    ["a.%{d", 2, /no closing "}"/],
    ["has space", 3, /U\+0020 is not allowed/],
  ])("%p", (text, position, message) => {
    const parsed = parseMacroString(text);
    if (parsed.ok) throw new Error("expected a syntax error");
    expect(parsed.error.position).toBe(position);
    expect(parsed.error.message).toMatch(message);
  });
});

describe("domain-spec rules", () => {
  const check = (text: string) => {
    const parsed = parseMacroString(text);
    return parsed.ok ? domainSpecError(parsed.tokens) : parsed.error.message;
  };
  it.each(["example.com", "example.com.", "%{d}", "foo.%{d2}", "%{i}._spf.example.com", "a.b.xn--zckzah", "x.%%", "x.123-4"])("accepts %p", (text) =>
    expect(check(text)).toBeNull(),
  );
  it.each(["museum", "museum.", "abc.123", "example.-com", "foo-bar", "%{d}com", "example.com/24"])("rejects %p", (text) =>
    expect(check(text)).not.toBeNull(),
  );

  it("drops the trailing dot and truncates names over 253 characters from the left, by labels", () => {
    const values = valuesFor("192.0.2.3", { domain: "somewhat.long.exp.example.com" });
    const parsed = parseMacroString("foobar.%{d}.%{d}.%{d}.%{d}.%{d}.%{d}.%{d}.%{d}.example.com.");
    if (!parsed.ok) throw new Error(parsed.error.message);
    const name = expandDomainSpec(parsed.tokens, values);
    expect(name.length).toBeLessThanOrEqual(253);
    expect(name.endsWith(".example.com")).toBe(true);
    expect(name.startsWith("somewhat.long.exp.example.com.")).toBe(true);
    const short = parseMacroString("%{d}.");
    expect(short.ok && expandDomainSpec(short.tokens, values)).toBe("somewhat.long.exp.example.com");
  });
});

describe("ValuesByDomain", () => {
  it("adds the domain to the evaluation's values, building one object per domain", () => {
    const values = new ValuesByDomain({ sender: "a@b.example", localPart: "a", senderDomain: "b.example", ip: "192.0.2.1", helo: "h.example", clientIp: "192.0.2.1", receiver: "unknown", timestamp: 0, ipVersion: "in-addr" });
    const first = values.at("one.example");
    expect(first).toMatchObject({ domain: "one.example", sender: "a@b.example" });
    expect(values.at("one.example")).toBe(first);
    expect(values.at("two.example").domain).toBe("two.example");
  });

  it("expands plain names and macro-strings alike, trailing dot dropped and long names truncated", () => {
    const values = new ValuesByDomain({ sender: "a@b.example", localPart: "a", senderDomain: "b.example", ip: "192.0.2.1", helo: "h.example", clientIp: "192.0.2.1", receiver: "unknown", timestamp: 0, ipVersion: "in-addr" });
    const tokens = (text: string) => {
      const parsed = parseMacroString(text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.tokens;
    };
    expect(values.expandAt(tokens("_spf.example.com."), "one.example")).toBe("_spf.example.com");
    expect(values.expandAt(tokens("%{l}.%{d}."), "one.example")).toBe("a.one.example");
    const long = `${"x".repeat(60)}.`.repeat(5) + "example.com";
    expect(values.expandAt(tokens(long), "one.example")).toBe(expandDomainSpec(tokens(long), values.at("one.example")));
    expect(values.expandAt(tokens(long), "one.example").length).toBeLessThanOrEqual(253);
  });
});

describe("hasMacros", () => {
  it("tells plain names from macro-strings", () => {
    const tokens = (text: string) => {
      const parsed = parseMacroString(text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.tokens;
    };
    expect(hasMacros(tokens("_spf.example.com"))).toBe(false);
    expect(hasMacros(tokens("100%%.example.com"))).toBe(false);
    expect(hasMacros(tokens("%{i}._spf.example.com"))).toBe(true);
  });
});
