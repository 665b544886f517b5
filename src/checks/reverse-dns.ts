/**
 * Does the sending IP have reverse DNS that confirms forward (FCrDNS)? The PTR names of
 * the IP are looked up, then each name's addresses of the same family; the IP must be
 * among them. Receivers that refuse on "cannot find your hostname" do exactly this
 * (Postfix's reject_unknown_client_hostname, for one: postconf(5)).
 */
import type { Resolver } from "../spf/types";
import { parseIp, ptrName } from "./names";
import type { ReverseDnsReport } from "./types";
import { NotCheckableError } from "../spf/check-failure";

/** PTR names followed forward (an IP may carry many; the first few decide). */
const MAX_PTR_NAMES = 5;
/** Addresses read per forward answer. */
const MAX_ADDRESSES = 32;

/**
 * A name an ISP gives a whole pool of customer addresses: words for dial-up, DSL,
 * cable and dynamic ranges, or the address itself written into the name
 * ("203-0-113-7.dsl.example.net", "host7.113.0.203.example.net"). Receivers treat such a
 * name as "not a mail server", confirmed or not.
 */
const GENERIC_WORDS = /(?:^|[.-])(?:dynamic|dyn|dsl|adsl|vdsl|xdsl|pool|dhcp|dial|dialup|ppp|pppoe|cable|broadband|client|cust|customer|home|user|residential|ip)(?:\d*)(?=[.-]|$)/;

/** @internal exported for its test */
export function looksGeneric(name: string, ip: string): boolean {
  const lower = name.toLowerCase();
  if (GENERIC_WORDS.test(lower)) return true;
  const parts = ip.includes(".") ? ip.split(".") : [];
  if (parts.length === 4) {
    const forward = parts.join("[.-]");
    const backward = [...parts].reverse().join("[.-]");
    if (new RegExp(`(?:^|\\D)(?:${forward}|${backward})(?:\\D|$)`).test(lower)) return true;
    // The whole address as hex or as one run of digits ("cb00717" / "203000113007").
    const hex = parts.map((p) => Number(p).toString(16).padStart(2, "0")).join("");
    const padded = parts.map((p) => p.padStart(3, "0")).join("");
    if (lower.includes(hex) || lower.includes(padded)) return true;
  }
  return false;
}

export async function checkReverseDns(rawIp: string, resolver: Resolver): Promise<ReverseDnsReport> {
  const ip = parseIp(rawIp);
  if (!ip) throw new NotCheckableError(`"${rawIp.slice(0, 60)}" is not an IP address`);
  const text = ip.toString();
  const base = { ip: text, names: [] as string[], confirmedName: null, generic: false };
  const ptr = await resolver.lookup(ptrName(ip), "PTR");
  if (ptr.status === "error") return { ...base, status: "error", error: ptr.message };
  if (ptr.status !== "ok" || ptr.records.length === 0) return { ...base, status: "no-ptr" };
  const names = ptr.records.slice(0, MAX_PTR_NAMES).map((name) => name.replace(/\.$/, "").toLowerCase());
  const family = ip.kind() === "ipv4" ? "A" : "AAAA";
  const forward = await Promise.all(names.map((name) => resolver.lookup(name, family)));
  const confirmedIndex = forward.findIndex(
    (answer) => answer.status === "ok" && answer.records.slice(0, MAX_ADDRESSES).some((address) => parseIp(address)?.toString() === text),
  );
  const confirmedName = confirmedIndex >= 0 ? names[confirmedIndex] : null;
  const generic = names.some((name) => looksGeneric(name, text));
  if (confirmedName) return { ...base, names, status: "confirmed", confirmedName, generic };
  // Every forward lookup failed on DNS trouble: it is not known whether they would confirm.
  if (forward.every((answer) => answer.status === "error")) return { ...base, names, generic, status: "error", error: "the PTR names' addresses could not be looked up" };
  return { ...base, names, status: "not-confirming", generic };
}
