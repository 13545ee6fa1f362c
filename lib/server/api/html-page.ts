import "server-only";
/**
 * A small self-contained HTML page for route handlers that must answer a browser with a status of
 * their choosing (the end of a popup flow, a refusal): no layout, no client JavaScript beyond what
 * the caller passes as `script`, values always escaped.
 */
export function htmlPage(input: { title: string; heading: string; text: string; status?: number; script?: string }): Response {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(input.title)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:28rem;padding:2rem;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem;text-align:center}h1{font-size:1.125rem}p{color:#475569}</style>
</head><body><main><h1>${escapeHtml(input.heading)}</h1><p>${escapeHtml(input.text)}</p></main>${input.script ? `<script>${input.script}</script>` : ""}</body></html>`;
  return new Response(body, {
    status: input.status ?? 200,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer", "x-frame-options": "DENY" },
  });
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A value for a <script> block: JSON that cannot close the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
