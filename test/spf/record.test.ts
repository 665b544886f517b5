import { dnsTerms, isSpfRecord, parseRecord, queriesDns } from "../../src/spf/record";

describe("isSpfRecord", () => {
  it.each(["v=spf1", "v=spf1 -all", "V=SpF1 mx", "v=spf1  a"])("accepts %p", (text) => expect(isSpfRecord(text)).toBe(true));
  it.each(["v=spf10", "v=spf1x -all", "spf1 -all", " v=spf1 -all", "v=spf2.0/pra -all", ""])("rejects %p", (text) =>
    expect(isSpfRecord(text)).toBe(false),
  );
});

describe("parseRecord: valid records", () => {
  it("reads mechanisms, qualifiers, targets, CIDR lengths and modifiers", () => {
    const parsed = parseRecord("v=spf1 +a -mx:mail.example.com/24//64 ~ip4:192.0.2.0/24 ?ip6:2001:db8::/32 include:_spf.example.net exp=why.%{d} redirect=other.example.org");
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { record } = parsed;
    expect(record.mechanisms.map((m) => [m.qualifier, m.name, m.cidr4, m.cidr6, m.network])).toEqual([
      ["+", "a", undefined, undefined, undefined],
      ["-", "mx", 24, 64, undefined],
      ["~", "ip4", 24, undefined, "192.0.2.0"],
      ["?", "ip6", undefined, 32, "2001:db8::"],
      ["+", "include", undefined, undefined, undefined],
    ]);
    expect(record.explanation?.value).toBe("why.%{d}");
    expect(record.redirect?.value).toBe("other.example.org");
    expect(record.terms.filter(queriesDns).map((t) => t.text)).toEqual(["+a", "-mx:mail.example.com/24//64", "include:_spf.example.net", "redirect=other.example.org"]);
    expect(record.mechanisms[1].position).toBe("v=spf1 +a ".length);
  });

  it.each([
    "v=spf1 a  -all ",
    "v=spf1",
    "v=spf1 a:foo:bar/baz.example.com",
    "v=spf1 a:foo.example.xn--zckzah -all",
    "v=spf1 moo.cow-far_out=man:dog/cat ip4:1.2.3.4 -all",
    "v=spf1 ip4:1.2.3.4 -all moo=",
    "v=spf1 a:macro%%percent%_%_space%-url-space.example.com -all",
    "v=spf1 exists:%{i}.%{l2r-}.user.%{d2}",
    "v=spf1 ip6:::FFFF:1.2.3.4 ip4:0.0.0.0/0 a//0 mx/0",
    "v=spf1 ptr ptr:example.com",
    "v=spf1 a:mail.example.com.",
  ])("accepts %p", (text) => {
    const parsed = parseRecord(text);
    expect(parsed.ok ? null : parsed.error).toBeNull();
  });
});

describe("parseRecord: errors name the term, its position and why", () => {
  it.each([
    ["v=spf1 ip4:1.2.3.4 -all moo", "moo", 24, /unknown mechanism "moo"/],
    ["v=spf1 a/33", "a/33", 7, /\/33 is larger than 32/],
    ["v=spf1 mx//129", "mx//129", 7, /\/129 is larger than 128/],
    ["v=spf1 ip4:1.2.3.4/032 -all", "ip4:1.2.3.4/032", 7, /leading zero/],
    ["v=spf1 ip4:1.2.3", "ip4:1.2.3", 7, /"1.2.3" is not a valid IPv4 address/],
    ["v=spf1 ip4:1.2.03.4", "ip4:1.2.03.4", 7, /not a valid IPv4/],
    ["v=spf1 ip4:1.2.3.4:8080", "ip4:1.2.3.4:8080", 7, /not a valid IPv4/],
    ["v=spf1 ip4:1.2.3.4//32", "ip4:1.2.3.4//32", 7, /one "\/" CIDR length only/],
    ["v=spf1 ip6::CAFE::BABE", "ip6::CAFE::BABE", 7, /not a valid IPv6/],
    ["v=spf1 -all ip6", "ip6", 12, /needs a network/],
    ["v=spf1 include", "include", 7, /needs a domain/],
    ["v=spf1 include:ip5.example.com/24 -all", "include:ip5.example.com/24", 7, /"com\/24" is not a valid top-level label/],
    ["v=spf1 exists:mail.example.com/24", "exists:mail.example.com/24", 7, /top-level label/],
    ["v=spf1 ptr/0 -all", "ptr/0", 7, /takes no CIDR/],
    ["v=spf1 -all.", "-all.", 7, /"all" takes no argument/],
    ["v=spf1 -all:foobar", "-all:foobar", 7, /"all" takes no argument/],
    ["v=spf1 a:museum", "a:museum", 7, /not a fully qualified domain name/],
    ["v=spf1 a:museum.", "a:museum.", 7, /not a fully qualified domain name/],
    ["v=spf1 a:111.222.33.44", "a:111.222.33.44", 7, /all digits/],
    ["v=spf1 a:example.-com", "a:example.-com", 7, /"-com" is not a valid top-level label/],
    ["v=spf1 a:", "a:", 7, /is empty/],
    ["v=spf1 a/24/64 -all", "a/24/64", 7, /malformed argument/],
    ["v=spf1 redirect=a.example.com -all redirect=b.example.com", "redirect=b.example.com", 35, /"redirect=" appears more than once/],
    ["v=spf1 exp=a.example.com exp=b.example.com", "exp=b.example.com", 25, /"exp=" appears more than once/],
    ["v=spf1 exp= -all", "exp=", 7, /needs a domain/],
    ["v=spf1 exp=-all", "exp=-all", 7, /not a fully qualified/],
    ["v=spf1 =all", "=all", 7, /needs a name/],
    ["v=spf1 1up=foo", "1up=foo", 7, /neither a mechanism nor a modifier/],
    ["v=spf1 ip4:1.2.3.4 redirect:t2.example.com", "redirect:t2.example.com", 19, /unknown mechanism "redirect"/],
    ["v=spf1 -all foo=%abc", "foo=%abc", 12, /"%" must be followed by/],
    ["v=spf1 a:ctrl.example.com\rptr -all", "a:ctrl.example.com\rptr", 7, /U\+000D is not allowed/],
    ["v=spf1 a:foo.example.com\0", "a:foo.example.com\0", 7, /U\+0000 is not allowed/],
    ["v=spf1 a:example.net \u0096all", "\u0096all", 21, /non-ASCII character U\+0096/],
  ])("%p", (text, term, position, message) => {
    const parsed = parseRecord(text);
    if (parsed.ok) throw new Error("expected a syntax error");
    expect(parsed.error.term).toBe(term);
    expect(parsed.error.position).toBe(position);
    expect(parsed.error.message).toMatch(message);
  });

  it("refuses text that is not an SPF record", () => {
    const parsed = parseRecord("v=spf10 -all");
    expect(parsed.ok ? null : parsed.error.message).toMatch(/does not start with "v=spf1"/);
  });
});

describe("parseRecord: parses are remembered by text", () => {
  it("returns the same frozen parse for the same text, deep down", () => {
    const text = "v=spf1 include:_spf.remembered.example ip4:192.0.2.0/24 -all";
    const first = parseRecord(text);
    expect(parseRecord(text)).toBe(first);
    if (!first.ok) throw new Error("expected a record");
    expect(Object.isFrozen(first.record.mechanisms[0].domainSpec)).toBe(true);
    expect(() => (first.record.mechanisms as unknown[]).push("anything")).toThrow(TypeError);
  });

  it("gives an equal text read afresh (e.g. joined from other character-strings) the same parse", () => {
    const text = ["v=spf1 a mx", " ~all"].join("");
    expect(parseRecord(text)).toBe(parseRecord("v=spf1 a mx ~all"));
  });

  it("remembers a few long texts (up to one DNS answer), and parses longer ones afresh", () => {
    const long = `v=spf1 ${Array.from({ length: 300 }, (_, i) => `ip4:10.0.${i % 250}.0/24`).join(" ")} -all`;
    const parsed = parseRecord(long);
    expect(parsed.ok && parsed.record.mechanisms.length).toBe(301);
    expect(parseRecord(long)).toBe(parsed);
    const huge = `v=spf1 ${Array.from({ length: 4200 }, (_, i) => `ip4:10.${i >> 8}.${i & 255}.0/24`).join(" ")} -all`;
    expect(huge.length).toBeGreaterThan(65_536);
    const parsedHuge = parseRecord(huge);
    expect(parsedHuge.ok && parsedHuge.record.mechanisms.length).toBe(4201);
    expect(parseRecord(huge)).not.toBe(parsedHuge);
    expect(parseRecord(huge)).toEqual(parsedHuge);
  });
});

describe("dnsTerms", () => {
  it("lists the DNS-querying mechanisms in order, then redirect, wherever it is written", () => {
    const parsed = parseRecord("v=spf1 redirect=_spf.example.org ip4:192.0.2.0/24 a mx:mail.example.com ptr exists:%{i}.example.net include:_spf.example.com -all");
    if (!parsed.ok) throw new Error("expected a record");
    expect(dnsTerms(parsed.record).map((term) => term.text)).toEqual(["a", "mx:mail.example.com", "ptr", "exists:%{i}.example.net", "include:_spf.example.com", "redirect=_spf.example.org"]);
    expect(dnsTerms(parsed.record)).toBe(dnsTerms(parsed.record));
  });
});
