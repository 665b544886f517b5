// `npm stop`: ends what `npm start` started, by the PIDs it left in .run/: each service's
// whole process group (npm, its shell, tsx or webpack), politely first (SIGTERM), then
// firmly (SIGKILL) after a few seconds. Nothing else is touched.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RUN_DIR, isOurs, isRunning, readPidFile, removePidFile } from "./run-state.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SERVICES = [
  ["dev-server", "dev-server"],
  ["backend", "backend"],
];
const GRACE_MS = 5000;

function signalGroup(pid, signal) {
  try {
    if (process.platform === "win32") {
      spawnSync("taskkill", ["/pid", String(pid), "/T", ...(signal === "SIGKILL" ? ["/F"] : [])], { stdio: "ignore" });
    } else {
      process.kill(-pid, signal); // the negative PID addresses the group the service leads
    }
  } catch {
    // already gone
  }
}

async function stopService(name, script) {
  const pid = readPidFile(name);
  if (!pid) return;
  if (!isRunning(pid) || !isOurs(pid, script)) {
    console.log(`[stop] ${name}: not running`);
    removePidFile(name);
    return;
  }
  signalGroup(pid, "SIGTERM");
  const deadline = Date.now() + GRACE_MS;
  while (isRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isRunning(pid)) signalGroup(pid, "SIGKILL");
  // The group may outlive its leader for a moment; make sure nothing of it is left.
  signalGroup(pid, "SIGKILL");
  removePidFile(name);
  console.log(`[stop] ${name} (pid ${pid}) stopped`);
}

async function main() {
  if (!existsSync(RUN_DIR)) {
    console.log("[stop] nothing was started (no .run/)");
    return;
  }
  for (const [name, script] of SERVICES) await stopService(name, script);

  const sideloaded = path.join(RUN_DIR, "office-addin-debugging.started");
  if (existsSync(sideloaded)) {
    const bin = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "office-addin-debugging.cmd" : "office-addin-debugging");
    if (existsSync(bin)) spawnSync(bin, ["stop", "manifest.xml"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
    rmSync(sideloaded, { force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
