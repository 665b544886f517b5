/**
 * The manifests for a public origin, made and checked offline the way `npm run build` and
 * `npm run validate` do it (scripts/lib/deployment.ts, scripts/lib/manifest-checks.ts):
 * every URL moves to the origin, both manifests still pass Microsoft's schemas, and the
 * checks catch a manifest that points elsewhere.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AdmZip from "adm-zip";
import {
  addinOrigin,
  appPackageFor,
  backendUrl,
  DEV_ORIGIN,
  DeploymentError,
  jsonManifestUrls,
  manifestXmlFor,
  urlsOutside,
  validateJsonManifest,
  validateXmlManifest,
  xmlManifestUrls,
} from "../../scripts/lib/deployment";
import { validateFor } from "../../scripts/lib/manifest-checks";

const ORIGIN = "https://bouncedoctor.example.net";
const root = path.resolve(__dirname, "../..");
const devXml = readFileSync(path.join(root, "manifest.xml"), "utf8");

let scratch: string;
beforeAll(() => (scratch = mkdtempSync(path.join(tmpdir(), "bd-deployment-test-"))));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("ADDIN_ORIGIN and BACKEND_URL", () => {
  test("an unset or empty origin is the dev server's", () => {
    expect(addinOrigin(undefined)).toBe(DEV_ORIGIN);
    expect(addinOrigin("  ")).toBe(DEV_ORIGIN);
  });

  test("an https origin is taken as an origin, a trailing slash and letter case normalized", () => {
    expect(addinOrigin(ORIGIN)).toBe(ORIGIN);
    expect(addinOrigin("https://BounceDoctor.Example.NET:8443/")).toBe("https://bouncedoctor.example.net:8443");
  });

  test.each([
    ["http://bouncedoctor.example.net", /https/],
    ["https://example.net/bounce-doctor", /origin only/],
    ["https://example.net/?x=1", /origin only/],
    ["https://admin:secret@example.net", /credentials/],
    ["bouncedoctor.example.net", /not a URL/],
  ])("%s is refused with a clear error", (raw, message) => {
    expect(() => addinOrigin(raw)).toThrow(DeploymentError);
    expect(() => addinOrigin(raw)).toThrow(message);
  });

  test("the backend is a path on the pages' origin or an https URL", () => {
    expect(backendUrl(undefined)).toBe("/api");
    expect(backendUrl("https://bd-api.azurewebsites.net/api/")).toBe("https://bd-api.azurewebsites.net/api");
    expect(() => backendUrl("http://bd-api.azurewebsites.net/api")).toThrow(/https/);
    expect(() => backendUrl("bd-api/api")).toThrow(/neither a path nor a URL/);
  });
});

describe("manifest.xml for a public origin", () => {
  const xml = manifestXmlFor(ORIGIN, devXml);

  test("moves every URL and the AppDomain, and nothing else", () => {
    const before = xmlManifestUrls(devXml);
    const after = xmlManifestUrls(xml);
    expect(before.length).toBeGreaterThanOrEqual(10);
    expect(after).toEqual(before.map((url) => url.replace(DEV_ORIGIN, ORIGIN)));
    expect(after).toContain(ORIGIN);
    expect(urlsOutside(ORIGIN, after)).toEqual([]);
    expect(xml.replaceAll(ORIGIN, DEV_ORIGIN)).toBe(devXml);
  });

  test("passes the XSDs", async () => {
    const file = path.join(scratch, "manifest.xml");
    writeFileSync(file, xml);
    await expect(validateXmlManifest(file)).resolves.toEqual({ valid: true, errors: [] });
  });

  test("the URL check finds a URL left at another origin", () => {
    const leftover = xml.replace(`${ORIGIN}/assets/icon-16.png`, `${DEV_ORIGIN}/assets/icon-16.png`);
    expect(urlsOutside(ORIGIN, xmlManifestUrls(leftover))).toEqual([`${DEV_ORIGIN}/assets/icon-16.png`]);
    // A look-alike host is outside too.
    expect(urlsOutside(ORIGIN, [`${ORIGIN}.evil.test/taskpane.html`])).toHaveLength(1);
  });
});

describe("the app package for a public origin", () => {
  const app = appPackageFor(ORIGIN);

  test("is the unified manifest at the origin, its zh-TW strings and the two icons", () => {
    const entries = new AdmZip(app.zip).getEntries().map((entry) => entry.entryName).sort();
    expect(entries).toEqual(["assets/icon-192.png", "assets/icon-outline-32.png", "manifest.json", "manifest.zh-tw.json"]);
    expect(app.manifest.validDomains).toEqual([ORIGIN]);
    const urls = jsonManifestUrls(app.manifest);
    expect(urls.length).toBeGreaterThanOrEqual(10);
    expect(urlsOutside(ORIGIN, urls)).toEqual([]);
    // Everything but the URLs is the checked-in manifest.json.
    const checkedIn = readFileSync(path.join(root, "manifest.json"), "utf8");
    expect(JSON.stringify(app.manifest, null, 2).replaceAll(ORIGIN, DEV_ORIGIN)).toBe(checkedIn.trimEnd());
  });

  test("passes the unified manifest's schema, which rejects a broken copy", async () => {
    const dir = path.join(scratch, "package");
    new AdmZip(app.zip).extractAllTo(dir, true);
    await expect(validateJsonManifest(path.join(dir, "manifest.json"))).resolves.toEqual({ valid: true, errors: [] });
    const broken = { ...app.manifest, validDomains: "not a list" };
    writeFileSync(path.join(dir, "broken.json"), JSON.stringify(broken));
    const result = await validateJsonManifest(path.join(dir, "broken.json"));
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/validDomains/);
  });
});

test("every check of npm run validate passes for a public origin and for the dev server", async () => {
  for (const origin of [ORIGIN, DEV_ORIGIN]) {
    const checks = await validateFor(origin);
    expect(checks.length).toBeGreaterThanOrEqual(5);
    expect(checks.filter((check) => check.problems.length)).toEqual([]);
  }
}, 30_000);
