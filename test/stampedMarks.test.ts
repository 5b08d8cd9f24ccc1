import { describe, expect, it } from 'vitest';
import { StampedMarks } from '../src/engine/stampedMarks.js';

describe('StampedMarks', () => {
  it('starts each pass with nothing marked, without clearing between passes', () => {
    const marks = new StampedMarks(4);
    marks.begin(4);
    marks.mark(1);
    marks.mark(3);
    expect([0, 1, 2, 3].map((value) => marks.has(value))).toEqual([false, true, false, true]);
    marks.begin(4);
    expect([0, 1, 2, 3].map((value) => marks.has(value))).toEqual([false, false, false, false]);
    marks.mark(2);
    expect(marks.has(2)).toBe(true);
  });

  it('grows for a pass over more numbers, keeping none of the last pass marked', () => {
    const marks = new StampedMarks(2);
    marks.begin(2);
    marks.mark(1);
    marks.begin(1000);
    expect(marks.has(1)).toBe(false);
    marks.mark(999);
    expect(marks.has(999)).toBe(true);
    expect(marks.has(998)).toBe(false);
  });

  it('clears the marks when the stamp wraps, so that no old mark reads as new', () => {
    const marks = new StampedMarks(4);
    marks.begin(4);
    marks.mark(0);
    // The pass before the wrap marks 2 with the last stamp; the wrap must not read it as marked.
    (marks as unknown as { stamp: number }).stamp = 0xffff_fffd;
    marks.begin(4);
    marks.mark(2);
    marks.begin(4);
    expect(marks.has(2)).toBe(false);
    expect(marks.has(0)).toBe(false);
    marks.mark(3);
    expect(marks.has(3)).toBe(true);
  });
});
