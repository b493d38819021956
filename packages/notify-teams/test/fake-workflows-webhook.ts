import {
  type HttpReceiver,
  type ReceivedRequest,
  type ReceiverResponse,
  startHttpReceiver,
} from '@mcp-o11y/testkit';
import { validateWorkflowBody } from './adaptive-card-validator.js';

/** What the fake answers to the next request instead of validating it. */
export type ScriptedAnswer =
  | { readonly status: number; readonly retryAfter?: string; readonly body?: string }
  | { readonly hang: true };

/** A local Workflows webhook: real HTTP on 127.0.0.1, a secret path, a strict Adaptive Card check. */
export interface FakeWorkflowsWebhook {
  /** The webhook URL, with a `sig` query parameter like the real ones. */
  readonly url: string;
  /** The signature inside {@link url}; a secret that must never show up in results. */
  readonly signature: string;
  readonly receiver: HttpReceiver;
  /** Problems found in each received body, in order (empty arrays for valid ones). */
  readonly verdicts: string[][];
  /** Queues answers for the next requests (consumed first, then validation resumes). */
  script(...answers: ScriptedAnswer[]): void;
  /** The status valid bodies get: 202 (Workflows) by default, 200 for flows that answer so. */
  successStatus: number;
  close(): Promise<void>;
}

const workflowPath = '/workflows/0f1e2d3c4b5a69788796a5b4c3d2e1f0/triggers/manual/paths/invoke';

/** Starts the fake. Valid cards get `successStatus` with an empty body; invalid ones 400 with the problems. */
export async function startFakeWorkflowsWebhook(): Promise<FakeWorkflowsWebhook> {
  const signature = 'Zk9vQmFyU2lnbmF0dXJlLTEyMzQ1Njc4OTA';
  const queue: ScriptedAnswer[] = [];
  const verdicts: string[][] = [];
  const fake = { successStatus: 202 } as { successStatus: number };

  const handler = (request: ReceivedRequest): ReceiverResponse | Promise<ReceiverResponse> => {
    const scripted = queue.shift();
    if (scripted && 'hang' in scripted) return new Promise<never>(() => undefined);
    if (scripted) {
      return {
        status: scripted.status,
        headers: scripted.retryAfter === undefined ? {} : { 'retry-after': scripted.retryAfter },
        body: scripted.body ?? '',
      };
    }
    const url = new URL(request.path, 'http://127.0.0.1');
    if (
      request.method !== 'POST' ||
      url.pathname !== workflowPath ||
      url.searchParams.get('sig') !== signature
    ) {
      // Power Automate's answer to a wrong signature; it echoes nothing secret, but a careless notifier might.
      return {
        status: 401,
        body: { error: { code: 'DirectApiAuthorizationRequired', message: `bad sig for ${request.path}` } },
      };
    }
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
      return { status: 415, body: { error: { code: 'UnsupportedMediaType' } } };
    }
    const problems = validateWorkflowBody(request.body);
    verdicts.push(problems);
    if (problems.length > 0) {
      return {
        status: request.body.byteLength > 28_000 ? 413 : 400,
        body: { error: { code: 'InvalidCard', problems } },
      };
    }
    return { status: fake.successStatus, body: '' };
  };

  const receiver = await startHttpReceiver({ handler });
  return Object.assign(fake, {
    url: `${receiver.url}${workflowPath}?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${signature}`,
    signature,
    receiver,
    verdicts,
    script: (...answers: ScriptedAnswer[]) => void queue.push(...answers),
    close: () => receiver.close(),
  });
}
