/**
 * What `npm run build` produced, as a host and an admin receive it:
 *  - the pages load Office.js from Microsoft's CDN only, under a CSP that allows exactly
 *    that origin for scripts; the standalone page loads none;
 *  - in Chromium, the task pane runs in Outlook (the CDN answered by the simulated host)
 *    and falls back to the standalone page when office.js cannot load, with no page error;
 *  - scripts/package-addin.ts makes, for a public origin, the folder to deploy: the pages,
 *    both manifests at that origin (validated offline), and an Azure Functions app that
 *    the Functions worker can load and that answers with the real backend handler.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import AdmZip from "adm-zip";
import { launchBrowser, type Browser } from "./support/browser";
import { OFFICE_JS_CDN_URL } from "./support/fake-office";
import { openPane, shownDiagnosis, watchPage } from "./support/pane";
import { assertBuilt, DIST, REPO_ROOT, startStaticServer, type StaticServer } from "./support/static-server";
import { NDR_EML } from "../taskpane/office/samples";
import { jsonManifestUrls, urlsOutside, validateJsonManifest, validateXmlManifest, xmlManifestUrls } from "../../scripts/lib/deployment";
import { decodePng } from "../../scripts/lib/png";
import { uiEnUS } from "../../src/i18n/messages/ui.en-US";

const run = promisify(execFile);
const ORIGIN = "https://bouncedoctor.example.net";

interface PageHead {
  scripts: string[];
  /** The Content-Security-Policy meta, directive by directive. */
  csp: Record<string, string[]>;
}

let browser: Browser;

/** The page's scripts and CSP as the browser's own HTML parser reads them (no script runs). */
async function pageHead(name: string): Promise<PageHead> {
  const tab = await browser.context.newPage();
  try {
    return await tab.evaluate((html) => {
      const doc = new DOMParser().parseFromString(html, "text/html");
      const policy = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "";
      const csp = Object.fromEntries(
        policy.split(";").map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([directive, ...values]) => [directive, values]),
      );
      return { scripts: Array.from(doc.querySelectorAll("script[src]"), (script) => script.getAttribute("src")!), csp };
    }, readFileSync(path.join(DIST, name), "utf8"));
  } finally {
    await tab.close();
  }
}

/** Every file the static host serves from dist/ (the node builds and the deploy folder are not pages). */
function servedFiles(dir = DIST): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (dir === DIST && ["cli", "backend", "deploy"].includes(name)) return [];
    return statSync(full).isDirectory() ? servedFiles(full) : [full];
  });
}

beforeAll(async () => {
  assertBuilt();
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe("the built pages and office.js", () => {
  test("taskpane.html loads office.js from Microsoft's CDN, first and only there", async () => {
    const { scripts, csp } = await pageHead("taskpane.html");
    expect(scripts.filter((src) => /office(\.debug)?\.js/i.test(src))).toEqual([OFFICE_JS_CDN_URL]);
    expect(scripts[0]).toBe(OFFICE_JS_CDN_URL);
    expect(csp["script-src"]).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(csp["default-src"]).toEqual(["'self'"]);
  });

  test("index.html loads no office.js and allows scripts from its own origin only", async () => {
    const { scripts, csp } = await pageHead("index.html");
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((src) => /office/i.test(src))).toEqual([]);
    expect(csp["script-src"]).toEqual(["'self'"]);
  });

  test("no served file references office.js from anywhere but the CDN, and none is a copy of it", () => {
    const files = servedFiles().filter((file) => /\.(html|js)$/.test(file));
    expect(files.length).toBeGreaterThan(3);
    const references = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/[\w:/.@-]*\/office(?:\.debug)?\.js\b/gi)].map((match) => `${path.relative(DIST, file)}: ${match[0]}`),
    );
    expect(references).toEqual([`taskpane.html: ${OFFICE_JS_CDN_URL}`]);
    expect(servedFiles().filter((file) => /office(\.debug)?\.js$|office-js/i.test(file))).toEqual([]);
  });
});

describe("the task pane in Chromium", () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await startStaticServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  test("in Outlook (the CDN answered by the simulated host), it diagnoses the item under its CSP", async () => {
    const { page: pane, problems } = await openPane(browser, server.url, { item: { itemClass: "REPORT.IPM.Note.NDR", eml: NDR_EML } });
    const { recipients } = await shownDiagnosis(pane);
    expect(recipients.length).toBeGreaterThan(0);
    expect(await pane.getByText(uiEnUS["ui.app.pageIntro"]).count()).toBe(0);
    expect(problems).toEqual([]);
    await pane.close();
  }, 60_000);

  test("in a plain browser where office.js cannot load, it works as the standalone page", async () => {
    const tab = await browser.context.newPage();
    const problems = watchPage(tab);
    let asked = 0;
    await tab.route(OFFICE_JS_CDN_URL, (route) => {
      asked++;
      return route.abort("internetdisconnected");
    });
    await tab.goto(`${server.url}/taskpane.html`);
    await tab.getByText(uiEnUS["ui.app.pageIntro"]).waitFor({ timeout: 20_000 });
    expect(asked).toBe(1);
    // The failed script load is the browser's own console error, not the page's.
    expect(problems).toEqual([]);
    await tab.close();
  }, 60_000);
});

describe("the deployable folder for a public origin", () => {
  let out: string;
  beforeAll(async () => {
    out = path.join(mkdtempSync(path.join(tmpdir(), "bd-deploy-")), "deploy");
    await run(process.execPath, [require.resolve("tsx/cli"), "scripts/package-addin.ts", "--out", out], {
      cwd: REPO_ROOT,
      env: { ...process.env, ADDIN_ORIGIN: ORIGIN, BACKEND_URL: "" },
    });
  }, 120_000);
  afterAll(() => rmSync(path.dirname(out), { recursive: true, force: true }));

  test("holds the pages, both manifests, the Functions app and the steps", () => {
    expect(readdirSync(out).sort()).toEqual(["DEPLOY.md", "bounce-doctor.zip", "functions", "functions.zip", "manifest.xml", "site"]);
    for (const file of ["taskpane.html", "index.html", "assets/icon-16.png", "assets/icon-192.png"]) {
      expect(readFileSync(path.join(out, "site", file))).toEqual(readFileSync(path.join(DIST, file)));
    }
    for (const notSite of ["cli", "backend", "deploy"]) expect(existsSync(path.join(out, "site", notSite))).toBe(false);
    expect(readFileSync(path.join(out, "DEPLOY.md"), "utf8")).toContain(`ALLOWED_ORIGINS=${ORIGIN}`);
  });

  test("manifest.xml points every URL and AppDomain at the origin and passes the XSDs", async () => {
    const xml = readFileSync(path.join(out, "manifest.xml"), "utf8");
    const urls = xmlManifestUrls(xml);
    expect(urls).toContain(`${ORIGIN}/taskpane.html`);
    expect(urls).toContain(ORIGIN); // AppDomains
    expect(urls.length).toBeGreaterThanOrEqual(10);
    expect(urlsOutside(ORIGIN, urls)).toEqual([]);
    expect(xml).not.toMatch(/localhost/);
    await expect(validateXmlManifest(path.join(out, "manifest.xml"))).resolves.toEqual({ valid: true, errors: [] });
  });

  test("the app package holds manifest.json at the origin, its zh-TW strings and the two icons", async () => {
    const zip = new AdmZip(path.join(out, "bounce-doctor.zip"));
    const names = zip.getEntries().map((entry) => entry.entryName).sort();
    expect(names).toEqual(["assets/icon-192.png", "assets/icon-outline-32.png", "manifest.json", "manifest.zh-tw.json"]);
    const manifest = JSON.parse(zip.readAsText("manifest.json"));
    expect(manifest.validDomains).toEqual([ORIGIN]);
    expect(manifest.extensions[0].runtimes[0].code.page).toBe(`${ORIGIN}/taskpane.html`);
    expect(urlsOutside(ORIGIN, jsonManifestUrls(manifest))).toEqual([]);
    const color = decodePng(zip.readFile(manifest.icons.color)!);
    const outline = decodePng(zip.readFile(manifest.icons.outline)!);
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    const dir = mkdtempSync(path.join(tmpdir(), "bd-package-"));
    try {
      zip.extractAllTo(dir, true);
      await expect(validateJsonManifest(path.join(dir, "manifest.json"))).resolves.toEqual({ valid: true, errors: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the Functions app is one self-contained file the worker loads, answering with the backend", async () => {
    const app = path.join(out, "functions");
    expect(readdirSync(app).sort()).toEqual(["azure.js", "host.json", "package.json"]);
    expect(JSON.parse(readFileSync(path.join(app, "package.json"), "utf8")).main).toBe("azure.js");
    expect(JSON.parse(readFileSync(path.join(app, "host.json"), "utf8")).extensions.http.routePrefix).toBe("api");
    expect(new AdmZip(path.join(out, "functions.zip")).getEntries().map((entry) => entry.entryName).sort()).toEqual(["azure.js", "host.json", "package.json"]);

    // Load it the way the Functions worker does: from its own folder (no node_modules), with
    // the worker's @azure/functions-core module present, recording what registers.
    const sandbox = mkdtempSync(path.join(tmpdir(), "bd-functions-"));
    try {
      writeFileSync(path.join(sandbox, "azure.js"), readFileSync(path.join(app, "azure.js")));
      const core = path.join(sandbox, "node_modules/@azure/functions-core");
      mkdirSync(core, { recursive: true });
      writeFileSync(
        path.join(core, "index.js"),
        "exports.registered = []; exports.setProgrammingModel = () => {}; exports.registerFunction = (metadata, handler) => exports.registered.push({ metadata, handler });",
      );
      const probe = [
        "const core = require('@azure/functions-core');",
        "require('./azure.js');",
        "const health = core.registered.find((f) => f.metadata.name === 'health');",
        "const request = { method: 'GET', url: 'https://app.example/api/health', query: new URLSearchParams(), headers: new Headers({ origin: process.env.PROBE_ORIGIN }), arrayBuffer: async () => new ArrayBuffer(0) };",
        "Promise.resolve(health.handler(request, {})).then((response) => console.log(JSON.stringify({ names: core.registered.map((f) => f.metadata.name), status: response.status, headers: response.headers })));",
      ].join("\n");
      writeFileSync(path.join(sandbox, "probe.js"), probe);
      const { stdout } = await run(process.execPath, ["probe.js"], { cwd: sandbox, env: { PATH: process.env.PATH, ALLOWED_ORIGINS: ORIGIN, PROBE_ORIGIN: ORIGIN } });
      const result = JSON.parse(stdout.trim().split("\n").pop()!);
      expect(result.names.sort()).toEqual(["check", "health"]);
      expect(result.status).toBe(200);
      expect(Object.entries(result.headers).find(([name]) => name.toLowerCase() === "access-control-allow-origin")?.[1]).toBe(ORIGIN);
    } finally {
      rmSync(sandbox, { recursive: true, force: true });
    }
  }, 30_000);
});
