import type { HealthReport, HealthStatusV1 } from '@mcp-o11y/core';

/** One check as `doctor` prints it, from a server's `/health/detailed` or a local run. */
export interface DoctorCheck {
  readonly name: string;
  readonly status: HealthStatusV1;
  /** The check's message (the draft's `output`). */
  readonly output?: string;
  /** What to do about a `warn` or `fail`. */
  readonly remediation?: string;
  /** Whether a `fail` makes the service not ready. */
  readonly critical?: boolean;
  readonly durationMs?: number;
}

/** What `doctor` found: also its `--json` output. */
export interface DoctorReport {
  /** `url` when read from a running server, `local` when the checks ran in the CLI's process. */
  readonly source: 'url' | 'local';
  /** The URL read, or the config file used. */
  readonly target: string;
  /** The service's `serviceId` (service name), when known. */
  readonly service?: string;
  readonly status: HealthStatusV1;
  /** Failing checks first, then warnings, then passing ones; by name within each. */
  readonly checks: readonly DoctorCheck[];
}

const RANK: Readonly<Record<HealthStatusV1, number>> = { fail: 0, warn: 1, pass: 2 };

/** Draft statuses other servers use (`up`, `down`, ...) mapped onto pass / warn / fail. */
export function toHealthStatus(value: unknown): HealthStatusV1 {
  if (value === 'pass' || value === 'ok' || value === 'up') return 'pass';
  if (value === 'warn') return 'warn';
  return 'fail';
}

function sortChecks(checks: DoctorCheck[]): DoctorCheck[] {
  return checks.sort((a, b) => RANK[a.status] - RANK[b.status] || a.name.localeCompare(b.name));
}

/**
 * Reads an `application/health+json` body (IETF draft): `{ status, serviceId, checks: { name: [entry] } }`,
 * each entry with `status`, `output` and the mcp-o11y extensions `remediation`, `critical`, `durationMs`.
 * A check name with several entries (one per component) becomes `name:componentId`.
 */
export function fromHealthJson(body: unknown, target: string): DoctorReport {
  if (typeof body !== 'object' || body === null) throw new Error('the answer is not a health+json object');
  const json = body as Record<string, unknown>;
  const checks: DoctorCheck[] = [];
  const map =
    typeof json.checks === 'object' && json.checks !== null ? (json.checks as Record<string, unknown>) : {};
  for (const [name, value] of Object.entries(map)) {
    const entries = Array.isArray(value) ? value : [value];
    for (const entry of entries) {
      if (typeof entry !== 'object' || entry === null) continue;
      const check = entry as Record<string, unknown>;
      const component =
        typeof check.componentId === 'string' && entries.length > 1 ? `:${check.componentId}` : '';
      checks.push({
        name: `${name}${component}`,
        status: toHealthStatus(check.status),
        ...(typeof check.output === 'string' ? { output: check.output } : {}),
        ...(typeof check.remediation === 'string' ? { remediation: check.remediation } : {}),
        ...(typeof check.critical === 'boolean' ? { critical: check.critical } : {}),
        ...(typeof check.durationMs === 'number' ? { durationMs: check.durationMs } : {}),
      });
    }
  }
  return {
    source: 'url',
    target,
    ...(typeof json.serviceId === 'string' ? { service: json.serviceId } : {}),
    status: toHealthStatus(json.status),
    checks: sortChecks(checks),
  };
}

/** A report from core's health runner (`observability.health.run()`), run in this process. */
export function fromHealthReport(report: HealthReport, target: string, service: string): DoctorReport {
  return {
    source: 'local',
    target,
    service,
    status: report.status,
    checks: sortChecks(
      report.checks.map((outcome) => ({
        name: outcome.name,
        status: outcome.status,
        ...(outcome.message === undefined ? {} : { output: outcome.message }),
        ...(outcome.remediation === undefined || outcome.status === 'pass'
          ? {}
          : { remediation: outcome.remediation }),
        critical: outcome.critical,
        durationMs: outcome.durationMs,
      })),
    ),
  };
}

const SYMBOL: Readonly<Record<HealthStatusV1, string>> = { pass: '✓', warn: '!', fail: '✗' };

/** The readable report: one line per check, its remediation under it, a verdict last. */
export function formatDoctorReport(report: DoctorReport): string {
  const lines = [`mcp-o11y doctor: ${report.service ?? 'service'} (${report.target})`, ''];
  const width = Math.max(0, ...report.checks.map((check) => check.name.length));
  for (const check of report.checks) {
    const critical = check.critical === true && check.status !== 'pass' ? ' [critical]' : '';
    const output = check.output === undefined ? '' : `  ${check.output}`;
    lines.push(
      `  ${SYMBOL[check.status]} ${check.status.padEnd(4)}  ${check.name.padEnd(width)}${output}${critical}`,
    );
    if (check.remediation !== undefined && check.status !== 'pass')
      lines.push(`      → ${check.remediation}`);
  }
  if (report.checks.length === 0) lines.push('  (no checks)');
  const count = (status: HealthStatusV1) => report.checks.filter((check) => check.status === status).length;
  lines.push(
    '',
    `Overall: ${report.status} (${count('fail')} failing, ${count('warn')} warning, ${count('pass')} passing)`,
  );
  return `${lines.join('\n')}\n`;
}
