import { instrumentClient, type Observability } from '@mcp-o11y/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CONVERT_TOOL, FORECAST_TOOL } from './weather-tools.ts';

/** A connected, instrumented MCP client of the weather server. */
export interface WeatherClient {
  /** Calls the forecast tool (client span → server span → integration span); resolves with its text. */
  forecast(city: string): Promise<string>;
  /** Calls the conversion tool (client span → server span); resolves with its text. */
  convert(celsius: number): Promise<string>;
  /** Ends the session and closes the transport. Idempotent. */
  close(): Promise<void>;
}

/**
 * Connects an SDK v1 client over Streamable HTTP, instrumented with `instrumentClient()`: each call is a
 * CLIENT span whose W3C trace context travels in `params._meta`, so the server continues the trace.
 */
export async function connectWeatherClient(url: URL, observability: Observability): Promise<WeatherClient> {
  const client = instrumentClient(new Client({ name: 'config-switch-client', version: '1.0.0' }), {
    observability,
  });
  const transport = new StreamableHTTPClientTransport(url);
  await client.connect(transport);

  const callText = async (name: string, args: Record<string, unknown>): Promise<string> => {
    const result = await client.callTool({ name, arguments: args });
    const content = Array.isArray(result.content)
      ? (result.content as { type: string; text?: string }[])
      : [];
    const text = content.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
    if (result.isError === true) throw new Error(`[@mcp-o11y/example-config-switch] ${name} failed: ${text}`);
    return text;
  };

  let closing: Promise<void> | undefined;
  return {
    forecast: (city) => callText(FORECAST_TOOL, { city }),
    convert: (celsius) => callText(CONVERT_TOOL, { celsius }),
    close: () => {
      closing ??= (async () => {
        await transport.terminateSession().catch(() => undefined);
        await client.close();
      })();
      return closing;
    },
  };
}
