/** Where the repository and the read-only shared data (corpus, SPF suites) live. */
import path from "node:path";

export const repoRoot = path.resolve(__dirname, "../..");
const sharedDir = process.env.BOUNCE_DOCTOR_SHARED ?? path.resolve(repoRoot, "../shared");
export const corpusDir = path.join(sharedDir, "corpus", "ndr");
