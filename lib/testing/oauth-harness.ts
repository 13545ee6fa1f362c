import { startOidcProvider, type TestClient, type TestProvider } from "../../e2e/fixtures/oidc-provider";
import { authorizeAtProvider } from "../../e2e/fixtures/provider-login";
import { parseRegistrationOrThrow } from "../server/authenticators/parse-registration";
import { registerAuthenticator } from "../server/authenticators/register-authenticator";
import { completeConnection } from "../server/connections/complete-connection";
import { startConnection } from "../server/connections/start-connection";
import { getPrisma } from "../server/db/client";
import { createAppWith, createUser, sessionCtx } from "./factories";

export const APP = "http://localhost:3000";
type User = Awaited<ReturnType<typeof createUser>>;

/**
 * A real authorization server, an app with an owner and a member, and helpers to register custom
 * authenticators against the server and to run the whole connect flow for a user.
 */
export async function startOAuthHarness(clients: Array<{ name: string } & Partial<TestClient>>, options: { accessTokenTtl?: number } = {}) {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const clientFor = (name: string) => ({ client_id: `client-${name}-${suffix}`, client_secret: `secret-${name}-0123456789abcdef` });
  const provider: TestProvider = await startOidcProvider({
    accessTokenTtl: options.accessTokenTtl,
    clients: clients.map(({ name, ...rest }) => ({ ...clientFor(name), redirect_uris: [`${APP}/auth/callback/${name}-${suffix}`], ...rest })),
  });
  const [owner, member] = await Promise.all([createUser("owner"), createUser("member")]);
  const appId = await createAppWith([{ userId: owner.id, role: "owner" }, { userId: member.id, role: "member" }]);

  const register = async (name: string, scopes: string[], configuration: Record<string, unknown> = {}) =>
    (await registerAuthenticator({
      ctx: sessionCtx(owner),
      input: parseRegistrationOrThrow({
        app_id: appId, name: `${name} ${suffix}`, authenticator_type: "custom", ...clientFor(name), scopes,
        authorize_url: `${provider.issuer}/auth`, token_url: `${provider.issuer}/token`,
        redirect_uri: `${APP}/auth/callback/${name}-${suffix}`,
        configuration: { authorization_params: { prompt: "consent" }, ...configuration },
      }),
    })).authenticator_id;

  const begin = async (authenticatorId: string, user: User = owner, returnTo = "/settings/oauth-authenticators?tab=connections") => {
    const started = await startConnection({ ctx: sessionCtx(user), input: { authenticatorId, returnTo } });
    return { ...started, url: new URL(started.location) };
  };
  const finish = async (authenticatorId: string, params: URLSearchParams, binding: string | null, userId: number | null = owner.id) =>
    new URL((await completeConnection({ ctx: { actor: null, requestId: "test" }, input: { authenticatorId, params, userId, binding } })).location, APP);
  const connect = async (authenticatorId: string, user: User = owner, login?: string) => {
    const started = await begin(authenticatorId, user);
    const callback = await authorizeAtProvider(started.location, { redirectPrefix: `${APP}/auth/callback/`, login });
    return { started, callback, result: await finish(authenticatorId, callback.searchParams, started.binding, user.id) };
  };
  const connection = (authenticatorId: string, userId = owner.id) =>
    getPrisma().userAppOAuthAuthentication.findUnique({
      where: { userId_appId_authenticatorId: { userId, appId, authenticatorId } },
      include: { grant: true },
    });
  const introspect = async (name: string, token: string) =>
    (await (await fetch(`${provider.issuer}/token/introspection`, { method: "POST", body: new URLSearchParams({ token, ...clientFor(name) }) })).json()) as {
      active: boolean;
    };

  return { provider, owner, member, appId, suffix, clientFor, register, begin, finish, connect, connection, introspect, tokenCalls: () => provider.counts["/token"] ?? 0 };
}
export type OAuthHarness = Awaited<ReturnType<typeof startOAuthHarness>>;
