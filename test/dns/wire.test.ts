import { QTYPE, WireError, decodeMessage, encodeMessage, encodeQuery, nameToLabels, type Message } from "../../src/dns/wire";

const header = (id: number, flags: number, qd: number, an: number) =>
  Buffer.from([id >> 8, id & 0xff, flags >> 8, flags & 0xff, 0, qd, 0, an, 0, 0, 0, 0]);

describe("DNS wire format", () => {
  test("names: 63-octet labels and 255 octets in all are the limits; empty labels cannot be sent", () => {
    expect(nameToLabels("example.com.")?.map((l) => l.length)).toEqual([7, 3]);
    expect(nameToLabels(`${"a".repeat(63)}.com`)).not.toBeNull();
    expect(nameToLabels(`${"a".repeat(64)}.com`)).toBeNull();
    expect(nameToLabels(`${"a".repeat(62)}.`.repeat(4) + "b")).not.toBeNull(); // 253 characters, 255 octets
    expect(nameToLabels(`${"a".repeat(62)}.`.repeat(4) + "bc")).toBeNull();
    expect(nameToLabels("a..b")).toBeNull();
    expect(nameToLabels("é.example")?.[0]).toHaveLength(2); // UTF-8 octets count
  });

  test("a query round-trips with its odd name intact", () => {
    const name = "macro%percent  space%20url-space/x:y.example.com";
    const query = decodeMessage(encodeQuery(0x1234, name, QTYPE.TXT));
    expect(query).toMatchObject({ id: 0x1234, response: false, recursionDesired: true, questions: [{ name, type: QTYPE.TXT, class: 1 }] });
    expect(query.additionals[0]).toMatchObject({ type: QTYPE.OPT, class: 1232 });
  });

  test("records of every type round-trip", () => {
    const message: Message = {
      id: 7, response: true, opcode: 0, authoritative: true, truncated: false, recursionDesired: true, recursionAvailable: true, rcode: 0,
      questions: [{ name: "example.com", type: QTYPE.TXT, class: 1 }],
      answers: [
        { name: "example.com", type: QTYPE.TXT, class: 1, ttl: 60, data: { type: QTYPE.TXT, strings: ["v=spf1 ", "-all", ""] } },
        { name: "example.com", type: QTYPE.A, class: 1, ttl: 60, data: { type: QTYPE.A, address: "192.0.2.1" } },
        { name: "example.com", type: QTYPE.AAAA, class: 1, ttl: 60, data: { type: QTYPE.AAAA, address: "2001:db8::1" } },
        { name: "example.com", type: QTYPE.MX, class: 1, ttl: 60, data: { type: QTYPE.MX, priority: 5, exchange: "mx.example.com" } },
        { name: "1.2.0.192.in-addr.arpa", type: QTYPE.PTR, class: 1, ttl: 60, data: { type: QTYPE.PTR, target: "host.example.com" } },
      ],
      authorities: [],
      additionals: [],
    };
    expect(decodeMessage(encodeMessage(message))).toEqual(message);
  });

  test("reads compressed names, and refuses pointers that do not point backwards", () => {
    // Question example.com/A; answer owner is a pointer to offset 12, CNAME target "www" + pointer.
    const question = Buffer.from([7, ...Buffer.from("example"), 3, ...Buffer.from("com"), 0, 0, 1, 0, 1]);
    const rdata = Buffer.from([3, ...Buffer.from("www"), 0xc0, 12]);
    const answer = Buffer.concat([Buffer.from([0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, rdata.length]), rdata]);
    const reply = decodeMessage(Buffer.concat([header(1, 0x8180, 1, 1), question, answer]));
    expect(reply.answers[0]).toMatchObject({ name: "example.com", type: QTYPE.CNAME, data: { target: "www.example.com" } });

    const selfPointer = Buffer.concat([header(1, 0x8180, 1, 0), Buffer.from([0xc0, 12, 0, 1, 0, 1])]);
    expect(() => decodeMessage(selfPointer)).toThrow(WireError);
  });

  test("bounds the steps spent reading names in one message (compression pointers can repeat a long name)", () => {
    // A question of 100 one-letter labels, then `count` answers whose owner points back at it: 101 steps each.
    const message = (count: number) => {
      const question = Buffer.concat([Buffer.from(Array.from({ length: 100 }, () => [1, 0x61]).flat()), Buffer.from([0, 0, 1, 0, 1])]);
      const answer = Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]);
      const head = Buffer.from([0, 1, 0x81, 0, 0, 1, count >> 8, count & 0xff, 0, 0, 0, 0]);
      return Buffer.concat([head, question, ...Array.from({ length: count }, () => answer)]);
    };
    expect(decodeMessage(message(150)).answers).toHaveLength(150);
    expect(() => decodeMessage(message(250))).toThrow(new WireError("names take too many steps to read"));
  });

  test("refuses truncated and inconsistent messages", () => {
    const good = encodeQuery(1, "example.com", QTYPE.A);
    expect(() => decodeMessage(good.subarray(0, good.length - 3))).toThrow(WireError);
    expect(() => decodeMessage(Buffer.from([0, 1, 0x81]))).toThrow(WireError);
    // An A record whose data is 3 octets long.
    const badA = Buffer.concat([header(1, 0x8180, 0, 1), Buffer.from([0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 3, 1, 2, 3])]);
    expect(() => decodeMessage(badA)).toThrow(/bad A record/);
  });
});
