import { setTimeout as sleep } from 'node:timers/promises';
import type { Integration } from '@mcp-o11y/core';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/** The tool whose handler calls the tracked integration. */
export const FORECAST_TOOL = 'get_forecast';
/** A tool that does its work in process: its trace is the client and server spans only. */
export const CONVERT_TOOL = 'convert_temperature';
/** `name` of the integration the forecast tool calls. */
export const FORECAST_DATABASE = 'forecast-db';
/** `operation` of that call: the integration span is named `forecast-db SELECT forecast`. */
export const FORECAST_QUERY = 'SELECT forecast';

/** Made-up forecasts: the "database" the integration reads. */
const FORECASTS: Readonly<Record<string, { readonly sky: string; readonly celsius: number }>> = {
  lisbon: { sky: 'sunny', celsius: 24 },
  oslo: { sky: 'snow', celsius: -3 },
  nairobi: { sky: 'light rain', celsius: 19 },
  osaka: { sky: 'cloudy', celsius: 16 },
};

/**
 * Registers the example's tools on `server`. The handlers know nothing about backends: the integration
 * records its own CLIENT span, and `instrument(server)` records every call from the outside.
 */
export function registerWeatherTools(server: McpServer, forecastDatabase: Integration): void {
  server.registerTool(
    FORECAST_TOOL,
    {
      title: 'Weather forecast',
      description: 'Tomorrow’s forecast for a city, read from the forecast database.',
      inputSchema: { city: z.string().min(1) },
    },
    async ({ city }) => {
      const forecast = await forecastDatabase.execute(
        async (signal) => {
          // Stands in for a database round trip.
          await sleep(5, undefined, { signal });
          return FORECASTS[city.toLowerCase()];
        },
        { operation: FORECAST_QUERY },
      );
      if (forecast === undefined) {
        return { isError: true, content: [{ type: 'text', text: `No forecast for ${city}.` }] };
      }
      return { content: [{ type: 'text', text: `${city}: ${forecast.sky}, ${forecast.celsius} °C` }] };
    },
  );

  server.registerTool(
    CONVERT_TOOL,
    {
      title: 'Convert a temperature',
      description: 'Converts degrees Celsius to Fahrenheit.',
      inputSchema: { celsius: z.number() },
    },
    async ({ celsius }) => ({
      content: [{ type: 'text', text: `${celsius} °C = ${Math.round((celsius * 9) / 5 + 32)} °F` }],
    }),
  );
}
