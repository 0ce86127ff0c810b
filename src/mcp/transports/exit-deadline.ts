/**
 * The shutdown promise to the process manager: whatever happens, the process is gone by the
 * deadline. The timer is unref'd, so a clean shutdown exits on its own before it fires.
 */
import type { Logger } from '../../core/index.js';

export interface ExitDeadline {
  /** Call when the graceful shutdown finished: a late firing then exits 0. */
  done(): void;
}

export function armExitDeadline(
  ms: number,
  logger: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): ExitDeadline {
  let finished = false;
  const timer = setTimeout(() => {
    if (finished) {
      logger.warn('shut down cleanly, but something kept the process alive; exiting');
      exit(0);
    } else {
      logger.error(`graceful shutdown did not finish within ${ms} ms; exiting now`);
      exit(1);
    }
  }, ms);
  timer.unref();
  return { done: () => void (finished = true) };
}
