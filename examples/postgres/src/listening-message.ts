/** What the entry points print on stderr once the server listens; tests and scripts read the URL from it. */
export const LISTENING_MESSAGE = 'bookshop: MCP server listening on';
