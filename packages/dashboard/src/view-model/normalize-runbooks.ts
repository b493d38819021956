import type { DashboardRunbook } from '../dashboard-options.js';

/**
 * Runbooks from options and from core, in one shape: entries without an id or title are dropped, a
 * later entry with the same id replaces an earlier one (core's defaults before the user's own). Pure.
 */
export function normalizeRunbooks(entries: readonly unknown[]): DashboardRunbook[] {
  const byId = new Map<string, DashboardRunbook>();
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const candidate = entry as Partial<DashboardRunbook> & { name?: unknown };
    const id = typeof candidate.id === 'string' ? candidate.id : undefined;
    const title = typeof candidate.title === 'string' ? candidate.title : id;
    if (id === undefined || title === undefined) continue;
    byId.set(id, {
      ...candidate,
      id,
      title,
      steps: Array.isArray(candidate.steps) ? candidate.steps : [],
    });
  }
  return [...byId.values()].sort((left, right) => left.id.localeCompare(right.id));
}
