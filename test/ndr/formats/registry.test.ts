/**
 * The format registry: one entry per family, each name a lowercase slug, and the
 * FormatName union built from the list, so a name no module reports fails tsc.
 */
import { FORMATS, type FormatName } from "../../../src/ndr/formats";
import { defineFormat } from "../../../src/ndr/formats/format";

test("every family is listed once, under a lowercase name", () => {
  const names = FORMATS.map((module) => module.name);
  expect(new Set(names).size).toBe(names.length);
  for (const name of names) expect(name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
});

test("FormatName holds the registry's names and no other", () => {
  const known: FormatName[] = ["postfix", "exchange-online", "gmail", "rfc3464", "generic"];
  for (const name of known) expect(FORMATS.some((module) => module.name === name)).toBe(true);
  // Names that guidance once matched but no module reports.
  // @ts-expect-error: "office365" is not a FormatName
  const stray: FormatName = "office365";
  expect(FORMATS.some((module) => module.name === stray)).toBe(false);
});

test("defineFormat keeps a family's name as a literal type", () => {
  const family = defineFormat({ name: "example-mta", recognise: () => false, extract: () => null });
  const name: "example-mta" = family.name;
  expect(name).toBe("example-mta");
});
