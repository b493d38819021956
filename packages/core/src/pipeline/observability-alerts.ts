import type { DeadLetterRecord, NotifierDeliveryStats } from '../alerts/delivery/delivery-options.js';
import type { NotificationDeliveryOutcome } from '../alerts/engine/alert-engine-options.js';
import type { AlertV1 } from '../spec/alerts/v1/alert-v1.js';
import type { IncidentV1 } from '../spec/alerts/v1/incident-v1.js';
import type { SilenceInputV1, SilenceV1 } from '../spec/alerts/v1/silence-v1.js';

/**
 * The alert engine on the handle (`observability.alerts`): what the dashboard and the CLI use. Every
 * change (acknowledgement, silence, closed incident) is persisted like the engine's own state.
 */
export interface ObservabilityAlerts {
  /** Pending, firing and recently resolved alerts, firing first. */
  listAlerts(): AlertV1[];
  /** Acknowledges a pending or firing alert by fingerprint: its escalation and repeats stop. False when unknown or resolved. */
  acknowledge(fingerprint: string, actor: string): boolean;
  /** Creates a silence. @throws Error when it has no matcher, matches everything, or ends before it starts. */
  silence(input: SilenceInputV1): SilenceV1;
  /** Ends a silence now. False when unknown or already expired. */
  expireSilence(id: string): boolean;
  /** Every silence with its status, newest first. */
  listSilences(): SilenceV1[];
  /** Every incident with its timeline, newest first. */
  listIncidents(): IncidentV1[];
  /** Closes an incident. False when unknown or already closed. */
  closeIncident(id: string, actor: string, comment?: string): boolean;
  /** Sends a test notification to one notifier (by id) or to all; resolves with each outcome. */
  sendTestNotification(
    notifierId?: string,
  ): Promise<{ readonly notifierId: string; readonly outcome: NotificationDeliveryOutcome }[]>;
  /** Runs one evaluation now instead of waiting for the interval (the CLI and tests use it). */
  evaluateNow(): Promise<void>;
  /** Ids of the notifiers alerts are delivered to (the adapters', plus `console` when it is on). */
  notifierIds(): readonly string[];
  /** Delivery health per notifier id. */
  deliveryStats(): Readonly<Record<string, NotifierDeliveryStats>>;
  /** The most recent notifications that were finally not delivered, oldest first. */
  deadLetters(): readonly DeadLetterRecord[];
}
