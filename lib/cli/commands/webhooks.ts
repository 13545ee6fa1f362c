import type { Command } from "commander";
import type { Webhook, WebhookDelivery, WebhookTestResult, WebhookWithSecret } from "../../schemas/webhooks";
import { addCommonOptions, type CommonOptions, type Session } from "../lib/session";

// `fiber webhooks …`: an app's webhook endpoints over the HTTP API. Modules load inside the actions
// so that `fiber --help` stays fast.

type AppOption = { app?: string };
type AddOptions = CommonOptions & AppOption & { events?: string; description?: string; disabled?: boolean };
const path = (id: string, rest = "") => `/webhooks/${encodeURIComponent(id)}${rest}`;

async function appIdFor(session: Session, options: AppOption): Promise<string> {
  if (options.app) return options.app;
  const { resolveAppId } = await import("../lib/app-context");
  return resolveAppId(session.appDir, session.client);
}

async function add(url: string, options: AddOptions) {
  const { createWebhookSchema } = await import("../../schemas/webhooks");
  const { CliError } = await import("../lib/errors");
  const { openSession } = await import("../lib/session");
  const events = options.events?.split(/[\s,]+/).filter(Boolean);
  const body = { url, ...(events?.length ? { events } : {}), ...(options.description ? { description: options.description } : {}), ...(options.disabled ? { enabled: false } : {}) };
  const parsed = createWebhookSchema.safeParse(body);
  if (!parsed.success) {
    throw new CliError("The webhook is invalid", { code: "validation_error", details: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  }
  const session = await openSession(options);
  const appId = await appIdFor(session, options);
  const created = await session.spin(`Adding a webhook to ${appId}`, () =>
    session.client.request<WebhookWithSecret>("POST", "/webhooks", { body: { ...body, app_id: appId } }),
  );
  const out = await import("../lib/output");
  if (session.json) return out.printJson(created);
  out.success(`Added webhook ${out.colours.bold(created.id)} → ${created.url} (${created.events.length ? created.events.join(", ") : "all events"})`);
  printSecret(created.secret, out);
  out.info(`  Try it: fiber webhooks test ${created.id}`);
}

function printSecret(secret: string, out: typeof import("../lib/output")) {
  out.info("  Signing secret (Standard Webhooks). Copy it now; it is not shown again:");
  out.info(`    ${secret}`);
}

async function list(options: CommonOptions & AppOption) {
  const { openSession } = await import("../lib/session");
  const session = await openSession(options);
  const appId = await appIdFor(session, options);
  const result = await session.spin(`Listing webhooks of ${appId}`, () => session.client.request<{ data: Webhook[] }>("GET", "/webhooks", { query: { app_id: appId } }));
  const out = await import("../lib/output");
  if (session.json) return out.printJson(result);
  if (!result.data.length) {
    out.info(`No webhooks in app ${appId} on ${session.instance.name}.`);
    out.info("Add one: fiber webhooks add https://example.com/webhooks/fiberwise");
    return;
  }
  const { WEBHOOK_DISABLED_REASONS } = await import("../../schemas/webhooks");
  out.info(out.colours.dim(`App ${appId} on ${session.instance.name}`));
  out.info(
    out.table(result.data, [
      { header: "ID", value: (w) => w.id, max: 40 },
      { header: "URL", value: (w) => w.url, max: 50 },
      { header: "EVENTS", value: (w) => (w.events.length ? w.events.join(",") : "all"), max: 40 },
      {
        header: "STATUS",
        value: (w) => (w.enabled ? (w.failing_since ? `failing since ${w.failing_since.slice(0, 16).replace("T", " ")}` : "enabled") : w.disabled_reason ? `disabled: ${WEBHOOK_DISABLED_REASONS[w.disabled_reason]}` : "disabled"),
        colour: (text, w) => (w.enabled && !w.failing_since ? out.colours.green(text) : out.colours.dim(text)),
        max: 60,
      },
    ]),
  );
}

async function remove(id: string, options: CommonOptions & { yes?: boolean }) {
  const { CliError, EXIT } = await import("../lib/errors");
  if (!options.yes) {
    if (!process.stdin.isTTY) {
      throw new CliError(`Refusing to remove ${id} without confirmation`, { code: "confirmation_required", exitCode: EXIT.usage, hint: [`Pass --yes: fiber webhooks remove ${id} --yes`] });
    }
    const { createInterface } = await import("node:readline/promises");
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question(`Remove webhook ${id} and its delivery log? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliError("Not removed", { code: "cancelled", exitCode: EXIT.usage });
  }
  const { openSession } = await import("../lib/session");
  const session = await openSession(options);
  await session.spin(`Removing ${id}`, () => session.client.request("DELETE", path(id)));
  const out = await import("../lib/output");
  if (session.json) return out.printJson({ id, deleted: true });
  out.success(`Removed webhook ${id} from ${session.instance.name}`);
}

async function test(id: string, options: CommonOptions) {
  const { openSession } = await import("../lib/session");
  const session = await openSession(options);
  const sent = await session.spin(`Sending a test event to ${id}`, () => session.client.request<WebhookTestResult>("POST", path(id, "/test")));
  const out = await import("../lib/output");
  if (session.json) return out.printJson(sent);
  out.success(`Queued test event ${sent.event_id} for ${id}`);
  out.info(`  See how it went: fiber webhooks deliveries ${id}`);
}

async function rotate(id: string, options: CommonOptions) {
  const { WEBHOOK_SECRET_OVERLAP_HOURS } = await import("../../schemas/webhooks");
  const { openSession } = await import("../lib/session");
  const session = await openSession(options);
  const rotated = await session.spin(`Rotating the secret of ${id}`, () => session.client.request<WebhookWithSecret>("POST", path(id, "/rotate-secret")));
  const out = await import("../lib/output");
  if (session.json) return out.printJson(rotated);
  out.success(`New signing secret for ${id}; the old one keeps signing beside it for ${WEBHOOK_SECRET_OVERLAP_HOURS} h (until ${rotated.previous_secret_expires_at ?? "now"})`);
  printSecret(rotated.secret, out);
}

async function deliveries(id: string, options: CommonOptions & { status?: string; limit?: string }) {
  const { openSession } = await import("../lib/session");
  const session = await openSession(options);
  const page = await session.spin(`Reading the delivery log of ${id}`, () =>
    session.client.request<{ data: WebhookDelivery[]; next_cursor: string | null }>("GET", path(id, "/deliveries"), { query: { status: options.status, limit: options.limit } }),
  );
  const out = await import("../lib/output");
  if (session.json) return out.printJson(page);
  if (!page.data.length) return out.info(`No deliveries for ${id} yet. Send one: fiber webhooks test ${id}`);
  out.info(
    out.table(page.data, [
      { header: "EVENT", value: (d) => d.event_id, max: 40 },
      { header: "TYPE", value: (d) => d.event_type },
      { header: "STATUS", value: (d) => d.status, colour: (text, d) => (d.status === "delivered" ? out.colours.green(text) : out.colours.dim(text)) },
      { header: "ATTEMPTS", value: (d) => String(d.attempts) },
      { header: "LAST", value: (d) => (d.last_status === null ? (d.attempt_log.at(-1)?.error ?? "-") : String(d.last_status)), max: 30 },
      { header: "CREATED", value: (d) => d.created_at.slice(0, 19).replace("T", " ") },
      { header: "NEXT TRY", value: (d) => d.next_attempt_at?.slice(0, 19).replace("T", " ") ?? "-" },
    ]),
  );
}

export function registerWebhookCommands(program: Command) {
  const group = program.command("webhooks").description("Webhook endpoints: where FiberWise sends your app's connection events");
  addCommonOptions(
    group
      .command("add <url>")
      .description("Add an endpoint (https; prints its signing secret once)")
      .option("--events <types>", "comma separated event types (default: all events), e.g. connection.created,connection.needs_reauth")
      .option("--description <text>", "a note for your team")
      .option("--disabled", "add it disabled")
      .option("--app <app_id>", "the app (default: the app directory's, or the API key's)"),
  )
    .addHelpText("after", `\nExamples:\n  $ fiber webhooks add https://api.example.com/webhooks/fiberwise\n  $ fiber webhooks add https://api.example.com/hooks --events connection.needs_reauth,connection.deleted --json`)
    .action(add);
  addCommonOptions(group.command("list").description("List the app's endpoints (ID, URL, events, status)").option("--app <app_id>", "the app (default: the app directory's, or the API key's)"))
    .action(list);
  addCommonOptions(group.command("remove <id>").alias("delete").description("Remove an endpoint and its delivery log").option("--yes", "do not ask for confirmation"))
    .action(remove);
  addCommonOptions(group.command("test <id>").description("Send a webhook.test event to an endpoint now")).action(test);
  addCommonOptions(group.command("rotate-secret <id>").description("Replace the signing secret (the old one keeps signing for a while)")).action(rotate);
  addCommonOptions(
    group
      .command("deliveries <id>")
      .description("An endpoint's delivery log, newest first")
      .option("--status <status>", "pending, delivered or failed")
      .option("--limit <n>", "how many (1–100, default 25)"),
  ).action(deliveries);
}
