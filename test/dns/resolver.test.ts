import dgram from "node:dgram";
import { createResolver, parseResolvConf } from "../../src/dns/resolver";
import { RCODE, decodeMessage, encodeMessage } from "../../src/dns/wire";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import type { Zone, ZoneRecord } from "../support/zone";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const longText = (char: string, n: number) => char.repeat(n);

function zoneOf(entries: Record<string, ZoneRecord[]>): Zone {
  return new Map(Object.entries(entries));
}

const zone = zoneOf({
  "example.com": [
    { type: "TXT", strings: ["v=spf1 ", "ip4:192.0.2.0/24 ", "-all"] },
    { type: "TXT", strings: ["google-site-verification=abc"] },
    { type: "SPF", strings: ["v=spf1 -all"] },
    { type: "A", address: "192.0.2.10" },
    { type: "AAAA", address: "2001:db8:0:0::10" },
    { type: "MX", priority: 10, exchange: "mx1.example.com" },
    { type: "MX", priority: 20, exchange: "MX2.Example.com" },
  ],
  "10.2.0.192.in-addr.arpa": [{ type: "PTR", target: "mail.example.com" }],
  "big.example.com": [{ type: "TXT", strings: [longText("a", 255), longText("b", 255), longText("c", 100)] }],
  "macro%percent  space%20url-space.example.com": [{ type: "TXT", strings: ["odd name 1"] }],
  "a:b/c%d.example.com": [{ type: "A", address: "192.0.2.11" }],
  "alias.example.com": [{ type: "CNAME", target: "hop.example.com" }],
  "hop.example.com": [{ type: "CNAME", target: "example.com" }],
  "dangling.example.com": [{ type: "CNAME", target: "missing.example.com" }],
  "loop1.example.com": [{ type: "CNAME", target: "loop2.example.com" }],
  "loop2.example.com": [{ type: "CNAME", target: "loop1.example.com" }],
  "deep.sub.example.com": [{ type: "A", address: "192.0.2.12" }],
  "slow.example.com": [{ type: "TIMEOUT" }],
  "partly.example.com": [{ type: "TXT", strings: ["v=spf1 -all"] }, { type: "TIMEOUT", except: ["TXT", "MX"] }],
  "empty.example.com": [{ type: "TXT", strings: [] }],
});

describe("resolver against a loopback authoritative server", () => {
  let server: DnsServer;
  beforeAll(async () => {
    server = await startDnsServer(zone);
  });
  afterAll(() => server.close());

  const resolver = () => createResolver({ servers: [server], timeoutMs: 300, retries: 0 });

  test("reads each record type", async () => {
    const r = resolver();
    expect(await r.lookup("example.com", "A")).toMatchObject({ status: "ok", records: ["192.0.2.10"] });
    expect(await r.lookup("example.com", "AAAA")).toMatchObject({ status: "ok", records: ["2001:db8::10"] });
    expect(await r.lookup("example.com", "SPF")).toMatchObject({ status: "ok", records: [["v=spf1 -all"]] });
    expect(await r.lookup("10.2.0.192.in-addr.arpa", "PTR")).toMatchObject({ status: "ok", records: ["mail.example.com"] });
    const mx = await r.lookup("example.com", "MX");
    expect(mx).toMatchObject({ status: "ok" });
    expect(mx.status === "ok" && mx.records).toEqual(
      expect.arrayContaining([
        { priority: 10, exchange: "mx1.example.com" },
        { priority: 20, exchange: "mx2.example.com" },
      ]),
    );
  });

  test("keeps a TXT record's character-strings apart and several records apart", async () => {
    const txt = await resolver().lookup("Example.COM.", "TXT");
    expect(txt.status).toBe("ok");
    expect(txt.status === "ok" && txt.records).toEqual(
      expect.arrayContaining([["v=spf1 ", "ip4:192.0.2.0/24 ", "-all"], ["google-site-verification=abc"]]),
    );
    expect(txt.status === "ok" && txt.records).toHaveLength(2);
    expect(await resolver().lookup("empty.example.com", "TXT")).toMatchObject({ status: "ok", records: [[]] });
  });

  test("asks for names with spaces, colons, slashes and percent signs", async () => {
    const r = resolver();
    expect(await r.lookup("macro%percent  space%20url-space.example.com", "TXT")).toMatchObject({
      status: "ok",
      records: [["odd name 1"]],
    });
    expect(await r.lookup("a:b/c%d.example.com", "A")).toMatchObject({ status: "ok", records: ["192.0.2.11"] });
  });

  test("answers names DNS cannot carry as nonexistent, without sending them", async () => {
    const r = resolver();
    const before = server.queryCount();
    expect(await r.lookup(`${"x".repeat(64)}.example.com`, "A")).toEqual({ status: "nxdomain" });
    expect(await r.lookup(`${"abcdefghi.".repeat(26)}com`, "TXT")).toEqual({ status: "nxdomain" });
    expect(await r.lookup("a..example.com", "A")).toEqual({ status: "nxdomain" });
    expect(server.queryCount()).toBe(before);
    // 63 octets is still a legal label: it is asked, and simply not found.
    expect(await r.lookup(`${"x".repeat(63)}.example.com`, "A")).toEqual({ status: "nxdomain" });
    expect(server.queryCount()).toBe(before + 1);
  });

  test("falls back to TCP when the UDP answer is truncated", async () => {
    const start = server.log().length;
    const txt = await resolver().lookup("big.example.com", "TXT");
    expect(txt).toMatchObject({ status: "ok", records: [[longText("a", 255), longText("b", 255), longText("c", 100)]] });
    expect(server.log().slice(start).map((e) => e.transport)).toEqual(["udp", "tcp"]);
  });

  test("tells NXDOMAIN from NODATA, including empty non-terminals", async () => {
    const r = resolver();
    expect(await r.lookup("nothing-here.example.com", "A")).toEqual({ status: "nxdomain" });
    expect(await r.lookup("example.com", "PTR")).toEqual({ status: "nodata" });
    expect(await r.lookup("sub.example.com", "A")).toEqual({ status: "nodata" });
  });

  test("follows CNAME chains and reports loops as errors", async () => {
    const r = resolver();
    expect(await r.lookup("alias.example.com", "A")).toMatchObject({ status: "ok", records: ["192.0.2.10"] });
    expect(await r.lookup("dangling.example.com", "A")).toEqual({ status: "nxdomain" });
    expect(await r.lookup("loop1.example.com", "A")).toMatchObject({ status: "error", message: expect.stringMatching(/loop/) });
  });

  test("turns a silent server into an error after the retries", async () => {
    const r = createResolver({ servers: [server], timeoutMs: 100, retries: 2 });
    const before = server.queryCount();
    expect(await r.lookup("slow.example.com", "A")).toMatchObject({ status: "error", message: "no answer in time" });
    expect(server.queryCount() - before).toBe(3);
  });

  test("a partial TIMEOUT answers the listed types and times out the others", async () => {
    const r = resolver();
    expect(await r.lookup("partly.example.com", "TXT")).toMatchObject({ status: "ok", records: [["v=spf1 -all"]] });
    expect(await r.lookup("partly.example.com", "MX")).toEqual({ status: "nodata" });
    expect(await r.lookup("partly.example.com", "A")).toMatchObject({ status: "error", message: "no answer in time" });
  });

  test("coalesces identical lookups in flight into one query", async () => {
    const delayed = await startDnsServer(zone, { delayMs: 50 });
    try {
      const r = createResolver({ servers: [delayed], timeoutMs: 1000 });
      const results = await Promise.all(Array.from({ length: 10 }, () => r.lookup("example.com", "A")));
      expect(results.every((x) => x.status === "ok")).toBe(true);
      expect(delayed.queryCount()).toBe(1);
    } finally {
      await delayed.close();
    }
  });

  test("never throws, even for a type it does not know", async () => {
    const r = resolver();
    await expect(r.lookup("example.com", "HINFO" as never)).resolves.toMatchObject({ status: "error" });
  });
});

describe("resolver cache", () => {
  test("serves answers and negative answers from the cache until their TTL runs out", async () => {
    const server = await startDnsServer(zone, { ttl: 1 });
    try {
      const r = createResolver({ servers: [server], timeoutMs: 300 });
      await r.lookup("example.com", "A");
      await r.lookup("nothing.example.com", "A");
      expect(server.queryCount()).toBe(2);
      expect(await r.lookup("EXAMPLE.com", "A")).toMatchObject({ status: "ok", records: ["192.0.2.10"] });
      expect(await r.lookup("nothing.example.com", "A")).toEqual({ status: "nxdomain" });
      expect(server.queryCount()).toBe(2);
      await sleep(1100);
      await r.lookup("example.com", "A");
      await r.lookup("nothing.example.com", "A");
      expect(server.queryCount()).toBe(4);
    } finally {
      await server.close();
    }
  });

  test("throttle runs each question to the servers, not cache hits or shared lookups", async () => {
    const server = await startDnsServer(zone, { delayMs: 10 });
    try {
      let questions = 0;
      const r = createResolver({ servers: [server], timeoutMs: 300, throttle: (question) => (questions++, question()) });
      await Promise.all([r.lookup("example.com", "A"), r.lookup("EXAMPLE.com", "A"), r.lookup("example.com", "TXT")]);
      await r.lookup("example.com", "A");
      expect(questions).toBe(2);
      expect(server.queryCount()).toBe(2);
    } finally {
      await server.close();
    }
  });

  test("a cached answer tells the TTL it has left, in whole seconds", async () => {
    const server = await startDnsServer(zone, { ttl: 3 });
    try {
      const r = createResolver({ servers: [server], timeoutMs: 300 });
      expect(await r.lookup("example.com", "A")).toMatchObject({ status: "ok", ttl: 3 });
      expect(await r.lookup("example.com", "A")).toMatchObject({ status: "ok", ttl: 3 });
      await sleep(1100);
      expect(await r.lookup("Example.COM.", "A")).toMatchObject({ status: "ok", records: ["192.0.2.10"], ttl: 2 });
      expect(server.queryCount()).toBe(1);
    } finally {
      await server.close();
    }
  });

  test("does not cache errors, and can be switched off or bounded", async () => {
    const server = await startDnsServer(zone);
    try {
      const uncached = createResolver({ servers: [server], timeoutMs: 300, cache: false });
      await uncached.lookup("example.com", "A");
      await uncached.lookup("example.com", "A");
      expect(server.queryCount()).toBe(2);

      const small = createResolver({ servers: [server], timeoutMs: 300, maxCacheEntries: 1 });
      await small.lookup("example.com", "A");
      await small.lookup("example.com", "AAAA"); // evicts the A answer
      await small.lookup("example.com", "A");
      expect(server.queryCount()).toBe(5);

      const errors = createResolver({ servers: [server], timeoutMs: 50, retries: 0 });
      await errors.lookup("slow.example.com", "A");
      await errors.lookup("slow.example.com", "A");
      expect(server.queryCount()).toBe(7);
    } finally {
      await server.close();
    }
  });
});

describe("resolver failure handling", () => {
  /** A UDP responder that answers every query with the given rcode. */
  async function rcodeServer(rcode: number): Promise<{ host: string; port: number; close: () => void }> {
    const socket = dgram.createSocket("udp4");
    socket.on("message", (packet, from) => {
      const query = decodeMessage(packet);
      const reply = encodeMessage({ ...query, response: true, rcode, answers: [], authorities: [], additionals: [] });
      socket.send(reply, from.port, from.address);
    });
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
    return { host: "127.0.0.1", port: socket.address().port, close: () => socket.close() };
  }

  test("SERVFAIL is an error, and the next server is asked", async () => {
    const failing = await rcodeServer(RCODE.SERVFAIL);
    const good = await startDnsServer(zone);
    try {
      const alone = createResolver({ servers: [failing], timeoutMs: 300, retries: 0 });
      expect(await alone.lookup("example.com", "A")).toEqual({ status: "error", message: "the name server answered SERVFAIL" });
      const withBackup = createResolver({ servers: [failing, good], timeoutMs: 300, retries: 0 });
      expect(await withBackup.lookup("example.com", "A")).toMatchObject({ status: "ok", records: ["192.0.2.10"] });
    } finally {
      failing.close();
      await good.close();
    }
  });

  test("ignores replies that do not match the question", async () => {
    const socket = dgram.createSocket("udp4");
    socket.on("message", (packet, from) => {
      const query = decodeMessage(packet);
      const wrongName = { ...query, response: true, questions: [{ ...query.questions[0], name: "evil.example" }] };
      socket.send(encodeMessage(wrongName), from.port, from.address);
      socket.send(Buffer.from([packet[0], packet[1], 0xff]), from.port, from.address); // garbage with our id
    });
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
    try {
      const r = createResolver({ servers: [{ host: "127.0.0.1", port: socket.address().port }], timeoutMs: 200, retries: 0 });
      expect(await r.lookup("example.com", "A")).toMatchObject({ status: "error" });
    } finally {
      socket.close();
    }
  });
});

describe("resolver: only the genuine reply counts", () => {
  /** A UDP responder on loopback that answers each query by `reply(query, send)`. */
  async function responder(reply: (query: ReturnType<typeof decodeMessage>, send: (message: Buffer) => void, from: dgram.RemoteInfo) => void) {
    const socket = dgram.createSocket("udp4");
    socket.on("message", (packet, from) => reply(decodeMessage(packet), (message) => socket.send(message, from.port, from.address), from));
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
    return { server: { host: "127.0.0.1", port: socket.address().port }, close: () => socket.close() };
  }
  const answerA = (query: ReturnType<typeof decodeMessage>, cls = 1) =>
    encodeMessage({ ...query, response: true, additionals: [], answers: [{ name: query.questions[0].name, type: 1, class: cls, ttl: 60, data: { type: 1, address: "192.0.2.10" } }] });

  test("keeps waiting for the genuine reply after a mismatched datagram (RFC 5452 9.1)", async () => {
    const { server, close } = await responder((query, send) => {
      send(encodeMessage({ ...query, response: true, additionals: [], questions: [{ ...query.questions[0], name: "evil.example" }] }));
      send(encodeMessage({ ...query, response: true, additionals: [], questions: [{ ...query.questions[0], class: 3 }] })); // class CH
      setTimeout(() => send(answerA(query)), 20);
    });
    try {
      const r = createResolver({ servers: [server], timeoutMs: 500, retries: 0 });
      expect(await r.lookup("example.com", "A")).toMatchObject({ status: "ok", records: ["192.0.2.10"] });
    } finally {
      close();
    }
  });

  test("takes replies only from the server's address and port", async () => {
    const other = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => other.bind(0, "127.0.0.1", () => resolve()));
    const { server, close } = await responder((query, _send, from) => other.send(answerA(query), from.port, from.address));
    try {
      const r = createResolver({ servers: [server], timeoutMs: 200, retries: 0 });
      expect(await r.lookup("example.com", "A")).toEqual({ status: "error", message: "no answer in time" });
    } finally {
      close();
      other.close();
    }
  });

  test("answers of another class than IN answer nothing", async () => {
    const { server, close } = await responder((query, send) => send(answerA(query, 3)));
    try {
      const r = createResolver({ servers: [server], timeoutMs: 300, retries: 0 });
      expect(await r.lookup("example.com", "A")).toEqual({ status: "nodata" });
    } finally {
      close();
    }
  });

  test("an aborted lookup answers at once, and its question is dropped once nobody waits for it", async () => {
    let queries = 0;
    const { server, close } = await responder(() => queries++); // never answers
    try {
      let started = 0;
      const r = createResolver({ servers: [server], timeoutMs: 5000, retries: 1, throttle: (question) => (started++, question()) });
      const controller = new AbortController();
      const first = r.lookup("example.com", "A", { signal: controller.signal, client: "a" });
      const otherClient = new AbortController();
      const second = r.lookup("example.com", "A", { signal: otherClient.signal, client: "b" }); // another client: its own question
      setTimeout(() => controller.abort(), 50);
      expect(await first).toEqual({ status: "error", message: "the check was cancelled" });
      expect(started).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(queries).toBe(2); // client a's question ended: no retry was sent for it
      const late = new AbortController();
      late.abort();
      expect(await r.lookup("example.com", "A", { signal: late.signal })).toEqual({ status: "error", message: "the check was cancelled" });
      otherClient.abort();
      expect(await second).toEqual({ status: "error", message: "the check was cancelled" });
    } finally {
      close();
    }
  });
});

test("parses nameservers from resolv.conf", () => {
  const conf = "# comment\nsearch example.org\nnameserver 10.0.0.53\nnameserver fe80::1%eth0\noptions ndots:1\n";
  expect(parseResolvConf(conf)).toEqual([
    { host: "10.0.0.53", port: 53 },
    { host: "fe80::1", port: 53 },
  ]);
});
