import { z } from 'zod';
import { durationSchema } from '../alerts/engine/alert-rules-schema.js';

/** Runbook ids: what alert rules name in `annotations.runbook`; also the last segment of a runbook URL. */
export const RUNBOOK_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** One step of a runbook. */
export const runbookStepSchema = z
  .strictObject({
    title: z.string().min(1).describe('What the step is, e.g. `Check recent errors`.'),
    action: z.string().min(1).describe('What to do and what to look for.'),
    command: z
      .string()
      .min(1)
      .optional()
      .describe('A shell command to run, e.g. `curl -s localhost:9464/health/detailed`.'),
    query: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A query to run in a backend (PromQL, KQL, SQL), e.g. `topk(5, rate(mcp_o11y_errors_total[5m]))`.',
      ),
  })
  .describe('One step: a title, the action, and optionally a command or a query.');

/** Who to call when the steps did not help. */
export const runbookEscalationSchema = z
  .strictObject({
    after: durationSchema.describe('How long after the alert started to escalate, e.g. `30m`.'),
    contact: z.string().min(1).describe('Who or what to contact: a team, a rota, a channel.'),
  })
  .describe('An escalation step.');

/** One runbook, in the shape the seeds use. */
export const runbookSchema = z
  .strictObject({
    id: z
      .string()
      .regex(RUNBOOK_ID_PATTERN, {
        error: 'expected letters, digits, `_`, `.` and `-`, starting with a letter or digit',
      })
      .describe('Id alert rules refer to in `annotations.runbook`, e.g. `high_error_rate`.'),
    title: z.string().min(1).describe('Title, e.g. `High error rate`.'),
    description: z.string().min(1).describe('When this runbook applies.'),
    severity: z.enum(['low', 'medium', 'high', 'critical']).describe('Severity of the situation it handles.'),
    alerts: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Names of alert rules this runbook handles, besides rules naming it in `annotations.runbook`.',
      ),
    steps: z.array(runbookStepSchema).min(1).describe('What to do, in order.'),
    escalation: z.array(runbookEscalationSchema).optional().describe('Who to contact, and when.'),
  })
  .describe('A runbook: what to do when an alert fires.');

/** A file holding several runbooks: `runbooks: [...]`. A file may also hold one runbook at its top level. */
export const runbooksFileSchema = z.strictObject({
  runbooks: z.array(runbookSchema).min(1).describe('The runbooks of this file.'),
});

/** A validated runbook. */
export type Runbook = z.output<typeof runbookSchema>;
/** One step of a {@link Runbook}. */
export type RunbookStep = z.output<typeof runbookStepSchema>;
/** One escalation step of a {@link Runbook}. */
export type RunbookEscalation = z.output<typeof runbookEscalationSchema>;
