import { withApiAuth } from "@/lib/server/api/with-api-auth";
import { handleMcpRequest } from "@/lib/server/api/mcp-transport";
import { unansweredMethods } from "@/lib/server/api/unanswered-methods";

// POST /api/v1/mcp – the MCP server (Streamable HTTP, stateless, JSON answers): tools that list, connect and
// disconnect a user's accounts and call their APIs; the user is fiberwise-end-user-id, or the API key's own
const mcp = withApiAuth({ scope: "mcp" }, async ({ ctx, req }) => handleMcpRequest({ ctx, req }));

export { mcp as POST, mcp as GET, mcp as DELETE };

// GET and DELETE pass the key check first, then answer 405 as the rest do (there is no stream and no session)
export const { PUT, PATCH, OPTIONS } = unansweredMethods("POST");
