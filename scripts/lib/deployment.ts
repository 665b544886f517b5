/**
 * What changes when the add-in is hosted somewhere other than the dev server: the origin
 * every manifest URL points at, the backend the pages call, and the manifests and app
 * package made for that origin. Used by scripts/package-addin.ts (`npm run build`) and
 * scripts/validate.ts (`npm run validate`).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import AdmZip from "adm-zip";
import { buildUnifiedManifest, PACKAGE_ICONS, serialize, type UnifiedManifest } from "../manifest-json";
import { repoRoot } from "./paths";

const run = promisify(execFile);

/** The origin the checked-in manifests point at: the dev server. */
export const DEV_ORIGIN = "https://localhost:3000";

export class DeploymentError extends Error {
  override name = "DeploymentError";
}

/**
 * ADDIN_ORIGIN as an origin ("https://host[:port]"): Outlook loads add-ins over HTTPS only,
 * and every manifest URL is this origin plus a path, so a path, query or credentials here
 * would be a mistake. Unset or empty: the dev server.
 */
export function addinOrigin(raw: string | undefined): string {
  const text = raw?.trim() ?? "";
  if (text === "") return DEV_ORIGIN;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DeploymentError(`ADDIN_ORIGIN is not a URL: "${text}" (expected e.g. https://bouncedoctor.example.net)`);
  }
  if (url.protocol !== "https:") throw new DeploymentError(`ADDIN_ORIGIN must be https:// (Outlook loads add-ins over HTTPS only), got "${text}"`);
  if (url.username || url.password) throw new DeploymentError(`ADDIN_ORIGIN must not hold credentials: "${text}"`);
  if (url.pathname !== "/" || url.search || url.hash) {
    throw new DeploymentError(`ADDIN_ORIGIN must be an origin only (https://host[:port]), without a path, query or fragment: "${text}"`);
  }
  return url.origin;
}

/** BACKEND_URL as webpack.config.js reads it: a path on the pages' origin ("/api") or an absolute https URL. */
export function backendUrl(raw: string | undefined): string {
  const url = (raw?.trim() || "/api").replace(/\/+$/, "");
  if (url.startsWith("/")) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DeploymentError(`BACKEND_URL is neither a path nor a URL: "${url}"`);
  }
  if (parsed.protocol !== "https:") throw new DeploymentError(`BACKEND_URL must be https:// (the pane runs on an https page), got "${url}"`);
  return url;
}

/** manifest.xml with every URL (pages, icons, support, AppDomains) moved to the origin. */
export function manifestXmlFor(origin: string, xml = readFileSync(path.join(repoRoot, "manifest.xml"), "utf8")): string {
  if (!xml.includes(DEV_ORIGIN)) throw new DeploymentError(`manifest.xml names no ${DEV_ORIGIN} URL to move`);
  return xml.split(DEV_ORIGIN).join(origin);
}

export interface AppPackage extends UnifiedManifest {
  /** The zip to upload: manifest.json, its localization files and the two icons, at the zip's root. */
  zip: Buffer;
}

/**
 * The unified manifest for the origin, made from manifest.xml by Microsoft's converter, and
 * its app package. https://learn.microsoft.com/office/dev/add-ins/overview/app-package-for-microsoft-365
 */
export function appPackageFor(origin: string): AppPackage {
  const scratch = mkdtempSync(path.join(tmpdir(), "bd-package-"));
  try {
    const xmlPath = path.join(scratch, "manifest.xml");
    writeFileSync(xmlPath, manifestXmlFor(origin));
    const unified = buildUnifiedManifest(xmlPath);
    const zip = new AdmZip();
    zip.addFile("manifest.json", Buffer.from(serialize(unified.manifest)));
    for (const [fileName, strings] of Object.entries(unified.localizations)) zip.addFile(fileName, Buffer.from(serialize(strings)));
    for (const icon of Object.values(PACKAGE_ICONS)) zip.addFile(icon, readFileSync(path.join(repoRoot, icon)));
    return { ...unified, zip: zip.toBuffer() };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface Validation {
  valid: boolean;
  errors: string[];
}

/** The XML manifest against Microsoft's XSDs, offline (scripts/validate-manifest.mjs, libxml2 in WebAssembly). */
export async function validateXmlManifest(file: string): Promise<Validation> {
  const script = path.join(repoRoot, "scripts/validate-manifest.mjs");
  const { stdout } = await run(process.execPath, [script, file]).catch((error: unknown) => {
    const output = (error as { stdout?: unknown }).stdout;
    if (typeof output === "string" && output.trim()) return { stdout: output };
    throw error;
  });
  const result = JSON.parse(stdout) as { valid: boolean; errors?: string[] };
  return { valid: result.valid, errors: result.errors ?? [] };
}

/**
 * The unified manifest against its JSON schema, offline: office-addin-manifest validates
 * .json manifests with the schemas its @microsoft/app-manifest ships.
 */
export async function validateJsonManifest(file: string): Promise<Validation> {
  const cli = require.resolve("office-addin-manifest/cli.js");
  try {
    await run(process.execPath, [cli, "validate", file], { cwd: path.dirname(file) });
    return { valid: true, errors: [] };
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    return { valid: false, errors: `${stdout}${stderr}`.split("\n").filter((line) => line.trim() !== "") };
  }
}

/** The URLs an XML manifest makes Outlook load or trust: every DefaultValue URL, and AppDomains. */
export function xmlManifestUrls(xml: string): string[] {
  const values = [...xml.matchAll(/DefaultValue="(https?:\/\/[^"]*)"/g)].map((match) => match[1]);
  const domains = [...xml.matchAll(/<AppDomain>\s*([^<\s]*)\s*<\/AppDomain>/g)].map((match) => match[1]);
  return [...values, ...domains];
}

/** Every URL-valued string of a unified manifest, except the schema it names. */
export function jsonManifestUrls(manifest: unknown): string[] {
  const urls: string[] = [];
  const visit = (value: unknown, key: string): void => {
    if (typeof value === "string") {
      if (key !== "$schema" && /^https?:\/\//i.test(value)) urls.push(value);
    } else if (Array.isArray(value)) {
      value.forEach((item) => visit(item, key));
    } else if (value && typeof value === "object") {
      for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
    }
  };
  visit(manifest, "");
  return urls;
}

/** The URLs that are not the origin itself or a path on it. */
export function urlsOutside(origin: string, urls: string[]): string[] {
  return urls.filter((url) => url !== origin && !url.startsWith(`${origin}/`));
}
