/** One page of the demo's tiny documentation corpus. */
export interface DocsPage {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

/** What `search_docs` searches: a handful of pages, enough for matches to vary with the query. */
export const DOCS_CORPUS: readonly DocsPage[] = [
  {
    id: 'tools',
    title: 'Tools',
    text: 'Tools let a model call functions on the server. Each tool has a name, a description and a JSON input schema.',
  },
  {
    id: 'resources',
    title: 'Resources',
    text: 'Resources expose data to the client by URI. Clients list resources and read them; servers may notify on change.',
  },
  {
    id: 'prompts',
    title: 'Prompts',
    text: 'Prompts are reusable message templates with arguments that a user picks from the client.',
  },
  {
    id: 'transports',
    title: 'Transports',
    text: 'MCP runs over stdio for local servers and Streamable HTTP for remote ones, with sessions identified by a header.',
  },
  {
    id: 'errors',
    title: 'Errors',
    text: 'A tool reports a failure with isError in its result; protocol errors use JSON-RPC error codes.',
  },
  {
    id: 'tracing',
    title: 'Tracing',
    text: 'Each request becomes a span named after the method and target, carrying the tool name and error type.',
  },
  {
    id: 'metrics',
    title: 'Metrics',
    text: 'The operation duration histogram in seconds gives latency percentiles and error rates per tool.',
  },
  {
    id: 'alerts',
    title: 'Alerts',
    text: 'Alert rules watch error rate, latency and consecutive failures over sliding windows and notify on change.',
  },
];

/** Words `search_docs` is asked about; also the traffic driver's query vocabulary. */
export const SEARCH_TERMS: readonly string[] = [
  'tool',
  'schema',
  'resources',
  'session',
  'error',
  'span',
  'latency',
  'alert',
  'stdio',
  'prompt',
];

/** Pages whose title or text contains any word of `query`, best (most words matched) first. Pure. */
export function searchDocs(query: string, limit: number): DocsPage[] {
  const words = query
    .toLowerCase()
    .split(/\W+/)
    .filter((word) => word.length > 0);
  return DOCS_CORPUS.map((page) => {
    const haystack = `${page.title} ${page.text}`.toLowerCase();
    return { page, score: words.filter((word) => haystack.includes(word)).length };
  })
    .filter((match) => match.score > 0)
    .sort((left, right) => right.score - left.score)
    .slice(0, limit)
    .map((match) => match.page);
}
