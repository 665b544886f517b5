/**
 * The checks `npm run validate` and the deployable build run on the manifests for an origin,
 * offline:
 *  - manifest.xml against Microsoft's XSDs, every URL and AppDomain at the origin;
 *  - the app package: manifest.json against its JSON schema (office-addin-manifest, offline),
 *    every URL at the origin, a 192x192 colour icon and a 32x32 outline icon, white on transparent
 *    (https://learn.microsoft.com/microsoft-365/extensibility/schema/root-icons);
 *  - for the default origin, the checked-in manifest.json is what manifest.xml makes today.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AdmZip from "adm-zip";
import { serialize } from "../manifest-json";
import {
  appPackageFor,
  DEV_ORIGIN,
  jsonManifestUrls,
  manifestXmlFor,
  urlsOutside,
  validateJsonManifest,
  validateXmlManifest,
  xmlManifestUrls,
} from "./deployment";
import { repoRoot } from "./paths";
import { decodePng } from "./png";

export interface Check {
  name: string;
  /** Empty when the check passed. */
  problems: string[];
}

/** Problems of an outline icon: its size, and any pixel that is neither transparent nor white. */
export function outlineIconProblems(bytes: Buffer, size = 32): string[] {
  const png = decodePng(bytes);
  if (png.width !== size || png.height !== size) return [`is ${png.width}x${png.height}, not ${size}x${size}`];
  let coloured = 0;
  for (let i = 0; i < png.width * png.height; i++) {
    const [r, g, b, a] = png.rgba.subarray(i * 4, i * 4 + 4);
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) coloured++;
  }
  return coloured ? [`has ${coloured} pixels that are neither transparent nor white`] : [];
}

/** Every check for the origin's manifests; a check passed when it lists no problems. */
export async function validateFor(origin: string): Promise<Check[]> {
  const checks: Check[] = [];
  const scratch = mkdtempSync(path.join(tmpdir(), "bd-validate-"));
  try {
    const xml = manifestXmlFor(origin);
    const xmlPath = path.join(scratch, "manifest.xml");
    writeFileSync(xmlPath, xml);
    checks.push({ name: "manifest.xml: Office add-in XSDs", problems: (await validateXmlManifest(xmlPath)).errors });
    checks.push({ name: `manifest.xml: every URL and AppDomain at ${origin}`, problems: urlsOutside(origin, xmlManifestUrls(xml)) });

    const app = appPackageFor(origin);
    const unpacked = path.join(scratch, "package");
    const zip = new AdmZip(app.zip);
    zip.extractAllTo(unpacked, true);
    checks.push({ name: "app package: manifest.json schema", problems: (await validateJsonManifest(path.join(unpacked, "manifest.json"))).errors });
    checks.push({ name: `app package: every URL at ${origin}`, problems: urlsOutside(origin, jsonManifestUrls(app.manifest)) });
    const entries = new Set(zip.getEntries().map((entry) => entry.entryName));
    const { color, outline } = app.manifest.icons as { color: string; outline: string };
    const missing = [color, outline, ...Object.keys(app.localizations)].filter((name) => !entries.has(name)).map((name) => `${name} is not in the zip`);
    const colorPng = entries.has(color) ? decodePng(zip.readFile(color)!) : null;
    checks.push({
      name: "app package: 192x192 colour icon, 32x32 outline icon (white on transparent)",
      problems: [
        ...missing,
        ...(colorPng && (colorPng.width !== 192 || colorPng.height !== 192) ? [`${color} is ${colorPng.width}x${colorPng.height}`] : []),
        ...(entries.has(outline) ? outlineIconProblems(zip.readFile(outline)!).map((problem) => `${outline} ${problem}`) : []),
      ],
    });
    if (origin === DEV_ORIGIN) {
      const stale = [["manifest.json", app.manifest] as const, ...Object.entries(app.localizations)]
        .filter(([file, json]) => readFileSync(path.join(repoRoot, file), "utf8") !== serialize(json))
        .map(([file]) => `${file} differs from what manifest.xml makes: run npx tsx scripts/manifest-json.ts`);
      checks.push({ name: "manifest.json is up to date with manifest.xml", problems: stale });
    }
    return checks;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

