import { CliError } from "../errors";
import type { Session } from "../session";
import type { Change } from "./plan";

// Makes a plan's changes one at a time, in the plan's order (creates, updates, deletes), and stops at
// the first failure: what was applied stays applied, and the caller reports what was not.

export type Applied = { change: Change; redirectUri?: string; warnings: Array<{ message: string }> };
export type ApplyOutcome = {
  applied: Applied[];
  failed: { change: Change; error: CliError; note?: string } | null;
  notApplied: Change[];
};

type Answer = { redirect_uri?: string; warnings?: Array<{ message: string }> };
const path = (id: string) => `/oauth/authenticators/${encodeURIComponent(id)}`;

/** A change that failed half way: the part that was made is named in `note`. */
class PartlyMade extends Error {
  constructor(readonly error: CliError, readonly note: string) {
    super(error.message);
  }
}

async function make(session: Session, appId: string, change: Change): Promise<Applied> {
  if (change.action === "create") {
    const created = await session.client.request<Answer>("POST", "/oauth/authenticators", { body: { ...change.body, app_id: appId } });
    if (change.disable) {
      try {
        await session.client.request("PATCH", path(change.id), { body: { is_active: false } });
      } catch (error) {
        if (error instanceof CliError) throw new PartlyMade(error, `${change.id} was created, but disabling it failed`);
        throw error;
      }
    }
    return { change, redirectUri: created.redirect_uri, warnings: created.warnings ?? [] };
  }
  if (change.action === "update") {
    const updated = await session.client.request<Answer>("PATCH", path(change.id), { body: change.body });
    return { change, warnings: updated.warnings ?? [] };
  }
  await session.client.request("DELETE", path(change.id));
  return { change, warnings: [] };
}

export async function applyPlan(
  session: Session,
  appId: string,
  changes: Change[],
  progress: { label: (change: Change, i: number) => string; done: (applied: Applied, i: number) => void },
): Promise<ApplyOutcome> {
  const applied: Applied[] = [];
  for (const [i, change] of changes.entries()) {
    try {
      const result = await session.spin(progress.label(change, i), () => make(session, appId, change));
      applied.push(result);
      progress.done(result, i);
    } catch (error) {
      const failed = error instanceof PartlyMade ? { change, error: error.error, note: error.note } : error instanceof CliError ? { change, error } : null;
      if (!failed) throw error;
      return { applied, failed, notApplied: changes.slice(i) };
    }
  }
  return { applied, failed: null, notApplied: [] };
}
