export type {
  AlertConditionV1,
  AlertSeriesNameV1,
  BurnRateWindowV1,
  CircuitBreakerOpenConditionV1,
  ConsecutiveFailuresConditionV1,
  ErrorRatioConditionV1,
  HealthCheckStatusConditionV1,
  InFlightConditionV1,
  LatencyConditionV1,
  MetricConditionV1,
  MetricRatioConditionV1,
  MetricSelectorV1,
  SeriesConditionBaseV1,
  SloBurnRateConditionV1,
  ThroughputConditionV1,
} from './alert-condition-v1.js';
export type { AlertEngineModeV1 } from './alert-engine-mode-v1.js';
export type { AlertRoutingV1, NotifierRoutingV1 } from './alert-routing-v1.js';
export type { AlertAnnotationsV1, AlertRuleV1 } from './alert-rule-v1.js';
export type { AlertRulesFileV1 } from './alert-rules-file-v1.js';
export type { AlertStateV1, AlertV1 } from './alert-v1.js';
export type { ComparisonV1 } from './comparison-v1.js';
export type { DurationV1 } from './duration-v1.js';
export type { EscalationPolicyV1, EscalationStepV1 } from './escalation-policy-v1.js';
export type { IncidentEventKindV1, IncidentEventV1, IncidentV1 } from './incident-v1.js';
export type { InhibitRuleV1 } from './inhibit-rule-v1.js';
export type { LabelMatcherV1 } from './label-matcher-v1.js';
export type { RouteV1 } from './route-v1.js';
export type { SilenceInputV1, SilenceV1 } from './silence-v1.js';
export type { AvailabilityObjectiveV1, LatencyObjectiveV1, SloV1 } from './slo-v1.js';
export type { StateStoreV1 } from './state-store-v1.js';
