import { inNetwork, isInternalAddress, isIp4Network, isIp6Network, macroIp, networkRange, parseClientIp, reverseName } from "../../src/spf/ip";

describe("client IP", () => {
  it("treats IPv4-mapped IPv6 as IPv4", () => {
    const client = parseClientIp("::FFFF:1.2.3.4")!;
    expect(client.family).toBe(4);
    expect(client.text).toBe("1.2.3.4");
    expect(inNetwork(client, "1.2.3.0", 24)).toBe(true);
    expect(inNetwork(client, "::ffff:1.2.3.4", 128)).toBe(false);
  });

  it("reads the IPv4-compatible form ::a.b.c.d as the IPv6 address it is (RFC 4291 2.5.5.1)", () => {
    const client = parseClientIp("::192.0.2.5")!;
    expect(client).toMatchObject({ family: 6, text: "::c000:205" });
    expect(inNetwork(client, "192.0.2.0", 24)).toBe(false);
    expect(inNetwork(client, "::192.0.2.0", 120)).toBe(true);
    expect(networkRange("::192.0.2.5", 128, 6)).toMatchObject({ cidr: "::c000:205/128", first: 0xc0000205n });
    expect(networkRange("::ffff:192.0.2.5", 128, 6)?.cidr).toBe("::ffff:c000:205/128");
  });

  it("tells private and reserved addresses from public ones", () => {
    for (const text of ["10.1.2.3", "172.31.0.1", "192.168.7.7", "127.0.0.1", "169.254.1.1", "100.64.0.1", "0.1.2.3", "255.255.255.255", "::1", "fd00::5", "fe80::1", "::ffff:10.0.0.1"]) {
      expect([text, isInternalAddress(text)]).toEqual([text, true]);
    }
    for (const text of ["192.0.2.1", "198.51.100.25", "8.8.8.8", "172.32.0.1", "2001:db8::1", "::192.168.0.1"]) expect([text, isInternalAddress(text)]).toEqual([text, false]);
  });

  it("writes IPv6 in RFC 5952 form", () => {
    expect(parseClientIp("2001:DB8:0:0:0:0:0:1")!.text).toBe("2001:db8::1");
  });

  it("rejects what is not an address", () => {
    for (const text of ["", "1.2.3", "example.com", "fe80::1%eth0", "1.2.3.4/24"]) expect(parseClientIp(text)).toBeNull();
  });
});

describe("CIDR matching", () => {
  const v4 = parseClientIp("192.0.2.130")!;
  const v6 = parseClientIp("2001:db8:1234::cafe:babe")!;
  it.each([
    [v4, "192.0.2.128", 25, true],
    [v4, "192.0.2.0", 25, false],
    [v4, "1.1.1.1", 0, true],
    [v4, "192.0.2.130", 32, true],
    [v4, "2001:db8::", 0, false],
    [v6, "2001:db8:1234::dead:beef", 64, true],
    [v6, "2001:db8:1235::", 48, false],
    [v6, "::", 0, true],
    [v6, "1.2.3.4", 0, false],
  ] as const)("%#: %s in %s/%s is %s", (client, network, prefix, expected) => expect(inNetwork(client, network, prefix)).toBe(expected));
});

describe("network syntax", () => {
  it.each(["0.0.0.0", "192.0.2.1", "255.255.255.255"])("ip4 %p", (text) => expect(isIp4Network(text)).toBe(true));
  it.each(["1.2.3", "01.2.3.4", "256.1.1.1", "1.2.3.4.5", "1.2.3.4 "])("not ip4 %p", (text) => expect(isIp4Network(text)).toBe(false));
  it.each(["::1.1.1.1", "2001:db8::", "::FFFF:1.2.3.4", "CAFE:BABE:8000::"])("ip6 %p", (text) => expect(isIp6Network(text)).toBe(true));
  it.each([":CAFE::BABE", "1::2::3", "fe80::1%eth0", "1.2.3.4", "g::1"])("not ip6 %p", (text) => expect(isIp6Network(text)).toBe(false));
});

describe("reverse names", () => {
  it("builds in-addr.arpa and ip6.arpa names", () => {
    expect(reverseName(parseClientIp("192.0.2.3")!)).toBe("3.2.0.192.in-addr.arpa");
    expect(reverseName(parseClientIp("2001:db8::1")!)).toBe("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    expect(macroIp(parseClientIp("192.0.2.3")!)).toBe("192.0.2.3");
  });
});

describe("networkRange", () => {
  it("clears host bits and gives the first and last address", () => {
    expect(networkRange("10.1.2.3", 24, 4)).toEqual({ cidr: "10.1.2.0/24", first: 0x0a010200n, last: 0x0a0102ffn });
    expect(networkRange("2001:db8::1", 32, 6)).toEqual({ cidr: "2001:db8::/32", first: 0x20010db8n << 96n, last: (0x20010db8n << 96n) + (1n << 96n) - 1n });
  });

  it("is the same when asked again, and null for text that is no address", () => {
    expect(networkRange("192.0.2.9", 32, 4)).toEqual(networkRange("192.0.2.9", 32, 4));
    expect(networkRange("not an address", 24, 4)).toBeNull();
    expect(networkRange("not an address", 24, 4)).toBeNull();
  });
});
