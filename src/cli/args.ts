/** A small, strict argument reader shared by the commands: unknown flags are usage errors. */
import { UsageError } from "./io";

export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

/**
 * `booleans` are flags without a value; `valued` take the next argument (or `--name=value`).
 * A lone "-" is positional (standard input).
 */
export function parseArgs(args: string[], spec: { booleans?: string[]; valued?: string[] }): ParsedArgs {
  const booleans = new Set(spec.booleans ?? []);
  const valued = new Set(spec.valued ?? []);
  const result: ParsedArgs = { positional: [], flags: new Set(), options: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      result.positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      result.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (booleans.has(name) && inline === undefined) result.flags.add(name);
    else if (valued.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      result.options.set(name, value);
    } else throw new UsageError(`unknown option ${arg}`);
  }
  return result;
}
