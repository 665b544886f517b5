/**
 * The message keys of status-code texts. The guidance knowledge base finds an entry by
 * (scope, code); the catalogs hold its title and meaning under code.<scope>.<slug>.title
 * and .meaning, the keys this scheme makes.
 */

/** Whose meaning of a status code applies: the same code differs between systems. */
export type Scope = "microsoft" | "outlook.com" | "google" | "yahoo" | "iana";

/** Message-key stem of a status code in a scope: code.<scope>.<slug>, e.g. code.iana.5.1.1. */
export function codeKey(entry: { scope: Scope; code: string }): string {
  const slug = entry.code.toLowerCase().replace(/[^a-z0-9.-]+/g, "-").replace(/^-+|-+$/g, "");
  return `code.${entry.scope}.${slug}`;
}
