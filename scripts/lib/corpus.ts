/** The NDR corpus in ../shared/corpus/ndr: each NAME.eml with its NAME.expected.json. */
import fs from "node:fs";
import path from "node:path";
import { corpusDir } from "./paths";

export interface ExpectedRecipient {
  recipient: string | null;
  deliverystatus: string | null;
  replycode: number | null;
  reason: string | null;
  diagnosticcode: string | null;
  action: string | null;
  status_pseudo?: boolean;
  status_in_text?: boolean | null;
  rhost?: string | null;
  lhost?: string | null;
}

export interface Expected {
  name: string;
  family: string;
  kind: string;
  isBounce: boolean | null;
  originalSender: string | null;
  senderDomain: string | null;
  recipients: ExpectedRecipient[];
  checks: Record<"isBounce" | "addresses" | "status" | "replyCode" | "diagnostic" | "senderDomain", boolean>;
  sisimai_v5_spec?: { records?: { status: string | null; replycode: number | null; reason: string | null }[] };
}

export interface CorpusEntry {
  /** File name relative to the corpus, e.g. "lhost-postfix-01.eml" or "newline-variants/dos-...". */
  file: string;
  path: string;
  expected: Expected;
}

/**
 * Ends an evaluation with one line saying it was skipped and why when the corpus is
 * not checked out (a clone of the repository alone): never a silent score over nothing.
 */
export function skipWithoutCorpus(what: string): void {
  if (fs.existsSync(path.join(corpusDir, "index.tsv"))) return;
  console.log(`${what}: skipped, the bounce corpus is not at ${corpusDir} (put the shared data beside the repository as ../shared, or set BOUNCE_DOCTOR_SHARED)`);
  process.exit(0);
}

/** Every message of the corpus, newline variants included, in a stable order. */
export function loadCorpus(options: { variants?: boolean } = {}): CorpusEntry[] {
  const dirs = [""].concat(options.variants === false ? [] : ["newline-variants"]);
  const entries: CorpusEntry[] = [];
  for (const dir of dirs) {
    const folder = path.join(corpusDir, dir);
    if (!fs.existsSync(folder)) continue;
    for (const name of fs.readdirSync(folder).sort()) {
      if (!name.endsWith(".eml")) continue;
      const file = path.join(folder, name);
      const expected = JSON.parse(fs.readFileSync(file.replace(/\.eml$/, ".expected.json"), "utf8")) as Expected;
      entries.push({ file: dir ? `${dir}/${name}` : name, path: file, expected });
    }
  }
  return entries;
}
