import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** The HTTP benchmarks run the production server: build it first when there is none. */
export function ensureProductionBuild(): void {
  if (existsSync(".next/fiberwise-server.mjs")) return;
  console.log("No production build found; running npm run build…");
  if (spawnSync("npm", ["run", "build"], { stdio: "inherit" }).status !== 0) throw new Error("npm run build failed");
}

/** One bar of a text chart: `value` against the largest, 40 characters wide at most. */
export const bar = (value: number, max: number) => "█".repeat(Math.max(1, Math.round((value / max) * 40)));
