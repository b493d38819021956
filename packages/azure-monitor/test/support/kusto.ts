import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * The Kusto language service (@kusto/language-service-next, a Bridge.NET build of Kusto.Language) with
 * the Application Insights tables and Azure Resource Graph's `alertsmanagementresources` declared, so
 * a query is checked for syntax and for unknown tables, columns and functions. Loaded once, lazily.
 */
interface KustoDiagnostic {
  readonly Severity: string;
  readonly Message: string;
  readonly Start: number;
}
interface KustoList<T> {
  readonly Count: number;
  getItem(index: number): T;
}
interface KustoLanguage {
  KustoCode: {
    ParseAndAnalyze(text: string, globals: unknown): { GetDiagnostics(): KustoList<KustoDiagnostic> };
  };
  GlobalState: { Default: { WithDatabase(database: unknown): unknown } };
  Symbols: {
    TableSymbol: { From(schema: string): { WithName(name: string): unknown } };
    DatabaseSymbol: {
      $ctor2: new (name: string, alternateName: string | null, members: unknown[]) => unknown;
    };
  };
}

const common =
  'timestamp: datetime, customDimensions: dynamic, customMeasurements: dynamic, operation_Name: string, operation_Id: string, operation_ParentId: string, operation_SyntheticSource: string, session_Id: string, user_Id: string, user_AuthenticatedId: string, user_AccountId: string, application_Version: string, client_Type: string, client_Model: string, client_OS: string, client_IP: string, client_City: string, client_StateOrProvince: string, client_CountryOrRegion: string, client_Browser: string, cloud_RoleName: string, cloud_RoleInstance: string, appId: string, appName: string, iKey: string, sdkVersion: string, itemId: string, itemType: string, itemCount: int';

/** Column lists of the classic Application Insights tables (Logs → the resource's schema pane). */
export const applicationInsightsTables: Readonly<Record<string, string>> = {
  requests: `(id: string, source: string, name: string, url: string, success: bool, resultCode: string, duration: real, performanceBucket: string, ${common})`,
  dependencies: `(id: string, target: string, type: string, name: string, data: string, success: bool, resultCode: string, duration: real, performanceBucket: string, ${common})`,
  exceptions: `(problemId: string, handledAt: string, type: string, message: string, assembly: string, method: string, outerType: string, outerMessage: string, outerAssembly: string, outerMethod: string, innermostType: string, innermostMessage: string, innermostAssembly: string, innermostMethod: string, severityLevel: int, details: dynamic, ${common})`,
  traces: `(message: string, severityLevel: int, ${common})`,
  customMetrics: `(name: string, value: real, valueCount: int, valueSum: real, valueMin: real, valueMax: real, valueStdDev: real, ${common})`,
  customEvents: `(name: string, ${common})`,
  alertsmanagementresources:
    "(id: string, name: string, ['type']: string, tenantId: string, ['kind']: string, location: string, resourceGroup: string, subscriptionId: string, managedBy: string, sku: dynamic, plan: dynamic, properties: dynamic, tags: dynamic, identity: dynamic, zones: dynamic, extendedLocation: dynamic)",
};

let globals: { language: KustoLanguage; state: unknown } | undefined;

function load(): { language: KustoLanguage; state: unknown } {
  if (globals) return globals;
  const require = createRequire(import.meta.url);
  const directory = dirname(require.resolve('@kusto/language-service-next/package.json'));
  require(`${directory}/bridge.min.js`);
  require(`${directory}/Kusto.Language.Bridge.min.js`);
  const language = (globalThis as unknown as { Kusto: { Language: KustoLanguage } }).Kusto.Language;
  const tables = Object.entries(applicationInsightsTables).map(([name, schema]) =>
    language.Symbols.TableSymbol.From(schema).WithName(name),
  );
  const database = new language.Symbols.DatabaseSymbol.$ctor2('applicationinsights', null, tables);
  globals = { language, state: language.GlobalState.Default.WithDatabase(database) };
  return globals;
}

/** Every diagnostic (syntax and semantic) of `query`, as `Severity: message @offset`. */
export function kqlDiagnostics(query: string): string[] {
  const { language, state } = load();
  const list = language.KustoCode.ParseAndAnalyze(query, state).GetDiagnostics();
  const found: string[] = [];
  for (let index = 0; index < list.Count; index++) {
    const diagnostic = list.getItem(index);
    found.push(`${diagnostic.Severity}: ${diagnostic.Message} @${diagnostic.Start}`);
  }
  return found;
}
