/**
 * `npm run validate`: the manifests for ADDIN_ORIGIN (default https://localhost:3000, the
 * checked-in ones), offline; the checks are listed in scripts/lib/manifest-checks.ts.
 * Prints one line per check; exits 1 if any fails.
 */
import { addinOrigin } from "./lib/deployment";
import { validateFor } from "./lib/manifest-checks";

if (require.main === module) {
  (async () => {
    const origin = addinOrigin(process.env.ADDIN_ORIGIN);
    const checks = await validateFor(origin);
    for (const { name, problems } of checks) {
      console.log(`${problems.length ? "FAIL" : "ok  "} ${name}`);
      for (const problem of problems) console.log(`     ${problem}`);
    }
    const failed = checks.filter((check) => check.problems.length).length;
    console.log(failed ? `${failed} of ${checks.length} checks failed for ${origin}` : `all ${checks.length} checks passed for ${origin}`);
    process.exitCode = failed ? 1 : 0;
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? `validate: ${error.message}` : error);
    process.exitCode = 1;
  });
}
