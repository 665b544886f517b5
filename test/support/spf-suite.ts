/**
 * Loads the openspf.org SPF test suites (test/fixtures/spf/rfc7208-tests.yml and
 * rfc4408-tests.yml, YAML streams of scenarios) into a Zone per scenario plus its cases.
 *
 * Zone conventions of the suites (see test/fixtures/README.md):
 * - TXT/SPF data is a string or a list of character-strings.
 * - `TXT: NONE` means "no TXT records, and do not copy SPF records to TXT".
 * - SPF (type 99) records are also served as TXT when the name has no TXT item.
 * - `TIMEOUT` makes queries time out for every type not listed above it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import type { SpfResult } from "../../src/spf/types";
import { fixturesDir } from "./shared-data";
import type { Zone, ZoneRecord } from "./zone";

export type SuiteFile = "rfc7208-tests.yml" | "rfc4408-tests.yml";

export interface SpfSuiteCase {
  scenario: string;
  name: string;
  spec: string;
  description?: string;
  helo: string;
  host: string;
  mailfrom: string;
  /** Acceptable results, the preferred one first. */
  results: SpfResult[];
  /** Expected explanation; "DEFAULT" stands for the checker's default explanation. */
  explanation?: string;
}

export interface SpfSuiteScenario {
  description: string;
  zone: Zone;
  cases: SpfSuiteCase[];
}

type AnsweredType = Exclude<ZoneRecord["type"], "TIMEOUT" | "SERVFAIL">;

/** Where a suite is read from (the repository's own copy), or null when it is missing. */
export function spfSuitePath(file: SuiteFile): string | null {
  const candidate = path.join(fixturesDir, "spf", file);
  return fs.existsSync(candidate) ? candidate : null;
}

export function loadSpfSuite(file: SuiteFile): SpfSuiteScenario[] {
  const text = fs.readFileSync(path.join(fixturesDir, "spf", file), "utf8");
  return parseAllDocuments(text).map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
    return toScenario(document.toJS() as RawScenario);
  });
}

interface RawScenario {
  description: string;
  tests: Record<string, RawCase>;
  zonedata: Record<string, RawZoneItem[] | null>;
}
interface RawCase {
  description?: string;
  spec: string | number;
  helo: string;
  host: string;
  mailfrom: string;
  result: SpfResult | SpfResult[];
  explanation?: string;
}
type RawZoneItem = "TIMEOUT" | Record<string, unknown>;

function toScenario(raw: RawScenario): SpfSuiteScenario {
  const cases = Object.entries(raw.tests).map(([name, test]) => ({
    scenario: raw.description,
    name,
    spec: String(test.spec),
    description: test.description,
    helo: String(test.helo),
    host: String(test.host),
    mailfrom: String(test.mailfrom ?? ""),
    results: Array.isArray(test.result) ? test.result : [test.result],
    explanation: test.explanation,
  }));
  const zone: Zone = new Map();
  for (const [name, items] of Object.entries(raw.zonedata ?? {})) {
    zone.set(normalizeName(name), toRecords(items ?? []));
  }
  return { description: raw.description, zone, cases };
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

function toRecords(items: RawZoneItem[]): ZoneRecord[] {
  const records: ZoneRecord[] = [];
  const answered = new Set<AnsweredType>();
  let hasTxtItem = false;
  const spfCopies: ZoneRecord[] = [];
  for (const item of items) {
    if (item === "TIMEOUT") {
      records.push({ type: "TIMEOUT", except: [...answered] });
      continue;
    }
    for (const [type, value] of Object.entries(item)) {
      if (type === "TXT") hasTxtItem = true;
      if (value === "NONE") continue;
      const record = toRecord(type, value);
      records.push(record);
      answered.add(record.type as AnsweredType);
      if (record.type === "SPF") spfCopies.push({ type: "TXT", strings: record.strings });
    }
  }
  // The copies come last, like the suite's reference driver: a TIMEOUT listed
  // before them still makes TXT queries time out.
  return hasTxtItem ? records : [...records, ...spfCopies];
}

function toRecord(type: string, value: unknown): ZoneRecord {
  switch (type) {
    case "A":
    case "AAAA":
      return { type, address: String(value) };
    case "TXT":
    case "SPF":
      return { type, strings: Array.isArray(value) ? value.map(String) : [String(value)] };
    case "MX": {
      const [priority, exchange] = value as [number, string];
      return { type, priority: Number(priority), exchange: normalizeName(String(exchange)) };
    }
    case "PTR":
      return { type, target: normalizeName(String(value)) };
    case "CNAME":
      return { type, target: normalizeName(String(value)) };
    default:
      throw new Error(`unsupported zone record type ${type}`);
  }
}
