/**
 * Jest reporter: at the end of a run, one line that says which tests were skipped
 * because the whole corpus in ../shared is absent, and why (never a silent skip).
 * Those tests carry NEEDS_SHARED in their title (test/support/shared-data.ts).
 */
const NEEDS_SHARED = "[skipped: needs ../shared]";

class SharedSkipsReporter {
  onRunComplete(_contexts, results) {
    const files = new Set();
    let tests = 0;
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        if (t.status !== "pending" || ![...t.ancestorTitles, t.title].some((title) => title.includes(NEEDS_SHARED))) continue;
        tests += 1;
        files.add(file.testFilePath);
      }
    }
    if (tests === 0) return;
    const where = process.env.BOUNCE_DOCTOR_SHARED ?? "../shared";
    const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
    process.stdout.write(
      `Skipped ${plural(tests, "test")} in ${plural(files.size, "file")} that need the whole bounce corpus ` +
        `(scores over every message, checks against it): ${where}/corpus/ndr is not present. ` +
        `The samples in test/fixtures ran instead; set BOUNCE_DOCTOR_SHARED to run them.\n`,
    );
  }
}

module.exports = SharedSkipsReporter;
