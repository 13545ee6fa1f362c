import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3101);
export const oidcIssuer = `http://127.0.0.1:${oidcPort}`;

// End-to-end tests run the production build (`next build` happens in `npm run test:e2e`) against a
// fresh PostgreSQL database, in Debian's Chromium (Playwright's own browser download is not used).
export default defineConfig({
  testDir: "e2e",
  // Specs load server modules (marked `server-only`) outside Next.js: this tsconfig maps the marker
  // to an empty module for the runner only.
  tsconfig: "./e2e/tsconfig.json",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: `tsx --conditions=react-server e2e/fixtures/serve.ts`,
      url: `${baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_PORT: String(port) },
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
    {
      // A real OAuth/OIDC authorization server (oidc-provider) on loopback for the connect flow.
      command: `tsx e2e/fixtures/oidc-server.ts`,
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { E2E_OIDC_PORT: String(oidcPort), E2E_APP_URL: baseURL },
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ],
});
