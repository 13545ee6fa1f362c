// Builds the `fiberwise` npm package (the browser SDK, lib/sdk/index.ts, and the server SDK,
// lib/sdk/server/index.ts) into a folder ready for `npm pack`: ESM (.js) and CommonJS (.cjs) for each
// entry, sharing one FiberWiseError module per format, and one self-contained declaration file per
// entry and format (.d.ts, .d.cts). Used by lib/scripts/pack-packages.mjs (`npm run pack`).
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { build } from "esbuild";

const require = createRequire(import.meta.url);
const SDK = "lib/sdk";

const ENTRIES = [
  { source: `${SDK}/index.ts`, name: "index" },
  { source: `${SDK}/server/index.ts`, name: "server" },
  { source: `${SDK}/errors.ts`, name: "errors" },
];

/** Every entry imports lib/sdk/errors.ts; it stays one module of the package instead of a copy in each. */
function sharedErrors(extension) {
  const errors = path.resolve(`${SDK}/errors.ts`);
  return {
    name: "shared-errors",
    setup(b) {
      b.onResolve({ filter: /\/errors$/ }, (args) => {
        if (args.kind === "entry-point" || path.resolve(args.resolveDir, `${args.path}.ts`) !== errors) return undefined;
        return { path: `./errors${extension}`, external: true };
      });
    },
  };
}

/**
 * @param {string} outDir the package folder to write (emptied first)
 * @param {string} version the package version (the platform's)
 * @returns {Promise<{ dir: string, files: string[] }>}
 */
export async function buildSdkPackage(outDir, version) {
  await rm(outDir, { recursive: true, force: true });
  const dist = path.join(outDir, "dist");
  await mkdir(dist, { recursive: true });

  for (const [format, extension] of [["esm", ".js"], ["cjs", ".cjs"]]) {
    const result = await build({
      entryPoints: ENTRIES.map((e) => ({ in: e.source, out: e.name })),
      outdir: dist,
      outExtension: { ".js": extension },
      bundle: true,
      format,
      platform: "neutral",
      target: "es2020",
      legalComments: "none",
      metafile: true,
      logLevel: "warning",
      plugins: [sharedErrors(extension)],
    });
    // The SDK is the platform's client, not a piece of it: only lib/sdk and zod-free constants of
    // lib/schemas may end up in it.
    for (const input of Object.keys(result.metafile.inputs)) {
      if (!/^lib\/(sdk|schemas)\//.test(input) || input.includes("/python/")) throw new Error(`the SDK package must not contain ${input}`);
    }
  }
  for (const file of await readdir(dist)) {
    const text = await readFile(path.join(dist, file), "utf8");
    if (/\bzod\b|server-only|@\/lib/.test(text)) throw new Error(`dist/${file} refers to zod, server-only or a repo path`);
  }

  // One declaration file per entry, with everything it refers to inlined (no relative imports, which
  // ESM consumers under "moduleResolution": "node16" could not resolve without extensions).
  const { generateDtsBundle } = require("dts-bundle-generator");
  const [browserTypes, serverTypes] = generateDtsBundle(
    [
      { filePath: `${SDK}/index.ts`, output: { noBanner: true } },
      { filePath: `${SDK}/server/index.ts`, output: { noBanner: true } },
    ],
    { preferredConfigPath: `${SDK}/package/tsconfig.json` },
  );
  for (const [name, text] of [["index", browserTypes], ["server", serverTypes]]) {
    if (/^\s*import\b|\bzod\b|@\/lib/m.test(text)) throw new Error(`the declarations of ${name} import something or refer to zod`);
    await writeFile(path.join(dist, `${name}.d.ts`), text);
    await writeFile(path.join(dist, `${name}.d.cts`), text);
  }

  const manifest = JSON.parse(await readFile(`${SDK}/package/package.json`, "utf8"));
  await writeFile(path.join(outDir, "package.json"), `${JSON.stringify({ name: manifest.name, version, ...manifest }, null, 2)}\n`);
  await copyFile(`${SDK}/package/README.md`, path.join(outDir, "README.md"));
  return { dir: outDir, files: (await readdir(dist)).map((f) => `dist/${f}`) };
}
