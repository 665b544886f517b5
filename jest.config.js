// Three projects: pure/node code, React components in jsdom, and end-to-end
// tests that drive the production build in headless Chromium.
/** @type {import('jest').Config} */
const tsJest = ["ts-jest", { tsconfig: { jsx: "react-jsx", module: "commonjs", moduleResolution: "node10", isolatedModules: true, esModuleInterop: true, ignoreDeprecations: "6.0" } }];
// intl-messageformat and its @formatjs dependencies ship only as ES modules: compile them too.
// So is postal-mime's ES module build, the one build the bundles, tsx (tsconfig "paths") and
// the tests all load, and the only one patches/ patches.
const esmPackages = ["intl-messageformat", "@formatjs", "postal-mime"];
const common = {
  transform: { "^.+\\.tsx?$": tsJest, "^.+\\.js$": ["ts-jest", { tsconfig: { allowJs: true, module: "commonjs", isolatedModules: true } }] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join("|")})/)`],
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.js",
    "^postal-mime$": "<rootDir>/node_modules/postal-mime/dist/esm/postal-mime.js",
  },
};
// The extra reporter says in one line which tests were skipped because ../shared is absent.
module.exports = {
  reporters: ["default", "<rootDir>/test/support/shared-skips-reporter.js"],
  projects: [
    { ...common, displayName: "unit", testEnvironment: "node", testMatch: ["<rootDir>/test/**/*.test.ts"], testPathIgnorePatterns: ["/test/e2e/"] },
    { ...common, displayName: "dom", testEnvironment: "jsdom", testMatch: ["<rootDir>/test/**/*.test.tsx"] },
    { ...common, displayName: "e2e", testEnvironment: "node", testMatch: ["<rootDir>/test/e2e/**/*.test.ts"] },
  ],
};
