// Builds the `@fiberwise/cli` npm package: lib/cli/main.ts and everything it imports (commander, zod,
// lib/schemas, lib/templates) bundled by esbuild into one plain-JavaScript file, dist/fiber.mjs, with
// no dependencies to install and no tsx or tsconfig at run time. The repo's own `npx fiber`
// (lib/cli/bin.mjs, through tsx) is unchanged. Used by lib/scripts/pack-packages.mjs (`npm run pack`).
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const CLI = "lib/cli";

/**
 * @param {string} outDir the package folder to write (emptied first)
 * @param {string} version the package version (the platform's)
 * @returns {Promise<{ dir: string, bytes: number, packages: string[] }>}
 */
export async function buildCliPackage(outDir, version) {
  await rm(outDir, { recursive: true, force: true });
  const outfile = path.join(outDir, "dist", "fiber.mjs");
  await mkdir(path.dirname(outfile), { recursive: true });

  const result = await build({
    entryPoints: [`${CLI}/main.ts`],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    minify: true,
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
    // admin.ts: the database branch of `fiber admin bootstrap` becomes dead code and is not bundled.
    define: { "process.env.FIBER_CLI_BUILD": JSON.stringify("package") },
    // Bundled CommonJS (commander) may call require() for Node's built-ins, which ESM lacks.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });

  // The installed CLI talks only to the HTTP API: none of the platform's server code may reach it.
  const inputs = Object.keys(result.metafile.inputs);
  const platform = inputs.filter((input) => /^lib\/(server|generated)\/|(^|\/)server-only\//.test(input));
  if (platform.length) throw new Error(`the CLI package must not contain the platform's server code: ${platform.join(", ")}`);
  const packages = [...new Set(inputs.flatMap((input) => input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? []))].sort();
  await chmod(outfile, 0o755);

  const manifest = JSON.parse(await readFile(`${CLI}/package/package.json`, "utf8"));
  await writeFile(path.join(outDir, "package.json"), `${JSON.stringify({ name: manifest.name, version, ...manifest }, null, 2)}\n`);
  await copyFile(`${CLI}/package/README.md`, path.join(outDir, "README.md"));
  return { dir: outDir, bytes: result.metafile.outputs[path.relative(process.cwd(), outfile)]?.bytes ?? 0, packages };
}
