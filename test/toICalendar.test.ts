import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { analyzeCase, type CaseAnalysis, toICalendar } from '../src/index.js';
import { issuesOf } from './_helpers/errors.js';

const medicare = analyzeCase({
  denial: { codes: ['CO-50'], stage: 'claim' },
  planType: 'medicare_original',
  noticeDate: '2026-01-02',
  condition: 'chronic low back pain',
  asOf: '2026-01-20',
});

interface ParsedEvent {
  uid: string;
  summary: string;
  start: string;
  isDate: boolean;
  description: string;
  priority: number;
  triggers: string[];
}

/** Parses a calendar with ical.js, a parser independent of the generator. */
function parse(ics: string): { name: string; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      isDate: event.startDate.isDate,
      description: event.description,
      priority: Number(component.getFirstPropertyValue('priority')),
      triggers: component
        .getAllSubcomponents('valarm')
        .map((alarm) => String(alarm.getFirstPropertyValue('trigger'))),
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), events };
}

describe('toICalendar', () => {
  const dated = (analysis: CaseAnalysis) => analysis.checklist.items.filter((item) => item.dueDate);

  it('writes one all-day event per dated step, on its due date, with a reminder 7 days before', () => {
    const { events } = parse(toICalendar(medicare));
    expect(dated(medicare).length).toBeGreaterThan(0);
    expect(events.map((event) => event.start)).toEqual(dated(medicare).map((item) => item.dueDate));
    for (const event of events) {
      expect(event.isDate).toBe(true);
      expect(event.triggers).toEqual(['-P7D']);
    }
  });

  it('puts the appeal deadline in the calendar: notice 2026-01-02 → received 01-07 → + 120 days = 2026-05-07', () => {
    const { events } = parse(toICalendar(medicare));
    const deadline = events.find((event) => event.summary.startsWith('DEADLINE:'));
    expect(deadline?.start).toBe('2026-05-07');
    expect(deadline?.summary).toBe('DEADLINE: Submit the written redetermination by Thursday 2026-05-07');
    expect(deadline?.priority).toBe(1);
    expect(deadline?.description).toContain('42 CFR 405.942');
  });

  it('is deterministic: the same analysis gives the same bytes, with stable unique UIDs', () => {
    const first = toICalendar(medicare);
    expect(toICalendar(structuredClone(medicare))).toBe(first);
    const uids = parse(first).events.map((event) => event.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids).toContain('overturn-2026-01-07-redetermination-submit_written_appeal@overturn');
    expect(first).toContain('DTSTAMP:20260120T000000Z'); // asOf, not the clock
  });

  it('follows RFC 5545 framing: CRLF line ends and content lines of at most 75 octets', () => {
    const ics = toICalendar(medicare);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.replaceAll('\r\n', '').includes('\n')).toBe(false);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('takes options: no reminders, another UID prefix, a stamp and a name', () => {
    const ics = toICalendar(medicare, {
      reminderDays: 0,
      uidPrefix: 'case-42',
      stamp: '2026-02-01',
      name: 'Back pain appeal',
    });
    const parsed = parse(ics);
    expect(parsed.name).toBe('Back pain appeal');
    expect(parsed.events.every((event) => event.triggers.length === 0)).toBe(true);
    expect(parsed.events.every((event) => event.uid.startsWith('case-42-'))).toBe(true);
    expect(ics).toContain('DTSTAMP:20260201T000000Z');
    const threeDays = parse(toICalendar(medicare, { reminderDays: 3 }));
    expect(threeDays.events[0]?.triggers).toEqual(['-P3D']);
  });

  it('refuses bad options with OverturnError issues', () => {
    expect(
      issuesOf((options) => toICalendar(medicare, options), {
        stamp: '2026-02-30',
        reminderDays: -1,
        uidPrefix: 'a b',
        name: 'x'.repeat(201),
      }),
    ).toEqual([
      { path: ['stamp'], message: 'expected a real calendar date as YYYY-MM-DD' },
      { path: ['reminderDays'], message: 'expected a whole number of days from 0 to 365' },
      { path: ['uidPrefix'], message: 'letters, digits, dots, dashes and underscores (at most 64)' },
      { path: ['name'], message: 'a name of at most 200 characters' },
    ]);
    expect(issuesOf((options) => toICalendar(medicare, options), { remindDays: 3 })).toEqual([
      { path: [], message: 'Unrecognized key: "remindDays"' },
    ]);
  });

  it('refuses anything that is not an analysis, whatever JSON it is', () => {
    for (const value of [null, 42, 'analysis', [], {}, { checklist: { items: 'x' } }]) {
      expect(issuesOf((analysis) => toICalendar(analysis), value).length).toBeGreaterThan(0);
    }
    const broken = structuredClone(medicare) as unknown as { checklist: { items: { dueDate: string }[] } };
    (broken.checklist.items[0] as { dueDate: string }).dueDate = '2026-13-01';
    expect(issuesOf((analysis) => toICalendar(analysis), broken)).toEqual([
      { path: ['checklist', 'items', 0, 'dueDate'], message: 'expected a real calendar date as YYYY-MM-DD' },
    ]);
  });
});
