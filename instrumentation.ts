// Runs once when the Next.js server starts. In production a missing or malformed secret stops the
// server here, with a message that says what to set, instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkServerConfig } = await import("./lib/server/check-server-config");
  checkServerConfig();
}
