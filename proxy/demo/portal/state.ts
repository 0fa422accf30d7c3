import * as seed from './seed-data.ts';
import type { Charge, CheckIn, Enrollment, Family, GymClass, Payment, Punch, Staff, Student } from './seed-data.ts';
import { HttpError } from '../../http/http-error.ts';

/** The whole in-memory database of the demo gym. */
export interface GymState {
  staff: Staff[];
  families: Map<number, Family>;
  students: Map<number, Student>;
  classes: Map<number, GymClass>;
  enrollments: Map<number, Enrollment>;
  attendance: Map<number, CheckIn>;
  charges: Map<number, Charge>;
  payments: Map<number, Payment>;
  punches: Map<number, Punch>;
  /** Next id per table; each table has its own hundreds so an id hints at its kind. */
  nextId: Record<'families' | 'students' | 'classes' | 'enrollments' | 'attendance' | 'charges' | 'payments' | 'punches', number>;
}

const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, { ...r }]));

export function createGymState(now = new Date()): GymState {
  const at = now.toISOString();
  return {
    staff: seed.STAFF.map((s) => ({ ...s })),
    families: byId(seed.FAMILIES),
    students: byId(seed.STUDENTS),
    classes: byId(seed.CLASSES),
    enrollments: byId(seed.ENROLLMENTS.map((e) => ({ ...e, enrolledAt: at }))),
    attendance: new Map(),
    charges: byId(seed.CHARGES.map((c) => ({ ...c, at }))),
    payments: new Map(),
    punches: new Map(),
    nextId: { families: 8, students: 113, classes: 206, enrollments: 309, attendance: 601, charges: 408, payments: 501, punches: 701 },
  };
}

/** Checks that a body's familyId names a family, answering 400 with the field like the rest of the API. */
export function requireFamily(state: GymState, familyId: number): void {
  if (!state.families.has(familyId)) throw new HttpError(400, `familyId: no family ${familyId}`, 'familyId');
}

export function nextId(state: GymState, table: keyof GymState['nextId']): number {
  return state.nextId[table]++;
}

/** A family as the API shows it: never its password or PIN. */
export function publicFamily({ password: _p, pin: _pin, ...rest }: Family): Omit<Family, 'password' | 'pin'> {
  return rest;
}
