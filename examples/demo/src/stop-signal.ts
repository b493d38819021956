/** The demo's one stop request, whatever asks for it first. */
export interface StopSignal {
  /** Resolves with the reason on the first SIGINT or SIGTERM, or when the {@link StopSignal.stopAfter} timer fires. */
  readonly requested: Promise<string>;
  /** Also stop after `seconds`. */
  stopAfter(seconds: number): void;
}

/**
 * Listens for SIGINT and SIGTERM from the moment it is called, so a signal during startup still leads to
 * an orderly stop (startup completes, then shuts down) instead of the default kill. After the first
 * request, a further signal exits at once with code 130: the way out of a shutdown that hangs.
 */
export function listenForStop(): StopSignal {
  let timer: NodeJS.Timeout | undefined;
  let resolveRequested: (reason: string) => void = () => {};
  const requested = new Promise<string>((resolve) => {
    resolveRequested = resolve;
  });
  const onSignal = (signal: NodeJS.Signals): void => request(`${signal} received`);
  const request = (reason: string): void => {
    clearTimeout(timer);
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    process.once('SIGINT', forceExit).once('SIGTERM', forceExit);
    resolveRequested(reason);
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  return {
    requested,
    stopAfter: (seconds) => {
      clearTimeout(timer);
      timer = setTimeout(() => request(`${seconds} s elapsed`), seconds * 1000);
    },
  };
}

function forceExit(signal: NodeJS.Signals): void {
  console.error(`mcp-o11y demo: ${signal} again, exiting without a clean shutdown.`);
  process.exit(130);
}
