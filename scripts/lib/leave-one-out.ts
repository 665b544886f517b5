/**
 * Leave-one-family-out: which format modules belong to a corpus family, so that an
 * evaluation can withhold them and see how the rest of the parser reads that family's
 * bounces, as it would read a server it has never seen.
 *
 * A family's modules are those that read its messages when every module is asked.
 * The general readers (the RFC 3464 reader and the generic path) are never withheld:
 * they are what is being measured.
 */
import { FORMATS, type RegisteredFormat } from "../../src/ndr/formats";

/** Modules that read any family's messages: never withheld. */
const GENERAL_MODULES: ReadonlySet<string> = new Set(["rfc3464", "generic"]);

/** family → the names of the modules that read its messages (general readers excluded). */
export function familyModules(formatsByFile: ReadonlyMap<string, { family: string; format: string | null }>): Map<string, Set<string>> {
  const byFamily = new Map<string, Set<string>>();
  for (const { family, format } of formatsByFile.values()) {
    if (!byFamily.has(family)) byFamily.set(family, new Set());
    if (format && !GENERAL_MODULES.has(format)) byFamily.get(family)!.add(format);
  }
  return byFamily;
}

/** Every module except the withheld ones, in the usual order. */
export function formatsWithout(withheld: ReadonlySet<string>): RegisteredFormat[] {
  return FORMATS.filter((module) => !withheld.has(module.name));
}
