/**
 * Splits an X12 interchange into segments and elements, reading the delimiters from the ISA header.
 *
 * The ISA segment is fixed-width: 16 elements of fixed sizes (2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1,
 * 1, 1), so with "ISA" and the 16 element separators it is 105 characters, and the 106th is the segment
 * terminator. The 4th character is the element separator, ISA11 the repetition separator (5010; a letter
 * such as `U` in 4010), ISA16 the component separator. Layout checked against the X12 ISA reference
 * (https://www.stedi.com/edi/x12-005010/segment/ISA) and the 005010X221A1 835 map of pyx12
 * (https://github.com/azoner/pyx12, pyx12/map/835.5010.X221.A1.xml): ISA12 `00501`, GS01 `HP`, ST01 `835`.
 *
 * One pass over the text with `indexOf` and `split`: linear time, no regular expression over the input.
 * @module
 */
import { show, type X12Issues } from './issues.js';

/** The delimiters an interchange declares in its ISA header. */
export interface Separators {
  element: string;
  component: string;
  segment: string;
  /** ISA11 when it is a delimiter (5010 and later); absent when ISA11 is a standards identifier (4010 `U`). */
  repetition?: string;
}

/** One segment: `elements[0]` is the segment id, `elements[n]` the nth element. */
export interface Segment {
  readonly id: string;
  readonly elements: readonly string[];
  /** Position in the file, counting segments from 1 (the first ISA). */
  readonly position: number;
}

/** The segments of one interchange (ISA … IEA) and its delimiters. */
export interface Interchange {
  separators: Separators;
  segments: Segment[];
  /** False when the text ended before an IEA segment. */
  closed: boolean;
}

/** Widths of ISA01–ISA16. */
export const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;
/** ISA length without the segment terminator. */
export const ISA_BODY = 105;

/** Offsets (from the I of ISA) of the separator before each ISA element: 3, 6, 17, 20, … 103. */
export const ISA_SEPARATOR_OFFSETS: readonly number[] = (() => {
  const offsets: number[] = [];
  let offset = 3;
  for (const width of ISA_WIDTHS) {
    offsets.push(offset);
    offset += 1 + width;
  }
  return offsets;
})();

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

function isAlphanumeric(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export function isLineBreak(char: string | undefined): boolean {
  return char === '\r' || char === '\n';
}

export function isBlank(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}

function name(char: string): string {
  return JSON.stringify(char);
}

/**
 * Tokenizes every interchange in `text`. Problems go to `issues`; a broken ISA header stops the reading
 * (without its delimiters nothing after it can be split).
 */
export function tokenize(text: string, issues: X12Issues): Interchange[] {
  const interchanges: Interchange[] = [];
  let index = 0;
  // A byte-order mark and blank lines before the first ISA are tolerated.
  if (text.charCodeAt(0) === 0xfeff) index = 1;
  while (isBlank(text[index])) index++;
  let position = 1;

  if (index >= text.length) {
    issues.add([], 'the text is empty: expected an X12 835 file starting with an ISA segment');
    return interchanges;
  }

  while (index < text.length) {
    if (!text.startsWith('ISA', index)) {
      const found = text.slice(index, index + 3);
      issues.at(position, undefined, `expected an ISA segment (interchange header), found ${show(found)}`);
      return interchanges;
    }
    const separators = readIsa(text, index, position, issues);
    if (!separators) return interchanges;
    const isaElements = ['ISA'];
    for (let n = 0; n < ISA_WIDTHS.length; n++) {
      const start = index + (ISA_SEPARATOR_OFFSETS[n] as number) + 1;
      isaElements.push(text.slice(start, start + (ISA_WIDTHS[n] as number)));
    }
    const segments: Segment[] = [{ id: 'ISA', elements: isaElements, position }];
    position++;
    index = skipLineBreaks(text, index + ISA_BODY + 1, separators.segment);

    let closed = false;
    while (index < text.length) {
      let end = text.indexOf(separators.segment, index);
      let raw: string;
      if (end === -1) {
        raw = text.slice(index).trimEnd();
        end = text.length;
        if (raw === '') {
          index = end;
          break;
        }
        issues.at(position, undefined, unterminated(raw, separators));
      } else {
        raw = text.slice(index, end);
      }
      raw = withoutCarriageReturn(raw, separators);
      index = skipLineBreaks(text, end + 1, separators.segment);
      if (raw === '') {
        const problem = emptySegment(separators);
        if (problem) issues.at(position, undefined, problem);
        continue;
      }
      const elements = raw.split(separators.element);
      const id = elements[0] as string;
      const badId = segmentIdProblem(id);
      if (badId) issues.at(position, undefined, badId);
      segments.push({ id, elements, position });
      position++;
      if (id === 'IEA') {
        closed = true;
        break;
      }
    }
    interchanges.push({ separators, segments, closed });

    // After an IEA: blank space to the end, or another interchange.
    while (isBlank(text[index])) index++;
  }
  return interchanges;
}

/** The problem with a last segment the text ends before its terminator. */
export function unterminated(raw: string, separators: Separators): string {
  const id = raw.split(separators.element, 1)[0] ?? '';
  return `segment ${show(id)} is not ended by the segment terminator ${name(separators.segment)} (the file ends first)`;
}

/** With a line-feed terminator, a file saved with CR LF line ends leaves a CR on each segment: it goes. */
export function withoutCarriageReturn(raw: string, separators: Separators): string {
  return separators.segment === '\n' && raw.endsWith('\r') ? raw.slice(0, -1) : raw;
}

/** An empty segment is a blank line (harmless) when the terminator is a line break; else a stray terminator. */
export function emptySegment(separators: Separators): string | undefined {
  return isLineBreak(separators.segment) ? undefined : 'empty segment: two segment terminators in a row';
}

/** The problem with a segment id, if it is not one. */
export function segmentIdProblem(id: string): string | undefined {
  return id.length <= 3 && SEGMENT_ID.test(id)
    ? undefined
    : `${show(id)} is not a segment id (2 or 3 capital letters or digits)`;
}

function skipLineBreaks(text: string, from: number, terminator: string): number {
  let index = from;
  while (index < text.length && isLineBreak(text[index]) && text[index] !== terminator) index++;
  return index;
}

/** Checks the fixed-width ISA at `start` and returns its delimiters, or undefined after recording why not. */
export function readIsa(
  text: string,
  start: number,
  position: number,
  issues: X12Issues,
): Separators | undefined {
  const element = text[start + 3] ?? '';
  if (element === '' || isAlphanumeric(element) || isBlank(element)) {
    issues.at(
      position,
      'ISA',
      `the character after "ISA" declares the element separator; ${element === '' ? 'the text ends there' : `${name(element)} cannot be one`}`,
    );
    return undefined;
  }
  for (let n = 1; n < ISA_SEPARATOR_OFFSETS.length; n++) {
    const offset = ISA_SEPARATOR_OFFSETS[n] as number;
    if (text[start + offset] === element) continue;
    // The separator is not where the fixed layout puts it: ISA(n) is too short or too long, or the text ends.
    const field = `ISA${String(n).padStart(2, '0')}`;
    const fieldStart = start + (ISA_SEPARATOR_OFFSETS[n - 1] as number) + 1;
    const width = ISA_WIDTHS[n - 1] as number;
    const next = text.indexOf(element, fieldStart);
    if (start + offset >= text.length && (next === -1 || next > start + offset)) {
      issues.at(
        position,
        field,
        `the text ends inside the ISA segment, which is fixed-width (106 characters); only ${text.length - start} remain`,
      );
    } else if (next === -1 || next - fieldStart > 40) {
      issues.at(
        position,
        field,
        `${field} must be exactly ${width} characters (the ISA segment is fixed-width); no element separator follows it`,
      );
    } else {
      issues.at(
        position,
        field,
        `${field} must be exactly ${width} characters (the ISA segment is fixed-width, padded with spaces), found ${next - fieldStart}`,
      );
    }
    return undefined;
  }
  const repetitionChar = text[start + 82] as string;
  const component = text[start + 104] as string;
  const segment = text[start + ISA_BODY];
  if (segment === undefined) {
    issues.at(
      position,
      'ISA16',
      'the text ends after ISA16: the character after it (the 106th of the ISA) must be the segment terminator',
    );
    return undefined;
  }
  const problems: string[] = [];
  if (isAlphanumeric(component) || isBlank(component)) {
    problems.push(`ISA16 declares the component separator; ${name(component)} cannot be one`);
  }
  if (isAlphanumeric(segment) || segment === ' ') {
    problems.push(`the 106th character of the ISA is the segment terminator; ${name(segment)} cannot be one`);
  }
  const repetition = isAlphanumeric(repetitionChar) ? undefined : repetitionChar;
  const declared = [element, component, segment, ...(repetition === undefined ? [] : [repetition])];
  if (new Set(declared).size !== declared.length) {
    problems.push(
      `the delimiters must all differ: element ${name(element)}, component ${name(component)}, segment ${name(segment)}${repetition === undefined ? '' : `, repetition ${name(repetition)}`}`,
    );
  }
  if (problems.length > 0) {
    for (const problem of problems) issues.at(position, 'ISA', problem);
    return undefined;
  }
  return repetition === undefined
    ? { element, component, segment }
    : { element, component, segment, repetition };
}
