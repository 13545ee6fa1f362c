import "server-only";
import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { ALL_SCOPES, type AuthedContext } from "../auth/actor";
import { getSessionUser } from "./get-session-user";

/** For server-rendered pages: the signed-in user as a service-layer context, or off to sign in. */
export async function getPageContext(): Promise<AuthedContext> {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  return {
    actor: { userId: user.id, email: user.email, isAdmin: user.isAdmin, via: "session", scopes: ALL_SCOPES },
    requestId: randomUUID(),
  };
}
