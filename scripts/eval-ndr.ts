/**
 * npm run eval [-- --family lhost-postfix] [--failures] [--json]
 * Scores the bounce parser over ../shared/corpus/ndr (newline variants included)
 * and prints a per-family table and the totals.
 */
import fs from "node:fs";
import { parseBounce } from "../src/ndr";
import type { Bounce } from "../src/ndr/types";
import { loadCorpus, skipWithoutCorpus } from "./lib/corpus";
import { type Mismatch, type Score, emptyScore, percent, scoreOne } from "./lib/ndr-score";

const FIELDS: (keyof Score)[] = ["bounce", "recall", "precision", "status", "replyCode", "diagnostic", "senderDomain"];

export async function evaluate(filter?: string) {
  const byFamily = new Map<string, Score>();
  const total = emptyScore();
  const mismatches: Mismatch[] = [];
  const errors: { file: string; error: string }[] = [];
  for (const entry of loadCorpus()) {
    if (filter && !entry.expected.family.includes(filter) && !entry.file.includes(filter)) continue;
    let bounce: Bounce | null = null;
    try {
      bounce = await parseBounce(new Uint8Array(fs.readFileSync(entry.path)));
    } catch (error) {
      errors.push({ file: entry.file, error: String(error) });
    }
    const family = entry.expected.family;
    if (!byFamily.has(family)) byFamily.set(family, emptyScore());
    scoreOne(entry, bounce, byFamily.get(family)!, mismatches);
    scoreOne(entry, bounce, total, []);
  }
  return { byFamily, total, mismatches, errors };
}

function cell(score: Score, field: keyof Score): string {
  const tally = score[field];
  return tally.total === 0 ? "-" : `${tally.hit}/${tally.total}`;
}

async function main() {
  skipWithoutCorpus("npm run eval");
  const args = process.argv.slice(2);
  const familyIndex = args.indexOf("--family");
  const filter = familyIndex >= 0 ? args[familyIndex + 1] : undefined;
  const { byFamily, total, mismatches, errors } = await evaluate(filter);
  if (args.includes("--json")) {
    console.log(JSON.stringify({ total, byFamily: Object.fromEntries(byFamily), mismatches, errors }, null, 1));
    return;
  }
  const header = ["family", ...FIELDS];
  const rows = [...byFamily.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([family, score]) => [family, ...FIELDS.map((f) => cell(score, f))]);
  rows.push(["TOTAL", ...FIELDS.map((f) => cell(total, f))]);
  rows.push(["TOTAL %", ...FIELDS.map((f) => `${percent(total[f]).toFixed(1)}%`)]);
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  if (errors.length) console.log(`\n${errors.length} files raised errors:\n${errors.map((e) => `  ${e.file}: ${e.error}`).join("\n")}`);
  if (args.includes("--failures")) {
    console.log("\nMismatches:");
    for (const m of mismatches) console.log(`  ${m.file} ${m.field}: expected ${JSON.stringify(m.expected)} got ${JSON.stringify(m.actual)}`);
  }
}

if (require.main === module) void main();
