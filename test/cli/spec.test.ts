/**
 * The command spec (src/cli/spec.ts) is the one declaration of every command: the
 * program's help, each command's --help and the README's usage block all come from it.
 */
import fs from "node:fs";
import path from "node:path";
import type { CliIo } from "../../src/cli/io";
import { main } from "../../src/cli/main";
import { COMMANDS, type CommandName, readmeUsage, usageLine } from "../../src/cli/spec";

const NAMES = Object.keys(COMMANDS) as CommandName[];

function terminal() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), readStdin: async () => new Uint8Array() };
  return { io, out: () => out.join(""), err: () => err.join("") };
}

test.each([["--help"], ["-h"], ["help"]])("bounce-doctor %s lists every command and exits 0", async (flag) => {
  const t = terminal();
  expect(await main([flag], t.io)).toBe(0);
  expect(t.err()).toBe("");
  for (const name of NAMES) expect(t.out()).toMatch(new RegExp(`^  ${name} +${COMMANDS[name].summary.replace(/[()]/g, "\\$&")}$`, "m"));
});

describe.each(NAMES)("bounce-doctor %s", (name) => {
  test.each([["--help"], ["-h"]])("%s prints its usage and every option, and exits 0", async (flag) => {
    const t = terminal();
    expect(await main([name, flag], t.io)).toBe(0);
    expect(t.err()).toBe("");
    expect(t.out().split("\n")[0]).toBe(`usage: ${usageLine(name)}`);
    for (const option of Object.keys(COMMANDS[name].options)) expect(t.out()).toMatch(new RegExp(`^  --${option}\\b`, "m"));
    expect(t.out()).toMatch(/^exit codes: 0 /m);
  });

  test("an unknown option is one line on stderr and exit 2", async () => {
    const t = terminal();
    expect(await main([name, "--no-such-option"], t.io)).toBe(2);
    expect(t.out()).toBe("");
    expect(t.err()).toBe(`bounce-doctor ${name}: Unknown option '--no-such-option' (see bounce-doctor ${name} --help)\n`);
  });
});

test("the usage line shows options that exclude each other as one choice", () => {
  expect(usageLine("parse")).toBe("bounce-doctor parse FILE... [--json | --jsonl]");
});

test("the README's usage block is the spec's", () => {
  const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Command line"));
  const block = /```sh\n([\s\S]*?)\n```/.exec(section)?.[1];
  expect(block).toBe(readmeUsage());
});
