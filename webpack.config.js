// Two builds from one source tree, both into dist/:
//  - web: the Outlook task pane (taskpane.html, with office.js from Microsoft's CDN) and
//    the standalone page (index.html, with no office.js), sharing the same views;
//  - node: the CLI and the backend (local server and Azure Functions adapter).
const fs = require("node:fs");
const path = require("node:path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const root = __dirname;
const dist = path.resolve(root, "dist");
const DEV_PORT = 3000;
const LOCAL_BACKEND = "http://localhost:7071";

/**
 * Office.js as Microsoft requires add-ins to load it: from its CDN, never a copy.
 * https://learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn
 */
const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** Where the pane sends { domain, ip, sender, helo }: relative "/api" unless the build says otherwise. */
const backendUrl = (process.env.BACKEND_URL || "/api").replace(/\/+$/, "");

/** The backend's origin when it lives elsewhere, for connect-src. */
function backendOrigin(url) {
  try {
    return new URL(url).origin;
  } catch {
    return null; // relative: same origin as the page
  }
}

/**
 * The page's policy. Scripts come from the page's own origin, and on the task pane from
 * Office.js's origin too (office.js loads its host and locale scripts from beside itself).
 */
function contentSecurityPolicy({ officeJs }) {
  const connect = ["'self'", backendOrigin(backendUrl)].filter(Boolean).join(" ");
  const scripts = ["'self'", officeJs && new URL(officeJs).origin].filter(Boolean).join(" ");
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    // Griffel (Fluent UI's CSS-in-JS) inserts <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    `connect-src ${connect}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

const typescriptRule = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  use: {
    loader: "ts-loader",
    // Type-checking is `npm run typecheck`; the bundle only needs transpiling.
    options: { transpileOnly: true, compilerOptions: { noEmit: false, module: "esnext", sourceMap: true } },
  },
};

/**
 * postal-mime's modules only declare functions, classes and tables; the package does not
 * say so (no "sideEffects" in its package.json), so webpack keeps its entry module, and
 * with it the whole parser, wherever decodeWords is imported. Declared here, the parser
 * stays in the chunk that src/ndr/message.ts loads only for the messages the quick MIME
 * reader leaves to it.
 */
const postalMimeHasNoSideEffects = { test: /[\\/]node_modules[\\/]postal-mime[\\/]/, sideEffects: false };

/** officeJs: the page runs inside Outlook and loads Office.js (before its own deferred bundle). */
function page(template, filename, chunk, { officeJs = null } = {}) {
  return new HtmlWebpackPlugin({
    template: path.resolve(root, template),
    filename,
    chunks: [chunk],
    scriptLoading: "defer",
    officeJs,
    // The template puts it first in <head>: a CSP meta only governs what comes after it.
    csp: contentSecurityPolicy({ officeJs }),
  });
}

async function devServerHttps() {
  const { httpsServerOptions } = await import(path.resolve(root, "scripts/dev-certs.mjs"));
  const options = await httpsServerOptions();
  return options ? { type: "https", options } : undefined;
}

async function webConfig(isProduction, isServe) {
  return {
    name: "web",
    target: "web",
    mode: isProduction ? "production" : "development",
    // No eval-based source maps: the pages' Content-Security-Policy forbids eval, in development too.
    devtool: isProduction ? "source-map" : "cheap-module-source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      web: "./src/web/index.tsx",
    },
    output: {
      path: dist,
      filename: isProduction ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: isProduction ? "chunks/[name].[contenthash:8].js" : "chunks/[name].js",
      publicPath: "",
      // The node build writes cli/ and backend/ into the same folder.
      clean: { keep: /^(cli|backend)\// },
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // @kenjiuno/msgreader (for .msg files) requires iconv-lite, which needs Node's Buffer: use the browser's TextDecoder.
      alias: { "iconv-lite": path.resolve(root, "src/taskpane/files/iconv-lite-shim.ts") },
    },
    module: { rules: [typescriptRule, postalMimeHasNoSideEffects] },
    performance: { hints: false },
    optimization: {
      splitChunks: { chunks: "async" },
    },
    plugins: [
      new webpack.DefinePlugin({ "process.env.BACKEND_URL": JSON.stringify(backendUrl) }),
      page("src/taskpane/taskpane.html", "taskpane.html", "taskpane", { officeJs: OFFICE_JS_URL }),
      page("src/web/index.html", "index.html", "web"),
      new CopyWebpackPlugin({
        patterns: [
          { from: "src/web/samples/*.eml", to: "samples/[name][ext]" },
          { from: "assets", to: "assets" },
        ],
      }),
    ],
    devServer: isServe
      ? {
          port: DEV_PORT,
          server: await devServerHttps(),
          static: false,
          headers: { "Access-Control-Allow-Origin": "*" },
          proxy: [{ context: ["/api"], target: LOCAL_BACKEND }],
        }
      : undefined,
  };
}

/** Adds the shebang and makes the CLI executable once written. */
class ExecutableCliPlugin {
  constructor(file) {
    this.file = file;
  }
  apply(compiler) {
    new webpack.BannerPlugin({ banner: "#!/usr/bin/env node", raw: true, entryOnly: true, include: this.file }).apply(compiler);
    compiler.hooks.afterEmit.tap("ExecutableCliPlugin", () => {
      const file = path.join(compiler.options.output.path, this.file);
      if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
    });
  }
}

function nodeConfig(isProduction) {
  return {
    name: "node",
    target: "node20",
    mode: isProduction ? "production" : "development",
    devtool: "source-map",
    entry: {
      // The executable is a small launcher that runs the CLI program (cli/main.js) through V8's code cache.
      "cli/bounce-doctor": "./src/cli/launch.ts",
      "cli/main": "./src/cli/bounce-doctor.ts",
      "backend/server": "./src/backend/server.ts",
      "backend/azure": "./src/backend/azure.ts",
    },
    output: { path: dist, filename: "[name].js", library: { type: "commonjs2" }, clean: false },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    // One self-contained file per entry: dynamic imports are bundled in, not split into chunks;
    // createRequire() is left to Node.js (the launcher hands the program a real require).
    module: { rules: [typescriptRule], parser: { javascript: { dynamicImportMode: "eager", createRequire: false } } },
    externalsPresets: { node: true },
    // @azure/functions is bundled in, so the Functions app deploys as one file with no
    // node_modules; the Functions worker provides @azure/functions-core itself (outside it,
    // the library finds none and runs in its test mode).
    externals: { "@azure/functions-core": "commonjs2 @azure/functions-core" },
    // __dirname is where the file runs from (the launcher finds the program beside it).
    node: { __dirname: false, __filename: false },
    // Keep the CLI's stack traces readable and its start fast.
    optimization: { minimize: false },
    performance: { hints: false },
    plugins: [new ExecutableCliPlugin("cli/bounce-doctor.js")],
  };
}

module.exports = async (env = {}, argv = {}) => {
  const isProduction = argv.mode !== "development";
  const isServe = Boolean(env.WEBPACK_SERVE);
  const web = await webConfig(isProduction, isServe);
  return isServe ? web : [web, nodeConfig(isProduction)];
};
