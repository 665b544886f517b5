/**
 * Command-line options shared by the commands, on Node's own parseArgs: every
 * malformed option becomes a UsageError (exit 2) with a one-line message.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { parseServer } from "../dns/server-address";
import type { Locale } from "../i18n";
import { UsageError } from "./io";

type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export function readCommandLine<T extends OptionSpec>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages go on to explain "--" at length: the first sentence is the point.
    throw new UsageError(error instanceof Error ? error.message.split(/\n|(?<=\.) /)[0] : String(error));
  }
}

/** --timeout S: seconds, more than 0 and at most 60; milliseconds out. */
export function timeoutOption(value: string | undefined, defaultMs: number): number {
  if (value === undefined) return defaultMs;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 60) throw new UsageError("--timeout must be a number of seconds from 0 to 60");
  return Math.round(seconds * 1000);
}

/** --dns HOST:PORT (repeatable): the resolvers to ask instead of the system's. */
export function dnsOption(values: string[] | undefined): { host: string; port: number }[] | undefined {
  if (values === undefined) return undefined;
  try {
    return values.map(parseServer);
  } catch (error) {
    throw new UsageError(`--dns: ${(error as Error).message}`);
  }
}

export function localeOption(option: string, value: string): Locale {
  if (value !== "en-US" && value !== "zh-TW") throw new UsageError(`${option} must be en-US or zh-TW`);
  return value;
}

