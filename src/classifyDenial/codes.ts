import { CARC_SHAPE, GROUP_CODES, type GroupCode, RARC_SHAPE } from './ruleData.js';

/** A CARC or RARC as read from an EOB, an 835 or a letter. */
export interface ParsedCode {
  system: 'CARC' | 'RARC';
  /** The code without group code or leading zeros: `50`, `B8`, `N115`. */
  code: string;
  /** The claim adjustment group code printed with a CARC (CO, PR, OA, PI, CR). */
  group?: GroupCode;
  /** How overturn prints it: `CO-50`, `50`, `N115`. */
  display: string;
}

const PREFIX = /^(?:CARC|RARC|REASON CODE|REMARK CODE|CODE)\s*[#:-]?\s*/;
const GROUP = new RegExp(`^(${GROUP_CODES.join('|')})[\\s:._-]*(?=[0-9A-Z])`);

/**
 * Reads one code in any of the forms people paste: `CO-50`, `CO50`, `co 50`, `50`, `PR-204`, `OA 18`,
 * `N115`, `MA130`, `CARC 50`. Returns undefined when the string is not shaped like a CARC or RARC.
 * The input is at most 40 characters (checked before), and the patterns are anchored and linear.
 *
 * @example
 * ```ts
 * parseCode('co 50');  // { system: 'CARC', code: '50', group: 'CO', display: 'CO-50' }
 * parseCode('MA130');  // { system: 'RARC', code: 'MA130', display: 'MA130' }
 * ```
 */
export function parseCode(raw: string): ParsedCode | undefined {
  // The same few codes recur on every remittance: remember recent answers (bounded; results are frozen).
  const cached = recent.get(raw);
  if (cached !== undefined) return cached ?? undefined;
  const parsed = readCode(raw);
  if (recent.size >= RECENT_LIMIT) recent.clear();
  recent.set(raw, parsed ? Object.freeze(parsed) : null);
  return parsed;
}

const RECENT_LIMIT = 4096;
const recent = new Map<string, Readonly<ParsedCode> | null>();

function readCode(raw: string): ParsedCode | undefined {
  let rest = raw.trim().toUpperCase().replace(PREFIX, '');
  let group: GroupCode | undefined;
  const groupMatch = GROUP.exec(rest);
  if (groupMatch) {
    const candidate = rest.slice(groupMatch[0].length);
    // "PR" alone, or a group followed by nothing code-shaped, is not a group code.
    if (CARC_SHAPE.test(stripZeros(candidate)) || RARC_SHAPE.test(candidate)) {
      group = groupMatch[1] as GroupCode;
      rest = candidate;
    }
  }
  rest = rest.replace(/\s+/g, '');
  if (RARC_SHAPE.test(rest)) return { system: 'RARC', code: rest, display: rest };
  const carc = stripZeros(rest);
  if (CARC_SHAPE.test(carc)) {
    return group
      ? { system: 'CARC', code: carc, group, display: `${group}-${carc}` }
      : { system: 'CARC', code: carc, display: carc };
  }
  return undefined;
}

function stripZeros(code: string): string {
  return /^\d+$/.test(code) ? String(Number.parseInt(code, 10)) : code;
}
