import type { Command } from "commander";
import type { AsCodeOptions } from "../lib/as-code/prepare-plan";
import { addCommonOptions, type CommonOptions } from "../lib/session";

// Authenticators as code: `fiber app oauth export | plan | apply --dir DIR`. A folder of spec files
// (one per authenticator, secrets as ${VAR} references) is the desired state of the app's
// authenticators; plan prints the difference, apply makes it. Modules load inside the actions so
// that `fiber --help` stays fast.

async function exportCommand(options: CommonOptions & { dir: string }) {
  const { openSession } = await import("../lib/session");
  const { resolveAppId } = await import("../lib/app-context");
  const { fetchAuthenticators } = await import("../lib/as-code/prepare-plan");
  const { exportDir } = await import("../lib/as-code/export-dir");
  const out = await import("../lib/output");

  const session = await openSession(options);
  const appId = await resolveAppId(session.appDir, session.client);
  const { files, others } = await exportDir(options.dir, await fetchAuthenticators(session, appId));
  const env = [...new Set(files.flatMap((f) => f.env))];

  if (session.json) return out.printJson({ app_id: appId, instance: session.instance.name, dir: options.dir, files, env, not_on_instance: others });
  if (!files.length) out.info(`App ${appId} on ${session.instance.name} has no authenticators; nothing was written to ${options.dir}.`);
  for (const f of files) out.success(`${f.file}${f.status === "unchanged" ? out.colours.dim(" (unchanged)") : ""}`);
  if (files.length) out.info(`Exported ${files.length} authenticator${files.length === 1 ? "" : "s"} of app ${appId} on ${session.instance.name}. No secret was written.`);
  if (others.length) out.info(`Not on the instance (plan would create them): ${others.join(", ")}`);
  if (env.length) {
    out.info("\nSet these environment variables to the client secrets before plan or apply:");
    for (const name of env) out.info(`  export ${name}="…"`);
  }
}

/** 2 ("API or network error") becomes 4 for plan, whose 2 means "changes". */
async function planExitCodes<T>(work: () => Promise<T>): Promise<T> {
  const { CliError, EXIT } = await import("../lib/errors");
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CliError) || error.exitCode !== EXIT.api) throw error;
    throw new CliError(error.message, { code: error.code, exitCode: EXIT.planApi, details: error.details, status: error.status, hint: error.hint });
  }
}

async function plan(options: AsCodeOptions) {
  const { preparePlan } = await import("../lib/as-code/prepare-plan");
  const { planAsJson } = await import("../lib/as-code/plan");
  const { renderPlan } = await import("../lib/as-code/render-plan");
  const { EXIT } = await import("../lib/errors");
  const out = await import("../lib/output");
  const { session, appId, plan, files } = await planExitCodes(() => preparePlan(options));
  if (session.json) out.printJson({ app_id: appId, instance: session.instance.name, dir: options.dir, ...planAsJson(plan) });
  else renderPlan(plan, { appId, instance: session.instance.name, dir: options.dir, files });
  process.exitCode = plan.changes.length ? EXIT.changes : EXIT.ok;
}

async function apply(options: AsCodeOptions) {
  const { preparePlan } = await import("../lib/as-code/prepare-plan");
  const { applyPlan } = await import("../lib/as-code/apply-plan");
  const { planAsJson } = await import("../lib/as-code/plan");
  const { changeTitle, paintFor, renderPlan } = await import("../lib/as-code/render-plan");
  const { CliError, EXIT } = await import("../lib/errors");
  const out = await import("../lib/output");

  const { session, appId, plan, files } = await preparePlan(options);
  const where = `app ${appId} on ${session.instance.name}`;
  if (!session.json) renderPlan(plan, { appId, instance: session.instance.name, dir: options.dir, files });
  if (!plan.changes.length) {
    if (session.json) out.printJson({ app_id: appId, instance: session.instance.name, dir: options.dir, applied: [], failed: null, not_applied: [] });
    return;
  }
  if (!options.yes) {
    if (!process.stdin.isTTY) {
      throw new CliError(`Refusing to apply ${plan.changes.length} change${plan.changes.length === 1 ? "" : "s"} without confirmation; nothing was applied`, {
        code: "confirmation_required",
        exitCode: EXIT.usage,
        hint: [`Pass --yes: fiber app oauth apply --dir ${options.dir} --yes${options.prune ? " --prune" : ""}`],
      });
    }
    const { createInterface } = await import("node:readline/promises");
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const what = plan.changes.length === 1 ? "this change" : `these ${plan.changes.length} changes`;
    const answer = await rl.question(`\nApply ${what} to ${where}? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliError("Nothing was applied", { code: "cancelled", exitCode: EXIT.usage });
  }

  const total = plan.changes.length;
  const step = (i: number) => `[${i + 1}/${total}]`;
  if (!session.json) out.info("");
  const outcome = await applyPlan(session, appId, plan.changes, {
    label: (change, i) => `${step(i)} ${changeTitle(change)}`,
    done: (applied, i) => {
      if (session.json) return;
      out.success(`${step(i)} ${paintFor(applied.change.action)(changeTitle(applied.change))}`);
      if (applied.redirectUri) out.info(`      Add this redirect URI in the provider's console: ${applied.redirectUri}`);
      for (const message of new Set(applied.warnings.map((w) => w.message))) out.warn(`${applied.change.id}: ${message}`);
    },
  });

  const describe = (change: (typeof plan.changes)[number]) => ({ action: change.action, authenticator_id: change.id, ...("file" in change ? { file: change.file } : {}) });
  if (session.json) {
    out.printJson({
      app_id: appId,
      instance: session.instance.name,
      dir: options.dir,
      plan: planAsJson(plan),
      applied: outcome.applied.map((a) => ({ ...describe(a.change), ...(a.redirectUri ? { redirect_uri: a.redirectUri } : {}) })),
      failed: outcome.failed ? { ...describe(outcome.failed.change), code: outcome.failed.error.code, message: outcome.failed.error.message, ...(outcome.failed.note ? { note: outcome.failed.note } : {}) } : null,
      not_applied: outcome.notApplied.map(describe),
    });
  }
  if (!outcome.failed) {
    if (!session.json) out.success(`Applied ${total} change${total === 1 ? "" : "s"} to ${where}.`);
    return;
  }
  if (!session.json) {
    const { note } = outcome.failed;
    out.info("");
    out.info(`Applied ${outcome.applied.length} of ${total}:${outcome.applied.length ? "" : " none"}`);
    for (const a of outcome.applied) out.info(`  ✔ ${changeTitle(a.change)}`);
    out.info(`Not applied (${outcome.notApplied.length}):`);
    outcome.notApplied.forEach((c, i) => out.info(`  ${i === 0 ? out.colours.redOut("✖") : "·"} ${changeTitle(c)}${i === 0 ? ` (failed${note ? `: ${note}` : ""})` : " (not attempted)"}`));
    out.info(`Fix the cause, then run plan or apply again: it picks up from what the ${where} now holds.`);
  }
  const { error } = outcome.failed;
  throw new CliError(`Stopped at ${changeTitle(outcome.failed.change)}: ${error.message}`, {
    code: error.code,
    exitCode: error.exitCode,
    details: error.details,
    status: error.status,
    hint: error.hint,
  });
}

const dirOption = (command: Command) => command.requiredOption("--dir <dir>", "the folder of <authenticator_id>.json files");

export function registerAsCodeCommands(oauth: Command) {
  addCommonOptions(dirOption(oauth.command("export").description("Write one <authenticator_id>.json per authenticator into --dir (secrets as ${VAR} references, never values)")))
    .addHelpText(
      "after",
      `
Every field is written, in a fixed order, so the files diff well in version control. client_secret
is "\${<ID>_CLIENT_SECRET}" (upper case, hyphens as underscores) or the reference the file already had.

Example:
  $ fiber app oauth export --dir ./oauth --to-instance production`,
    )
    .action(exportCommand);

  addCommonOptions(
    dirOption(oauth.command("plan").description("Show what apply would change to make the app's authenticators match --dir")).option(
      "--prune",
      "also delete authenticators that have no file in --dir",
    ),
  )
    .addHelpText(
      "after",
      `
Each *.json in --dir is one authenticator, matched by its file name (<authenticator_id>.json). A field
the file leaves out is not managed. Secrets are compared with the fingerprint the API returns, never read back.

Exit codes: 0 no changes, 2 changes to apply, 1 invalid files or usage, 3 not found (the app),
4 API or network error (2 in every other command).

Examples:
  $ fiber app oauth plan --dir ./oauth
  $ fiber app oauth plan --dir ./oauth --prune --json | jq '.summary'`,
    )
    .action(plan);

  addCommonOptions(
    dirOption(oauth.command("apply").description("Make the changes plan shows: creates, then updates, then deletes; stops at the first error"))
      .option("--prune", "also delete authenticators that have no file in --dir (their connections go with them)")
      .option("--yes", "do not ask for confirmation (needed when not on a terminal)"),
  )
    .addHelpText(
      "after",
      `
Exit codes: 0 applied (or nothing to apply), 1 invalid files, declined or no --yes off a terminal,
2 API or network error, 3 not found; after a failure, what was and was not applied is printed.

Examples:
  $ fiber app oauth apply --dir ./oauth
  $ fiber app oauth apply --dir ./oauth --prune --yes --to-instance production`,
    )
    .action(apply);
}
