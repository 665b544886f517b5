// The Office development certificates (made by `npx office-addin-dev-certs install` in
// ~/.office-addin-dev-certs) as HTTPS options for webpack-dev-server. Outlook loads the
// pane only over HTTPS; on a machine where the tool cannot trust its CA (no sudo), the
// files still exist and serve, and the browser shows a certificate warning instead.
// office-addin-dev-certs' own getHttpsServerOptions() refuses an untrusted CA, so the
// three files are read here. BOUNCE_DOCTOR_HTTP=1 forces plain HTTP.
import { X509Certificate } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

export const CERT_DIR = process.env.BOUNCE_DOCTOR_CERT_DIR ?? path.join(os.homedir(), ".office-addin-dev-certs");
const FILES = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
const RENEW_MARGIN_MS = 24 * 60 * 60 * 1000;

/**
 * { key, cert, ca } (PEM strings) for https.createServer / webpack-dev-server, or
 * undefined when HTTP is forced, the files are missing, or the certificate has (nearly) expired.
 */
export async function httpsServerOptions(dir = CERT_DIR) {
  if (process.env.BOUNCE_DOCTOR_HTTP === "1") return undefined;
  const paths = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, path.join(dir, f)]));
  if (!Object.values(paths).every((p) => existsSync(p))) return undefined;
  const options = Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, readFileSync(p, "utf8")]));
  try {
    const certificate = new X509Certificate(options.cert);
    // One that expires within a day counts as expired: better renewed now than mid-session.
    if (Date.parse(certificate.validTo) < Date.now() + RENEW_MARGIN_MS) return undefined;
  } catch {
    return undefined;
  }
  return options;
}

/**
 * Runs `office-addin-dev-certs install` when the files are missing or expired. It exits 0
 * even where it cannot trust its CA; what counts is whether usable files exist afterwards.
 */
export async function ensureDevCerts(dir = CERT_DIR) {
  if (await httpsServerOptions(dir)) return true;
  if (process.env.BOUNCE_DOCTOR_HTTP === "1") return false;
  let cli;
  try {
    cli = createRequire(import.meta.url).resolve("office-addin-dev-certs/cli.js");
  } catch {
    return false;
  }
  spawnSync(process.execPath, [cli, "install"], { stdio: ["ignore", "inherit", "inherit"], timeout: 120_000 });
  return Boolean(await httpsServerOptions(dir));
}
