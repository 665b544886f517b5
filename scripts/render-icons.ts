/**
 * Renders the manifests' icons with headless Chromium, transparent background:
 *  - assets/icon.svg into the colour sizes the XML manifest names (16, 32, 64, 80, 128 px)
 *    and the unified manifest's 192 px colour icon;
 *  - assets/icon-outline.svg into the unified manifest's 32 px outline icon (white on transparent).
 * Run: npx tsx scripts/render-icons.ts (CHROMIUM_PATH overrides /usr/bin/chromium).
 * The PNGs are committed; rerun after editing an SVG.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const ICON_SIZES = [16, 32, 64, 80, 128, 192] as const;
export const OUTLINE_SIZE = 32;

/** The SVG file, the size to draw it at, and the PNG to write. */
const renders = [
  ...ICON_SIZES.map((size) => ({ svg: "icon.svg", size, png: `icon-${size}.png` })),
  { svg: "icon-outline.svg", size: OUTLINE_SIZE, png: `icon-outline-${OUTLINE_SIZE}.png` },
];

const assetsDir = path.resolve(__dirname, "..", "assets");

async function main(): Promise<void> {
  const profile = mkdtempSync(path.join(tmpdir(), "bd-icons-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    for (const { svg: svgFile, size, png: pngFile } of renders) {
      const svg = readFileSync(path.join(assetsDir, svgFile), "utf8");
      await page.setViewportSize({ width: size, height: size });
      // The SVG is our own file, drawn inline into a blank page at the exact pixel size.
      const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
      const png = await page.locator("svg").screenshot({ omitBackground: true });
      const file = path.join(assetsDir, pngFile);
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
