// The spec's JSON configuration examples, as the spec writes them (whitespace and all): the API
// reference shows them as the registration's examples, and tests add an "app_id" line and send the
// text byte for byte.

export const GOOGLE_EXAMPLE = `{
"name": "Google",
"authenticator_type": "google",
"client_id": "123456789-abcdef.apps.googleusercontent.com",
"client_secret": "GOCSPX-your-secret-here",
"scopes": [
"openid",
"profile",
"email",
"https://www.googleapis.com/auth/gmail.readonly"
],
"redirect_uri": "https://your-app.com/auth/callback/google",
"authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
"token_url": "https://oauth2.googleapis.com/token"
}`;

export const MICROSOFT_EXAMPLE = `{
"name": "Microsoft",
"authenticator_type": "microsoft",
"client_id": "12345678-1234-1234-1234-123456789abc",
"client_secret": "your-microsoft-secret",
"scopes": [
"User.Read",
"Mail.Read",
"Calendars.Read"
],
"redirect_uri": "https://your-app.com/auth/callback/microsoft",
"authorize_url": "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
"token_url": "https://login.microsoftonline.com/common/oauth2/v2.0/token"
}`;

export const CUSTOM_EXAMPLE = `{
"name": "Custom Provider",
"authenticator_type": "custom",
"client_id": "your-custom-client-id",
"client_secret": "your-custom-client-secret",
"scopes": ["custom:scope1", "custom:scope2"],
"authorize_url": "https://custom-provider.com/oauth/authorize",
"token_url": "https://custom-provider.com/oauth/token",
"redirect_uri": "https://your-app.com/auth/callback/custom"
}`;
