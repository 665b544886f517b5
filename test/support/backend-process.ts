/**
 * The backend as users run it (`npm run backend`: src/backend/server.ts) in a child
 * process, for tests and benchmarks that need its real memory and event loop: requests
 * over HTTP, the client chosen through X-Forwarded-For (TRUST_PROXY), RSS read from /proc.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

interface Answer {
  status: number;
  body: string;
  /** Wall time from sending to the last byte, in milliseconds. */
  ms: number;
}

export interface BackendProcess {
  url: string;
  pid: number;
  /** GET `pathAndQuery` as client `client` (an IP address); `timeoutMs` turns a silent server into status 0. */
  get: (pathAndQuery: string, client?: string, timeoutMs?: number) => Promise<Answer>;
  /** Resident set size of the process, in bytes (Linux). */
  rss: () => number;
  /** Whether the process is still running. */
  alive: () => boolean;
  stop: () => Promise<void>;
}

export async function startBackendProcess(env: Record<string, string>, nodeOptions: string[] = []): Promise<BackendProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeOptions, "--import", "tsx", path.join(root, "src/backend/server.ts")], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", TRUST_PROXY: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) {
        child.stdout!.off("data", onData);
        child.stdout!.resume(); // the request log is not read: keep it flowing
        resolve(match[1]);
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", () => reject(new Error(`backend exited before listening: ${stdout}${stderr}`)));
  });
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

  return {
    url,
    pid: child.pid!,
    get(pathAndQuery, client = "192.0.2.200", timeoutMs = 60_000) {
      const started = performance.now();
      return new Promise((resolve) => {
        const request = http.get(`${url}${pathAndQuery}`, { agent, headers: { "x-forwarded-for": client }, timeout: timeoutMs }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }));
          res.on("error", () => resolve({ status: 0, body: "", ms: performance.now() - started }));
        });
        request.on("timeout", () => request.destroy());
        request.on("error", () => resolve({ status: 0, body: "", ms: performance.now() - started }));
      });
    },
    rss() {
      try {
        const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        return match ? Number(match[1]) * 1024 : 0;
      } catch {
        return 0; // the process is gone
      }
    },
    alive: () => !exited,
    async stop() {
      agent.destroy();
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await gone;
      clearTimeout(timer);
    },
  };
}
