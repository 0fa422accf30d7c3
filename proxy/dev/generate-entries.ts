import type { AffectedRecord, EntryDraft, MemberKind } from '../../shared/entry.ts';
import { AGENTS, CLASSES, GUARDIAN_FIRST, LEVELS, STAFF, STUDENT_FIRST, SURNAMES } from './seed-people.ts';

export interface GeneratorOptions {
  /** How many entries the log will hold. Required. */
  entries: number;
  /** Days the entries are spread over, ending at `end`. Default 730 (the default retention). */
  days?: number;
  /** The newest entry's time. Default now. */
  end?: Date;
  /** Changes every name, amount and IP chosen. Default 1. */
  seed?: number;
  /** Families in the school. Default 2000. */
  families?: number;
}

const DAY_MS = 86_400_000;

/** A small fast PRNG, seeded per entry so that entry i is the same however the log is generated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The item at `index` of a list, wrapping around; the lists here are the fixed, non-empty ones of seed-people.ts. */
function itemAt<T>(list: readonly T[], index: number): T {
  const item = list[index % list.length];
  if (item === undefined) throw new Error('itemAt: the list is empty');
  return item;
}

interface Actor {
  member: string;
  memberKind: MemberKind;
  username: string | null;
  source: string;
  ip: string;
  userAgent: string;
}

/**
 * Realistic audit entries for a gymnastics and swim school: staff at the office and on the floor,
 * families paying and enrolling from the customer portal and the app, kiosks checking students in
 * and clocking staff. Returns the draft of entry i (0-based), oldest first, evenly spread in time.
 */
export function createEntryGenerator({ entries, days = 730, end = new Date(), seed = 1, families = 2000 }: GeneratorOptions) {
  const start = end.getTime() - days * DAY_MS;
  const step = (days * DAY_MS) / Math.max(1, entries);

  return function draftAt(i: number): EntryDraft {
    const rnd = random(Math.imul(seed, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b));
    const pick = <T>(list: readonly T[]): T => itemAt(list, Math.floor(rnd() * list.length));
    const family = Math.floor(rnd() * families);
    const surname = itemAt(SURNAMES, family);
    const guardian = `${GUARDIAN_FIRST[(family * 7) % GUARDIAN_FIRST.length]} ${surname}`;
    const studentNo = family * 3 + Math.floor(rnd() * 3);
    const student = `${STUDENT_FIRST[(studentNo * 11) % STUDENT_FIRST.length]} ${surname}`;
    const staff = pick(STAFF);
    const familyIp = `73.${(family >> 8) & 255}.${family & 255}.${10 + (family % 200)}`;
    const roll = rnd();
    const asStaff: Actor = {
      ...staff,
      memberKind: 'staff',
      source: rnd() < 0.7 ? 'Office Portal' : 'Staff Portal',
      ip: `10.0.0.${20 + STAFF.indexOf(staff)}`,
      userAgent: rnd() < 0.5 ? AGENTS.desktop : AGENTS.mac,
    };
    const asFamily: Actor = {
      member: guardian,
      memberKind: 'family',
      username: `${guardian.toLowerCase().replace(' ', '.')}${family}`,
      source: rnd() < 0.6 ? 'Customer Portal' : 'Mobile App',
      ip: familyIp,
      userAgent: rnd() < 0.6 ? AGENTS.desktop : AGENTS.app,
    };
    const rec = (type: string, id: number, name: string, op: string, changes: AffectedRecord['changes'] = []): AffectedRecord => ({
      type,
      id: String(id),
      name,
      op,
      link: `/${type === 'family' ? 'families' : `${type}s`}/${id}`,
      changes,
    });
    /** A record named after another one (nameFrom), with the reference capture keeps to it. */
    const of = (record: AffectedRecord, type: 'student' | 'family'): AffectedRecord => ({ ...record, related: [{ type, id: String(type === 'student' ? studentNo : family) }] });
    const amount = (10 + Math.floor(rnd() * 40) * 5).toFixed(2);
    /** A payment or a charge: the family's money, its amount and one more field. */
    const money = (type: 'payment' | 'charge', id: number, field: string, value: string) => [
      of(
        rec(type, id, guardian, type, [
          { field: 'amount', before: null, after: amount },
          { field, before: null, after: value },
        ]),
        'family',
      ),
    ];

    let actor: Actor;
    let verb: string;
    let action: string;
    let method = 'POST';
    let path: string;
    let records: AffectedRecord[] = [];
    if (roll < 0.2) {
      actor = asStaff;
      const [before, after] = [pick(LEVELS), pick(LEVELS)];
      verb = 'update';
      method = 'PUT';
      path = `/api/students/${studentNo}`;
      const changes = [{ field: 'level', before, after }, ...(rnd() < 0.3 ? [{ field: 'status', before: 'active', after: 'inactive' }] : [])];
      records = [rec('student', studentNo, student, 'update', changes)];
      action = `Updated student ${student}: ${changes.map((c) => c.field).join(', ')}`;
    } else if (roll < 0.3) {
      actor = rnd() < 0.5 ? asStaff : asFamily;
      verb = 'payment';
      path = '/api/payments';
      records = money('payment', 100_000 + i, 'method', pick(['card', 'ach', 'cash']));
      action = `Payment of $${amount} for ${guardian}`;
    } else if (roll < 0.38) {
      actor = asStaff;
      verb = 'charge';
      path = '/api/charges';
      records = money('charge', 200_000 + i, 'description', pick(['Monthly tuition', 'Registration fee', 'Late fee', 'Meet fee']));
      action = `Charged ${guardian} $${amount}`;
    } else if (roll < 0.48) {
      actor = rnd() < 0.6 ? asStaff : asFamily;
      const cls = pick(CLASSES);
      verb = 'create';
      path = '/api/enrollments';
      records = [of(rec('enrollment', 300_000 + i, student, 'create', [{ field: 'class', before: null, after: cls }]), 'student')];
      action = `Enrolled ${student} in ${cls}`;
    } else if (roll < 0.53) {
      actor = asStaff;
      verb = 'delete';
      method = 'DELETE';
      const kind = pick(['student', 'enrollment', 'family'] as const);
      const id = kind === 'family' ? family : kind === 'student' ? studentNo : 300_000 + Math.floor(rnd() * i + 1);
      const name = kind === 'family' ? guardian : student;
      path = `/api/${kind === 'family' ? 'families' : `${kind}s`}/${id}`;
      records = [rec(kind, id, name, 'delete', [{ field: 'status', before: 'active', after: null }])];
      action = `Deleted ${kind} ${name}`;
    } else if (roll < 0.6) {
      actor = rnd() < 0.5 ? asStaff : asFamily;
      const field = pick(['phone', 'email', 'address', 'emergencyContact']);
      verb = 'update';
      method = 'PATCH';
      path = `/api/families/${family}`;
      records = [rec('family', family, guardian, 'update', [{ field, before: `old ${field}`, after: `new ${field}` }])];
      action = `Updated family ${guardian}: ${field}`;
    } else if (roll < 0.64) {
      actor = asStaff;
      verb = 'create';
      path = '/api/students';
      records = [rec('student', studentNo, student, 'create', [{ field: 'level', before: null, after: 'Beginner' }])];
      action = `Created student ${student}`;
    } else if (roll < 0.76) {
      actor = { member: guardian, memberKind: 'family', username: null, source: 'Check-In Kiosk', ip: '10.0.1.50', userAgent: AGENTS.kiosk };
      verb = 'checkin';
      path = '/kiosk/checkin';
      records = [of(rec('attendance', 400_000 + i, student, 'create', [{ field: 'class', before: null, after: pick(CLASSES) }]), 'student')];
      action = `Checked in ${student}`;
    } else if (roll < 0.82) {
      actor = { ...asStaff, source: 'Time Clock Kiosk', ip: '10.0.1.51', userAgent: AGENTS.kiosk };
      const punch = rnd() < 0.5 ? 'in' : 'out';
      verb = 'punch';
      path = '/kiosk/timeclock/punch';
      records = [rec('timeclock', 500_000 + i, staff.member, 'create', [{ field: 'punch', before: null, after: punch }])];
      action = `Clocked ${punch}: ${staff.member}`;
    } else {
      actor = rnd() < 0.4 ? asStaff : asFamily;
      verb = rnd() < 0.6 ? 'login' : 'logout';
      path = `/${verb}`;
      action = verb === 'login' ? 'Logged in' : 'Logged out';
    }
    const failed = rnd() < 0.03;
    return {
      at: new Date(Math.floor(start + (i + rnd()) * step)).toISOString(),
      member: actor.member,
      memberKind: actor.memberKind,
      username: actor.username,
      source: actor.source,
      ip: actor.ip,
      verb,
      action,
      method,
      path,
      status: failed ? pick([400, 403, 409, 422]) : method === 'DELETE' ? 204 : method === 'POST' && verb !== 'login' && verb !== 'logout' ? 201 : 200,
      outcome: failed ? 'failure' : 'success',
      records,
      requestId: `seed-${seed}-${i}`,
      userAgent: actor.userAgent,
      truncated: false,
    };
  };
}
