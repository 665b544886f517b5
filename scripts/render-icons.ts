/**
 * Renders assets/icon.svg into the PNG sizes the manifest names (16, 32, 64, 80, 128 px)
 * with headless Chromium, transparent background. Run: npx tsx scripts/render-icons.ts
 * (CHROMIUM_PATH overrides /usr/bin/chromium). The PNGs are committed; rerun after editing the SVG.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

const assetsDir = path.resolve(__dirname, "..", "assets");

async function main(): Promise<void> {
  const svg = readFileSync(path.join(assetsDir, "icon.svg"), "utf8");
  const profile = mkdtempSync(path.join(tmpdir(), "bd-icons-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    for (const size of ICON_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      // The SVG is our own file, drawn inline into a blank page at the exact pixel size.
      const sized = svg.replace(/width="64" height="64"/, `width="${size}" height="${size}"`);
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
      const png = await page.locator("svg").screenshot({ omitBackground: true });
      const file = path.join(assetsDir, `icon-${size}.png`);
      writeFileSync(file, png);
      console.log(`${path.relative(process.cwd(), file)}: ${size}x${size}, ${png.length} bytes`);
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
