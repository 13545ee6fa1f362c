import type { Operation } from "../operation";
import { agentOperations } from "./agents";
import { appOperations } from "./apps";
import { authenticatorOperations } from "./authenticators";
import { connectOperations } from "./connect";
import { credentialsOperations } from "./credentials";
import { platformOperations } from "./platform";
import { templateOperations } from "./templates";
import { webhookOperations } from "./webhooks";

/** Every operation of the API, in the reference's order. */
export const OPERATIONS: Operation[] = [
  ...authenticatorOperations,
  ...templateOperations,
  ...credentialsOperations,
  ...connectOperations,
  ...agentOperations,
  ...webhookOperations,
  ...appOperations,
  ...platformOperations,
];

export const TAGS = [
  { name: "Authenticators", description: "OAuth client configurations per app (the spec's API Reference), provider templates and discovery." },
  { name: "Connections", description: "Connecting accounts, their status, valid tokens and disconnecting (the spec's Connection Management)." },
  { name: "Connect", description: "Connect sessions and the hosted connect flow for an app's own end users." },
  { name: "Agents", description: "The API proxy and the MCP server: call providers' APIs as a connected user without holding a token." },
  { name: "Webhooks", description: "Signed events about connections, sent to the app's endpoints." },
  { name: "Monitoring", description: "The audit log and the spec's monitoring figures." },
  { name: "Apps", description: "Apps and their members (session only for changes)." },
  { name: "API keys", description: "The signed-in user's API keys (session only)." },
  { name: "Account", description: "Sign-up and who the caller is." },
  { name: "Operations", description: "Health, the cron routes and this document." },
];
