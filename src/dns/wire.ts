/**
 * DNS wire format (RFC 1035) for the few record types Bounce Doctor needs.
 *
 * Written here rather than taken from dns-packet because SPF produces names that
 * library mishandles: it writes labels over 63 octets without complaint (corrupting
 * the packet), silently drops empty labels, and decodes labels lossily. Here a name
 * that cannot be sent is reported as such, so the resolver can answer "no such name".
 */

import ipaddr from "ipaddr.js";

export const QTYPE = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, OPT: 41, TLSA: 52, SPF: 99 } as const;
export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
export const CLASS_IN = 1;

/** Largest DNS message over UDP without EDNS (RFC 1035 section 4.2.1). @internal exported for its test */
export const CLASSIC_UDP_LIMIT = 512;
const MAX_LABEL_OCTETS = 63;
/** 255 octets on the wire, i.e. 253 characters in dotted form. */
const MAX_NAME_OCTETS = 255;

interface Soa {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

/** @internal exported for its test */
export type RData =
  | { type: typeof QTYPE.A | typeof QTYPE.AAAA; address: string }
  | { type: typeof QTYPE.TXT | typeof QTYPE.SPF; strings: string[] }
  | { type: typeof QTYPE.MX; priority: number; exchange: string }
  | { type: typeof QTYPE.PTR | typeof QTYPE.CNAME | typeof QTYPE.NS; target: string }
  | { type: typeof QTYPE.SOA; soa: Soa }
  | { type: typeof QTYPE.TLSA; tlsa: { usage: number; selector: number; matchingType: number; data: string } }
  | { type: number; raw: Uint8Array };

export interface ResourceRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  data: RData;
}

interface Question {
  name: string;
  type: number;
  class: number;
}

export interface Message {
  id: number;
  response: boolean;
  opcode: number;
  authoritative: boolean;
  truncated: boolean;
  recursionDesired: boolean;
  recursionAvailable: boolean;
  rcode: number;
  questions: Question[];
  answers: ResourceRecord[];
  authorities: ResourceRecord[];
  additionals: ResourceRecord[];
}

/** @internal exported for its test */
export class WireError extends Error {}

/** A name's labels as octets, or null when DNS cannot carry it (long or empty labels, too long overall). */
export function nameToLabels(name: string): Uint8Array[] | null {
  const dotted = name.endsWith(".") ? name.slice(0, -1) : name;
  if (dotted === "") return [];
  const labels = dotted.split(".").map((label) => new Uint8Array(Buffer.from(label, "utf8")));
  if (labels.some((label) => label.length === 0 || label.length > MAX_LABEL_OCTETS)) return null;
  const octets = labels.reduce((sum, label) => sum + label.length + 1, 1);
  return octets > MAX_NAME_OCTETS ? null : labels;
}

/** Lower-case dotted form used for comparisons and cache keys (DNS names are case-insensitive in ASCII). */
export function canonicalName(name: string): string {
  const dotted = name.endsWith(".") ? name.slice(0, -1) : name;
  // Most names arrive in lower case already: test before building a new string.
  return /[A-Z]/.test(dotted) ? dotted.replace(/[A-Z]/g, (c) => c.toLowerCase()) : dotted;
}

class Writer {
  private chunks: Buffer[] = [];
  length = 0;
  push(bytes: Uint8Array): void {
    const buf = Buffer.from(bytes);
    this.chunks.push(buf);
    this.length += buf.length;
  }
  u8(n: number): void {
    this.push(Uint8Array.of(n & 0xff));
  }
  u16(n: number): void {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(n & 0xffff);
    this.push(b);
  }
  u32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    this.push(b);
  }
  name(name: string): void {
    const labels = nameToLabels(name);
    if (!labels) throw new WireError(`name cannot be encoded: ${name}`);
    for (const label of labels) {
      this.u8(label.length);
      this.push(label);
    }
    this.u8(0);
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}

function encodeRData(data: RData): Buffer {
  const w = new Writer();
  if ("address" in data) {
    w.push(data.type === QTYPE.A ? ipv4Bytes(data.address) : ipv6Bytes(data.address));
  } else if ("strings" in data) {
    for (const s of data.strings) {
      // A character-string holds at most 255 octets: longer text is split, as zone files do.
      const bytes = Buffer.from(s, "utf8");
      if (bytes.length === 0) w.u8(0);
      for (let i = 0; i < bytes.length; i += 255) {
        const part = bytes.subarray(i, i + 255);
        w.u8(part.length);
        w.push(part);
      }
    }
  } else if ("exchange" in data) {
    w.u16(data.priority);
    w.name(data.exchange);
  } else if ("target" in data) {
    w.name(data.target);
  } else if ("tlsa" in data) {
    w.u8(data.tlsa.usage);
    w.u8(data.tlsa.selector);
    w.u8(data.tlsa.matchingType);
    w.push(Buffer.from(data.tlsa.data, "hex"));
  } else if ("soa" in data) {
    const s = data.soa;
    w.name(s.mname);
    w.name(s.rname);
    for (const n of [s.serial, s.refresh, s.retry, s.expire, s.minimum]) w.u32(n);
  } else {
    w.push(data.raw);
  }
  return w.toBuffer();
}

function flagsWord(m: Message): number {
  return (
    (m.response ? 0x8000 : 0) |
    ((m.opcode & 0xf) << 11) |
    (m.authoritative ? 0x0400 : 0) |
    (m.truncated ? 0x0200 : 0) |
    (m.recursionDesired ? 0x0100 : 0) |
    (m.recursionAvailable ? 0x0080 : 0) |
    (m.rcode & 0xf)
  );
}

/** Encodes a whole message (no name compression: simpler, and the server truncates anyway). @internal exported for its test */
export function encodeMessage(m: Message): Buffer {
  const w = new Writer();
  w.u16(m.id);
  w.u16(flagsWord(m));
  w.u16(m.questions.length);
  w.u16(m.answers.length);
  w.u16(m.authorities.length);
  w.u16(m.additionals.length);
  for (const q of m.questions) {
    w.name(q.name);
    w.u16(q.type);
    w.u16(q.class);
  }
  for (const rr of [...m.answers, ...m.authorities, ...m.additionals]) {
    w.name(rr.name);
    w.u16(rr.type);
    w.u16(rr.class);
    w.u32(rr.ttl);
    const rdata = encodeRData(rr.data);
    w.u16(rdata.length);
    w.push(rdata);
  }
  return w.toBuffer();
}

/** A recursive query for one name and type, with an EDNS0 OPT record advertising a 1232-octet UDP payload. */
export function encodeQuery(id: number, name: string, type: number): Buffer {
  return encodeMessage({
    id,
    response: false,
    opcode: 0,
    authoritative: false,
    truncated: false,
    recursionDesired: true,
    recursionAvailable: false,
    rcode: 0,
    questions: [{ name, type, class: CLASS_IN }],
    answers: [],
    authorities: [],
    // OPT: root owner, class = UDP payload size, ttl = extended rcode/flags (all zero).
    additionals: [{ name: "", type: QTYPE.OPT, class: 1232, ttl: 0, data: { type: QTYPE.OPT, raw: new Uint8Array(0) } }],
  });
}

/**
 * Labels and compression pointers followed while decoding one message, at most. Pointers
 * let a 64 KB message name the same long chain of labels thousands of times (about
 * 100 ms of decoding); a genuine reply needs a few steps per name.
 */
const MAX_NAME_STEPS = 20_000;

class Reader {
  offset = 0;
  /** Steps left for reading names in this message (see MAX_NAME_STEPS). */
  private nameSteps = MAX_NAME_STEPS;
  constructor(readonly buf: Buffer) {}
  need(n: number): void {
    if (this.offset + n > this.buf.length) throw new WireError("message truncated");
  }
  u8(): number {
    this.need(1);
    return this.buf[this.offset++];
  }
  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.offset);
    this.offset += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }
  bytes(n: number): Buffer {
    this.need(n);
    const b = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return b;
  }
  /** Reads a possibly compressed name; pointers must go backwards, which also rules out loops. */
  name(): string {
    const labels: string[] = [];
    let pos = this.offset;
    let resumeAt = -1;
    let octets = 1;
    for (;;) {
      if (--this.nameSteps < 0) throw new WireError("names take too many steps to read");
      if (pos >= this.buf.length) throw new WireError("name runs past the message");
      const len = this.buf[pos];
      if (len === 0) {
        pos += 1;
        break;
      }
      if ((len & 0xc0) === 0xc0) {
        if (pos + 1 >= this.buf.length) throw new WireError("name pointer runs past the message");
        const target = ((len & 0x3f) << 8) | this.buf[pos + 1];
        if (target >= pos) throw new WireError("name pointer does not point backwards");
        if (resumeAt < 0) resumeAt = pos + 2;
        pos = target;
        continue;
      }
      if (len > MAX_LABEL_OCTETS) throw new WireError("bad label length");
      if (pos + 1 + len > this.buf.length) throw new WireError("label runs past the message");
      octets += len + 1;
      if (octets > MAX_NAME_OCTETS) throw new WireError("name too long");
      labels.push(this.buf.toString("utf8", pos + 1, pos + 1 + len));
      pos += 1 + len;
    }
    this.offset = resumeAt >= 0 ? resumeAt : pos;
    return labels.join(".");
  }
}

function decodeRData(r: Reader, type: number, length: number): RData {
  const end = r.offset + length;
  r.need(length);
  let data: RData;
  switch (type) {
    case QTYPE.A:
      if (length !== 4) throw new WireError("bad A record");
      data = { type, address: Array.from(r.bytes(4)).join(".") };
      break;
    case QTYPE.AAAA:
      if (length !== 16) throw new WireError("bad AAAA record");
      data = { type, address: ipv6Text(r.bytes(16)) };
      break;
    case QTYPE.TXT:
    case QTYPE.SPF: {
      const strings: string[] = [];
      while (r.offset < end) {
        const len = r.u8();
        if (r.offset + len > end) throw new WireError("character-string runs past its record");
        strings.push(r.bytes(len).toString("utf8"));
      }
      data = { type, strings };
      break;
    }
    case QTYPE.MX:
      data = { type, priority: r.u16(), exchange: r.name() };
      break;
    case QTYPE.PTR:
    case QTYPE.CNAME:
    case QTYPE.NS:
      data = { type, target: r.name() };
      break;
    case QTYPE.SOA:
      data = {
        type,
        soa: { mname: r.name(), rname: r.name(), serial: r.u32(), refresh: r.u32(), retry: r.u32(), expire: r.u32(), minimum: r.u32() },
      };
      break;
    case QTYPE.TLSA: {
      // RFC 6698 section 2.1: three one-octet fields, then the association data.
      if (length < 3) throw new WireError("bad TLSA record");
      const [usage, selector, matchingType] = [r.u8(), r.u8(), r.u8()];
      data = { type, tlsa: { usage, selector, matchingType, data: r.bytes(length - 3).toString("hex") } };
      break;
    }
    default:
      data = { type, raw: new Uint8Array(r.bytes(length)) };
  }
  if (r.offset !== end) throw new WireError("record data length mismatch");
  return data;
}

function decodeRecord(r: Reader): ResourceRecord {
  const name = r.name();
  const type = r.u16();
  const cls = r.u16();
  const ttl = r.u32();
  const length = r.u16();
  return { name, type, class: cls, ttl: ttl > 0x7fffffff ? 0 : ttl, data: decodeRData(r, type, length) };
}

/** Decodes a message; throws WireError when it is malformed. */
export function decodeMessage(buf: Buffer): Message {
  const r = new Reader(buf);
  const id = r.u16();
  const flags = r.u16();
  const counts = [r.u16(), r.u16(), r.u16(), r.u16()];
  const questions: Question[] = [];
  for (let i = 0; i < counts[0]; i++) questions.push({ name: r.name(), type: r.u16(), class: r.u16() });
  const sections: ResourceRecord[][] = [[], [], []];
  for (let s = 0; s < 3; s++) for (let i = 0; i < counts[s + 1]; i++) sections[s].push(decodeRecord(r));
  return {
    id,
    response: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    authoritative: (flags & 0x0400) !== 0,
    truncated: (flags & 0x0200) !== 0,
    recursionDesired: (flags & 0x0100) !== 0,
    recursionAvailable: (flags & 0x0080) !== 0,
    rcode: flags & 0xf,
    questions,
    answers: sections[0],
    authorities: sections[1],
    additionals: sections[2],
  };
}

function ipv4Bytes(address: string): Uint8Array {
  if (!ipaddr.IPv4.isValidFourPartDecimal(address)) throw new WireError(`bad IPv4 address: ${address}`);
  return Uint8Array.from(ipaddr.IPv4.parse(address).toByteArray());
}

function ipv6Bytes(address: string): Uint8Array {
  if (!ipaddr.IPv6.isValid(address)) throw new WireError(`bad IPv6 address: ${address}`);
  return Uint8Array.from(ipaddr.IPv6.parse(address).toByteArray());
}

/** RFC 5952 text (ipaddr.js compresses the longest run of zero groups). */
function ipv6Text(bytes: Uint8Array): string {
  return ipaddr.fromByteArray(Array.from(bytes)).toString();
}
