import type { ComparisonV1 } from '../../spec/alerts/v1/comparison-v1.js';
import type { EvaluationContext } from './evaluation-context.js';

/** One label set for which a rule's condition holds at this tick. */
export interface ConditionSample {
  /** The series', metric point's or check's labels (the engine adds `alertname`, `severity` and rule labels). */
  readonly labels: Readonly<Record<string, string>>;
  /** The measured value. */
  readonly value?: number;
  /** The threshold it crossed. */
  readonly threshold?: number;
}

/** A compiled condition: evaluates against one tick's context. */
export type ConditionEvaluator = (context: EvaluationContext) => ConditionSample[];

/** `value <op> threshold`. */
export function compare(value: number, op: ComparisonV1 | undefined, threshold: number): boolean {
  switch (op ?? '>') {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}
