/**
 * Zone data for the loopback DNS server the tests start (test/support/dns-server.ts)
 * and for the SPF suites (test/fixtures/spf/*.yml are loaded into this shape).
 * Names are lowercased, without the trailing dot.
 */
export type ZoneRecord =
  | { type: "A"; address: string }
  | { type: "AAAA"; address: string }
  | { type: "TXT" | "SPF"; strings: string[] }
  | { type: "MX"; priority: number; exchange: string }
  | { type: "PTR"; target: string }
  | { type: "CNAME"; target: string }
  | { type: "TLSA"; usage: number; selector: number; matchingType: number; data: string }
  /**
   * The server never answers queries for this name (any type), except queries
   * for the types in `except`, which are answered from the name's other records
   * (the SPF suites' "types listed before TIMEOUT are answered").
   */
  /** The server answers every question about this name with SERVFAIL (a broken or unreachable authority). */
  | { type: "SERVFAIL" }
  | { type: "TIMEOUT"; except?: Array<"A" | "AAAA" | "TXT" | "SPF" | "MX" | "PTR" | "CNAME" | "TLSA"> };

export type Zone = Map<string, ZoneRecord[]>;
