import "server-only";
import { getSessionUser } from "@/lib/server/api/get-session-user";

export type ShellUser = { name?: string | null; email: string };

/** The single place the dashboard shell learns who is signed in (the next-auth session). */
export async function getShellUser(): Promise<ShellUser | null> {
  const user = await getSessionUser();
  return user ? { name: user.name, email: user.email } : null;
}
