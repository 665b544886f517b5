/**
 * npm run eval [-- --family lhost-postfix] [--failures] [--json] [--leave-one-family-out]
 * Scores the bounce parser over ../shared/corpus/ndr (newline variants included)
 * and prints a per-family table and the totals.
 *
 * --leave-one-family-out withholds each family's own format modules in turn (those
 * that read its messages when all are asked) and scores that family's messages
 * through everything else: how the parser reads a server it has never seen.
 */
import fs from "node:fs";
import { parseBounce } from "../src/ndr";
import type { ParseOptions } from "../src/ndr/parse";
import type { Bounce } from "../src/ndr/bounce";
import { type CorpusEntry, loadCorpus, skipWithoutCorpus } from "./lib/corpus";
import { familyModules, formatsWithout } from "./lib/leave-one-out";
import { type Mismatch, type Score, emptyScore, percent, scoreOne } from "./lib/ndr-score";

const FIELDS: (keyof Score)[] = ["bounce", "recall", "precision", "status", "replyCode", "diagnostic", "senderDomain", "sendingIp"];
/** The measures the leave-one-family-out table shows. */
const HELD_OUT_FIELDS: (keyof Score)[] = ["bounce", "recall", "precision", "status", "sendingIp"];

interface Evaluation {
  byFamily: Map<string, Score>;
  total: Score;
  mismatches: Mismatch[];
  errors: { file: string; error: string }[];
  /** For leave-one-family-out: the modules withheld per family. */
  withheld?: Map<string, Set<string>>;
}

async function parseEntry(entry: CorpusEntry, options: ParseOptions, errors: Evaluation["errors"]): Promise<Bounce | null> {
  try {
    return await parseBounce(new Uint8Array(fs.readFileSync(entry.path)), options);
  } catch (error) {
    errors.push({ file: entry.file, error: String(error) });
    return null;
  }
}

function tally(evaluation: Evaluation, entry: CorpusEntry, bounce: Bounce | null): void {
  const family = entry.expected.family;
  if (!evaluation.byFamily.has(family)) evaluation.byFamily.set(family, emptyScore());
  scoreOne(entry, bounce, evaluation.byFamily.get(family)!, evaluation.mismatches);
  scoreOne(entry, bounce, evaluation.total, []);
}

const selected = (filter?: string) => loadCorpus().filter((entry) => !filter || entry.expected.family.includes(filter) || entry.file.includes(filter));

export async function evaluate(filter?: string): Promise<Evaluation> {
  const evaluation: Evaluation = { byFamily: new Map(), total: emptyScore(), mismatches: [], errors: [] };
  for (const entry of selected(filter)) tally(evaluation, entry, await parseEntry(entry, {}, evaluation.errors));
  return evaluation;
}

export async function evaluateLeavingOneFamilyOut(filter?: string): Promise<Evaluation> {
  const entries = selected(filter);
  const formatsByFile = new Map<string, { family: string; format: string | null }>();
  const ignored: Evaluation["errors"] = [];
  for (const entry of entries) formatsByFile.set(entry.file, { family: entry.expected.family, format: (await parseEntry(entry, {}, ignored))?.format ?? null });
  const withheld = familyModules(formatsByFile);
  const evaluation: Evaluation = { byFamily: new Map(), total: emptyScore(), mismatches: [], errors: [], withheld };
  const formatsFor = new Map([...withheld].map(([family, names]) => [family, formatsWithout(names)]));
  for (const entry of entries) tally(evaluation, entry, await parseEntry(entry, { formats: formatsFor.get(entry.expected.family) }, evaluation.errors));
  return evaluation;
}

function cell(score: Score, field: keyof Score): string {
  const count = score[field];
  return count.total === 0 ? "-" : `${count.hit}/${count.total}`;
}

function printTable(evaluation: Evaluation, fields: (keyof Score)[]): void {
  const { byFamily, total, withheld } = evaluation;
  const header = ["family", ...fields, ...(withheld ? ["withheld"] : [])];
  const extra = (family: string) => (withheld ? [[...(withheld.get(family) ?? [])].join(",") || "-"] : []);
  const rows = [...byFamily.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([family, score]) => [family, ...fields.map((f) => cell(score, f)), ...extra(family)]);
  rows.push(["TOTAL", ...fields.map((f) => cell(total, f)), ...(withheld ? [""] : [])]);
  rows.push(["TOTAL %", ...fields.map((f) => `${percent(total[f]).toFixed(1)}%`), ...(withheld ? [""] : [])]);
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === fields.length + 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

async function main() {
  skipWithoutCorpus("npm run eval");
  const args = process.argv.slice(2);
  const familyIndex = args.indexOf("--family");
  const filter = familyIndex >= 0 ? args[familyIndex + 1] : undefined;
  const heldOut = args.includes("--leave-one-family-out");
  const evaluation = heldOut ? await evaluateLeavingOneFamilyOut(filter) : await evaluate(filter);
  const { total, byFamily, mismatches, errors } = evaluation;
  if (args.includes("--json")) {
    const withheld = evaluation.withheld ? Object.fromEntries([...evaluation.withheld].map(([family, names]) => [family, [...names]])) : undefined;
    console.log(JSON.stringify({ total, byFamily: Object.fromEntries(byFamily), withheld, mismatches, errors }, null, 1));
    return;
  }
  if (heldOut) console.log("Leave-one-family-out: each family scored with its own format modules withheld.\n");
  printTable(evaluation, heldOut ? HELD_OUT_FIELDS : FIELDS);
  if (errors.length) console.log(`\n${errors.length} files raised errors:\n${errors.map((e) => `  ${e.file}: ${e.error}`).join("\n")}`);
  if (args.includes("--failures")) {
    console.log("\nMismatches:");
    for (const m of mismatches) console.log(`  ${m.file} ${m.field}: expected ${JSON.stringify(m.expected)} got ${JSON.stringify(m.actual)}`);
  }
}

if (require.main === module) void main();
