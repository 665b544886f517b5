/**
 * Status-code texts are written per scope and code as [title, meaning] pairs, which is
 * easier to read and review than flat keys; this turns them into the flat catalog keys
 * code.<scope>.<slug>.title / .meaning that t() looks up.
 */
import { codeKey, type Scope } from "../code-keys";

export type CodeTexts = Record<Exclude<Scope, "yahoo">, Record<string, readonly [title: string, meaning: string]>>;

export function flattenCodeTexts(texts: CodeTexts): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [scope, codes] of Object.entries(texts) as [Scope, CodeTexts[keyof CodeTexts]][]) {
    for (const [code, [title, meaning]] of Object.entries(codes)) {
      const key = codeKey({ scope, code });
      flat[`${key}.title`] = title;
      flat[`${key}.meaning`] = meaning;
    }
  }
  return flat;
}
