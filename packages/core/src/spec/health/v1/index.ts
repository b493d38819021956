export type { HealthCheckV1, HealthResultV1, HealthStatusV1 } from './health-check-v1.js';
