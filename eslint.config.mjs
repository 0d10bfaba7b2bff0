// One lint config for the whole monorepo (flat config).
// The rules for packages/core are the point: core must stay pure and bit-for-bit
// deterministic across JavaScript engines (see docs/ARCHITECTURE.md).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const nonDeterministicMath = [
  "random", "exp", "expm1", "log", "log1p", "log2", "log10", "pow", "tanh", "sinh", "cosh",
  "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "asinh", "acosh", "atanh", "cbrt", "hypot",
].map((property) => ({
  object: "Math",
  property,
  message:
    "core must be deterministic across JS engines: use the functions in packages/core/src/sim/math (detExp, detLog, detTanh, ...) or the seeded PRNG.",
}));

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/.next/**", "**/.turbo/**", "**/*.d.ts", "**/next-env.d.ts", "**/src/generated/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["packages/core/src/**/*.ts"],
    rules: {
      "no-restricted-properties": ["error", ...nonDeterministicMath],
      "no-restricted-globals": [
        "error",
        { name: "Date", message: "core has no clock: pass time in through ctx." },
        { name: "performance", message: "core has no clock: pass time in through ctx." },
        { name: "process", message: "core does no I/O." },
        { name: "setTimeout", message: "core has no timers." },
        { name: "setInterval", message: "core has no timers." },
        { name: "fetch", message: "core does no I/O." },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "BinaryExpression[operator='**']", message: "`**` is Math.pow: not bit-identical across engines. Multiply, or use detPowInt/detExp." },
        { selector: "AssignmentExpression[operator='**=']", message: "`**=` is Math.pow: not bit-identical across engines." },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*", "fs", "path", "os", "child_process", "worker_threads", "crypto", "http", "net"], message: "core does no I/O." },
            { group: ["next", "next/*", "react", "react-dom", "socket.io", "socket.io-client", "@prisma/*", "prisma", "express"], message: "core knows no framework, transport or storage." },
          ],
        },
      ],
    },
  },
  {
    files: ["**/bin/*.mjs", "**/*.config.mjs", "**/scripts/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    // "Answers never reach students early" as a rule, not a comment: the web app may import the
    // engine (sim), the clock formula (timeline), the error table (errors) and where math is in
    // a text (text) as code, and only
    // types from the rest. Questions, lessons, sessions, reports and practice sets hold answer formulas and
    // solutions, and protocol's code is zod schemas the browser does not need.
    files: ["apps/web/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["@livelab/core", "@livelab/core/questions", "@livelab/core/lesson", "@livelab/core/session", "@livelab/core/report", "@livelab/core/protocol", "@livelab/core/practice"].map((name) => ({
            name,
            allowTypeImports: true,
            message: "the web app never grades: import only @livelab/core/sim, /timeline, /errors and /text as code (types from /protocol).",
          })),
          patterns: [{ group: ["**/packages/core/**", "@livelab/core/src/**"], message: "import core through its package exports." }],
        },
      ],
    },
  },
  {
    // The browser tests run in Node: they read the lesson (answers included) to act as students.
    files: ["apps/web/e2e/**/*.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Tests of core may compare against Math.* and use Node APIs.
    files: ["packages/core/src/**/*.test.ts", "packages/core/test/**/*.ts", "packages/core/bench/**/*.ts"],
    rules: { "no-restricted-properties": "off", "no-restricted-globals": "off", "no-restricted-imports": "off", "no-restricted-syntax": "off" },
  },
);
