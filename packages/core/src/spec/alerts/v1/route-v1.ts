import type { DurationV1 } from './duration-v1.js';
import type { LabelMatcherV1 } from './label-matcher-v1.js';

/**
 * A node of the routing tree, Alertmanager style. The root matches every alert (no matchers). Children are
 * tried in order; the first match wins unless it sets `continue`. Unset fields inherit from the parent.
 * An alert that no child matches is handled by the parent itself.
 */
export interface RouteV1 {
  /** Notifier ids this route delivers to. Inherited when unset. */
  readonly notifiers?: readonly string[];
  /** All must match. Not allowed on the root. */
  readonly matchers?: readonly LabelMatcherV1[];
  /** After matching, keep trying the following siblings. Default false. */
  readonly continue?: boolean;
  /**
   * Labels that split alerts into groups (one notification per group); `['...']` groups by every label
   * (i.e. no grouping). Root default `['alertname']`.
   */
  readonly groupBy?: readonly string[];
  /** Wait before the first notification of a new group, to batch alerts that arrive together. Root default `'30s'`. */
  readonly groupWait?: DurationV1;
  /** Minimum time between notifications of a group that changed. Root default `'5m'`. */
  readonly groupInterval?: DurationV1;
  /**
   * Re-send an unchanged firing group after this long (the seeds' cooldown). Checked on group-interval
   * ticks, so effectively rounded up to a multiple of `groupInterval`. Root default `'4h'`.
   */
  readonly repeatInterval?: DurationV1;
  /** Child routes. */
  readonly routes?: readonly RouteV1[];
}
