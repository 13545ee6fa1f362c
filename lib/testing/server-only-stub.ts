// `server-only` for the Playwright runner: specs and fixtures load server modules (to seed a
// database, to run the provider fixtures) outside React's server condition, where the real
// package throws. e2e/tsconfig.json maps the import here; Next's bundles keep the real one.
export {};
