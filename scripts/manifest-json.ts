/**
 * Regenerates the unified JSON manifest (manifest.json + manifest.zh-tw.json) from
 * manifest.xml, which stays the source of truth. Run: npx tsx scripts/manifest-json.ts
 *
 * Microsoft's converter does the translation offline; this script then fills in what
 * the XML manifest has no place for (a short description, an accent colour, readable
 * action names) and keeps the localization file beside manifest.json under a clear name.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

type Json = Record<string, any>;

export interface UnifiedManifest {
  manifest: Json;
  /** Localization files by file name, e.g. "manifest.zh-tw.json". */
  localizations: Record<string, Json>;
}

const repoRoot = path.resolve(__dirname, "..");

/** The unified manifest wants a short description of at most 80 characters. */
const SHORT_DESCRIPTION: Record<string, string> = {
  "en-us": "Explains a bounced email and drafts the fix for the right person.",
  "zh-tw": "說明郵件被退回的原因，並草擬給負責人的修正信。",
};
const ACCENT_COLOR = "#0F6CBD";

/**
 * The newest generally available manifest schema that office-addin-manifest validates
 * offline (its @microsoft/app-manifest ships the schemas; test/manifest checks this is the newest).
 */
export const MANIFEST_VERSION = "1.30";
export const MANIFEST_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
const LOCALIZATION_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;

/**
 * The app package's two icons, paths inside the zip: a 192x192 colour icon and a 32x32
 * outline icon, white on transparent.
 * https://learn.microsoft.com/office/dev/add-ins/overview/app-package-for-microsoft-365
 * https://learn.microsoft.com/microsoft-365/extensibility/schema/root-icons
 */
export const PACKAGE_ICONS = { color: "assets/icon-192.png", outline: "assets/icon-outline-32.png" } as const;

export function buildUnifiedManifest(xmlPath = path.join(repoRoot, "manifest.xml")): UnifiedManifest {
  const outDir = mkdtempSync(path.join(tmpdir(), "bd-manifest-"));
  try {
    const cli = require.resolve("office-addin-manifest-converter/cli.js");
    execFileSync(process.execPath, [cli, "convert", xmlPath, "--output", outDir], { stdio: "pipe" });
    const manifest = readJson(path.join(outDir, "manifest.json"));
    const localizations: Record<string, Json> = {};
    for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
      const fileName = `manifest.${language.languageTag}.json`;
      localizations[fileName] = readJson(path.join(outDir, language.file));
      language.file = fileName;
    }
    polish(manifest, localizations);
    return { manifest, localizations };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function polish(manifest: Json, localizations: Record<string, Json>): void {
  // The converter writes an older schema version; the keys stay in the order it wrote them.
  manifest.$schema = MANIFEST_SCHEMA;
  manifest.manifestVersion = MANIFEST_VERSION;
  manifest.description.short = SHORT_DESCRIPTION["en-us"];
  manifest.accentColor = ACCENT_COLOR;
  manifest.icons = { ...PACKAGE_ICONS };

  // The converter names actions "action_1", "action_2": give each the label of the button that runs it.
  manifest.extensions.forEach((extension: Json, e: number) => {
    const actions: Json[] = extension.runtimes.flatMap((runtime: Json) => runtime.actions ?? []);
    extension.ribbons?.forEach((ribbon: Json, r: number) =>
      ribbon.tabs.forEach((tab: Json, t: number) =>
        tab.groups.forEach((group: Json, g: number) =>
          group.controls.forEach((control: Json, c: number) => {
            const action = actions.find((a) => a.id === control.actionId);
            if (!action) return;
            action.displayName = control.label;
            const runtimeIndex = extension.runtimes.findIndex((rt: Json) => rt.actions?.includes(action));
            const actionIndex = extension.runtimes[runtimeIndex].actions.indexOf(action);
            const actionKey = `extensions[${e}].runtimes[${runtimeIndex}].actions[${actionIndex}].displayName`;
            const labelKey = `extensions[${e}].ribbons[${r}].tabs[${t}].groups[${g}].controls[${c}].label`;
            for (const strings of Object.values(localizations)) {
              if (strings[labelKey]) strings[actionKey] = strings[labelKey];
            }
          }),
        ),
      ),
    );
  });

  for (const [fileName, strings] of Object.entries(localizations)) {
    strings.$schema = LOCALIZATION_SCHEMA;
    const tag = fileName.replace(/^manifest\.|\.json$/g, "");
    if (SHORT_DESCRIPTION[tag]) strings["description.short"] = SHORT_DESCRIPTION[tag];
  }
}

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, "utf8"));
}

export function serialize(json: Json): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}

if (require.main === module) {
  const { manifest, localizations } = buildUnifiedManifest();
  writeFileSync(path.join(repoRoot, "manifest.json"), serialize(manifest));
  for (const [fileName, strings] of Object.entries(localizations)) {
    writeFileSync(path.join(repoRoot, fileName), serialize(strings));
  }
  console.log(`manifest.json (+ ${Object.keys(localizations).join(", ")}) regenerated from manifest.xml`);
}
