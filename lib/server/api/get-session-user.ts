import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { getPrisma } from "../db/client";
import { getAuthOptions } from "./auth-options";

export type SessionUser = { id: number; email: string; name: string | null; isAdmin: boolean };

/** The signed-in user of this request (pages and route handlers), re-read from the database. */
export async function getSessionUser(): Promise<SessionUser | null> {
  // Reading cookies first also marks every page that asks as dynamic (never prerendered).
  const jar = await cookies();
  if (!jar.getAll().some((c) => c.name.includes("next-auth.session-token"))) return null;
  const session = await getServerSession(getAuthOptions());
  const id = (session?.user as { id?: unknown } | undefined)?.id;
  if (typeof id !== "number") return null;
  // Only accounts sign in (an end user's row has no email and no password).
  const user = await getPrisma().user.findUnique({ where: { id, kind: "account" }, select: { id: true, email: true, name: true, isAdmin: true } });
  return user?.email ? { ...user, email: user.email } : null;
}
