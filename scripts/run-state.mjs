// The PID files in .run/ that `npm start` writes and `npm stop` reads.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** .run/ at the repository root (BOUNCE_DOCTOR_RUN_DIR elsewhere, for tests). */
export const RUN_DIR = process.env.BOUNCE_DOCTOR_RUN_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", ".run");

export function pidFile(name) {
  return path.join(RUN_DIR, `${name}.pid`);
}

export function readPidFile(name) {
  try {
    const pid = Number(readFileSync(pidFile(name), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function removePidFile(name) {
  rmSync(pidFile(name), { force: true });
}

/** Whether a process with this PID exists (signal 0 only checks) and, on Linux, is not a zombie awaiting its parent. */
export function isRunning(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return error.code === "EPERM";
  }
  try {
    // /proc/<pid>/stat: "pid (name) state ..."; the name may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc: the signal check stands
  }
}

/**
 * Whether the PID is still the npm process `npm start` launched (and not a PID the
 * system has since reused): on Linux, its command line must mention `npm` and the script.
 */
export function isOurs(pid, script) {
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdline)) return isRunning(pid); // no /proc (macOS, Windows): trust the PID file
  try {
    const command = readFileSync(cmdline, "utf8").split("\0").join(" ");
    return /npm/.test(command) && command.includes(script);
  } catch {
    return false;
  }
}
