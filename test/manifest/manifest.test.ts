/**
 * @jest-environment jsdom
 *
 * manifest.xml checked offline: against Microsoft's XSDs (scripts/validate-manifest.mjs,
 * libxml2 in WebAssembly), then for what matters to this add-in: least permission,
 * both surfaces, a pinnable pane, zh-TW strings, icons of the sizes the manifest claims.
 * The jsdom environment is only for its DOMParser.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { buildUnifiedManifest, MANIFEST_VERSION, PACKAGE_ICONS, serialize } from "../../scripts/manifest-json";
import { outlineIconProblems } from "../../scripts/lib/manifest-checks";
import { decodePng, pngSize } from "../../scripts/lib/png";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const manifestXml = readFileSync(path.join(root, "manifest.xml"), "utf8");
const doc = new DOMParser().parseFromString(manifestXml, "application/xml");
const BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

const byTag = (name: string, scope: ParentNode = doc) => Array.from(scope.querySelectorAll("*")).filter((e) => e.localName === name);
const bt = (name: string) => Array.from(doc.getElementsByTagNameNS(BT, name));
const xsiType = (e: Element) => e.getAttributeNS(XSI, "type");

async function validateXml(file: string): Promise<{ valid: boolean; errors?: string[] }> {
  try {
    const { stdout } = await run(process.execPath, [path.join(root, "scripts/validate-manifest.mjs"), file]);
    return JSON.parse(stdout);
  } catch (error: any) {
    if (error.stdout) return JSON.parse(error.stdout);
    throw error;
  }
}


describe("manifest.xml", () => {
  let scratch: string;
  beforeAll(() => (scratch = mkdtempSync(path.join(tmpdir(), "bd-manifest-test-"))));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test("is well-formed", () => {
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(xsiType(doc.documentElement)).toBe("MailApp");
  });

  test("validates against the Office add-in XSDs", async () => {
    await expect(validateXml(path.join(root, "manifest.xml"))).resolves.toEqual({ valid: true });
  });

  test("the validator rejects a manifest that breaks the schema", async () => {
    // An element the schema does not know, where the order is strict.
    const broken = manifestXml.replace("</Description>\n  <IconUrl", "</Description>\n  <Bogus/>\n  <IconUrl");
    const file = path.join(scratch, "broken.xml");
    writeFileSync(file, broken);
    const result = await validateXml(file);
    expect(result.valid).toBe(false);
    expect(result.errors?.join("\n")).toMatch(/Bogus/);
  });

  test("asks for ReadItem and nothing more, and Mailbox 1.1 as its base", () => {
    expect(byTag("Permissions").map((e) => e.textContent?.trim())).toEqual(["ReadItem"]);
    const base = byTag("Set").filter((e) => e.parentElement?.parentElement?.parentElement === doc.documentElement);
    expect(base.map((e) => [e.getAttribute("Name"), e.getAttribute("MinVersion")])).toEqual([["Mailbox", "1.1"]]);
  });

  test("activates on read and compose messages, with a button on each surface", () => {
    const rules = byTag("Rule").filter((e) => xsiType(e) === "ItemIs");
    expect(rules.map((r) => r.getAttribute("FormType")).sort()).toEqual(["Edit", "Read"]);
    const points = byTag("ExtensionPoint").map(xsiType).sort();
    expect(points).toEqual(["MessageComposeCommandSurface", "MessageReadCommandSurface"]);
    const label = (id: string) => bt("String").find((s) => s.getAttribute("id") === id)?.getAttribute("DefaultValue");
    const readButton = byTag("ExtensionPoint").find((e) => xsiType(e) === "MessageReadCommandSurface")!;
    expect(label(byTag("Label", byTag("Control", readButton)[0])[0].getAttribute("resid")!)).toBe("Diagnose bounce");
  });

  test("opens a pinnable task pane at https://localhost:3000/taskpane.html from a nested V1_1 override", () => {
    for (const action of byTag("Action")) {
      expect(xsiType(action)).toBe("ShowTaskpane");
      expect(byTag("SupportsPinning", action).map((e) => e.textContent)).toEqual(["true"]);
      const override = action.closest("VersionOverrides");
      expect(xsiType(override!)).toBe("VersionOverridesV1_1");
      expect(xsiType(override!.parentElement!)).toBe("VersionOverridesV1_0");
    }
    const urls = bt("Url").map((u) => u.getAttribute("DefaultValue"));
    expect(urls).toEqual(["https://localhost:3000/taskpane.html"]);
    for (const source of byTag("SourceLocation").filter((e) => e.hasAttribute("DefaultValue"))) {
      expect(source.getAttribute("DefaultValue")).toBe("https://localhost:3000/taskpane.html");
    }
  });

  test("every resource reference resolves", () => {
    const ids = new Set([...bt("Image"), ...bt("Url"), ...bt("String")].map((e) => e.getAttribute("id")).filter(Boolean));
    const refs = Array.from(doc.querySelectorAll("[resid]")).map((e) => e.getAttribute("resid"));
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(ids).toContain(ref);
  });

  test("has zh-TW text for the name, the description and every string", () => {
    for (const name of ["DisplayName", "Description"]) {
      const element = byTag(name).find((e) => e.parentElement === doc.documentElement)!;
      const zh = byTag("Override", element).find((o) => o.getAttribute("Locale") === "zh-TW");
      expect(zh?.getAttribute("Value")).toMatch(/[\u4e00-\u9fff]/);
    }
    const strings = bt("String");
    expect(strings.length).toBeGreaterThanOrEqual(6);
    for (const s of strings) {
      const zh = Array.from(s.getElementsByTagNameNS(BT, "Override")).find((o) => o.getAttribute("Locale") === "zh-TW");
      expect([s.getAttribute("id"), zh?.getAttribute("Value")]).toEqual([s.getAttribute("id"), expect.stringMatching(/[\u4e00-\u9fff]/)]);
    }
  });

  test("every icon it names exists in assets/ with the pixel size it claims", () => {
    const icons = [...bt("Image"), ...byTag("IconUrl"), ...byTag("HighResolutionIconUrl")]
      .filter((e) => e.hasAttribute("DefaultValue"))
      .map((e) => e.getAttribute("DefaultValue")!);
    expect(icons.length).toBe(5);
    for (const url of icons) {
      const match = /^https:\/\/localhost:3000\/(assets\/icon-(\d+)\.png)$/.exec(url);
      expect(match).not.toBeNull();
      const size = Number(match![2]);
      expect(pngSize(readFileSync(path.join(root, match![1])))).toEqual({ width: size, height: size });
    }
    for (const size of [16, 32, 64, 80, 128, 192]) {
      expect(pngSize(readFileSync(path.join(root, `assets/icon-${size}.png`)))).toEqual({ width: size, height: size });
    }
    expect(existsSync(path.join(root, "assets/icon.svg"))).toBe(true);
  });
});

describe("manifest.json (unified manifest)", () => {
  const validateJson = (file: string) =>
    run(process.execPath, [require.resolve("office-addin-manifest/cli.js"), "validate", file], { cwd: root }).then(
      () => ({ valid: true, output: "" }),
      (error: unknown) => {
        const { stdout, stderr } = error as { stdout: string; stderr: string };
        return { valid: false, output: stdout + stderr };
      },
    );

  test("is what scripts/manifest-json.ts makes of manifest.xml today", () => {
    const { manifest, localizations } = buildUnifiedManifest(path.join(root, "manifest.xml"));
    expect(readFileSync(path.join(root, "manifest.json"), "utf8")).toBe(serialize(manifest));
    for (const [file, strings] of Object.entries(localizations)) {
      expect(readFileSync(path.join(root, file), "utf8")).toBe(serialize(strings));
    }
    expect(Object.keys(localizations)).toEqual(["manifest.zh-tw.json"]);
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([{ name: "MailboxItem.Read.User", type: "Delegated" }]);
    expect(manifest.extensions[0].ribbons.map((r: any) => r.contexts).flat().sort()).toEqual(["mailCompose", "mailRead"]);
  });

  test("uses the newest generally available schema that office-addin-manifest validates offline", () => {
    const manifest = JSON.parse(readFileSync(path.join(root, "manifest.json"), "utf8"));
    const schemas = path.join(path.dirname(require.resolve("@microsoft/app-manifest/package.json")), "build/json-schemas/teams");
    const versions = readdirSync(schemas)
      .map((name) => /^v(\d+)\.(\d+)$/.exec(name))
      .filter((match) => match !== null)
      .map((match) => [Number(match[1]), Number(match[2])] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(versions.length).toBeGreaterThan(10);
    expect(MANIFEST_VERSION).toBe(versions.at(-1)!.join("."));
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    expect(existsSync(path.join(schemas, `v${MANIFEST_VERSION}`, "MicrosoftTeams.schema.json"))).toBe(true);
    const zh = JSON.parse(readFileSync(path.join(root, "manifest.zh-tw.json"), "utf8"));
    expect(zh.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`);
  });

  test("names a 192x192 colour icon and a 32x32 outline icon, white on transparent", () => {
    const manifest = JSON.parse(readFileSync(path.join(root, "manifest.json"), "utf8"));
    expect(manifest.icons).toEqual(PACKAGE_ICONS);
    const color = decodePng(readFileSync(path.join(root, PACKAGE_ICONS.color)));
    expect([color.width, color.height]).toEqual([192, 192]);
    // The colour icon has colour: more than one opaque hue.
    const opaque = new Set<string>();
    for (let i = 0; i < color.width * color.height; i++) if (color.rgba[i * 4 + 3] === 255) opaque.add(color.rgba.subarray(i * 4, i * 4 + 3).join());
    expect(opaque.size).toBeGreaterThan(10);
    const outline = readFileSync(path.join(root, PACKAGE_ICONS.outline));
    expect(outlineIconProblems(outline)).toEqual([]);
    // It draws something, and the check rejects the colour icon of the same size.
    const drawn = decodePng(outline).rgba.filter((_, i) => i % 4 === 3 && _ > 0).length;
    expect(drawn).toBeGreaterThan(100);
    expect(outlineIconProblems(readFileSync(path.join(root, "assets/icon-32.png")))).toEqual([expect.stringMatching(/neither transparent nor white/)]);
    expect(outlineIconProblems(readFileSync(path.join(root, "assets/icon-64.png")))).toEqual(["is 64x64, not 32x32"]);
  });

  test("passes office-addin-manifest validate, which rejects a broken copy", async () => {
    await expect(validateJson(path.join(root, "manifest.json"))).resolves.toEqual({ valid: true, output: "" });
    const broken = JSON.parse(readFileSync(path.join(root, "manifest.json"), "utf8"));
    broken.authorization.permissions.resourceSpecific[0].type = "Sometimes";
    const dir = mkdtempSync(path.join(tmpdir(), "bd-json-"));
    try {
      writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(broken));
      const result = await validateJson(path.join(dir, "manifest.json"));
      expect(result.valid).toBe(false);
      expect(result.output).toMatch(/type/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Two runs of the validator's child process: seconds each on a loaded 2-core machine.
  }, 60_000);
});
