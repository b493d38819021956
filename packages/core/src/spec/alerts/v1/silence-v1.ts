import type { DurationV1 } from './duration-v1.js';
import type { LabelMatcherV1 } from './label-matcher-v1.js';

/** A silence: alerts matching every matcher send nothing between `startsAt` and `endsAt`. */
export interface SilenceV1 {
  /** Generated id. */
  readonly id: string;
  /** All must match. At least one. */
  readonly matchers: readonly LabelMatcherV1[];
  /** Epoch ms. */
  readonly startsAt: number;
  /** Epoch ms; `expireSilence` sets it to now. */
  readonly endsAt: number;
  /** Who created it (user name, CLI, dashboard). */
  readonly createdBy: string;
  /** Why. */
  readonly comment: string;
  /** `pending` before `startsAt`, `active`, `expired` from `endsAt`. Computed when listed. */
  readonly status: 'pending' | 'active' | 'expired';
}

/** What `AlertEngine.silence()` takes. */
export interface SilenceInputV1 {
  /** All must match. At least one. */
  readonly matchers: readonly LabelMatcherV1[];
  /** Epoch ms. Default: now. */
  readonly startsAt?: number;
  /** Epoch ms; must be after `startsAt`. Give this or `duration`. */
  readonly endsAt?: number;
  /** Alternative to `endsAt`, e.g. `'2h'`. */
  readonly duration?: DurationV1;
  /** Who. */
  readonly createdBy: string;
  /** Why. */
  readonly comment: string;
}
