/**
 * npm run eval:collections [-- DIR ...] [--failures]
 * Scores the parser on collections of outside messages it was not built on: every
 * folder of test/fixtures/collections/ and any folder named on the command line, each
 * holding the messages and an expected.json of hand labels (isBounce; the failed
 * recipients and the status each message states; where labelled, the sending IP the
 * rejecting server named). Where Perl's Sisimai is installed
 * (Debian's libsisimai-perl), its detection on the same files is printed beside ours.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseBounce } from "../src/ndr";
import type { Bounce } from "../src/ndr/bounce";
import { repoRoot } from "./lib/paths";

interface Label {
  isBounce: boolean;
  /** Absent on a bounce: the collection does not say who failed (not scored). A status absent: none stated (not scored). */
  recipients?: { address: string; status?: string | null }[];
  /** The sending IP the rejecting server named, null where it named none; absent: not labelled (not scored). */
  sendingIp?: string | null;
}

interface Tally {
  hit: number;
  total: number;
}

interface CollectionScore {
  name: string;
  messages: number;
  detection: Tally;
  recall: Tally;
  precision: Tally;
  status: Tally;
  sendingIp: Tally;
  sisimaiDetection: Tally | null;
  failures: string[];
}

const add = (tally: Tally, ok: boolean) => {
  tally.total++;
  if (ok) tally.hit++;
};
const empty = (): Tally => ({ hit: 0, total: 0 });
const percent = (t: Tally) => (t.total === 0 ? "-" : `${((100 * t.hit) / t.total).toFixed(1)}% (${t.hit}/${t.total})`);

/** Sisimai's verdict per file: a bounce when it makes a record whose reason is not a non-bounce's. */
function sisimaiBounces(files: string[]): Map<string, boolean> | null {
  if (files.length === 0 || spawnSync("perl", ["-MSisimai", "-e", "1"]).status !== 0) return null;
  const script = 'use Sisimai; for my $f (@ARGV) { my $d = Sisimai->make($f) || []; my $b = grep { $_->reason !~ /^(?:vacation|delivered|feedback)$/ } @$d; print "$f\\t", ($b ? 1 : 0), "\\n" }';
  const run = spawnSync("perl", ["-e", script, ...files], { maxBuffer: 64 * 2 ** 20 });
  if (run.status !== 0) return null;
  return new Map(
    run.stdout
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split("\t"))
      .map(([file, verdict]) => [file, verdict === "1"]),
  );
}

function scoreMessage(label: Label, bounce: Bounce | null, score: CollectionScore, file: string): void {
  const detected = bounce?.isBounce ?? false;
  if (label.sendingIp !== undefined) {
    const found = bounce?.sendingIp ?? null;
    add(score.sendingIp, found === label.sendingIp);
    if (found !== label.sendingIp) score.failures.push(`${file}: sendingIp ${found}, labelled ${label.sendingIp}`);
  }
  add(score.detection, detected === label.isBounce);
  if (detected !== label.isBounce) score.failures.push(`${file}: isBounce ${detected}, labelled ${label.isBounce}`);
  // A bounce labelled without a recipient list: the collection names none, so who failed is not scored.
  if (label.isBounce && label.recipients === undefined) return;
  const ours = (bounce?.isBounce ? bounce.recipients : []).filter((r) => r.action === "failed" || r.action === "delayed");
  // Addresses compare without case: receivers treat them so, and labels differ in it (userx@example.COM).
  const wanted = new Map((label.isBounce ? (label.recipients ?? []) : []).map((r) => [r.address.toLowerCase(), r.status]));
  for (const [address, status] of wanted) {
    const found = ours.find((r) => r.address?.toLowerCase() === address);
    add(score.recall, found !== undefined);
    if (!found) score.failures.push(`${file}: missed ${address}`);
    else if (status !== undefined) {
      add(score.status, found.status === status);
      if (found.status !== status) score.failures.push(`${file}: ${address} status ${found.status}, labelled ${status}`);
    }
  }
  for (const recipient of ours.filter((r) => r.address !== null)) {
    const address = recipient.address!.toLowerCase();
    add(score.precision, wanted.has(address));
    if (!wanted.has(address)) score.failures.push(`${file}: named ${recipient.address}, not labelled`);
  }
}

export async function evaluateCollection(dir: string, options: { sisimai?: boolean } = {}): Promise<CollectionScore> {
  const expected = JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8")) as { collection?: string; messages: Record<string, Label> };
  const files = Object.keys(expected.messages).sort();
  const score: CollectionScore = { name: expected.collection ?? path.basename(dir), messages: files.length, detection: empty(), recall: empty(), precision: empty(), status: empty(), sendingIp: empty(), sisimaiDetection: null, failures: [] };
  for (const file of files) {
    const bounce = await parseBounce(new Uint8Array(fs.readFileSync(path.join(dir, file)))).catch(() => null);
    scoreMessage(expected.messages[file], bounce, score, file);
  }
  const sisimai = options.sisimai === false ? null : sisimaiBounces(files.map((file) => path.join(dir, file)));
  if (sisimai) {
    score.sisimaiDetection = empty();
    for (const file of files) add(score.sisimaiDetection, (sisimai.get(path.join(dir, file)) ?? false) === expected.messages[file].isBounce);
  }
  return score;
}

export function collectionDirs(extra: string[] = []): string[] {
  const root = path.join(repoRoot, "test/fixtures/collections");
  const committed = fs.existsSync(root) ? fs.readdirSync(root).map((name) => path.join(root, name)) : [];
  return [...committed, ...extra].filter((dir) => fs.existsSync(path.join(dir, "expected.json")));
}

async function main() {
  const args = process.argv.slice(2);
  const dirs = collectionDirs(args.filter((arg) => !arg.startsWith("--")));
  const pooled: Record<"detection" | "recall" | "precision" | "status" | "sendingIp", Tally> = { detection: empty(), recall: empty(), precision: empty(), status: empty(), sendingIp: empty() };
  for (const dir of dirs) {
    const score = await evaluateCollection(dir);
    for (const key of Object.keys(pooled) as (keyof typeof pooled)[]) {
      pooled[key].hit += score[key].hit;
      pooled[key].total += score[key].total;
    }
    console.log(`${score.name}: ${score.messages} messages`);
    console.log(`  detection ${percent(score.detection)}${score.sisimaiDetection ? `  (Sisimai ${percent(score.sisimaiDetection)})` : ""}`);
    console.log(`  recall ${percent(score.recall)}  precision ${percent(score.precision)}  status ${percent(score.status)}${score.sendingIp.total ? `  sending IP ${percent(score.sendingIp)}` : ""}`);
    if (args.includes("--failures")) for (const failure of score.failures) console.log(`    ${failure}`);
  }
  if (dirs.length > 1) {
    console.log(`all ${dirs.length} collections: ${pooled.detection.total} messages`);
    console.log(`  detection ${percent(pooled.detection)}  recall ${percent(pooled.recall)}  precision ${percent(pooled.precision)}  status ${percent(pooled.status)}${pooled.sendingIp.total ? `  sending IP ${percent(pooled.sendingIp)}` : ""}`);
  }
}

if (require.main === module) void main();
