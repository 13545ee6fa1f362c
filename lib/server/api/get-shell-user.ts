import "server-only";
import type { ShellUser } from "../../schemas/auth";
import { getSessionUser } from "./get-session-user";

/** The single place the dashboard shell learns who is signed in (the next-auth session). */
export async function getShellUser(): Promise<ShellUser | null> {
  const user = await getSessionUser();
  return user ? { name: user.name, email: user.email } : null;
}
