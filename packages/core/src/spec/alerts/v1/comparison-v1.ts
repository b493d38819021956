/** How a measured value is compared with a rule's threshold: the condition holds when `value <op> threshold`. */
export type ComparisonV1 = '>' | '>=' | '<' | '<=';
