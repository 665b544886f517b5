/**
 * Assembles dist/deploy/, what an admin hosts and uploads, from the webpack build:
 *
 *   site/                 the pages and their assets: serve at ADDIN_ORIGIN
 *   manifest.xml          the add-in only manifest, every URL at ADDIN_ORIGIN
 *   bounce-doctor.zip     the app package: the unified manifest (+ zh-TW strings) and its icons
 *   functions/            the backend as an Azure Functions app (one bundled file, no node_modules)
 *   functions.zip         the same folder zipped, for a zip deployment
 *   DEPLOY.md             the steps, with this build's origin and backend filled in
 *
 * The manifests pass every check of `npm run validate` before anything is written; a failing one fails the build.
 * Run by `npm run build` after webpack. Environment: ADDIN_ORIGIN (https origin; default
 * https://localhost:3000), BACKEND_URL (as the pages were built with; default /api).
 * Options: --out DIR (default dist/deploy).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import AdmZip from "adm-zip";
import { addinOrigin, appPackageFor, backendUrl, DeploymentError, manifestXmlFor } from "./lib/deployment";
import { validateFor } from "./lib/manifest-checks";
import { repoRoot } from "./lib/paths";

const dist = path.join(repoRoot, "dist");
/** What the node build writes beside the pages, and this script's own output: not part of the site. */
const NOT_SITE = new Set(["cli", "backend", "deploy"]);

export interface PackageOptions {
  origin: string;
  backend: string;
  out: string;
}

/** The pages must have been built for this backend: their CSP's connect-src names its origin. */
function checkPagesCallBackend(backend: string): void {
  const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
  const connect = /connect-src ([^;"]*)/.exec(html)?.[1]?.split(/\s+/) ?? [];
  const expected = backend.startsWith("/") ? "'self'" : new URL(backend).origin;
  if (!connect.includes(expected)) {
    throw new DeploymentError(`dist/ was built for another backend (connect-src ${connect.join(" ")}): run npm run build with BACKEND_URL=${backend}`);
  }
}

function functionsApp(out: string): void {
  const dir = path.join(out, "functions");
  mkdirSync(dir, { recursive: true });
  // The Node.js v4 programming model: package.json's "main" names the file that registers the functions.
  // https://learn.microsoft.com/azure/azure-functions/functions-reference-node
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
  const manifest = { name: "bounce-doctor-backend", version: pkg.version, private: true, main: "azure.js", engines: { node: ">=20" } };
  writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(path.join(repoRoot, "src/backend/host.json"), path.join(dir, "host.json"));
  cpSync(path.join(dist, "backend/azure.js"), path.join(dir, "azure.js"));
  const zip = new AdmZip();
  zip.addLocalFolder(dir);
  zip.writeZip(path.join(out, "functions.zip"));
}

function deployNotes({ origin, backend }: PackageOptions): string {
  const api = backend.startsWith("/") ? `${origin}${backend}` : backend;
  return `# Deploying Bounce Doctor

Built for **${origin}**; the pages call the backend at **${api}**.

1. Host \`site/\` at ${origin}/ over HTTPS (any static host: Azure Static Web Apps, Azure Storage
   static website behind Azure Front Door, or your own web server). ${origin}/taskpane.html must load.
2. Deploy \`functions.zip\` (the \`functions/\` folder) to an Azure Functions app (Linux, Node.js 20,
   runtime 4), e.g. \`az functionapp deployment source config-zip -g GROUP -n APP --src functions.zip\`,
   and set its application setting ALLOWED_ORIGINS=${origin}
   (\`az functionapp config appsettings set -g GROUP -n APP --settings ALLOWED_ORIGINS=${origin}\`).
   ${backend.startsWith("/") ? `The pages call ${backend} on their own origin: route ${origin}${backend}/* to the Functions app (Static Web Apps' linked backend, or Front Door).` : `Its URL must be ${backend} (https://APP.azurewebsites.net/api by default).`}
3. Check: ${api}/health answers 200.
4. Microsoft 365 admin center → Settings → Integrated apps → Upload custom apps: choose
   Office Add-in and upload \`manifest.xml\`, or upload the app package \`bounce-doctor.zip\`.
   Assign it to yourself first, then to groups. It can take up to 24 hours to reach every client.

Details: the repository's README, section "Deploying".
`;
}

export async function packageAddin(options: PackageOptions): Promise<void> {
  const { origin, backend, out } = options;
  if (!existsSync(path.join(dist, "taskpane.html")) || !existsSync(path.join(dist, "backend/azure.js"))) {
    throw new DeploymentError("dist/ has no build: run webpack first (npm run build does)");
  }
  checkPagesCallBackend(backend);

  // Manifests first: an invalid one stops the build before anything is written.
  const failed = (await validateFor(origin)).filter((check) => check.problems.length);
  if (failed.length) {
    throw new DeploymentError(`the manifests for ${origin} fail:\n${failed.map((check) => `${check.name}: ${check.problems.join("; ")}`).join("\n")}`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "manifest.xml"), manifestXmlFor(origin));
  writeFileSync(path.join(out, "bounce-doctor.zip"), appPackageFor(origin).zip);

  // Entry by entry: the output may itself lie inside dist/.
  for (const entry of readdirSync(dist)) {
    if (!NOT_SITE.has(entry)) cpSync(path.join(dist, entry), path.join(out, "site", entry), { recursive: true });
  }
  functionsApp(out);
  writeFileSync(path.join(out, "DEPLOY.md"), deployNotes(options));
}

function outOption(argv: string[]): string {
  const index = argv.indexOf("--out");
  return index >= 0 && argv[index + 1] ? path.resolve(argv[index + 1]) : path.join(dist, "deploy");
}

if (require.main === module) {
  (async () => {
    const options = { origin: addinOrigin(process.env.ADDIN_ORIGIN), backend: backendUrl(process.env.BACKEND_URL), out: outOption(process.argv.slice(2)) };
    await packageAddin(options);
    console.log(`${path.relative(process.cwd(), options.out) || "."}: the add-in for ${options.origin} (backend ${options.backend}); see DEPLOY.md there`);
  })().catch((error: unknown) => {
    console.error(error instanceof DeploymentError ? `package-addin: ${error.message}` : error);
    process.exitCode = 1;
  });
}
