// Copies Scalar's API reference bundle (one self-contained script) to public/docs/api/scalar.js, so
// that /docs/api loads it from our own origin: nothing is fetched from a CDN at run time. Run by
// `npm run build` and `npm run dev`; the output is generated, not committed.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
// The package does not export its browser bundle: find it beside the package's entry point.
const entry = require.resolve("@scalar/api-reference");
const source = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), "dist", "browser", "standalone.js");
mkdirSync("public/docs/api", { recursive: true });
copyFileSync(source, "public/docs/api/scalar.js");
console.log("✓ Copied the API reference UI into public/docs/api/scalar.js");
