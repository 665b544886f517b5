/**
 * Running a command from its declared command line (./spec.ts), and the option values
 * the commands share: every malformed one becomes a UsageError (exit 2) with a one-line message.
 */
import { parseServer } from "../dns/server-address";
import type { Locale } from "../i18n";
import { type CliIo, UsageError } from "./io";
import { type CommandLine, type CommandName, commandHelp, readCommandLine } from "./spec";

export type { CommandLine };

/**
 * Runs one command: reads its arguments against its declared options, answers --help,
 * and turns wrong usage (from the options or from `read`) into one line on stderr, exit 2.
 */
export async function runCommand<Name extends CommandName, Command>(
  name: Name,
  args: string[],
  io: CliIo,
  read: (line: CommandLine<Name>) => Command,
  run: (command: Command) => Promise<number>,
): Promise<number> {
  let command: Command;
  try {
    const line = readCommandLine(name, args);
    if (line === "help") {
      io.stdout(commandHelp(name));
      return 0;
    }
    command = read(line);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`bounce-doctor ${name}: ${error.message} (see bounce-doctor ${name} --help)\n`);
    return 2;
  }
  return run(command);
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

