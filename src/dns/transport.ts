/**
 * One DNS exchange with one server: UDP with a deadline, or TCP (RFC 7766 framing)
 * when the UDP answer came back truncated. Resolves with the accepted reply or an Error;
 * never rejects, so callers can treat every failure the same way.
 *
 * Error messages say what kind of failure happened and never the server's address or
 * port: they end up in answers sent to whoever asked for a check.
 */
import dgram from "node:dgram";
import net from "node:net";

export interface ServerAddress {
  host: string;
  port: number;
}

/**
 * Reads a raw reply: the decoded reply when it answers our question, null for a
 * datagram that does not (spoofed, stale or garbage), which is ignored.
 */
type Accept<T> = (raw: Buffer) => T | null;

export type Exchange = <T>(server: ServerAddress, query: Buffer, accept: Accept<T>, timeoutMs: number, signal?: AbortSignal) => Promise<T | Error>;

export class AbortedError extends Error {
  constructor() {
    super("the check was cancelled");
  }
}

/** An address compared as the socket reports it (IPv4-mapped IPv6 and case differences aside). */
function sameAddress(a: string, b: string): boolean {
  const bare = (address: string) => address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return bare(a) === bare(b);
}

/** Calls `finish` when the signal aborts; returns the clean-up. */
function onAbort(signal: AbortSignal | undefined, finish: (outcome: Error) => void): () => void {
  if (!signal) return () => undefined;
  const listener = () => finish(new AbortedError());
  signal.addEventListener("abort", listener, { once: true });
  return () => signal.removeEventListener("abort", listener);
}

/**
 * Sends over UDP from a fresh socket (a fresh random source port per query) and waits
 * for a datagram from the server's address and port that `accept` takes: a mismatched
 * datagram is dropped and the wait goes on for the genuine reply (RFC 5452 section 9.1).
 * `server.host` must be an IP address (see resolveServers).
 */
export const exchangeUdp: Exchange = (server, query, accept, timeoutMs, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) { resolve(new AbortedError()); return; }
    const socket = dgram.createSocket(net.isIPv6(server.host) ? "udp6" : "udp4");
    let settled = false;
    const finish = (outcome: Parameters<typeof resolve>[0]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      detach();
      socket.close();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish(new Error("no answer in time")), timeoutMs);
    const detach = onAbort(signal, finish);
    socket.on("error", () => finish(new Error("network error")));
    socket.on("message", (msg, from) => {
      if (from.port !== server.port || !sameAddress(from.address, server.host)) return;
      const reply = accept(msg);
      if (reply !== null) finish(reply);
    });
    socket.send(query, server.port, server.host, (err) => {
      if (err) finish(new Error("network error"));
    });
  });

/** Sends over TCP with the two-octet length prefix and reads exactly one framed reply. */
export const exchangeTcp: Exchange = (server, query, accept, timeoutMs, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) { resolve(new AbortedError()); return; }
    const socket = net.connect({ host: server.host, port: server.port });
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    const finish = (outcome: Parameters<typeof resolve>[0]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      detach();
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish(new Error("no answer in time")), timeoutMs);
    const detach = onAbort(signal, finish);
    socket.on("error", () => finish(new Error("network error")));
    socket.on("close", () => finish(new Error("connection closed before a reply")));
    socket.on("connect", () => {
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(query.length);
      socket.write(Buffer.concat([prefix, query]));
    });
    socket.on("data", (chunk) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length < 2) return;
      const received = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
      chunks.splice(0, chunks.length, received);
      const size = received.readUInt16BE(0);
      if (received.length < 2 + size) return;
      // On a connection to the server there is no genuine reply left to wait for.
      finish(accept(received.subarray(2, 2 + size)) ?? new Error("the reply does not match the question"));
    });
  });
