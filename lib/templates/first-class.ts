// The four providers the product names first, checked against each provider's own documentation.
import type { ProviderTemplate } from "./types";

const GOOGLE_API = "https://www.googleapis.com/auth";

// Sources: developers.google.com/identity/protocols/oauth2/web-server and the discovery document at
// accounts.google.com/.well-known/openid-configuration (endpoints, issuer, client_secret_post and
// client_secret_basic, S256 PKCE).
const google: ProviderTemplate = {
  type: "google",
  displayName: "Google",
  tier: "first-class",
  category: "productivity",
  authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
  tokenUrl: "https://oauth2.googleapis.com/token",
  revocation: { kind: "google", url: "https://oauth2.googleapis.com/revoke" },
  userinfoUrl: "https://openidconnect.googleapis.com/v1/userinfo",
  issuer: "https://accounts.google.com",
  scopeSeparator: " ",
  defaultScopes: ["openid", "email", "profile"],
  // access_type=offline is what makes Google return a refresh token; prompt=consent makes it return
  // one again when the user has already granted the app (otherwise only the first grant carries one).
  authorizationParams: { access_type: "offline", prompt: "consent", include_granted_scopes: "true" },
  tokenParams: {},
  tokenAuthMethod: "client_secret_post",
  pkce: true,
  connectionConfig: [],
  apiBaseUrl: "https://www.googleapis.com",
  docsUrl: "https://developers.google.com/identity/protocols/oauth2/web-server",
  consoleUrl: "https://console.cloud.google.com/apis/credentials",
  scopes: [
    { name: "openid", description: "Sign the user in with OpenID Connect (ID token)", useCase: "User identification" },
    { name: "profile", description: "Basic profile information", useCase: "User identification" },
    { name: "email", description: "Email address", useCase: "User contact info" },
    { name: `${GOOGLE_API}/gmail.readonly`, description: "Read Gmail messages", useCase: "Email analysis, search" },
    {
      name: `${GOOGLE_API}/gmail.modify`,
      description: "Read, send and change all mail and labels (everything except permanent deletion)",
      useCase: "Email management, labels",
      broad: true,
    },
    { name: `${GOOGLE_API}/gmail.send`, description: "Send email on the user's behalf", useCase: "Outbound notifications" },
    { name: `${GOOGLE_API}/gmail.labels`, description: "Create, read and change labels", useCase: "Inbox organisation" },
    {
      name: "https://mail.google.com/",
      description: "Full access to the mailbox: read, send and delete all mail",
      useCase: "Full IMAP/SMTP clients only",
      broad: true,
    },
    { name: `${GOOGLE_API}/calendar`, description: "Access calendar events", useCase: "Scheduling, reminders" },
    { name: `${GOOGLE_API}/calendar.readonly`, description: "Read calendars and events", useCase: "Availability, schedule viewing" },
    { name: `${GOOGLE_API}/calendar.events`, description: "View and edit events on all calendars", useCase: "Creating meetings" },
    {
      name: `${GOOGLE_API}/drive.file`,
      description: "Only the Drive files the app creates or the user opens with it",
      useCase: "Saving exports, picking a file",
    },
    { name: `${GOOGLE_API}/drive.readonly`, description: "Read all Drive files", useCase: "Document search, indexing" },
    {
      name: `${GOOGLE_API}/drive`,
      description: "Full access to every file in Google Drive: read, change and delete",
      useCase: "Sync and backup tools",
      broad: true,
    },
    { name: `${GOOGLE_API}/contacts.readonly`, description: "Read contacts", useCase: "Address book lookup" },
    { name: `${GOOGLE_API}/contacts`, description: "Read and change contacts", useCase: "CRM sync" },
    { name: `${GOOGLE_API}/spreadsheets.readonly`, description: "Read Google Sheets", useCase: "Importing data" },
    { name: `${GOOGLE_API}/spreadsheets`, description: "Read and edit Google Sheets", useCase: "Exporting reports" },
  ],
  scopeBundles: [
    {
      id: "basic-profile",
      label: "Basic profile",
      description: "Sign-in: name, picture and email address",
      scopes: ["openid", "profile", "email"],
    },
    {
      id: "read-gmail",
      label: "Read Gmail",
      description: "Read messages without being able to change or send",
      scopes: ["openid", "email", `${GOOGLE_API}/gmail.readonly`],
    },
    { id: "calendar", label: "Calendar", description: "Read and manage calendar events", scopes: ["openid", "email", `${GOOGLE_API}/calendar`] },
    { id: "drive-readonly", label: "Drive (read-only)", scopes: ["openid", "email", `${GOOGLE_API}/drive.readonly`] },
  ],
};

// Sources: learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow (PKCE recommended for
// confidential clients too, client_secret in the token request body), the offline_access scope page
// and the UserInfo endpoint page.
const microsoft: ProviderTemplate = {
  type: "microsoft",
  displayName: "Microsoft",
  tier: "first-class",
  category: "productivity",
  authorizeUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
  tokenUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
  // The identity platform has no token revocation endpoint. Graph's revokeSignInSessions would sign
  // the user out of every app, not just this grant, so disconnect only deletes the stored tokens.
  revocation: { kind: "none" },
  userinfoUrl: "https://graph.microsoft.com/oidc/userinfo",
  // No issuer: with the multi-tenant `common` endpoint the ID token's `iss` is
  // https://login.microsoftonline.com/{tenant-id}/v2.0 for whichever tenant the user belongs to (and a
  // fixed consumer tenant for personal accounts), so a single expected issuer would reject every
  // user. Tenant-pinned registrations should use the microsoft-tenant-specific template instead.
  scopeSeparator: " ",
  // offline_access is what makes the token endpoint return a refresh token.
  defaultScopes: ["openid", "profile", "email", "offline_access", "User.Read"],
  authorizationParams: {},
  tokenParams: {},
  tokenAuthMethod: "client_secret_post",
  pkce: true,
  connectionConfig: [],
  apiBaseUrl: "https://graph.microsoft.com/v1.0",
  docsUrl: "https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow",
  consoleUrl: "https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade",
  scopes: [
    { name: "openid", description: "Sign the user in with OpenID Connect (ID token)", useCase: "User identification" },
    { name: "profile", description: "Name and basic profile claims in the ID token", useCase: "User identification" },
    { name: "email", description: "Email address claim", useCase: "User contact info" },
    { name: "offline_access", description: "Keep access while the user is away (refresh token)", useCase: "Background sync" },
    { name: "User.Read", description: "Read user profile", useCase: "User identification" },
    { name: "Mail.Read", description: "Read user's mail", useCase: "Email analysis" },
    {
      name: "Mail.ReadWrite",
      description: "Read, change and delete all of the user's mail",
      useCase: "Email management",
      broad: true,
    },
    { name: "Mail.Send", description: "Send mail as the user", useCase: "Outbound notifications" },
    { name: "Calendars.Read", description: "Read calendars", useCase: "Schedule viewing" },
    { name: "Calendars.ReadWrite", description: "Read and change calendar events", useCase: "Creating meetings" },
    { name: "Files.Read", description: "Read user's files", useCase: "Document access" },
    { name: "Files.ReadWrite", description: "Read, change and delete the user's own files", useCase: "Document editing" },
    {
      name: "Files.ReadWrite.All",
      description: "Read, change and delete every file the user can access, including files shared with them",
      useCase: "Sync and backup tools",
      broad: true,
    },
    { name: "Contacts.Read", description: "Read user's contacts", useCase: "Address book lookup" },
    { name: "Tasks.ReadWrite", description: "Read and change To Do tasks", useCase: "Task sync" },
    { name: "Chat.Read", description: "Read the user's Teams chat messages", useCase: "Chat archiving" },
    {
      name: "Directory.ReadWrite.All",
      description: "Read and change the organisation's whole directory (admin consent required)",
      useCase: "Provisioning tools",
      broad: true,
    },
  ],
  scopeBundles: [
    { id: "basic-profile", label: "Basic profile", scopes: ["openid", "profile", "email", "offline_access", "User.Read"] },
    {
      id: "read-mail",
      label: "Read mail",
      description: "Read messages without being able to change or send",
      scopes: ["openid", "email", "offline_access", "User.Read", "Mail.Read"],
    },
    {
      id: "calendar",
      label: "Calendar",
      description: "Read and create calendar events",
      scopes: ["openid", "email", "offline_access", "User.Read", "Calendars.ReadWrite"],
    },
    { id: "files-read", label: "Files (read-only)", scopes: ["openid", "email", "offline_access", "User.Read", "Files.Read"] },
  ],
};

// Sources: docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps and
// scopes-for-oauth-apps, the REST "Delete an app token" endpoint, and the 2025-07-14 changelog
// "PKCE support for OAuth and GitHub App authentication" (S256 only).
const github: ProviderTemplate = {
  type: "github",
  displayName: "GitHub",
  tier: "first-class",
  category: "developer-tools",
  authorizeUrl: "https://github.com/login/oauth/authorize",
  tokenUrl: "https://github.com/login/oauth/access_token",
  revocation: { kind: "github" },
  userinfoUrl: "https://api.github.com/user",
  scopeSeparator: " ",
  defaultScopes: ["read:user", "user:email"],
  authorizationParams: {},
  tokenParams: {},
  // Without it the token endpoint answers form-encoded, and errors come back with HTTP 200.
  tokenHeaders: { Accept: "application/json" },
  tokenAuthMethod: "client_secret_post",
  pkce: true,
  connectionConfig: [],
  apiBaseUrl: "https://api.github.com",
  docsUrl: "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps",
  consoleUrl: "https://github.com/settings/developers",
  scopes: [
    { name: "read:user", description: "Read profile data", useCase: "User identification" },
    { name: "user:email", description: "Read email addresses, including private ones", useCase: "User contact info" },
    { name: "user", description: "Read and change profile data", useCase: "Profile editors" },
    { name: "user:follow", description: "Follow and unfollow users", useCase: "Social features" },
    {
      name: "repo",
      description: "Full read/write access to all public and private repositories, their code, hooks and settings",
      useCase: "CI, code review bots",
      broad: true,
    },
    { name: "public_repo", description: "Read/write access to public repositories only", useCase: "Open-source tooling" },
    { name: "repo:status", description: "Read/write commit statuses without code access", useCase: "Status checks" },
    { name: "read:org", description: "Read organisation and team membership", useCase: "Access control by team" },
    { name: "write:org", description: "Change organisation and team membership", useCase: "Team management" },
    { name: "admin:org", description: "Administrative access to organisations, teams and memberships", useCase: "Org administration", broad: true },
    { name: "admin:repo_hook", description: "Create, change and delete repository webhooks", useCase: "Webhook managers", broad: true },
    { name: "gist", description: "Create and change gists", useCase: "Snippet sharing" },
    { name: "notifications", description: "Read notifications", useCase: "Notification clients" },
    {
      name: "workflow",
      description: "Change GitHub Actions workflow files, which run with the repository's secrets",
      useCase: "CI configuration tools",
      broad: true,
    },
    { name: "read:packages", description: "Download packages from GitHub Packages", useCase: "Package mirrors" },
    { name: "write:packages", description: "Publish packages to GitHub Packages", useCase: "Release tooling" },
    { name: "delete_repo", description: "Delete repositories", useCase: "Repository cleanup tools", broad: true },
  ],
  scopeBundles: [
    { id: "profile", label: "Profile", description: "Sign-in: profile and email addresses", scopes: ["read:user", "user:email"] },
    {
      id: "repositories-rw",
      label: "Repositories (read/write)",
      description: "Every repository the user can access, public and private",
      scopes: ["read:user", "user:email", "repo"],
    },
    { id: "organisations", label: "Organisations", description: "Read organisation and team membership", scopes: ["read:user", "read:org"] },
  ],
  quirks: { errorsWithStatus200: true, nonExpiringTokens: true },
};

// Sources: docs.slack.dev/authentication/installing-with-oauth, reference/methods/oauth.v2.access
// ("avoid sending client_id and client_secret as parameters … use HTTP Basic"), auth.revoke, and
// authentication/using-pkce.
const slack: ProviderTemplate = {
  type: "slack",
  displayName: "Slack",
  tier: "first-class",
  category: "communication",
  authorizeUrl: "https://slack.com/oauth/v2/authorize",
  tokenUrl: "https://slack.com/api/oauth.v2.access",
  revocation: { kind: "slack", url: "https://slack.com/api/auth.revoke" },
  // No userinfo URL: the oauth.v2.access response itself names the user (authed_user.id) and the
  // workspace (team.id); openid.connect.userInfo only works for Sign in with Slack tokens.
  scopeSeparator: ",",
  defaultScopes: ["users:read"],
  authorizationParams: {},
  tokenParams: {},
  tokenAuthMethod: "client_secret_basic",
  // Slack supports PKCE only after the app enables it in its settings, which irreversibly marks it a
  // public client and caps refresh tokens at 30 days; apps that haven't don't expect the parameters.
  pkce: false,
  connectionConfig: [],
  apiBaseUrl: "https://slack.com/api",
  docsUrl: "https://docs.slack.dev/authentication/installing-with-oauth",
  consoleUrl: "https://api.slack.com/apps",
  scopes: [
    { name: "channels:read", description: "List public channels and their details", useCase: "Channel pickers" },
    { name: "channels:history", description: "Read messages in public channels the app is in", useCase: "Search, archiving" },
    { name: "groups:read", description: "List private channels the app is in", useCase: "Channel pickers" },
    { name: "groups:history", description: "Read messages in private channels the app is in", useCase: "Archiving" },
    { name: "im:history", description: "Read direct messages with the app", useCase: "Chat bots" },
    { name: "im:read", description: "List direct message conversations", useCase: "Chat bots" },
    { name: "mpim:history", description: "Read group direct messages the app is in", useCase: "Archiving" },
    { name: "chat:write", description: "Post messages in channels the app is in", useCase: "Notifications" },
    { name: "chat:write.public", description: "Post in public channels without joining them", useCase: "Broadcast alerts" },
    { name: "users:read", description: "List workspace members and their profiles", useCase: "User lookup" },
    { name: "users:read.email", description: "Read members' email addresses", useCase: "Matching Slack users to accounts" },
    { name: "files:read", description: "Read files shared in channels the app is in", useCase: "Document indexing" },
    { name: "files:write", description: "Upload and change files", useCase: "Report delivery" },
    { name: "reactions:read", description: "Read emoji reactions", useCase: "Feedback collection" },
    { name: "reactions:write", description: "Add and remove emoji reactions", useCase: "Acknowledging messages" },
    { name: "team:read", description: "Read the workspace's name, domain and icon", useCase: "Workspace display" },
    { name: "search:read", description: "Search the workspace's messages and files (user token only)", useCase: "Search tools" },
    { name: "commands", description: "Add slash commands", useCase: "Chat-ops" },
    { name: "incoming-webhook", description: "Post to one channel chosen at install time", useCase: "Simple notifications" },
    { name: "admin", description: "Administrative access to the workspace (user token, admin only)", useCase: "Workspace administration", broad: true },
  ],
  scopeBundles: [
    { id: "read-channels", label: "Read channels", description: "List public channels and read their messages", scopes: ["channels:read", "channels:history"] },
    { id: "post-messages", label: "Post messages", description: "Post in channels the app is added to", scopes: ["channels:read", "chat:write"] },
    { id: "user-directory", label: "User directory", scopes: ["users:read", "users:read.email"] },
  ],
  // Tokens only expire when the app turns on token rotation.
  quirks: { slackUserScope: true, nonExpiringTokens: true },
};

export const FIRST_CLASS_TEMPLATES: readonly ProviderTemplate[] = [google, microsoft, github, slack];
