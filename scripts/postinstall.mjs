// npm's postinstall: applies patches/ with patch-package, a dev dependency. A production
// install (`npm ci --omit=dev`, e.g. to run the backend) has no patch-package; the patched
// package (postal-mime) is only bundled into the pages by the build, which needs the dev
// dependencies anyway, so such an install skips the patches and says so.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let bin;
try {
  bin = require.resolve("patch-package/dist/index.js");
} catch {
  console.log("postinstall: patch-package is not installed (production install): patches/ not applied; the build needs them");
  process.exit(0);
}
// --error-on-fail: a patch that no longer applies fails the install everywhere, not only in CI
// (patch-package exits 0 on a failed patch unless CI is set or this flag is given).
const result = spawnSync(process.execPath, [bin, "--error-on-fail"], { stdio: "inherit" });
process.exit(result.status ?? 1);
