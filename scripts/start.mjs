// `npm start`: everything a developer needs to try Bounce Doctor locally.
//  1. the Office development certificates (HTTPS, which Outlook requires), where they can be made;
//  2. the backend (`npm run backend`, port 7071) and the webpack dev server (`npm run dev-server`,
//     port 3000, HTTPS with those certificates, HTTP otherwise), each in its own process group,
//     with its PID in .run/ and its output in .run/<name>.log, so `npm stop` can end them;
//  3. the standalone page in a browser when a display exists, else its URL;
//  4. on Windows or macOS with office-addin-debugging installed, sideloading into desktop Outlook.
// Options: --http (plain HTTP), --no-open, --no-backend.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDevCerts } from "./dev-certs.mjs";
import { RUN_DIR, isRunning, readPidFile } from "./run-state.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const DEV_PORT = 3000;
const BACKEND_PORT = 7071;
const STARTUP_TIMEOUT_MS = 180_000;

function log(message) {
  console.log(`[start] ${message}`);
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "localhost", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
  });
}

/** Starts `npm run <script>` detached in its own process group, logging to .run/<name>.log. */
function startService(name, script, env) {
  const logFile = path.join(RUN_DIR, `${name}.log`);
  const out = openSync(logFile, "w");
  const child = spawn(npm, ["run", "--silent", script], {
    cwd: root,
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, ...env },
    windowsHide: true,
  });
  closeSync(out);
  writeFileSync(path.join(RUN_DIR, `${name}.pid`), `${child.pid}\n`);
  let exited = null;
  child.once("exit", (code, signal) => (exited = { code, signal }));
  child.unref();
  return { name, logFile, child, exitStatus: () => exited };
}

function tail(file, lines = 20) {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** Waits until the port accepts connections, or the service dies, or time runs out. */
async function waitForPort(service, port) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await portOpen(port)) return true;
    const status = service.exitStatus();
    if (status) {
      console.error(`[start] ${service.name} exited (${status.signal ?? `code ${status.code}`}) before listening on ${port}:\n${tail(service.logFile)}`);
      return false;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error(`[start] ${service.name} did not listen on ${port} within ${STARTUP_TIMEOUT_MS / 1000} s; see ${service.logFile}`);
  return false;
}

function hasDisplay() {
  if (process.platform === "win32" || process.platform === "darwin") return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function openInBrowser(url) {
  const command = process.platform === "win32" ? "cmd" : process.platform === "darwin" ? "open" : "xdg-open";
  const commandArgs = process.platform === "win32" ? ["/c", "start", "", url] : [url];
  try {
    const opener = spawn(command, commandArgs, { detached: true, stdio: "ignore" });
    opener.on("error", () => log(`open ${url} in a browser`));
    opener.unref();
  } catch {
    log(`open ${url} in a browser`);
  }
}

/** Desktop Outlook exists only on Windows and macOS; office-addin-debugging is optional and never required. */
function sideloadIntoDesktopOutlook() {
  if (process.platform !== "win32" && process.platform !== "darwin") return false;
  const bin = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "office-addin-debugging.cmd" : "office-addin-debugging");
  if (!existsSync(bin)) return false;
  log("sideloading manifest.xml into desktop Outlook (office-addin-debugging)...");
  const result = spawnSync(bin, ["start", "manifest.xml", "desktop", "--no-debug", "--dev-server-port", String(DEV_PORT)], {
    cwd: root,
    stdio: "inherit",
    timeout: 120_000,
    shell: process.platform === "win32",
  });
  if (result.status === 0) {
    writeFileSync(path.join(RUN_DIR, "office-addin-debugging.started"), new Date().toISOString());
    return true;
  }
  log("desktop sideloading did not work; see docs/outlook.md to sideload by hand");
  return false;
}

async function main() {
  mkdirSync(RUN_DIR, { recursive: true });
  const running = ["backend", "dev-server"].filter((name) => isRunning(readPidFile(name)));
  if (running.length) {
    console.error(`[start] already running: ${running.join(", ")} (npm stop first)`);
    process.exitCode = 1;
    return;
  }
  for (const [name, port] of [["dev server", DEV_PORT], ["backend", BACKEND_PORT]]) {
    if (await portOpen(port)) {
      console.error(`[start] port ${port} (${name}) is already in use by another program`);
      process.exitCode = 1;
      return;
    }
  }

  const env = {};
  if (args.has("--http")) env.BOUNCE_DOCTOR_HTTP = "1";
  const https = !args.has("--http") && (await ensureDevCerts());
  if (!https) env.BOUNCE_DOCTOR_HTTP = "1";
  log(https ? "HTTPS with the Office development certificates (~/.office-addin-dev-certs)" : "plain HTTP (no development certificates)");

  // The dev server compiles in memory and the backend runs from source (tsx): no build step is needed first.
  const services = [];
  if (!args.has("--no-backend")) services.push([startService("backend", "backend", {}), BACKEND_PORT]);
  services.push([startService("dev-server", "dev-server", env), DEV_PORT]);
  for (const [service] of services) log(`${service.name}: pid ${service.child.pid}, log ${path.relative(root, service.logFile)}`);

  const results = await Promise.all(services.map(([service, port]) => waitForPort(service, port)));
  const devServerUp = results[results.length - 1];
  if (!devServerUp) {
    console.error("[start] the dev server did not start; stopping what was started");
    spawnSync(process.execPath, [path.join(root, "scripts", "stop.mjs")], { stdio: "inherit" });
    process.exitCode = 1;
    return;
  }
  if (services.length > 1 && !results[0]) log("continuing without the backend: the pane works, the SPF/DMARC checks will report it unreachable");

  const scheme = https ? "https" : "http";
  const pageUrl = `${scheme}://localhost:${DEV_PORT}/index.html`;
  log(`standalone page: ${pageUrl}`);
  log(`task pane:       ${scheme}://localhost:${DEV_PORT}/taskpane.html (load it through Outlook: docs/outlook.md)`);
  if (!args.has("--no-open") && hasDisplay()) openInBrowser(pageUrl);
  if (!sideloadIntoDesktopOutlook()) log("sideload manifest.xml into Outlook on the web or the new Outlook: docs/outlook.md");
  log("npm stop ends the servers");
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
