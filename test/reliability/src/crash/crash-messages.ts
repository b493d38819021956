/** What the crash test's parent tells its child over IPC. */
export type CrashParentMessage =
  | { readonly type: 'condition'; readonly condition: Record<string, number> }
  | { readonly type: 'stop' };

/** What the child tells the parent. */
export type CrashChildMessage =
  | { readonly type: 'ready'; readonly pid: number }
  | { readonly type: 'stopped' };
