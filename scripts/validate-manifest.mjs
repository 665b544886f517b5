// Validates manifest.xml offline against Microsoft's published XSDs (the online
// `office-addin-manifest validate manifest.xml` needs a Microsoft service). The XSDs are
// the repository's copy in test/fixtures/office-schemas/ (Apache-2.0; see test/fixtures/README.md).
// Usage: node scripts/validate-manifest.mjs [manifest.xml] [schema-dir]
// Prints {"valid":true} or {"valid":false,"errors":[...]} and exits 0 / 1.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { XmlDocument, XsdValidator, XmlValidateError } from "libxml2-wasm";
import { xmlRegisterFsInputProviders } from "libxml2-wasm/lib/nodejs.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const defaultSchemaDir = path.join(repoRoot, "test/fixtures/office-schemas");

// The root schema pulls its siblings in through xs:import with relative paths,
// which libxml2 resolves through the file system providers.
xmlRegisterFsInputProviders();

/**
 * Validates one XML manifest against the XSDs in schemaDir.
 * Returns { valid: true } or { valid: false, errors: ["line N: message", ...] }.
 */
export function validateManifestXml(manifestPath, schemaDir = defaultSchemaDir) {
  const schemaPath = path.join(schemaDir, "OfficeAppManifestV1_1.xsd");
  const schemaDoc = XmlDocument.fromBuffer(readFileSync(schemaPath), { url: schemaPath });
  const validator = XsdValidator.fromDoc(schemaDoc);
  let manifest;
  try {
    manifest = XmlDocument.fromBuffer(readFileSync(manifestPath), { url: manifestPath });
    validator.validate(manifest);
    return { valid: true };
  } catch (error) {
    const details = error instanceof XmlValidateError || error?.details ? error.details : [];
    const errors = details.length
      ? details.map((d) => `line ${d.line}: ${String(d.message).trim()}`)
      : [String(error?.message ?? error)];
    return { valid: false, errors };
  } finally {
    manifest?.dispose();
    validator.dispose();
    schemaDoc.dispose();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const manifestPath = path.resolve(process.argv[2] ?? path.join(repoRoot, "manifest.xml"));
  const result = validateManifestXml(manifestPath, path.resolve(process.argv[3] ?? defaultSchemaDir));
  console.log(JSON.stringify(result));
  process.exitCode = result.valid ? 0 : 1;
}
