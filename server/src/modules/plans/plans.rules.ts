import { addDays, daysBetween, type IsoDate } from '../../lib/dates.js';
import type { TimelineState } from './plans.schema.js';

export interface Timeline {
  state: TimelineState;
  /** Days since the plan's start (day 0), clamped to the plan: "day 47 of 180". */
  day: number;
  lengthDays: number;
  daysUntilStart: number;
  daysSinceEnd: number;
  startDate: IsoDate;
  endDate: IsoDate;
}

/** Where today falls against a plan: before it, inside it (and on which day), or after it. */
export function planTimeline(startDate: IsoDate, lengthDays: number, today: IsoDate): Timeline {
  const endDate = addDays(startDate, lengthDays);
  const offset = daysBetween(startDate, today);
  const state: TimelineState = offset < 0 ? 'before' : offset > lengthDays ? 'after' : 'inside';
  return {
    state,
    day: Math.min(Math.max(offset, 0), lengthDays),
    lengthDays,
    daysUntilStart: Math.max(-offset, 0),
    daysSinceEnd: Math.max(offset - lengthDays, 0),
    startDate,
    endDate,
  };
}

export interface PhaseWindow {
  startDate: IsoDate;
  endDate: IsoDate;
  state: TimelineState;
}

/** A phase's calendar dates from its day offsets, and whether today is before, in or after it. */
export function phaseWindow(planStart: IsoDate, startDay: number, endDay: number, today: IsoDate): PhaseWindow {
  const offset = daysBetween(planStart, today);
  return {
    startDate: addDays(planStart, startDay),
    endDate: addDays(planStart, endDay),
    state: offset < startDay ? 'before' : offset > endDay ? 'after' : 'inside',
  };
}

/** A copied plan keeps each date's distance from the start. */
export function shiftDate(date: IsoDate | null, fromStart: IsoDate, toStart: IsoDate): IsoDate | null {
  return date === null ? null : addDays(date, daysBetween(fromStart, toStart));
}

/** The phases of a blank plan: the launch plan's structure, empty. */
export function blankPhases(lengthDays: number) {
  const a = Math.round(lengthDays / 6);
  const b = Math.round(lengthDays / 2);
  return [
    { key: 'A', name: 'Phase A', startDay: 0, endDay: a, goal: '' },
    { key: 'B', name: 'Phase B', startDay: a + 1, endDay: b, goal: '' },
    { key: 'C', name: 'Phase C', startDay: b + 1, endDay: lengthDays, goal: '' },
  ];
}
