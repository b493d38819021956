import type { IncidentEventV1, IncidentV1 } from '../../spec/alerts/v1/incident-v1.js';
import type { SeverityV1 } from '../../spec/notifier/v1/notification-v1.js';
import { maxSeverity } from '../routing/build-notification.js';

type MutableIncident = {
  -readonly [K in keyof IncidentV1]: IncidentV1[K] extends readonly (infer T)[] ? T[] : IncidentV1[K];
};

/** Incidents: one open incident per notification group at a time, with a timeline. */
export class IncidentBook {
  private readonly incidents = new Map<string, MutableIncident>();

  constructor(private readonly newId: () => string) {}

  /** The open incident of a group, if any. */
  openFor(groupKey: string): MutableIncident | undefined {
    for (const incident of this.incidents.values())
      if (incident.groupKey === groupKey && incident.status === 'open') return incident;
    return undefined;
  }

  /** Records a firing alert: opens the group's incident or adds the alert to it. */
  alertFired(groupKey: string, fingerprint: string, title: string, severity: SeverityV1, now: number): void {
    let incident = this.openFor(groupKey);
    if (incident === undefined) {
      incident = {
        id: this.newId(),
        groupKey,
        title,
        status: 'open',
        severity,
        alerts: [],
        openedAt: now,
        timeline: [],
      };
      this.incidents.set(incident.id, incident);
      incident.timeline.push({ kind: 'opened', at: now, actor: 'engine', fingerprint });
    } else if (!incident.alerts.includes(fingerprint)) {
      incident.timeline.push({ kind: 'alert_added', at: now, actor: 'engine', fingerprint });
    }
    if (!incident.alerts.includes(fingerprint)) incident.alerts.push(fingerprint);
    incident.severity = maxSeverity(incident.severity, severity);
  }

  /** Appends an event to the group's open incident (or the newest one of the group). */
  record(groupKey: string, event: IncidentEventV1): void {
    const incident = this.openFor(groupKey) ?? this.newestOf(groupKey);
    incident?.timeline.push(event);
  }

  /** Marks the group's open incident resolved (every alert resolved). */
  groupResolved(groupKey: string, now: number): void {
    const incident = this.openFor(groupKey);
    if (incident === undefined) return;
    incident.status = 'resolved';
    incident.resolvedAt = now;
    incident.timeline.push({ kind: 'resolved', at: now, actor: 'engine' });
  }

  /** Resolves every open incident none of whose alerts `isFiring` any more. */
  resolveFinished(isFiring: (fingerprint: string) => boolean, now: number): void {
    for (const incident of this.incidents.values()) {
      if (incident.status === 'open' && !incident.alerts.some(isFiring))
        this.groupResolved(incident.groupKey, now);
    }
  }

  /** Closes an incident; false when unknown or already closed. */
  close(id: string, actor: string, now: number, comment?: string): boolean {
    const incident = this.incidents.get(id);
    if (incident === undefined || incident.status === 'closed') return false;
    incident.status = 'closed';
    incident.closedAt = now;
    incident.timeline.push({
      kind: 'closed',
      at: now,
      actor,
      ...(comment === undefined ? {} : { detail: comment }),
    });
    return true;
  }

  /** Every incident, newest first, as copies. */
  list(): IncidentV1[] {
    return [...this.incidents.values()]
      .sort((a, b) => b.openedAt - a.openedAt)
      .map((incident) => structuredClone(incident));
  }

  /** Drops resolved or closed incidents that ended more than `retentionMs` ago; open ones are kept. */
  purge(now: number, retentionMs: number): void {
    for (const [id, incident] of this.incidents) {
      const endedAt = incident.closedAt ?? incident.resolvedAt;
      if (incident.status !== 'open' && endedAt !== undefined && endedAt < now - retentionMs)
        this.incidents.delete(id);
    }
  }

  /** Plain data for persistence. */
  toJSON(): IncidentV1[] {
    return [...this.incidents.values()];
  }

  /** Restores persisted incidents. */
  restore(incidents: readonly IncidentV1[]): void {
    for (const incident of incidents)
      this.incidents.set(incident.id, structuredClone(incident) as MutableIncident);
  }

  private newestOf(groupKey: string): MutableIncident | undefined {
    let newest: MutableIncident | undefined;
    for (const incident of this.incidents.values()) {
      if (incident.groupKey === groupKey && (newest === undefined || incident.openedAt > newest.openedAt))
        newest = incident;
    }
    return newest;
  }
}
