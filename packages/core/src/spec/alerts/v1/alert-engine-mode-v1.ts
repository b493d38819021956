/**
 * Where the in-process alert engine runs when the service has replicas:
 * - `all` (default): every process evaluates and notifies. Right for one instance (stdio servers, a
 *   single HTTP service).
 * - `leader-only`: only the process whose `isLeader()` returns true at a tick evaluates and notifies;
 *   the others stay idle. Leader election is yours (a lock, an env var such as the replica ordinal). Share
 *   the state store between replicas, or a new leader starts with empty alert state (and may re-notify
 *   once).
 * - `off`: no in-process evaluation. For many replicas the recommended path is Prometheus + Alertmanager:
 *   scrape every replica, load the Prometheus rule file generated from the same rules, and route with the
 *   generated Alertmanager config (its HA cluster deduplicates across Alertmanager replicas).
 */
export type AlertEngineModeV1 = 'all' | 'leader-only' | 'off';
