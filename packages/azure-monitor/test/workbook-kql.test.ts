import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateWorkbook, generateWorkbookJson, type WorkbookQueryItem } from '../src/index.js';
import { kqlDiagnostics } from './support/kusto.js';

const resourceId =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/microsoft.insights/components/weather-ai';

function queryItems(workbook: ReturnType<typeof generateWorkbook>): WorkbookQueryItem[] {
  return workbook.items.filter((item): item is WorkbookQueryItem => item.type === 3);
}

describe('the Kusto language service harness', () => {
  it('reports syntax errors, unknown columns and unknown tables (so a passing query means something)', () => {
    expect(kqlDiagnostics('requests | where | summarize count( by')).not.toEqual([]);
    expect(kqlDiagnostics('requests | where nosuchcolumn > 1')).toEqual([
      expect.stringContaining("'nosuchcolumn' does not refer to any known column"),
    ]);
    expect(kqlDiagnostics('nosuchtable | take 1')).not.toEqual([]);
    expect(kqlDiagnostics('requests | where success == false | take 1')).toEqual([]);
  });
});

describe('generateWorkbook', () => {
  const variants = [
    {},
    { serviceName: 'weather-mcp', resourceId },
    { serviceName: 'quote"and\\backslash\nnewline' },
  ];
  for (const options of variants) {
    it(`every query parses and analyses without diagnostics (${JSON.stringify(options)})`, () => {
      const items = queryItems(generateWorkbook(options));
      expect(items.length).toBeGreaterThanOrEqual(10);
      for (const item of items) {
        expect({ name: item.name, diagnostics: kqlDiagnostics(item.content.query) }).toEqual({
          name: item.name,
          diagnostics: [],
        });
      }
    });
  }

  it('has the Workbook JSON shape (Notebook/1.0, items of types 1, 3 and 9, fallbackResourceIds, $schema)', () => {
    const workbook = JSON.parse(generateWorkbookJson({ serviceName: 'weather-mcp', resourceId })) as Record<
      string,
      unknown
    >;
    expect(workbook.version).toBe('Notebook/1.0');
    expect(workbook.$schema).toBe(
      'https://github.com/Microsoft/Application-Insights-Workbooks/blob/master/schema/workbook.json',
    );
    expect(workbook.fallbackResourceIds).toEqual([resourceId]);
    expect(workbook.isLocked).toBe(false);
    const items = workbook.items as { type: number; name: string; content: Record<string, unknown> }[];
    expect(new Set(items.map((item) => item.type))).toEqual(new Set([1, 3, 9]));
    expect(new Set(items.map((item) => item.name)).size).toBe(items.length);
    for (const item of items) {
      if (item.type === 1) expect(typeof item.content.json).toBe('string');
      if (item.type === 9) {
        expect(item.content.version).toBe('KqlParameterItem/1.0');
        expect(item.content.parameters).toEqual([
          expect.objectContaining({ name: 'TimeRange', type: 4, value: { durationMs: 3_600_000 } }),
        ]);
      }
      if (item.type === 3) {
        expect(item.content).toMatchObject({ version: 'KqlItem/1.0', query: expect.any(String) });
        if (item.content.queryType === 0) {
          expect(item.content).toMatchObject({
            resourceType: 'microsoft.insights/components',
            timeContextFromParameter: 'TimeRange',
          });
        } else {
          expect(item.content).toMatchObject({
            queryType: 1,
            resourceType: 'microsoft.resourcegraph/resources',
            crossComponentResources: ['value::all'],
          });
        }
      }
    }
    const names = items.map((item) => item.name);
    for (const panel of [
      'request-volume',
      'tool-latency',
      'failures-by-type',
      'exceptions',
      'dependency-performance',
      'process-resources',
      'active-alerts',
    ]) {
      expect(names).toContain(panel);
    }
  });

  it('uses our telemetry names', () => {
    const byName = Object.fromEntries(
      queryItems(generateWorkbook({ serviceName: 'weather-mcp' })).map((item) => [
        item.name,
        item.content.query,
      ]),
    );
    expect(byName['request-volume']).toContain('customDimensions["gen_ai.tool.name"]');
    expect(byName['request-volume']).toContain('cloud_RoleName == "weather-mcp"');
    expect(byName['failures-by-type']).toContain('customDimensions["error.type"]');
    expect(byName['process-resources']).toContain('"process.cpu.utilization"');
    expect(byName['active-alerts']).toContain('alertsmanagementresources');
  });
});

describe('README KQL runbook', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/```kusto\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

  it('has the slowest tools, top errors and failures by client snippets', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    expect(blocks.some((block) => block.includes('percentile(duration, 95)'))).toBe(true);
    expect(blocks.some((block) => block.includes('customDimensions["error.type"]'))).toBe(true);
    expect(blocks.some((block) => block.includes('customDimensions["mcp.client.name"]'))).toBe(true);
  });

  it('every snippet parses and analyses without diagnostics', () => {
    for (const block of blocks) {
      expect({ block, diagnostics: kqlDiagnostics(block) }).toEqual({ block, diagnostics: [] });
    }
  });
});
