// A one-shot start barrier over the control block, so writers and readers
// start racing together (the threading.Barrier of the Python ctypes demo).
import { ARRIVED, RELEASED, RUNNING, STOP } from './layout.js';

/**
 * Called by each of `parties` workers; returns once all have arrived and are running at once (or the run
 * was stopped). Waiters sleep until the last one arrives; then each spins until every worker has woken,
 * so no reader races through its budget while a writer has yet to be scheduled.
 */
export function arriveAndWait(control: Int32Array, parties: number): void {
  if (Atomics.add(control, ARRIVED, 1) + 1 >= parties) {
    open(control);
  } else {
    while (Atomics.load(control, RELEASED) === 0) Atomics.wait(control, RELEASED, 0);
  }
  Atomics.add(control, RUNNING, 1);
  while (Atomics.load(control, RUNNING) < parties && Atomics.load(control, STOP) === 0);
}

/** Releases everyone waiting, whether or not all have arrived (also how a failed run unblocks the rest). */
export function open(control: Int32Array): void {
  Atomics.store(control, RELEASED, 1);
  Atomics.notify(control, RELEASED);
}

/** Resolves when the barrier opens, without blocking the caller's thread. */
export async function opened(control: Int32Array): Promise<void> {
  while (Atomics.load(control, RELEASED) === 0) {
    const wait = Atomics.waitAsync(control, RELEASED, 0);
    if (wait.async) await wait.value;
  }
}
