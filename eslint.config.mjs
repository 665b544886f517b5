// The lint gate: `npm run lint` (inside `npm test`, after the type check).
// typescript-eslint's strictest type-checked set, React's hook rules and jsx-a11y's
// recommended set. Unused exports and dependencies are knip's job (knip.json).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";

/** The rules that forbid `any` and untyped values, off where the values have no types to give. */
const UNTYPED_VALUES_ALLOWED = {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
};

export default tseslint.config(
  { ignores: ["dist/**", "coverage/**", "node_modules/**", "test/fixtures/**", ".run/**"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Numbers in messages are what they look like; objects and nullables stay forbidden.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `onClick={() => setOpen(true)}` is the idiom React documents; a void call in a
      // block body or a `return` is still reported.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      // Callbacks are typed as properties, so `unbound-method` can tell them from real methods.
      "@typescript-eslint/method-signature-style": ["error", "property"],
      // A leading underscore marks a parameter a signature requires but the body does not use.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],

      // Rules turned off, and why:
      // - no-unnecessary-condition: the types describe the documented shape, but the code
      //   checks at run time what hostile input (bounces, DNS answers, JSON bodies) and older
      //   Office hosts may leave out (a requirement set below 1.8 has no `getAttachmentsAsync`,
      //   Outlook has no `officeTheme.isDarkTheme`). Removing those checks would trust the types
      //   over the input.
      "@typescript-eslint/no-unnecessary-condition": "off",
      //   The same holds for its sibling no-unnecessary-type-conversion (`String(format)` on an
      //   Office enum a host may answer with a value the typings do not list).
      "@typescript-eslint/no-unnecessary-type-conversion": "off",
      // - no-non-null-assertion: the assertions follow a regex match or a `has()` whose groups
      //   or keys the pattern guarantees; a fallback for each would add branches no input reaches.
      "@typescript-eslint/no-non-null-assertion": "off",
      // - require-await: ports are async by contract (the Office host, the resolver, the checks
      //   client); an implementation that answers at once stays `async` so a throw becomes a
      //   rejection, as callers expect.
      "@typescript-eslint/require-await": "off",
      // - no-control-regex: the sanitizers and the bounce parsers match control characters on
      //   purpose (they strip or split on them).
      "no-control-regex": "off",
    },
  },
  {
    files: ["src/**/*.tsx", "test/**/*.tsx"],
    ...reactHooks.configs.flat["recommended-latest"],
  },
  {
    files: ["src/**/*.tsx", "test/**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A scrolling <pre> (an SPF record, a server's reply) takes focus so a keyboard can scroll it
      // (WCAG 2.1.1; axe's scrollable-region-focusable rule asks for exactly this).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: ["pre"], roles: ["tabpanel"], allowExpressionValues: true }],
    },
  },
  // Tests read JSON bodies, parsed files and browser globals whose shape is exactly what they
  // assert: an unsafe access there fails the test, which is what a test is for.
  {
    files: ["test/**"],
    rules: {
      ...UNTYPED_VALUES_ALLOWED,
      "@typescript-eslint/restrict-plus-operands": "off",
      // `expect(mailbox.displayNewMessageForm).toBeUndefined()` reads a method without calling it.
      "@typescript-eslint/unbound-method": "off",
    },
  },
  // The manifest script edits the JSON Microsoft's converter writes, a schema not typed here.
  {
    files: ["scripts/manifest-json.ts"],
    rules: {
      ...UNTYPED_VALUES_ALLOWED,
    },
  },
  // Plain JavaScript (build config, scripts, browser shims) is outside tsconfig: lint it without types.
  {
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
  },
  {
    files: ["**/*.cjs", "jest.config.js", "webpack.config.js", "test/support/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["test/e2e/support/*.browser.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.browser } },
  },
);
