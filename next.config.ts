import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pino", "pg", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
  // The browser SDK is imported as an ES module by pages on other origins (module scripts are
  // fetched with CORS): it is public code, readable from anywhere.
  async headers() {
    return [
      {
        source: "/sdk/:file*",
        headers: [
          { key: "access-control-allow-origin", value: "*" },
          { key: "cache-control", value: "public, max-age=300" },
          { key: "x-content-type-options", value: "nosniff" },
        ],
      },
    ];
  },
};

export default nextConfig;
