// How many copies one addon call makes. `auto` sizes batches so that one call
// lasts about AUTO_BATCH_TARGET_MS: long enough that the JavaScript-to-native
// crossing is noise, short enough that stop, the time budget and progress are
// seen between calls. It starts at one copy and adjusts after every call.

/** 'auto', or a fixed number of copies per call (1: one call per copy, as a JavaScript program calling memcpy). */
export type BatchSetting = 'auto' | number;

export const AUTO_BATCH_TARGET_MS = 0.1;
export const MAX_BATCH = 1 << 24;
/** Growth per call is capped, so one fast outlier cannot make the next call long. */
const MAX_GROWTH = 4;

export class BatchSizer {
  private size: number;

  constructor(private readonly setting: BatchSetting) {
    this.size = setting === 'auto' ? 1 : setting;
  }

  get next(): number {
    return this.size;
  }

  /** Records a call that made `done` copies in `elapsedMs`. */
  record(done: number, elapsedMs: number): void {
    if (this.setting !== 'auto' || done === 0) return;
    const ideal = elapsedMs > 0 ? (AUTO_BATCH_TARGET_MS * done) / elapsedMs : this.size * MAX_GROWTH;
    this.size = Math.max(1, Math.min(MAX_BATCH, this.size * MAX_GROWTH, Math.round(ideal)));
  }
}
