import path from "node:path";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

const ROOT = import.meta.dirname;
const SERVER_DIR = path.join(ROOT, "lib", "server");

/** Does this import source (alias or relative) land in lib/server? */
function isServerImport(source, filename) {
  if (typeof source !== "string") return false;
  const resolved = source.startsWith("@/") ? path.join(ROOT, source.slice(2)) : source.startsWith(".") ? path.resolve(path.dirname(filename), source) : null;
  return resolved !== null && (resolved === SERVER_DIR || resolved.startsWith(SERVER_DIR + path.sep));
}

// Written here because no-restricted-imports cannot see a file's "use client" directive, nor
// import() expressions: client code (and the client-safe folders) must never reach lib/server, not
// even for a type — the contract lives in lib/schemas.
const noServerImports = {
  meta: { type: "problem", schema: [{ type: "object", properties: { onlyUseClient: { type: "boolean" } }, additionalProperties: false }] },
  create(context) {
    const { onlyUseClient = false } = context.options[0] ?? {};
    const filename = context.filename;
    let active = !onlyUseClient;
    const check = (node, source) => {
      if (active && isServerImport(source, filename)) {
        context.report({ node, message: `Client-safe code must not import lib/server ("${source}"): import its schema or type from lib/schemas.` });
      }
    };
    return {
      Program(program) {
        if (onlyUseClient) active = program.body.some((s) => s.type === "ExpressionStatement" && s.directive === "use client");
      },
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
    };
  },
};

const CLIENT_SAFE = ["components/**", "lib/queries/**", "lib/sdk/**", "lib/schemas/**", "lib/templates/**", "lib/cli/**"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "public/sdk/**", "public/docs/**", "lib/generated/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    plugins: { fiberwise: { rules: { "no-server-imports": noServerImports } } },
    rules: { "fiberwise/no-server-imports": ["error", { onlyUseClient: true }] },
  },
  {
    // The client-safe folders: components, react-query hooks, SDKs, schemas, templates and the CLI.
    // `fiber admin bootstrap` loads server modules on purpose (it talks to the database directly).
    // no-restricted-imports catches the alias; the local rule resolves relative paths and import().
    files: CLIENT_SAFE,
    ignores: ["lib/cli/commands/admin-bootstrap.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/server", "@/lib/server/**", "**/lib/server", "**/lib/server/**"],
              message: "Client-safe code must not import lib/server: import its schema or type from lib/schemas.",
            },
          ],
        },
      ],
      "fiberwise/no-server-imports": ["error", { onlyUseClient: false }],
    },
  },
]);
