/**
 * Numbers marked during one pass (a rule evaluation, a letter's reading), kept from pass to pass: passes are
 * synchronous and never overlap. A mark is the pass's stamp, so a new pass starts with nothing marked without
 * clearing the array (a Set made per pass, or an array cleared per pass, was a visible share of a short call); the
 * array is cleared only when the stamp wraps, once every 2^32 − 2 passes.
 *
 * @example
 * ```ts
 * const marks = new StampedMarks();
 * marks.begin(10);
 * marks.mark(3);
 * marks.has(3); // true
 * marks.begin(10);
 * marks.has(3); // false
 * ```
 */
export class StampedMarks {
  private stamps: Uint32Array;
  private stamp = 0;

  constructor(size = 256) {
    this.stamps = new Uint32Array(size);
  }

  /** Starts a pass with nothing marked, for numbers below `size`. */
  begin(size: number): void {
    if (this.stamps.length < size) this.stamps = new Uint32Array(Math.max(size, 2 * this.stamps.length));
    this.stamp++;
    if (this.stamp === 0xffff_ffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  mark(value: number): void {
    this.stamps[value] = this.stamp;
  }

  /** Whether `value` was marked in this pass. */
  has(value: number): boolean {
    return this.stamps[value] === this.stamp;
  }
}
