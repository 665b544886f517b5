/**
 * The command dispatcher of bounce-doctor, the command-line front door to the same core
 * the task pane uses. The commands, their options and help are declared in ./spec.ts.
 */
import { type CliIo, UsageError } from "./io";
import { type CommandName, isCommandName, programHelp } from "./spec";

type Command = { run: (args: string[], io: CliIo) => Promise<number> };

// Loaded on demand so `parse` does not pay for the DNS and guidance modules. One per
// declared command: a command in the spec without its module here fails tsc.
const commands: Record<CommandName, () => Promise<Command>> = {
  parse: () => import("./commands/parse"),
  spf: () => import("./commands/spf"),
  diagnose: () => import("./commands/diagnose"),
  check: () => import("./commands/check"),
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(programHelp());
    return 0;
  }
  if (!name || !isCommandName(name)) {
    io.stderr(name ? `bounce-doctor: unknown command '${name}'\n${programHelp()}` : programHelp());
    return 2;
  }
  try {
    return await (await commands[name]()).run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`bounce-doctor ${name}: ${error.message}\n`);
      return 2;
    }
    io.stderr(`bounce-doctor ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
