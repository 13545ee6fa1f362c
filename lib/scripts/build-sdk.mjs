// Bundles the browser SDK (lib/sdk/index.ts) into one ES module, public/sdk/fiberwise.js, so a page
// on any origin can `import FiberWise from "<APP_URL>/sdk/fiberwise.js"` (like Stripe.js). Run by
// `npm run build` and `npm run dev`; the output is generated, not committed.
import { build } from "esbuild";

await build({
  entryPoints: ["lib/sdk/index.ts"],
  outfile: "public/sdk/fiberwise.js",
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2020",
  minify: true,
  sourcemap: "linked",
  legalComments: "none",
  banner: { js: "// FiberWise browser SDK — https://github.com/fiberwise (Apache-2.0)" },
  logLevel: "warning",
});
console.log("✓ Bundled the browser SDK into public/sdk/fiberwise.js");
