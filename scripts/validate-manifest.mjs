// Validates manifest.xml offline against Microsoft's published XSDs (the online
// `office-addin-manifest validate manifest.xml` needs a Microsoft service).
// Usage: node scripts/validate-manifest.mjs [manifest.xml] [schema-dir]
// Prints {"valid":true} or {"valid":false,"errors":[...]} and exits 0 / 1.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { XmlDocument, XsdValidator, XmlValidateError } from "libxml2-wasm";
import { xmlRegisterFsInputProviders } from "libxml2-wasm/lib/nodejs.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const manifestPath = path.resolve(process.argv[2] ?? path.join(repoRoot, "manifest.xml"));
// The schemas: the copy in test/fixtures (Apache-2.0, see its README), or a folder named on the command line.
const schemaDir = path.resolve(process.argv[3] ?? path.join(repoRoot, "test/fixtures/office-schemas"));

// The root schema pulls its siblings in through xs:import with relative paths,
// which libxml2 resolves through the file system providers.
xmlRegisterFsInputProviders();

const schemaPath = path.join(schemaDir, "OfficeAppManifestV1_1.xsd");
const schemaDoc = XmlDocument.fromBuffer(readFileSync(schemaPath), { url: schemaPath });
const validator = XsdValidator.fromDoc(schemaDoc);
let result;
let manifest;
try {
  manifest = XmlDocument.fromBuffer(readFileSync(manifestPath), { url: manifestPath });
  validator.validate(manifest);
  result = { valid: true };
} catch (error) {
  const details = error instanceof XmlValidateError || error?.details ? error.details : [];
  const errors = details.length
    ? details.map((d) => `line ${d.line}: ${String(d.message).trim()}`)
    : [String(error?.message ?? error)];
  result = { valid: false, errors };
} finally {
  manifest?.dispose();
  validator.dispose();
  schemaDoc.dispose();
}
console.log(JSON.stringify(result));
process.exitCode = result.valid ? 0 : 1;
