// `npm run build`, after `next build`: bundle the production server (lib/server/http/server.ts)
// into .next/fiberwise-server.mjs, so `npm start` runs plain JavaScript. Packages stay external.
import { build } from "esbuild";

await build({
  entryPoints: ["lib/server/http/server.ts"],
  outfile: ".next/fiberwise-server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
});
console.log("✓ Bundled the production server into .next/fiberwise-server.mjs");
