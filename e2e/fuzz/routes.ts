// The fuzz suite's map of the application, read from the file system on every run so that a route
// or page added later is fuzzed without editing the suite: app/**/route.ts with the HTTP methods it
// exports, and app/**/page.tsx. Query keys come from what the code itself names (route comments such
// as `?app_id=…&limit=50`, `searchParams.get("x")`, `query.x` in pages), plus random ones.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One path segment of a route: literal text, a dynamic `[name]`, or a catch-all `[...name]` / `[[...name]]`. */
export type Segment = { kind: "literal"; value: string } | { kind: "param"; name: string } | { kind: "catchAll"; name: string; optional: boolean };

export type AppRoute = { file: string; kind: "api" | "page"; pattern: string; segments: Segment[]; methods: HttpMethod[]; queryKeys: string[] };

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

function segmentsOf(relativeDir: string): Segment[] {
  return relativeDir
    .split(path.sep)
    .filter((part) => part && !/^\(.*\)$/.test(part) && !part.startsWith("@") && !part.startsWith("_"))
    .map((part): Segment => {
      const optional = /^\[\[\.\.\.(.+)\]\]$/.exec(part);
      if (optional) return { kind: "catchAll", name: optional[1]!, optional: true };
      const catchAll = /^\[\.\.\.(.+)\]$/.exec(part);
      if (catchAll) return { kind: "catchAll", name: catchAll[1]!, optional: false };
      const param = /^\[(.+)\]$/.exec(part);
      if (param) return { kind: "param", name: param[1]! };
      return { kind: "literal", value: part };
    });
}

/**
 * The HTTP methods a route module answers: `export const GET`, `export async function POST`, `export { x as GET }`.
 * The refusals of `export const { PUT, … } = unansweredMethods(…)` are not counted.
 */
export function exportedMethods(source: string): HttpMethod[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|var|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const block of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const item of block[1]!.split(",")) found.add(item.trim().split(/\s+as\s+/).pop()!.trim());
  }
  return HTTP_METHODS.filter((method) => found.has(method));
}

function queryKeysIn(source: string, segments: Segment[]): string[] {
  const keys = new Set<string>();
  for (const m of source.matchAll(/[?&[]([a-z][A-Za-z0-9_]*)=/g)) keys.add(m[1]!);
  for (const m of source.matchAll(/searchParams\.(?:get|getAll|has)\(\s*"([^"]+)"/g)) keys.add(m[1]!);
  for (const m of source.matchAll(/\b(?:query|params)\.([a-z][A-Za-z0-9_]*)\b/g)) keys.add(m[1]!);
  for (const m of source.matchAll(/\{([^{}]*)\}\s*=\s*await\s+searchParams/g)) {
    for (const item of m[1]!.split(",")) keys.add(item.split(/[=:]/)[0]!.trim());
  }
  for (const s of segments) if (s.kind !== "literal") keys.delete(s.name);
  for (const word of ["get", "getAll", "has", ""]) keys.delete(word);
  return [...keys].sort();
}

export function discoverRoutes(root = process.cwd()): AppRoute[] {
  const appDir = path.join(root, "app");
  const routes: AppRoute[] = [];
  for (const file of walk(appDir).sort()) {
    const base = path.basename(file);
    const kind = /^route\.(ts|js)$/.test(base) ? "api" : /^page\.(tsx|ts|jsx|js)$/.test(base) ? "page" : null;
    if (!kind) continue;
    const source = readFileSync(file, "utf8");
    const segments = segmentsOf(path.relative(appDir, path.dirname(file)));
    const pattern = "/" + segments.map((s) => (s.kind === "literal" ? s.value : s.kind === "param" ? `[${s.name}]` : `[...${s.name}]`)).join("/");
    const methods: HttpMethod[] = kind === "page" ? ["GET"] : exportedMethods(source);
    if (methods.length) routes.push({ file: path.relative(root, file), kind, pattern, segments, methods, queryKeys: queryKeysIn(source, segments) });
  }
  return routes;
}
