import "server-only";
import type { Metrics } from "../../schemas/events";
import { PROXY_STATUS_CLASSES, type ProxyStat, type ProxyStatusClass } from "../../schemas/proxy";
import type { AuthedContext } from "../auth/actor";
import { MANAGE_ROLES, requireAppRole } from "../auth/permissions";
import { requireActingAppId } from "../policy/app-access";
import { getPrisma } from "../db/client";
import { addTo, quantile, type Histogram } from "../proxy/latency-histogram";

export type { Metrics };

/**
 * The spec's "Monitoring and Analytics" for one app, from oauth_events: connection success rates per
 * day, token refresh outcomes, the commonest errors, and each provider's token-endpoint times.
 */
export async function getMetrics({ ctx, input }: { ctx: AuthedContext; input: { appId?: string | null; days?: number } }): Promise<Metrics> {
  const appId = requireActingAppId(ctx.actor, input.appId);
  const db = getPrisma();
  await requireAppRole(db, ctx, appId, MANAGE_ROLES);
  const days = Math.min(Math.max(input.days ?? 14, 1), 90);
  const since = new Date(Date.now() - days * 86_400_000);

  const [statuses, flows, refreshes, served, errors, providers, proxyClasses, proxyLatency] = await Promise.all([
    db.userAppOAuthAuthentication.groupBy({ by: ["authStatus"], where: { appId, isActive: true }, _count: true }),
    db.$queryRaw<Array<{ day: Date; succeeded: bigint; failed: bigint }>>`
      SELECT date_trunc('day', created_at) AS day,
             count(*) FILTER (WHERE event_type = 'oauth.connect_succeeded') AS succeeded,
             count(*) FILTER (WHERE event_type IN ('oauth.connect_failed', 'oauth.connect_insufficient_scopes')) AS failed
        FROM oauth_events WHERE app_id = ${appId} AND created_at >= ${since} AND event_type LIKE 'oauth.connect_%'
       GROUP BY 1 ORDER BY 1`,
    db.oAuthEvent.groupBy({ by: ["eventType"], where: { appId, createdAt: { gte: since }, eventType: { in: ["token.refreshed", "token.refresh_failed"] } }, _count: true }),
    db.$queryRaw<Array<{ total: bigint | null }>>`
      SELECT sum((details->>'count')::int) AS total FROM oauth_events WHERE app_id = ${appId} AND created_at >= ${since} AND event_type = 'token.served'`,
    db.$queryRaw<Array<{ code: string; count: bigint }>>`
      SELECT coalesce(details->>'error', event_type) AS code, count(*) AS count
        FROM oauth_events WHERE app_id = ${appId} AND created_at >= ${since} AND outcome = 'failure'
       GROUP BY 1 ORDER BY 2 DESC LIMIT 8`,
    db.$queryRaw<Array<{ authenticator_id: string; provider: string | null; connects: bigint; failures: bigint; p50: number | null; p95: number | null }>>`
      SELECT authenticator_id, max(provider) AS provider,
             count(*) FILTER (WHERE event_type = 'oauth.connect_succeeded') AS connects,
             count(*) FILTER (WHERE outcome = 'failure') AS failures,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE duration_ms IS NOT NULL) AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE duration_ms IS NOT NULL) AS p95
        FROM oauth_events WHERE app_id = ${appId} AND created_at >= ${since} AND authenticator_id IS NOT NULL
         AND (event_type LIKE 'oauth.connect_%' OR event_type LIKE 'token.refresh%')
       GROUP BY authenticator_id ORDER BY 3 DESC`,
    db.$queryRaw<Array<{ authenticator_id: string; class: string; n: bigint }>>`
      SELECT e.authenticator_id, s.key AS class, sum(s.value::bigint) AS n
        FROM oauth_events e, jsonb_each_text(e.details->'statuses') s
       WHERE e.app_id = ${appId} AND e.created_at >= ${since} AND e.event_type = 'proxy.calls'
       GROUP BY 1, 2`,
    db.$queryRaw<Array<{ authenticator_id: string; bucket: string; n: bigint }>>`
      SELECT e.authenticator_id, s.key AS bucket, sum(s.value::bigint) AS n
        FROM oauth_events e, jsonb_each_text(e.details->'latency_ms') s
       WHERE e.app_id = ${appId} AND e.created_at >= ${since} AND e.event_type = 'proxy.calls'
       GROUP BY 1, 2`,
  ]);
  const count = (status: string) => statuses.find((s) => s.authStatus === status)?._count ?? 0;
  const refreshCount = (type: string) => refreshes.find((r) => r.eventType === type)?._count ?? 0;
  return {
    days,
    connections: { active: count("active"), needs_reauth: count("needs_reauth"), insufficient_scopes: count("insufficient_scopes") },
    flows: flows.map((f) => ({ day: f.day.toISOString().slice(0, 10), succeeded: Number(f.succeeded), failed: Number(f.failed) })),
    refreshes: { succeeded: refreshCount("token.refreshed"), failed: refreshCount("token.refresh_failed") },
    tokens_served: Number(served[0]?.total ?? 0),
    errors: errors.map((e) => ({ code: e.code, count: Number(e.count) })),
    providers: providers.map((p) => ({
      authenticator_id: p.authenticator_id, provider: p.provider, connects: Number(p.connects), failures: Number(p.failures),
      p50_ms: p.p50 === null ? null : Math.round(p.p50), p95_ms: p.p95 === null ? null : Math.round(p.p95),
    })),
    proxy: proxyStats(proxyClasses, proxyLatency),
  };
}

function proxyStats(classes: Array<{ authenticator_id: string; class: string; n: bigint }>, latency: Array<{ authenticator_id: string; bucket: string; n: bigint }>): ProxyStat[] {
  const byId = new Map<string, { statuses: Record<ProxyStatusClass, number>; latency: Histogram }>();
  const entry = (id: string) => {
    let found = byId.get(id);
    if (!found) byId.set(id, (found = { statuses: Object.fromEntries(PROXY_STATUS_CLASSES.map((c) => [c, 0])) as Record<ProxyStatusClass, number>, latency: {} }));
    return found;
  };
  for (const row of classes) {
    if ((PROXY_STATUS_CLASSES as readonly string[]).includes(row.class)) entry(row.authenticator_id).statuses[row.class as ProxyStatusClass] += Number(row.n);
  }
  for (const row of latency) addTo(entry(row.authenticator_id).latency, { [row.bucket]: Number(row.n) });
  return [...byId]
    .map(([id, e]) => ({
      authenticator_id: id,
      calls: Object.values(e.statuses).reduce((a, b) => a + b, 0),
      statuses: e.statuses,
      p50_ms: quantile(e.latency, 0.5),
      p95_ms: quantile(e.latency, 0.95),
    }))
    .sort((a, b) => b.calls - a.calls);
}
