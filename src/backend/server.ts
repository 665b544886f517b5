/** `npm run backend`: the backend on http://HOST:PORT (127.0.0.1:7071), configured from the environment (see config.ts). */
import { createBackend } from "./app";
import { loadConfig, type BackendConfig } from "./config";
import { startBackendServer } from "./http";
import { createRequestLog } from "./request-log";

let config: BackendConfig;
try {
  config = loadConfig();
} catch (error) {
  console.error(`Bounce Doctor backend: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
// One JSON line per request on stdout; the domain is the only request data logged.
const requestLog = createRequestLog(process.stdout);
const backend = createBackend(config, { log: requestLog.write });

startBackendServer(backend, config).then(
  (server) => {
    console.log(`Bounce Doctor backend listening on ${server.url} (DNS: ${config.dnsServers?.map((s) => `${s.host}:${s.port}`).join(", ") ?? "system resolvers"})`);
    const stop = () => void server.close().then(requestLog.close).then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  },
  (error: unknown) => {
    console.error(`Bounce Doctor backend could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
