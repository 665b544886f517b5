/**
 * The house rules of the code's layout: the pure core (parser, SPF, guidance, draft,
 * catalogs) runs unchanged in the pane, the backend and the CLI, so it imports no
 * Node-only module, touches no DOM or Office.js, and reaches only the packages its
 * room is allowed. Office.js is used only behind the adapter in src/taskpane/office/.
 */
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";

const SRC = path.resolve(__dirname, "../src");

/** Each pure room, the npm packages it may import, and the rooms it may reach. */
const PURE_ROOMS: Record<string, { packages: string[]; rooms: string[] }> = {
  text: { packages: [], rooms: ["text"] },
  ndr: { packages: ["postal-mime"], rooms: ["ndr"] },
  spf: { packages: ["ipaddr.js", "tldts"], rooms: ["spf"] },
  checks: { packages: ["ipaddr.js", "tldts"], rooms: ["checks", "spf", "text"] },
  i18n: { packages: ["intl-messageformat"], rooms: ["i18n", "guidance"] },
  guidance: { packages: ["ipaddr.js"], rooms: ["guidance", "ndr", "spf", "i18n", "draft", "text"] },
  draft: { packages: [], rooms: ["draft", "guidance", "ndr", "spf", "i18n", "text"] },
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Code without comments, so prose that names `process` or `window` is no finding. */
function code(file: string): string {
  return fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

function importsOf(text: string): string[] {
  return Array.from(text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g), (m) => m[1]);
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

describe.each(Object.entries(PURE_ROOMS))("src/%s is pure", (room, allowed) => {
  const files = sourceFiles(path.join(SRC, room));

  test("it has code", () => expect(files.length).toBeGreaterThan(0));

  test("imports only its allowed packages and rooms, never Node built-ins", () => {
    const offences: string[] = [];
    for (const file of files) {
      for (const specifier of importsOf(code(file))) {
        const where = `${path.relative(SRC, file)} imports ${specifier}`;
        if (NODE_BUILTINS.has(specifier)) offences.push(where);
        else if (specifier.startsWith(".")) {
          const target = path.relative(SRC, path.resolve(path.dirname(file), specifier)).split(path.sep)[0];
          if (!allowed.rooms.includes(target)) offences.push(where);
        } else if (!allowed.packages.some((pkg) => specifier === pkg || specifier.startsWith(`${pkg}/`))) offences.push(where);
      }
    }
    expect(offences).toEqual([]);
  });

  test("uses no Node globals, DOM or Office.js", () => {
    const offences: string[] = [];
    const forbidden = /\b(?:Buffer\.|process\.|require\(|window\.|document\.|navigator\.|localStorage|Office\.)/;
    for (const file of files) {
      const match = forbidden.exec(code(file));
      if (match) offences.push(`${path.relative(SRC, file)}: ${match[0]}`);
    }
    expect(offences).toEqual([]);
  });
});

test("Office.js is touched only in src/taskpane/office/", () => {
  const offenders = sourceFiles(SRC)
    .filter((file) => !file.startsWith(path.join(SRC, "taskpane", "office") + path.sep))
    .filter((file) => /\bOffice\.(?:context|onReady|EventType|AsyncResultStatus|CoercionType|MailboxEnums|HostType)/.test(code(file)))
    .map((file) => path.relative(SRC, file));
  expect(offenders).toEqual([]);
});

test("the checker would catch an offence", () => {
  expect(importsOf('import fs from "node:fs";\nconst x = await import("./y");')).toEqual(["node:fs", "./y"]);
  expect(NODE_BUILTINS.has("fs") && NODE_BUILTINS.has("node:dns")).toBe(true);
});
