/**
 * `npm run bench:ui`: how fast the production pane shows a diagnosis, and how much
 * JavaScript it needs first.
 *
 * Serves dist/ (run `npm run build` first), opens taskpane.html in headless Chromium at
 * 320 px inside the simulated Outlook host holding a ~100 KB bounce, and measures, in
 * the page, the time from Office.onReady to the diagnosis (the summary heading)
 * appearing. The first load is cold (nothing cached); the following ones are warm.
 * Then prints the gzipped size of the pane's initial JavaScript and of the chunks a
 * diagnosis loads after it.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { launchBrowser } from "../test/e2e/support/browser";
import { routeFakeOffice } from "../test/e2e/support/fake-office";
import { DIST, assertBuilt, startStaticServer } from "../test/e2e/support/static-server";

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const TARGET_MS = 300;
const INITIAL_JS_BUDGET_KB = 160;

/** A Gmail-style bounce of about 100 KB: the returned original carries a long body. */
function hundredKilobyteBounce(): string {
  const sample = readFileSync(path.join(__dirname, "../src/web/samples/gmail-unknown-user-5.1.1.eml"), "utf8");
  const closing = "\n--000000000000b7e1c2062a9f0d11--";
  const line = "The catalogue photos are in the shared folder, numbered by page and product code.\n";
  const padding = line.repeat(Math.ceil((100 * 1024 - sample.length) / line.length));
  return sample.replace(closing, `\n${padding}${closing}`);
}

/**
 * Runs before any page script: notes when Office.onReady fires and when the diagnosis
 * appears. Plain JavaScript source: tsx would add helpers to a serialized function.
 */
const INSTRUMENT = `(() => {
  const marks = (window.__bench = { onReady: null, diagnosis: null });
  let office;
  Object.defineProperty(window, "Office", {
    configurable: true,
    get: () => office,
    set(value) {
      office = value;
      const onReady = value.onReady.bind(value);
      value.onReady = (callback) =>
        onReady((info) => {
          if (marks.onReady === null) marks.onReady = performance.now();
          if (callback) callback(info);
        });
    },
  });
  new MutationObserver((changes, observer) => {
    if (document.getElementById("summary-heading")) {
      marks.diagnosis = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

function gzipKb(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

function initialScripts(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((match) => match[1]).filter((src) => !/\/office\.js$/.test(src));
}

async function main(): Promise<void> {
  assertBuilt();
  const bounce = hundredKilobyteBounce();
  const server = await startStaticServer({ kind: "down" });
  const browser = await launchBrowser();
  const timings: number[] = [];
  try {
    for (let run = 0; run < RUNS + 1; run++) {
      const page = await browser.context.newPage();
      await page.addInitScript({ content: INSTRUMENT });
      await routeFakeOffice(page, { item: { itemClass: "REPORT.IPM.Note.NDR", subject: "Delivery Status Notification (Failure)", eml: bounce } });
      await page.goto(`${server.url}/taskpane.html`);
      type BenchWindow = Window & { __bench: { onReady: number; diagnosis: number | null } };
      await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.diagnosis !== null, undefined, { timeout: 30_000 });
      const marks = await page.evaluate(() => (window as unknown as BenchWindow).__bench as { onReady: number; diagnosis: number });
      timings.push(marks.diagnosis - marks.onReady);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const [cold, ...warm] = timings;
  const sorted = [...warm].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const p90 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)];
  console.log(`bounce: ${(bounce.length / 1024).toFixed(1)} KB, ${RUNS} warm runs after 1 cold`);
  console.log(`Office.onReady -> diagnosis shown: cold ${cold.toFixed(0)} ms; warm median ${median.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms (target <= ${TARGET_MS} ms)`);

  const html = readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  const initial = initialScripts(html).map((src) => ({ src, kb: gzipKb(path.join(DIST, src)) }));
  const initialKb = initial.reduce((sum, script) => sum + script.kb, 0);
  console.log(`initial JS of taskpane.html, gzipped: ${initialKb.toFixed(1)} KB (${initial.map((s) => `${s.src} ${s.kb.toFixed(1)} KB`).join(", ")}; budget ${INITIAL_JS_BUDGET_KB} KB)`);
  const chunks = readdirSync(path.join(DIST, "chunks")).filter((file) => file.endsWith(".js"));
  console.log(`lazy chunks, gzipped: ${chunks.map((file) => `${file} ${gzipKb(path.join(DIST, "chunks", file)).toFixed(1)} KB`).join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
