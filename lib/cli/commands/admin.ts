import type { Command } from "commander";

// The one command that talks to the database directly. Its server modules (Prisma, the database
// driver) load inside the action, so that `fiber --help` and the API commands stay fast.
//
// The packaged CLI (@fiberwise/cli, built by lib/scripts/build-cli-package.mjs) replaces
// process.env.FIBER_CLI_BUILD with "package": the branch that imports the server modules is then dead
// code, left out of the bundle, which carries no database driver, Prisma or native password hashing.
// Bootstrap runs where the platform and its database are.

export type BootstrapOptions = { email: string; password?: string; app?: string; json?: boolean };

export function registerAdminCommands(program: Command) {
  const admin = program.command("admin").description("Server administration (talks to the database directly)");

  admin
    .command("bootstrap")
    .description("Create the first admin, optionally an app, and print an API key with every scope (shown once)")
    .requiredOption("--email <email>", "the admin's email")
    .option("--password <password>", "the admin's password (or set FIBER_ADMIN_PASSWORD)")
    .option("--app <name>", "also create an app with this name; the admin owns it")
    .option("--json", "print the result as JSON")
    .action(async (options: BootstrapOptions) => {
      if (process.env.FIBER_CLI_BUILD === "package") {
        const { CliError } = await import("../lib/errors");
        throw new CliError("fiber admin bootstrap writes to the platform's database, so the installed CLI does not carry it", {
          code: "bootstrap_unavailable",
          hint: [
            "Run it where the platform runs, in a FiberWise checkout with the server's DATABASE_URL: npx fiber admin bootstrap --email …",
            "Or sign up at <instance>/signup (the first account is the admin) and create an API key at <instance>/api-keys",
          ],
        });
      } else {
        const { bootstrap } = await import("./admin-bootstrap");
        await bootstrap(options);
      }
    });
}
