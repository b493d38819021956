export type {
  RedactHookV1,
  TelemetryEventV1,
  TelemetryLogV1,
  TelemetrySpanEventV1,
  TelemetrySpanV1,
} from './telemetry-event-v1.js';
