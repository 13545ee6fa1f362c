// `npm run build`, after `next build`: bundle the production server (lib/server/http/server.ts)
// into .next/fiberwise-server.mjs, so `npm start` runs plain JavaScript. Packages stay external.
import { build } from "esbuild";

// `server-only` throws unless it is resolved under React's server condition, which only Next's own
// bundles use; this server is server code by definition, so the marker becomes an empty module here.
const serverOnly = {
  name: "server-only",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

await build({
  entryPoints: ["lib/server/http/server.ts"],
  outfile: ".next/fiberwise-server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [serverOnly],
  logLevel: "warning",
});
console.log("✓ Bundled the production server into .next/fiberwise-server.mjs");
