/**
 * A certificate authority that only the tests trust, made with openssl in a temporary
 * directory, and a server certificate it signs for the given host names.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TestCertificates {
  ca: string;
  key: string;
  cert: string;
}

export function makeTestCertificates(hosts: string[]): TestCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bd-test-ca-"));
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  try {
    run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=Bounce Doctor test CA"]);
    run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", `/CN=${hosts[0]}`]);
    fs.writeFileSync(path.join(dir, "ext.cnf"), `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(",")}\n`);
    run(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "ext.cnf"]);
    const read = (name: string) => fs.readFileSync(path.join(dir, name), "utf8");
    return { ca: read("ca.crt"), key: read("server.key"), cert: read("server.crt") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
