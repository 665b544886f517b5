/**
 * Every bounce-doctor command, declared once: its arguments, options and help. From
 * this one table come the command-line parsing (Node's parseArgs), the usage line,
 * `--help` for the program and for every command, and the README's usage block (a
 * test compares them). A new command is one entry here and its module in commands/.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { CHECK_KINDS } from "../checks/types";
import { UsageError } from "./io";

interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly multiple?: boolean;
  readonly short?: string;
  /** The value's placeholder in usage and help: "IP", "HOST:PORT", "en-US|zh-TW". */
  readonly value?: string;
  /** Options of one group exclude each other: shown as [--a | --b], refused together. */
  readonly group?: string;
  readonly help: string;
}

interface CommandSpec {
  /** The positional arguments as usage shows them: "FILE...", "[DOMAIN]". */
  readonly args: string;
  /** One line for the program's help. */
  readonly summary: string;
  /** What the command does, for its own help. */
  readonly description: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** What each exit code means for this command. */
  readonly exits: string;
}

const LANG = { type: "string", value: "en-US|zh-TW" } as const;
const DNS = { type: "string", multiple: true, value: "HOST:PORT", help: "ask this DNS server (repeatable) instead of the system's" } as const;
const TIMEOUT = { type: "string", value: "S" } as const;
const JSON_OUT = { type: "boolean" } as const;

export const COMMANDS = {
  parse: {
    args: "FILE...",
    summary: "read bounces (- = standard input) and print what they say, as JSON",
    description:
      "Reads each bounce (an .eml file, or - for standard input) and prints the Bounce: format, recipients, status codes, the remote server's words, the sender's domain and sending IP.",
    options: {
      json: { ...JSON_OUT, group: "output", help: "one file, one indented JSON object (the default)" },
      jsonl: { ...JSON_OUT, group: "output", help: "one JSON object per line with a \"file\" field; needed for several files" },
    },
    exits: "0 every file read; 1 a file could not be read or is not a message; 2 wrong usage",
  },
  spf: {
    args: "[DOMAIN]",
    summary: "check a domain's SPF record live: the verdict for an IP, the include tree, lookups and problems",
    description:
      "Checks DOMAIN's SPF record with the real resolver (RFC 7208 check_host). DOMAIN defaults to the sender's domain, or to the HELO name for a null sender (--sender '').",
    options: {
      ip: { type: "string", value: "IP", help: "the connecting IP to evaluate; without it the record is analysed only" },
      sender: { type: "string", value: "ADDR", help: "the envelope sender (MAIL FROM); '' is the null sender" },
      helo: { type: "string", value: "NAME", help: "the HELO/EHLO name" },
      from: { type: "string", value: "DOMAIN", help: "the From domain: adds DMARC alignment of SPF and DKIM" },
      dkim: { type: "string", multiple: true, value: "SELECTOR:DOMAIN", help: "a DKIM signature's s= and d= (repeatable): checks its key" },
      dns: DNS,
      timeout: { ...TIMEOUT, help: "seconds per DNS query, at most 60 (default 5)" },
      json: { ...JSON_OUT, help: "print the SpfReport as JSON (with --from or --dkim, the whole Checks)" },
    },
    exits: "0 report printed; 1 the check itself could not be done (DNS failure, temperror); 2 wrong usage",
  },
  diagnose: {
    args: "FILE",
    summary: "parse a bounce, check the sender's SPF and DMARC live, and say what to do",
    description:
      "Parses the bounce (FILE, or - for standard input); unless --offline, checks the sender domain's SPF and DMARC and runs the live checks the rejection calls for (recipient domain, blocklists, reverse DNS, TLS policy); prints the guidance and the email to the recipient's postmaster, or with --json { bounce, checks, guidance }.",
    options: {
      lang: { ...LANG, help: "the language of the guidance (default: from LC_ALL or LANG)" },
      "draft-lang": { ...LANG, help: "the language of the email to the postmaster (default: --lang)" },
      offline: { type: "boolean", help: "no live checks: the bounce alone" },
      dns: DNS,
      timeout: { ...TIMEOUT, help: "seconds for all live checks, at most 60 (default 10)" },
      json: { ...JSON_OUT, help: "print { bounce, checks, guidance } as JSON" },
    },
    exits: "0 guidance printed; 1 the file could not be read or parsed; 2 wrong usage",
  },
  check: {
    args: "",
    summary: "run the live checks directly: recipient domain, blocklists, reverse DNS, TLS policy",
    description:
      "With --recipient, checks the recipient domain (MX, null MX, typos) and its TLS policy (MTA-STS, DANE, TLS-RPT); with --ip, the DNS blocklists (the --zone ones first, then DNSBL_ZONES or the default set) and reverse DNS.",
    options: {
      recipient: { type: "string", value: "DOMAIN", help: "the recipient's domain" },
      ip: { type: "string", value: "IP", help: "the sending IP to look up in blocklists and reverse DNS" },
      zone: { type: "string", multiple: true, value: "ZONE", help: "a DNS blocklist zone to ask first (repeatable)" },
      only: { type: "string", value: "CHECK,...", help: `only these checks: ${CHECK_KINDS.join(", ")}` },
      dns: DNS,
      timeout: { ...TIMEOUT, help: "seconds for all checks, at most 60 (default 10)" },
      json: { ...JSON_OUT, help: "print the LiveChecks as JSON" },
    },
    exits: "0 printed; 1 every check failed (DNS trouble); 2 wrong usage",
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

const HELP = { type: "boolean", short: "h", help: "print this help" } as const satisfies OptionSpec;

type ValueOf<Option> = Option extends { type: "boolean" } ? boolean : Option extends { multiple: true } ? string[] : string;
type OptionsOf<Name extends CommandName> = (typeof COMMANDS)[Name]["options"];

/** The arguments of one command as its declared options read them. */
export interface CommandLine<Name extends CommandName> {
  values: { [Option in keyof OptionsOf<Name>]?: ValueOf<OptionsOf<Name>[Option]> };
  positionals: string[];
}

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** One option as usage shows it: "--ip IP", "--json". */
function optionSynopsis(name: string, option: OptionSpec): string {
  return option.value ? `--${name} ${option.value}` : `--${name}`;
}

/** The usage line: "bounce-doctor spf [DOMAIN] [--ip IP] ... [--json]". */
export function usageLine(name: CommandName): string {
  const parts: string[] = [`bounce-doctor ${name}`, COMMANDS[name].args].filter(Boolean);
  const seen = new Set<string>();
  const options = Object.entries(COMMANDS[name].options) as [string, OptionSpec][];
  for (const [option, spec] of options) {
    if (!spec.group) parts.push(`[${optionSynopsis(option, spec)}]${spec.multiple ? "..." : ""}`);
    else if (!seen.has(spec.group)) {
      seen.add(spec.group);
      parts.push(`[${options.filter(([, other]) => other.group === spec.group).map(([other, s]) => optionSynopsis(other, s)).join(" | ")}]`);
    }
  }
  return parts.join(" ");
}

/** Words into lines of at most `width` characters (a longer word has a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** `bounce-doctor NAME --help`. */
export function commandHelp(name: CommandName): string {
  const command: CommandSpec = COMMANDS[name];
  const rows: [string, string][] = [
    ...Object.entries(command.options).map(([option, spec]): [string, string] => [optionSynopsis(option, spec), spec.help]),
    ["-h, --help", HELP.help],
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    `usage: ${usageLine(name)}`,
    "",
    ...wrap(command.description, 78),
    "",
    "options:",
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
    "",
    `exit codes: ${command.exits}`,
    "",
  ].join("\n");
}

/** `bounce-doctor --help`: every command, one line each. */
export function programHelp(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  const width = Math.max(...names.map((name) => name.length));
  return [
    "usage: bounce-doctor <command> [options]",
    "",
    "commands:",
    ...names.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name].summary}`),
    "",
    "bounce-doctor <command> --help prints a command's options.",
    "",
  ].join("\n");
}

/** The README's usage block: one usage line per command. */
export function readmeUsage(): string {
  return (Object.keys(COMMANDS) as CommandName[]).map(usageLine).join("\n");
}

/**
 * The command line of one command, read against its declared options; "help" when
 * --help or -h is given. Every malformed option is a UsageError with a one-line message.
 */
export function readCommandLine<Name extends CommandName>(name: Name, args: string[]): CommandLine<Name> | "help" {
  const declared: Readonly<Record<string, OptionSpec>> = COMMANDS[name].options;
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  for (const [option, { type, multiple, short }] of Object.entries<OptionSpec>({ ...declared, help: HELP })) {
    // Node refuses a `short` or `multiple` key that is present but undefined.
    options[option] = { type, ...(multiple ? { multiple } : {}), ...(short ? { short } : {}) };
  }
  let line: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
  try {
    line = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages go on to explain "--" at length: the first sentence is the point.
    // (Node's TypeError is from another realm under a test runner: read its message, not its class.)
    const message = typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
    throw new UsageError(message.split(/\n|(?<=\.) /)[0].replace(/\.$/, ""));
  }
  if (line.values.help) return "help";
  const groups = new Map<string, string[]>();
  for (const option of Object.keys(line.values)) {
    const group = declared[option]?.group;
    if (group) groups.set(group, [...(groups.get(group) ?? []), option]);
  }
  for (const clash of groups.values()) {
    if (clash.length > 1) throw new UsageError(`choose ${clash.map((option) => `--${option}`).join(" or ")}, not both`);
  }
  // parseArgs gave each option the type its declaration says (strict mode).
  return { values: line.values, positionals: line.positionals } as CommandLine<Name>;
}
