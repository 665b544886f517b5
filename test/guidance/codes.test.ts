/**
 * The knowledge base against the reference table: every row of
 * the status-code reference table (test/fixtures/reference/status-codes.tsv) has an entry of its own, with the same who-fixes
 * and related check, and its own title and meaning in en-US and zh-TW.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { allCodes, entryKey, lookupCode } from "../../src/guidance/codes";
import type { Scope } from "../../src/guidance/types";
import { catalogs } from "../../src/i18n";
import { fixturesDir } from "../support/shared-data";

const TSV_SCOPES: Record<string, Scope> = { iana: "iana", "exchange-online": "microsoft", gmail: "google", "outlook-com": "outlook.com" };

interface Row {
  code: string;
  scope: string;
  meaning: string;
  who_fixes: string;
  related_check: string;
}

function readRows(): Row[] {
  const [header, ...lines] = readFileSync(path.join(fixturesDir, "reference/status-codes.tsv"), "utf8").trim().split("\n");
  const names = header.split("\t");
  return lines.map((line) => Object.fromEntries(line.split("\t").map((value, i) => [names[i], value])) as unknown as Row);
}

const rows = readRows();

test("the reference table is the one described (190 rows)", () => {
  expect(rows).toHaveLength(190);
});

describe.each(rows.map((row) => [`${row.scope} ${row.code}`, row] as const))("%s", (_name, row) => {
  const scope = TSV_SCOPES[row.scope];
  const entry = allCodes.find((e) => e.scope === scope && e.code === row.code);

  test("has its own entry with the same who-fixes and related check", () => {
    expect(scope).toBeDefined();
    expect(entry).toBeDefined();
    expect(entry!.whoFixes).toBe(row.who_fixes);
    expect(entry!.related).toBe(row.related_check);
  });

  test("has a title and a meaning in en-US and zh-TW, in words of its own", () => {
    const key = entryKey(entry!);
    for (const part of ["title", "meaning"]) {
      const en = catalogs["en-US"][`${key}.${part}`];
      const zh = catalogs["zh-TW"][`${key}.${part}`];
      expect(en?.trim()).toBeTruthy();
      expect(zh?.trim()).toBeTruthy();
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
    }
    // The explanation is not the reference table's sentence copied.
    expect(catalogs["en-US"][`${key}.meaning`].toLowerCase()).not.toContain(row.meaning.toLowerCase());
  });
});

test("the knowledge base holds nothing the reference table lacks", () => {
  const keys = new Set(rows.map((r) => `${TSV_SCOPES[r.scope]} ${r.code}`));
  expect(allCodes.filter((e) => !keys.has(`${e.scope} ${e.code}`))).toEqual([]);
});

describe("lookup by scope, with fallbacks", () => {
  test("the same code means different things per scope", () => {
    expect(lookupCode("google", "5.7.27")?.related).toBe("spf");
    expect(lookupCode("iana", "5.7.27")?.code).toBe("X.7.27");
    expect(lookupCode("iana", "5.7.27")?.related).toBe("mx");
    expect(lookupCode("google", "5.7.30")?.reason).toBe("dkim-failure");
    expect(lookupCode("iana", "5.7.30")?.reason).toBe("tls-required");
    expect(lookupCode("microsoft", "5.4.8")?.reason).toBe("tls-required");
    expect(lookupCode("microsoft", "5.7.5")?.scope).toBe("microsoft");
    expect(lookupCode("iana", "5.7.5")?.code).toBe("X.7.5");
  });

  test("variants of one code are told apart by the server's words", () => {
    expect(lookupCode("microsoft", "5.7.1", "550 5.7.1 Unable to relay")?.code).toBe("5.7.1 (unable to relay)");
    expect(lookupCode("microsoft", "5.7.1", "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required")?.code).toBe("5.7.1 (not authenticated)");
    expect(lookupCode("microsoft", "5.7.1", "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized")?.code).toBe("5.7.1 (not authorized)");
    // No variant fits: IANA's meaning of X.7.1.
    expect(lookupCode("microsoft", "5.7.1", "550 5.7.1 go away")?.code).toBe("X.7.1");
    expect(lookupCode("microsoft", "5.4.1", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)")?.code).toBe("5.4.1 (DBEB)");
    expect(lookupCode("microsoft", "5.4.1", "550 5.4.1 Relay Access Denied")?.code).toBe("5.4.1");
  });

  test("ranges, code-less entries, outlook.com falling back to Microsoft", () => {
    expect(lookupCode("microsoft", "5.7.612")?.code).toBe("5.7.606-649");
    expect(lookupCode("microsoft", "5.7.650")?.code).toBe("X.7.X");
    expect(lookupCode("microsoft", "4.7.650")?.code).toBe("4.7.500-699");
    expect(lookupCode("microsoft", null, "Your message couldn't be delivered because you exceeded the daily recipient limit")?.code).toBe(
      "n/a (submission quota)",
    );
    expect(lookupCode("outlook.com", "5.7.515")?.scope).toBe("outlook.com");
    expect(lookupCode("outlook.com", "5.7.509")?.scope).toBe("microsoft");
  });

  test("unknown details fall back to the subject, then the class", () => {
    expect(lookupCode("iana", "5.7.99")?.code).toBe("X.7.X");
    expect(lookupCode("yahoo", "4.9.9")?.code).toBe("4.X.X");
    expect(lookupCode("iana", "5.1.1")?.code).toBe("X.1.1");
    expect(lookupCode("iana", null)).toBeNull();
    expect(lookupCode("iana", "not a code")).toBeNull();
  });
});
