/**
 * One notification as the receiver logged it, for one alert (the test groups by every label, so one
 * alert per notification). `startsAt` names the episode: a re-fire after a resolve starts a new one.
 */
export interface ReceivedEvent {
  readonly kind: 'notification';
  readonly series: string;
  readonly status: 'firing' | 'resolved';
  readonly startsAt: string;
}

/**
 * A SIGKILL, with the series whose delivery the state file left uncertain at that moment: the receiver's
 * last notification was not recorded as sent (the kill fell between delivery and save), or a
 * notification was out for delivery (the receiver may or may not have it).
 */
export interface KillEvent {
  readonly kind: 'kill';
  readonly uncertain: readonly string[];
}

export type DeliveryEvent = ReceivedEvent | KillEvent;

/** What {@link analyseDeliveries} found. */
export interface DeliveryAnalysis {
  /** Notifications repeating the series' previous one with no kill to explain them. */
  readonly unexplainedDuplicates: readonly string[];
  /** Repeats after a kill that left a delivery uncertain (at-least-once delivery), one per series and kill. */
  readonly explainedDuplicates: number;
  /** Episodes that fired and were never resolved: a later episode began, or the run ended, without it. */
  readonly lostResolves: readonly string[];
  readonly firing: number;
  readonly resolved: number;
}

/**
 * Checks the receiver's log against what alert delivery across crashes must guarantee.
 *
 * - No lost resolve: an episode that was notified firing is notified resolved before the next episode of
 *   the series fires, and by the end (the test clears every condition before its last run).
 * - No duplicate: the repeat interval is longer than the test, so the same status for the same episode
 *   twice in a row is a duplicate — allowed once after a kill that left the delivery uncertain (the
 *   process could not know whether it was delivered), never otherwise. So is a resolve whose firing never
 *   arrived: it was out for delivery when the process died, so its resolve must go out.
 *
 * Pure.
 */
export function analyseDeliveries(events: readonly DeliveryEvent[]): DeliveryAnalysis {
  const last = new Map<string, ReceivedEvent>();
  const allowance = new Set<string>();
  const unexplainedDuplicates: string[] = [];
  const lostResolves: string[] = [];
  let explainedDuplicates = 0;
  let firing = 0;
  let resolved = 0;
  for (const [index, event] of events.entries()) {
    if (event.kind === 'kill') {
      for (const series of event.uncertain) allowance.add(series);
      continue;
    }
    if (event.status === 'firing') firing += 1;
    else resolved += 1;
    const previous = last.get(event.series);
    const where = `#${index} ${event.series} ${event.status} (episode ${event.startsAt})`;
    if (previous?.status === 'firing' && previous.startsAt !== event.startsAt) {
      lostResolves.push(`${where}: episode ${previous.startsAt} was never resolved`);
    } else if (previous?.status === event.status || (previous === undefined && event.status === 'resolved')) {
      if (allowance.has(event.series)) explainedDuplicates += 1;
      else unexplainedDuplicates.push(`${where} repeats the previous notification`);
    }
    allowance.delete(event.series);
    last.set(event.series, event);
  }
  for (const [series, event] of last) {
    if (event.status === 'firing') lostResolves.push(`${series}: episode ${event.startsAt} ended unresolved`);
  }
  return { unexplainedDuplicates, explainedDuplicates, lostResolves, firing, resolved };
}
