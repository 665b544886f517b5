/**
 * The command dispatcher of bounce-doctor, the command-line front door to the same core the task pane uses.
 *   bounce-doctor parse FILE... [--json | --jsonl]
 *   bounce-doctor spf [DOMAIN] [--ip IP] [--sender ADDR] [--helo NAME] [--from DOMAIN] [--dkim SELECTOR:DOMAIN]... [--dns HOST:PORT] [--timeout S] [--json]
 *   bounce-doctor check [--recipient DOMAIN] [--ip IP] [--zone ZONE]... [--only CHECKS] [--dns HOST:PORT] [--json]
 *   bounce-doctor diagnose FILE [--lang en-US|zh-TW] [--offline] [--dns HOST:PORT] [--json]
 */
import { type CliIo, UsageError } from "./io";

type Command = { run: (args: string[], io: CliIo) => Promise<number> };

// Loaded on demand so `parse` does not pay for the DNS and guidance modules.
const commands: Record<string, () => Promise<Command>> = {
  parse: () => import("./commands/parse"),
  spf: () => import("./commands/spf"),
  diagnose: () => import("./commands/diagnose"),
  check: () => import("./commands/check"),
};

const USAGE = `Usage: bounce-doctor <command> [options]
  parse FILE... [--json | --jsonl]   read bounces (- = standard input) and print what they say
  spf [DOMAIN] [--ip IP] [--sender ADDR] [--helo NAME] [--from DOMAIN] [--dkim SELECTOR:DOMAIN]... [--dns HOST:PORT] [--timeout S] [--json]
  diagnose FILE [--lang en-US|zh-TW] [--offline] [--dns HOST:PORT] [--json]
  check [--recipient DOMAIN] [--ip IP] [--zone ZONE]... [--only CHECKS] [--dns HOST:PORT] [--json]
                                     recipient domain, blocklists, reverse DNS, TLS policy, live
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(USAGE);
    return 0;
  }
  const load = name ? commands[name] : undefined;
  if (!load) {
    io.stderr(name ? `bounce-doctor: unknown command '${name}'\n${USAGE}` : USAGE);
    return 2;
  }
  try {
    return await (await load()).run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`bounce-doctor ${name}: ${error.message}\n`);
      return 2;
    }
    io.stderr(`bounce-doctor ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
