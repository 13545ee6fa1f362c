// Not part of the SDK's bundles: a typecheck-time proof that the SDKs' plain response types (kept
// free of zod for the published declarations) are the API's, as lib/schemas defines them. A field
// renamed or retyped in a schema fails `npm run typecheck` here.
import type { PublicAuthenticator } from "../schemas/authenticator-fields";
import type { ConnectionToken } from "../schemas/connections";
import type { PublicConnection } from "../schemas/public-connection";
import type { Authenticator, Connection } from "./index";
import type { AccessToken } from "./server";

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** The server SDK's token is exactly the API's. */
export const accessTokenIsTheApis: Same<AccessToken, ConnectionToken> = true;
/** The browser SDK's narrower views accept what the API answers. */
export const authenticatorFromApi = (a: PublicAuthenticator): Authenticator => a;
export const connectionFromApi = (c: PublicConnection): Connection => c;
