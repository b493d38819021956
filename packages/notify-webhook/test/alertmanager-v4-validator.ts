/**
 * Validates a body against the Alertmanager webhook payload, version 4 (`notify/webhook/webhook.go`,
 * `docs/configuration.md#webhook_config`), the way a strict consumer would. Returns the problems found.
 */
type Json = Record<string, unknown>;

const payloadKeys = [
  'version',
  'groupKey',
  'truncatedAlerts',
  'status',
  'receiver',
  'groupLabels',
  'commonLabels',
  'commonAnnotations',
  'externalURL',
  'alerts',
];
const alertKeys = ['status', 'labels', 'annotations', 'startsAt', 'endsAt', 'generatorURL', 'fingerprint'];
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const zeroTime = '0001-01-01T00:00:00Z';
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function sameKeys(value: Json, keys: readonly string[], where: string): string[] {
  const problems = keys.filter((key) => !(key in value)).map((key) => `${where}: missing ${key}`);
  for (const key of Object.keys(value))
    if (!keys.includes(key)) problems.push(`${where}: unknown key ${key}`);
  return problems;
}

function stringMap(value: unknown, where: string, names = false): string[] {
  if (!isObject(value)) return [`${where}: not an object`];
  return Object.entries(value).flatMap(([key, entry]) => [
    ...(typeof entry === 'string' ? [] : [`${where}.${key}: not a string`]),
    ...(names && !labelName.test(key) ? [`${where}: bad label name ${key}`] : []),
  ]);
}

function time(value: unknown, where: string): string[] {
  if (typeof value !== 'string' || !rfc3339.test(value)) return [`${where}: not RFC 3339`];
  return value === zeroTime || !Number.isNaN(Date.parse(value)) ? [] : [`${where}: not a date`];
}

function alertProblems(alert: unknown, where: string): string[] {
  if (!isObject(alert)) return [`${where}: not an object`];
  const problems = sameKeys(alert, alertKeys, where);
  if (alert.status !== 'firing' && alert.status !== 'resolved') problems.push(`${where}.status: bad`);
  problems.push(
    ...stringMap(alert.labels, `${where}.labels`, true),
    ...stringMap(alert.annotations, `${where}.annotations`),
  );
  if (isObject(alert.labels) && typeof alert.labels.alertname !== 'string')
    problems.push(`${where}: no alertname label`);
  problems.push(...time(alert.startsAt, `${where}.startsAt`), ...time(alert.endsAt, `${where}.endsAt`));
  if (alert.status === 'firing' && alert.endsAt !== zeroTime)
    problems.push(`${where}: firing alert with endsAt`);
  if (alert.status === 'resolved') {
    if (alert.endsAt === zeroTime) problems.push(`${where}: resolved alert without endsAt`);
    else if (Date.parse(String(alert.endsAt)) < Date.parse(String(alert.startsAt)))
      problems.push(`${where}: ends before it starts`);
  }
  if (typeof alert.generatorURL !== 'string') problems.push(`${where}.generatorURL: not a string`);
  if (typeof alert.fingerprint !== 'string' || alert.fingerprint === '')
    problems.push(`${where}.fingerprint: empty`);
  return problems;
}

export function validateAlertmanagerPayload(payload: unknown): string[] {
  if (!isObject(payload)) return ['body is not a JSON object'];
  const problems = sameKeys(payload, payloadKeys, 'payload');
  if (payload.version !== '4') problems.push('version must be the string "4"');
  if (typeof payload.groupKey !== 'string' || payload.groupKey === '') problems.push('groupKey: empty');
  if (!Number.isInteger(payload.truncatedAlerts) || (payload.truncatedAlerts as number) < 0) {
    problems.push('truncatedAlerts: not a whole number');
  }
  if (payload.status !== 'firing' && payload.status !== 'resolved') problems.push('status: bad');
  if (typeof payload.receiver !== 'string' || payload.receiver === '') problems.push('receiver: empty');
  if (typeof payload.externalURL !== 'string') problems.push('externalURL: not a string');
  problems.push(
    ...stringMap(payload.groupLabels, 'groupLabels', true),
    ...stringMap(payload.commonLabels, 'commonLabels', true),
    ...stringMap(payload.commonAnnotations, 'commonAnnotations'),
  );
  if (!Array.isArray(payload.alerts) || payload.alerts.length === 0) return [...problems, 'alerts: empty'];
  payload.alerts.forEach((alert, index) => {
    problems.push(...alertProblems(alert, `alerts[${index}]`));
  });
  const alerts = payload.alerts.filter(isObject);
  const anyFiring = alerts.some((alert) => alert.status === 'firing');
  if (anyFiring && payload.status !== 'firing') problems.push('status: resolved while an alert fires');
  if (isObject(payload.commonLabels)) {
    for (const [key, value] of Object.entries(payload.commonLabels)) {
      if (!alerts.every((alert) => isObject(alert.labels) && alert.labels[key] === value)) {
        problems.push(`commonLabels.${key}: not shared by every alert`);
      }
    }
  }
  return problems;
}
