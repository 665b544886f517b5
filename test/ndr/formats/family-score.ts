/** Scores a family's corpus files against the reference values, as the eval script does. */
import { loadCorpus } from "../../../scripts/lib/corpus";
import { type Mismatch, emptyScore, scoreOne } from "../../../scripts/lib/ndr-score";
import { parseCorpus } from "./corpus-files";

export async function familyMismatches(family: string): Promise<{ files: number; mismatches: Mismatch[] }> {
  const entries = loadCorpus().filter((entry) => entry.expected.family === family);
  const mismatches: Mismatch[] = [];
  for (const entry of entries) scoreOne(entry, await parseCorpus(entry.file), emptyScore(), mismatches);
  return { files: entries.length, mismatches };
}

/** The mismatches on fields a family must get right on every message: bounce, addresses, status. */
export const essential = (mismatches: Mismatch[]) => mismatches.filter((m) => ["bounce", "recall", "precision", "status", "diagnostic"].includes(m.field));
