/**
 * scripts/stop.mjs ends what npm start recorded in .run/ (here a temporary run folder):
 * the service's whole process group, grandchildren included, and nothing that is not
 * the service (a PID file pointing at an unrelated process leaves that process alone).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const stopScript = path.resolve(__dirname, "../../scripts/stop.mjs");
/** Alive: exists and is not a zombie (a killed process lingers as one until its parent reaps it). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat[stat.lastIndexOf(")") + 2] !== "Z";
  } catch {
    return false;
  }
};
const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  return condition();
};

describe("npm stop", () => {
  let runDir: string;
  const started: ChildProcess[] = [];
  beforeEach(() => (runDir = mkdtempSync(path.join(tmpdir(), "bd-run-"))));
  afterEach(() => {
    for (const child of started.splice(0)) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
    rmSync(runDir, { recursive: true, force: true });
  });

  /** Runs npm stop without blocking this process, which must stay free to reap its killed children. */
  function stop(): Promise<{ stdout: string }> {
    return new Promise((resolve, reject) =>
      execFile(process.execPath, [stopScript], { env: { ...process.env, BOUNCE_DOCTOR_RUN_DIR: runDir } }, (error, stdout) =>
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an ExecFileException is an Error; its typings drop that
        error ? reject(error) : resolve({ stdout }),
      ),
    );
  }

  test("ends a recorded service and the processes it started", async () => {
    // Stands in for `npm run dev-server`: its command line names npm and the script, and it starts a child.
    const grandchildFile = path.join(runDir, "grandchild");
    const code = `const c = require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
      require("node:fs").writeFileSync(${JSON.stringify(grandchildFile)}, String(c.pid)); setInterval(() => {}, 1000);`;
    const leader = spawn(process.execPath, ["-e", code, "npm", "run", "dev-server"], { detached: true, stdio: "ignore" });
    started.push(leader);
    writeFileSync(path.join(runDir, "dev-server.pid"), `${leader.pid}\n`);
    expect(await waitFor(() => existsSync(grandchildFile))).toBe(true);
    const grandchild = Number(readFileSync(grandchildFile, "utf8"));

    const result = await stop();
    expect(result.stdout).toContain(`[stop] dev-server (pid ${leader.pid}) stopped`);
    expect(await waitFor(() => !alive(leader.pid!) && !alive(grandchild))).toBe(true);
    expect(existsSync(path.join(runDir, "dev-server.pid"))).toBe(false);
  });

  test("leaves alone a process that is not the recorded service", async () => {
    const stranger = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { detached: true, stdio: "ignore" });
    started.push(stranger);
    writeFileSync(path.join(runDir, "backend.pid"), `${stranger.pid}\n`);
    const result = await stop();
    expect(result.stdout).toContain("[stop] backend: not running");
    expect(alive(stranger.pid!)).toBe(true);
    expect(existsSync(path.join(runDir, "backend.pid"))).toBe(false);
  });

  test("says so when nothing was started", async () => {
    rmSync(runDir, { recursive: true, force: true });
    expect((await stop()).stdout).toContain("nothing was started");
  });
});
