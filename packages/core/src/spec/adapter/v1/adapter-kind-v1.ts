/** The signals an adapter can contribute. A descriptor lists every kind its instances may return. */
export type AdapterKindV1 = 'traces' | 'metrics' | 'logs' | 'notifier' | 'health';
