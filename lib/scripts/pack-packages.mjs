// `npm run pack`: build the two npm packages and write their tarballs into .data/packages/ (ignored):
//   fiberwise-<version>.tgz       the SDK (lib/sdk/package, built by build-sdk-package.mjs)
//   fiberwise-cli-<version>.tgz   the CLI (lib/cli/package, built by build-cli-package.mjs)
// Both carry the platform's version (package.json): they speak the API of the same release.
// `--out <dir>` writes the tarballs elsewhere.
import { execFile } from "node:child_process";
import { mkdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { buildCliPackage } from "./build-cli-package.mjs";
import { buildSdkPackage } from "./build-sdk-package.mjs";

const run = promisify(execFile);
const outFlag = process.argv.indexOf("--out");
const outDir = path.resolve(outFlag > 0 && process.argv[outFlag + 1] ? process.argv[outFlag + 1] : ".data/packages");
const stage = path.join(outDir, "build");
const { version } = JSON.parse(await readFile("package.json", "utf8"));

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

async function pack(dir) {
  // --ignore-scripts: the staged folders have none, and a user's npm config must not add any.
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", outDir], { cwd: dir });
  const [info] = JSON.parse(stdout);
  const tarball = path.join(outDir, info.filename);
  return { tarball, packed: (await stat(tarball)).size, unpacked: info.unpackedSize, files: info.entryCount };
}

const started = performance.now();
await mkdir(outDir, { recursive: true });
const sdk = await buildSdkPackage(path.join(stage, "fiberwise"), version);
const cli = await buildCliPackage(path.join(stage, "cli"), version);
const results = [await pack(sdk.dir), await pack(cli.dir)];

for (const r of results) {
  console.log(`✓ ${path.relative(process.cwd(), r.tarball)}  ${kB(r.packed)} (unpacked ${kB(r.unpacked)}, ${r.files} files)`);
}
console.log(`  the CLI bundles ${cli.packages.join(", ")}; built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
