/**
 * npm run bench: parse throughput over ../shared/corpus/ndr in one process
 * (messages per second, p50/p99 per message, peak memory), then the same files
 * through `bounce-doctor parse --jsonl` as one process from outside, start-up included,
 * once and ten times over; and, where Perl's Sisimai is installed (Debian's
 * libsisimai-perl), Sisimai on the same files the same way, for comparison: parsing
 * and printing JSON (Sisimai->dump, like for like) and parsing only (->make). Each
 * outside figure is the median of BENCH_RUNS runs (3), the two tools taking turns so
 * that a busy moment of the machine does not favour either.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseBounce } from "../src/ndr";
import { loadCorpus, skipWithoutCorpus } from "./lib/corpus";
import { repoRoot } from "./lib/paths";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function inProcess(files: Uint8Array[]) {
  for (const bytes of files) await parseBounce(bytes); // warm-up: JIT and lazy tables
  const times: number[] = [];
  let peakRss = process.memoryUsage().rss;
  const start = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const bytes of files) {
      const t0 = performance.now();
      await parseBounce(bytes);
      times.push(performance.now() - t0);
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const elapsed = performance.now() - start;
  times.sort((a, b) => a - b);
  return { perSecond: times.length / (elapsed / 1000), p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: times[times.length - 1], peakRssMb: peakRss / 2 ** 20 };
}

/** Wall time of one process over the files, start-up included. */
function timeProcess(command: string, args: string[]): { seconds: number; exit: number | null; stdout: string } {
  const start = performance.now();
  const result = spawnSync(command, args, { maxBuffer: 1024 * 2 ** 20 });
  return { seconds: (performance.now() - start) / 1000, exit: result.status, stdout: result.stdout?.toString() ?? "" };
}

function throughCli(paths: string[]) {
  const cli = path.join(repoRoot, "dist/cli/bounce-doctor.js");
  if (!fs.existsSync(cli)) return null;
  const run = timeProcess(process.execPath, [cli, "parse", "--jsonl", ...paths]);
  const lines = run.stdout.split("\n").filter(Boolean).length;
  return { files: lines, seconds: run.seconds, perSecond: lines / run.seconds, exit: run.exit };
}

/**
 * Sisimai on each file, in one perl process. `make` only parses; `dump` also writes each
 * result as JSON, the same work as `parse --jsonl`, so that is the like-for-like figure.
 */
const SISIMAI = {
  make: "use Sisimai; my $n = 0; for my $f (@ARGV) { Sisimai->make($f); $n++ } print STDERR $n;",
  dump: "use Sisimai; my $n = 0; for my $f (@ARGV) { print Sisimai->dump($f), \"\\n\"; $n++ } print STDERR $n;",
} as const;

function throughSisimai(paths: string[], mode: keyof typeof SISIMAI) {
  if (spawnSync("perl", ["-MSisimai", "-e", "1"]).status !== 0) return null;
  const start = performance.now();
  const run = spawnSync("perl", ["-e", SISIMAI[mode], ...paths], { maxBuffer: 1024 * 2 ** 20 });
  const seconds = (performance.now() - start) / 1000;
  const files = Number(run.stderr?.toString()) || 0;
  return { files, seconds, perSecond: files / seconds, exit: run.status };
}

async function main() {
  skipWithoutCorpus("npm run bench");
  const corpus = loadCorpus();
  const files = corpus.map((entry) => new Uint8Array(fs.readFileSync(entry.path)));
  const megabytes = files.reduce((sum, f) => sum + f.length, 0) / 2 ** 20;
  console.log(`corpus: ${files.length} messages, ${megabytes.toFixed(1)} MB; ${ROUNDS} rounds in one process`);
  const own = await inProcess(files);
  console.log(`in process: ${own.perSecond.toFixed(0)} messages/s, p50 ${own.p50.toFixed(3)} ms, p99 ${own.p99.toFixed(3)} ms, max ${own.max.toFixed(2)} ms, peak RSS ${own.peakRssMb.toFixed(0)} MB`);
  const paths = corpus.map((entry) => entry.path);
  const tenfold = Array.from({ length: 10 }, () => paths).flat();
  for (const [label, files] of [["corpus once", paths], ["corpus x10", tenfold]] as const) {
    const ours: NonNullable<ReturnType<typeof throughCli>>[] = [];
    const made: NonNullable<ReturnType<typeof throughSisimai>>[] = [];
    const dumped: NonNullable<ReturnType<typeof throughSisimai>>[] = [];
    for (let run = 0; run < RUNS; run++) {
      const cli = throughCli(files);
      if (!cli) break;
      ours.push(cli);
      const make = throughSisimai(files, "make");
      if (make) made.push(make);
      const dump = throughSisimai(files, "dump");
      if (dump) dumped.push(dump);
    }
    if (ours.length === 0) {
      console.log("bounce-doctor parse --jsonl: dist/cli/bounce-doctor.js not built (npm run build) - skipped");
      break;
    }
    const cli = median(ours);
    console.log(`bounce-doctor parse --jsonl, ${label}: ${cli.files} files in ${cli.seconds.toFixed(2)} s (start-up included, median of ${ours.length}) = ${cli.perSecond.toFixed(0)} messages/s, exit ${cli.exit}`);
    for (const [what, runs] of [["Sisimai->dump (JSON out, like for like)", dumped], ["Sisimai->make (parse only)", made]] as const) {
      if (runs.length === 0) continue;
      const sisimai = median(runs);
      console.log(`  ${what}, ${label}: ${sisimai.files} files in ${sisimai.seconds.toFixed(2)} s = ${sisimai.perSecond.toFixed(0)} messages/s; bounce-doctor is ${(cli.perSecond / sisimai.perSecond).toFixed(2)}x`);
    }
  }
}

/** The run with the median time. */
function median<T extends { seconds: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[runs.length >> 1];
}

void main();
