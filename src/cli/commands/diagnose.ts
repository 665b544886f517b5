/**
 * bounce-doctor diagnose (options and help in ../spec.ts)
 *
 * Parses a bounce (FILE, or - for standard input), checks the sender domain's SPF and
 * DMARC, and the live checks the rejection calls for (recipient domain, blocklists,
 * reverse DNS, TLS policy), unless --offline; prints the guidance: as text, or with
 * --json as { "bounce": Bounce, "checks": CheckReport | null, "guidance": Guidance }.
 * Exit codes: 0 guidance printed, 1 the file could not be read or parsed, 2 bad usage.
 */
import { readFile } from "node:fs/promises";
import type { CheckReport } from "../../checks/types";
import { checkRequest, diagnose, formatGuidanceText } from "../../guidance";
import { type Locale, resolveLocale } from "../../i18n";
import { parseBounce } from "../../ndr";
import type { Bounce } from "../../ndr/bounce";
import { runChecks } from "../../spf/index";
import { type CliIo, UsageError } from "../io";
import { escapeControlsInJson, singleLine } from "../../text/sanitize";
import { cliResolver, runCliLiveChecks } from "../live";
import { type CommandLine, dnsOption, localeOption, runCommand, timeoutOption } from "../options";

interface DiagnoseCommand {
  file: string;
  locale: Locale;
  draftLanguage?: Locale;
  offline: boolean;
  dns?: { host: string; port: number }[];
  timeoutMs: number;
  json: boolean;
}

function parseCommand({ values, positionals }: CommandLine<"diagnose">): DiagnoseCommand {
  if (positionals.length !== 1) throw new UsageError(positionals.length ? "one file at a time" : "give the bounce FILE (- for standard input)");
  return {
    file: positionals[0],
    // Without --lang, the terminal's language decides (LANG=zh_TW.UTF-8 reads Traditional Chinese).
    locale: values.lang !== undefined ? localeOption("--lang", values.lang) : resolveLocale(process.env.LC_ALL || process.env.LANG || ""),
    draftLanguage: values["draft-lang"] !== undefined ? localeOption("--draft-lang", values["draft-lang"]) : undefined,
    offline: values.offline ?? false,
    dns: dnsOption(values.dns),
    timeoutMs: timeoutOption(values.timeout, 10_000),
    json: values.json ?? false,
  };
}

/** SPF/DMARC for the sender, and the live checks the rejection calls for, all at once; null when there is nothing to check. */
async function liveChecks(bounce: Bounce, command: DiagnoseCommand): Promise<CheckReport | null> {
  const request = checkRequest(bounce);
  if (!request) return null;
  const resolver = cliResolver(command.dns, command.timeoutMs);
  const [checks, live] = await Promise.all([
    runChecks(request.input, resolver, { timeoutMs: command.timeoutMs }),
    request.live ? runCliLiveChecks(request.live, resolver, command.timeoutMs) : null,
  ]);
  return live ? { ...checks, live } : checks;
}

export function run(args: string[], io: CliIo): Promise<number> {
  return runCommand("diagnose", args, io, parseCommand, (command) => diagnoseFile(command, io));
}

async function diagnoseFile(command: DiagnoseCommand, io: CliIo): Promise<number> {
  let bounce: Bounce;
  try {
    const source = command.file === "-" ? await io.readStdin() : new Uint8Array(await readFile(command.file));
    bounce = await parseBounce(source);
  } catch (error) {
    io.stderr(`bounce-doctor diagnose: ${singleLine(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  }

  let checks: CheckReport | null = null;
  if (!command.offline && bounce.isBounce) {
    try {
      checks = await liveChecks(bounce, command);
    } catch (error) {
      // A failed check is reported inside Checks, as the backend does; the guidance says it could not check.
      const message = singleLine(error instanceof Error ? error.message : String(error));
      checks = { schema: "bounce-doctor/checks@1", spf: { error: message }, dmarc: { error: message } };
    }
  }

  const guidance = diagnose(bounce, checks, command.locale, { draftLanguage: command.draftLanguage });
  if (command.json) {
    io.stdout(`${escapeControlsInJson(JSON.stringify({ bounce, checks, guidance }, null, 2))}\n`);
  } else {
    io.stdout(formatGuidanceText(bounce, checks, guidance, command.locale));
    if (guidance.draft) io.stdout(`\n${guidance.draft.text}\n`);
  }
  return 0;
}
