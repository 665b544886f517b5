/**
 * scripts/dev-certs.mjs hands webpack-dev-server the Office development certificates
 * when usable ones exist, and nothing otherwise. Certificates are made with openssl in a
 * temporary folder; the module is ESM, so each case runs in a child node process.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const moduleUrl = `file://${path.resolve(__dirname, "../../scripts/dev-certs.mjs")}`;

function optionsFor(dir: string, env: Record<string, string> = {}): unknown {
  const script = `const m = await import(${JSON.stringify(moduleUrl)}); const o = await m.httpsServerOptions(${JSON.stringify(dir)}); console.log(JSON.stringify(o ? Object.keys(o).sort() : null));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, ...env }, encoding: "utf8" });
  return JSON.parse(out);
}

function makeCerts(dir: string, days: number): void {
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "30", "-subj", "/CN=Test CA"]);
  run(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "localhost.key", "-out", "localhost.csr", "-subj", "/CN=localhost"]);
  // -days 0 ends now: within the day's renewal margin, so treated as expired.
  run(["x509", "-req", "-in", "localhost.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "localhost.crt", "-days", String(days)]);
}

describe("httpsServerOptions", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "bd-certs-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("reads the three files of a valid certificate", () => {
    makeCerts(dir, 30);
    expect(optionsFor(dir)).toEqual(["ca", "cert", "key"]);
  });

  test("gives nothing when HTTP is forced", () => {
    makeCerts(dir, 30);
    expect(optionsFor(dir, { BOUNCE_DOCTOR_HTTP: "1" })).toBeNull();
  });

  test("gives nothing for missing files, an unreadable certificate or one that expires today", () => {
    expect(optionsFor(dir)).toBeNull();
    makeCerts(dir, 0);
    expect(optionsFor(dir)).toBeNull();
    makeCerts(dir, 30);
    writeFileSync(path.join(dir, "localhost.crt"), "not a certificate");
    expect(optionsFor(dir)).toBeNull();
  });
});
