/** The address of a DNS server as people write it, for the backend's settings and the CLI's --dns. */
import type { ServerAddress } from "./transport";

/** "host:port" or "[v6]:port"; the port defaults to 53. Throws a RangeError that quotes the text otherwise. */
export function parseServer(text: string): ServerAddress {
  const match = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(text) ?? /^([^:\s]+)(?::(\d+))?$/.exec(text);
  const port = match?.[2] === undefined ? 53 : Number(match[2]);
  if (!match || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`not a DNS server address (host:port): "${text}"`);
  }
  return { host: match[1], port };
}
