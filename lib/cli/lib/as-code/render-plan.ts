import { colours, info } from "../output";
import { summarize, type Change, type FieldChange, type Plan } from "./plan";

// How a plan prints for people: + create (green), ~ update (yellow), - delete (red), each with its
// fields; secrets only as "changed" / "unchanged" / "unknown", never a value.

const show = (value: unknown) => JSON.stringify(value);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const SYMBOL: Record<Change["action"], string> = { create: "+", update: "~", delete: "-" };
export const paintFor = (action: Change["action"]) =>
  action === "create" ? colours.green : action === "update" ? colours.yellowOut : colours.redOut;

/** "+ create github (oauth/github.json)": one change in one line, as plan and apply name it. */
export function changeTitle(change: Change): string {
  const where = change.action === "delete" ? `"${change.name}", ${plural(change.connections, "connection")}` : change.file;
  return `${SYMBOL[change.action]} ${change.action} ${change.id} (${where})`;
}

function fieldLine(change: FieldChange): string {
  if (change.field === "client_secret") return `client_secret: ${change.status === "changed" ? "changed" : "unknown (set before fingerprints existed), will be set"}`;
  return `${change.field}: ${show(change.old)} → ${show(change.new)}`;
}

function changeLines(change: Change): string[] {
  if (change.action === "create") {
    const lines = Object.entries(change.fields).map(([field, value]) => `${field}: ${show(value)}`);
    const secret = change.secretSource === "literal" ? "set (literal in the file)" : `set from ${change.secretSource}`;
    lines.splice(Math.min(3, lines.length), 0, `client_secret: ${secret}`);
    if (!("redirect_uri" in change.fields)) lines.push(`redirect_uri: ${show(change.body.redirect_uri)} (the id comes from the file name)`);
    return lines;
  }
  if (change.action === "update") {
    const lines = change.changes.map(fieldLine);
    if (!change.changes.some((c) => c.field === "client_secret")) lines.push(colours.dim("client_secret: unchanged"));
    return lines;
  }
  return change.connections ? [`its ${plural(change.connections, "connection")} go with it`] : [];
}

export function summaryLine(plan: Plan, dir: string): string {
  const s = summarize(plan);
  const kept = s.kept ? `; ${s.kept} not in ${dir}, kept` : "";
  if (!plan.changes.length) return `No changes: ${plural(s.unchanged, "authenticator")} in ${dir} match${s.unchanged === 1 ? "es" : ""} the app${kept}.`;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.unchanged} unchanged${kept}.`;
}

export function renderPlan(plan: Plan, context: { appId: string; instance: string; dir: string; files: number }) {
  info(colours.dim(`App ${context.appId} on ${context.instance}, compared with ${plural(context.files, "file")} in ${context.dir}`));
  if (plan.changes.length || plan.kept.length) info("");
  for (const change of plan.changes) {
    const paint = paintFor(change.action);
    info(paint(changeTitle(change)));
    for (const line of changeLines(change)) info(`    ${line}`);
  }
  for (const k of plan.kept) info(colours.dim(`  ${k.id} ("${k.name}", ${plural(k.connections, "connection")}): not in ${context.dir}, kept (--prune deletes it)`));
  info("");
  info(colours.bold(summaryLine(plan, context.dir)));
}
