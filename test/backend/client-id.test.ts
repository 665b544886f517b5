import { clientKey, forwardedClient } from "../../src/backend/client-id";

describe("rate-limit client keys", () => {
  test("the last X-Forwarded-For entry is the client: earlier ones are the client's own claims", () => {
    expect(forwardedClient("1.1.1.1, 2.2.2.2, 203.0.113.9:5555")).toBe("203.0.113.9:5555");
    expect(forwardedClient("203.0.113.9")).toBe("203.0.113.9");
    expect(forwardedClient(" , ")).toBeNull();
    expect(forwardedClient(undefined)).toBeNull();
  });

  test("ports are dropped from IPv4 and bracketed IPv6, a bare IPv6 keeps its last group", () => {
    expect(clientKey("203.0.113.9:5555")).toBe("203.0.113.9");
    expect(clientKey("[2001:db8:1:2::7]:443")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(clientKey("::ffff:198.51.100.4")).toBe("198.51.100.4");
  });

  test("every address of one IPv6 /64 shares a key, another /64 does not", () => {
    expect(clientKey("2001:db8:0:1::1")).toBe(clientKey("2001:db8:0:1:ffff:1234:5678:9abc"));
    expect(clientKey("2001:db8:0:2::1")).not.toBe(clientKey("2001:db8:0:1::1"));
  });

  test("text that is no address gives no key", () => {
    expect(clientKey("unknown")).toBeNull();
    expect(clientKey("")).toBeNull();
    expect(clientKey(undefined)).toBeNull();
  });
});
