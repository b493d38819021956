import { CircuitState } from 'cockatiel';
import type { CircuitBreakerState } from './integration-options.js';

/** Called once per state change, after the new state is visible. */
export type CircuitTransitionListener = (
  from: CircuitBreakerState,
  to: CircuitBreakerState,
  halfOpenAtMs: number | undefined,
) => void;

/**
 * The breaker state users and the gauge see. cockatiel's breaker only leaves `Open` when a call arrives
 * after the break; without traffic it would report `open` forever. This tracker moves to `half-open` on
 * a timer when the break ends (the next call is then a trial call, as cockatiel will treat it), and
 * otherwise follows cockatiel's state events. Each change is reported once.
 */
export class CircuitStateTracker {
  #state: CircuitBreakerState = 'closed';
  #halfOpenAtMs: number | undefined = undefined;
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  readonly #halfOpenAfterMs: number;
  readonly #onTransition: CircuitTransitionListener;

  constructor(halfOpenAfterMs: number, onTransition: CircuitTransitionListener) {
    this.#halfOpenAfterMs = halfOpenAfterMs;
    this.#onTransition = onTransition;
  }

  get state(): CircuitBreakerState {
    return this.#state;
  }

  /** When an open circuit lets trial calls through, in epoch milliseconds; undefined unless open. */
  get halfOpenAtMs(): number | undefined {
    return this.#halfOpenAtMs;
  }

  /** Follows a cockatiel `onStateChange` event (an isolated circuit counts as open). */
  follow(state: CircuitState): void {
    this.#move(
      state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'half-open' : 'open',
    );
  }

  /** Clears the half-open timer. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #move(to: CircuitBreakerState): void {
    if (to === this.#state) return;
    const from = this.#state;
    this.#state = to;
    this.dispose();
    if (to === 'open') {
      this.#halfOpenAtMs = Date.now() + this.#halfOpenAfterMs;
      // Unref'd: a breaker waiting to half-open must not keep the process alive.
      this.#timer = setTimeout(() => this.#move('half-open'), this.#halfOpenAfterMs);
      this.#timer.unref?.();
    } else {
      this.#halfOpenAtMs = undefined;
    }
    this.#onTransition(from, to, this.#halfOpenAtMs);
  }
}
