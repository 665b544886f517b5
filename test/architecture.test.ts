/**
 * The house rules of the code's layout.
 *
 * Every folder of src/ sits on a layer, and a folder imports only from its own layer or
 * lower ones, types included: `import type`, `export ... from` and dynamic `import()` all
 * count. The folder graph has no cycle, and neither does the file graph.
 *
 * The pure core (text, catalogs, parser, authentication and live-check engines, draft,
 * guidance) runs unchanged in the pane, the backend and the CLI, so it imports no Node-only
 * module, touches no DOM or Office.js, and reaches only the npm packages its room allows.
 * Office.js is used only behind the adapter in src/taskpane/office/.
 */
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";

const SRC = path.resolve(__dirname, "../src");

/**
 * The layer of each room, lowest first. A room may be listed before it exists: it then has
 * no files and no edges. A sub-room (taskpane/files) wins over its parent folder.
 */
const LAYERS: Record<string, number> = {
  text: 0,
  i18n: 1,
  ndr: 2,
  spf: 2,
  checks: 2,
  draft: 3,
  guidance: 4,
  dns: 5,
  fetch: 5,
  "taskpane/files": 5,
  "taskpane/office": 6,
  taskpane: 7,
  backend: 8,
  cli: 8,
  web: 8,
};

/** Pairs the layer order alone would allow but which are kept apart on purpose. */
const FORBIDDEN: Array<[from: string, to: string, why: string]> = [
  ["cli", "backend", "the CLI runs the checks itself; it shares contracts with the backend through src/spf, not the backend's internals"],
];

/** Each pure room and the npm packages it may import. */
const PURE_ROOMS: Record<string, string[]> = {
  text: [],
  i18n: ["intl-messageformat"],
  ndr: ["postal-mime"],
  spf: ["ipaddr.js", "tldts"],
  checks: ["ipaddr.js", "tldts"],
  draft: [],
  guidance: ["ipaddr.js"],
};

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Code without comments, so prose that names `process` or `window` is no finding. */
function code(file: string): string {
  return fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

/** Every module specifier: static, type-only, re-export, side-effect, dynamic and require. */
function importsOf(text: string): string[] {
  return Array.from(text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g), (m) => m[1]);
}

/** The room a path under src/ belongs to: the longest listed prefix, else its top folder. */
function roomOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  const two = parts.slice(0, 2).join("/");
  return parts.length > 2 && two in LAYERS ? two : parts[0];
}

/** The source file a relative specifier names, or undefined for non-code assets. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")];
  return candidates.find((candidate) => /\.tsx?$/.test(candidate) && fs.existsSync(candidate));
}

interface Edge {
  from: string;
  to: string;
  specifier: string;
}

/** The import edges between our own source files. */
function fileEdges(files: string[]): Edge[] {
  return files.flatMap((file) =>
    importsOf(code(file))
      .filter((specifier) => specifier.startsWith("."))
      .flatMap((specifier) => {
        const to = resolveImport(file, specifier);
        return to ? [{ from: file, to, specifier }] : [];
      }),
  );
}

/** One cycle in a directed graph, as the path that closes it, or undefined when it has none. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
  }
  return undefined;
}

function graphOf(pairs: Array<[string, string]>): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [from, to] of pairs) {
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from)?.add(to);
  }
  return graph;
}

const ALL_FILES = sourceFiles(SRC);
const EDGES = fileEdges(ALL_FILES);
const rel = (file: string) => path.relative(SRC, file);

test("every folder of src/ has a layer", () => {
  const unplaced = [...new Set(ALL_FILES.map(roomOf))].filter((room) => !(room in LAYERS));
  expect(unplaced).toEqual([]);
});

test("no room imports a room on a higher layer, types and dynamic imports included", () => {
  const offences = EDGES.filter((edge) => (LAYERS[roomOf(edge.to)] ?? Infinity) > (LAYERS[roomOf(edge.from)] ?? -Infinity)).map(
    (edge) => `${rel(edge.from)} (${roomOf(edge.from)}) imports ${edge.specifier} (${roomOf(edge.to)})`,
  );
  expect(offences).toEqual([]);
});

test.each(FORBIDDEN)("%s does not import %s: %s", (from, to) => {
  const offences = EDGES.filter((edge) => roomOf(edge.from) === from && roomOf(edge.to) === to).map((edge) => `${rel(edge.from)} imports ${edge.specifier}`);
  expect(offences).toEqual([]);
});

test("the folders form no cycle", () => {
  const pairs = EDGES.map((edge): [string, string] => [roomOf(edge.from), roomOf(edge.to)]).filter(([from, to]) => from !== to);
  expect(findCycle(graphOf(pairs))).toBeUndefined();
});

test("no files form a cycle, types and dynamic imports included", () => {
  const pairs = EDGES.map((edge): [string, string] => [rel(edge.from), rel(edge.to)]);
  expect(pairs.length).toBeGreaterThan(0);
  expect(findCycle(graphOf(pairs))).toBeUndefined();
});

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const EXISTING_PURE_ROOMS = Object.entries(PURE_ROOMS).filter(([room]) => sourceFiles(path.join(SRC, room)).length > 0);

test("the core rooms that exist are checked for purity", () => {
  expect(EXISTING_PURE_ROOMS.map(([room]) => room)).toEqual(expect.arrayContaining(["text", "i18n", "ndr", "spf", "draft", "guidance"]));
});

describe.each(EXISTING_PURE_ROOMS)("src/%s is pure", (room, packages) => {
  const files = sourceFiles(path.join(SRC, room));

  test("imports only its allowed packages and pure rooms, never Node built-ins", () => {
    const offences: string[] = [];
    for (const file of files) {
      for (const specifier of importsOf(code(file))) {
        const where = `${rel(file)} imports ${specifier}`;
        if (NODE_BUILTINS.has(specifier)) offences.push(where);
        else if (specifier.startsWith(".")) {
          if (!(roomOf(path.resolve(path.dirname(file), specifier)) in PURE_ROOMS)) offences.push(where);
        } else if (!packages.some((pkg) => specifier === pkg || specifier.startsWith(`${pkg}/`))) offences.push(where);
      }
    }
    expect(offences).toEqual([]);
  });

  test("uses no Node globals, DOM or Office.js", () => {
    const offences: string[] = [];
    const forbidden = /\b(?:Buffer\.|process\.|require\(|window\.|document\.|navigator\.|localStorage|Office\.)/;
    for (const file of files) {
      const match = forbidden.exec(code(file));
      if (match) offences.push(`${rel(file)}: ${match[0]}`);
    }
    expect(offences).toEqual([]);
  });
});

test("Office.js is touched only in src/taskpane/office/", () => {
  const offenders = ALL_FILES.filter((file) => !file.startsWith(path.join(SRC, "taskpane", "office") + path.sep))
    .filter((file) => /\bOffice\.(?:context|onReady|EventType|AsyncResultStatus|CoercionType|MailboxEnums|HostType)/.test(code(file)))
    .map(rel);
  expect(offenders).toEqual([]);
});

describe("the checker would catch an offence", () => {
  test("it sees every kind of import", () => {
    const text = [
      'import fs from "node:fs";',
      'import type { Bounce } from "../ndr/types";',
      'export { diagnose } from "../guidance";',
      'import "./side-effect";',
      'const chunk = await import("./engine");',
      'type Lazy = typeof import("./lazy");',
    ].join("\n");
    expect(importsOf(text)).toEqual(["node:fs", "../ndr/types", "../guidance", "./side-effect", "./engine", "./lazy"]);
    expect(NODE_BUILTINS.has("fs") && NODE_BUILTINS.has("node:dns")).toBe(true);
  });

  test("it places sub-rooms before their parent folder", () => {
    expect(roomOf(path.join(SRC, "taskpane/office/host.ts"))).toBe("taskpane/office");
    expect(roomOf(path.join(SRC, "taskpane/views/Report.tsx"))).toBe("taskpane");
    expect(roomOf(path.join(SRC, "ndr/formats/exim.ts"))).toBe("ndr");
  });

  test("it finds a cycle, and none in a chain", () => {
    expect(findCycle(graphOf([["a", "b"], ["b", "c"], ["c", "a"]]))).toEqual(["a", "b", "c", "a"]);
    expect(findCycle(graphOf([["a", "b"], ["b", "c"], ["a", "c"]]))).toBeUndefined();
  });
});
