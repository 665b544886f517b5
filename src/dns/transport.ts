/**
 * One DNS exchange with one server: UDP with a deadline, or TCP (RFC 7766 framing)
 * when the UDP answer came back truncated. Resolves with the raw reply or an Error;
 * never rejects, so callers can treat every failure the same way.
 */
import dgram from "node:dgram";
import net from "node:net";

export interface ServerAddress {
  host: string;
  port: number;
}

export type Exchange = (server: ServerAddress, query: Buffer, id: number, timeoutMs: number) => Promise<Buffer | Error>;

/** Sends over UDP from a fresh socket (a fresh random source port per query) and waits for a reply carrying our id. */
export const exchangeUdp: Exchange = (server, query, id, timeoutMs) =>
  new Promise((resolve) => {
    const socket = dgram.createSocket(net.isIPv6(server.host) ? "udp6" : "udp4");
    let settled = false;
    const finish = (outcome: Buffer | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
    socket.on("error", (err) => finish(err));
    socket.on("message", (msg, from) => {
      // Ignore stray datagrams: only the server we asked, with our id, may answer.
      const fromServer = from.port === server.port && (!net.isIP(server.host) || from.address === server.host);
      if (msg.length >= 2 && msg.readUInt16BE(0) === id && fromServer) finish(msg);
    });
    socket.send(query, server.port, server.host, (err) => {
      if (err) finish(err);
    });
  });

/** Sends over TCP with the two-octet length prefix and reads exactly one framed reply. */
export const exchangeTcp: Exchange = (server, query, id, timeoutMs) =>
  new Promise((resolve) => {
    const socket = net.connect({ host: server.host, port: server.port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: Buffer | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
    socket.on("error", (err) => finish(err));
    socket.on("close", () => finish(new Error("connection closed before a reply")));
    socket.on("connect", () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(query.length);
      socket.write(Buffer.concat([length, query]));
    });
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 2) return;
      const size = received.readUInt16BE(0);
      if (received.length < 2 + size) return;
      const reply = received.subarray(2, 2 + size);
      finish(reply.length >= 2 && reply.readUInt16BE(0) === id ? reply : new Error("reply id mismatch"));
    });
  });
