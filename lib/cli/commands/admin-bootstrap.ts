import type { BootstrapOptions } from "./admin";

// `fiber admin bootstrap` inside a checkout: migrate, then create the admin, an app and a key with the
// platform's own server modules (never part of the packaged CLI; see admin.ts).

export async function bootstrap(options: BootstrapOptions) {
  const password = options.password ?? process.env.FIBER_ADMIN_PASSWORD;
  if (!password) throw new Error("Give --password or set FIBER_ADMIN_PASSWORD");
  const { bootstrapAdmin } = await import("../../server/admin/bootstrap-admin");
  const { databaseKind, disconnectPrisma, pgliteDir } = await import("../../server/db/client");
  const { migrate } = await import("../../server/db/migrate");
  const { openExecutor } = await import("../../server/db/open-executor");
  const target = databaseKind() === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded database in ${pgliteDir()}`;
  try {
    const executor = await openExecutor();
    try {
      await migrate(executor, { log: () => {} });
    } finally {
      await executor.close();
    }
    const result = await bootstrapAdmin({ email: options.email, password, appName: options.app });
    if (options.json) {
      console.log(JSON.stringify({ user: result.user, app: result.app, api_key: result.apiKey }, null, 2));
      return;
    }
    console.log(`✔ Created admin ${result.user.email} in ${target}`);
    if (result.app) console.log(`✔ Created app "${result.app.name}" (app_id: ${result.app.app_id})`);
    console.log(`✔ API key (all scopes). Copy it now; it is not shown again:\n\n  ${result.apiKey.key}\n`);
  } catch (error) {
    throw new Error(await describe(error));
  } finally {
    await disconnectPrisma();
  }
}

async function describe(error: unknown): Promise<string> {
  const { ZodError } = await import("zod");
  const { AppError } = await import("../../server/errors");
  if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  if (error instanceof AppError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
