// A realistic burst of a gym's day through Portal Audit's listeners, so a new user sees a populated
// log at once: staff at the office and staff portals, families at the customer portal and in the
// mobile app, parents at the check-in kiosk, coaches at the time clock, one mistyped password.
import { BROWSER_UA, KIOSK_UA, MOBILE_UA, Visitor, type Step } from './traffic-client.ts';

export interface DemoListeners {
  office: string;
  staff: string;
  customer: string;
}

/** Portal faces by their source name, as `startPortalAudit` lists them. */
export function listenersFromPortals(portals: Array<{ source: string; url: string }>): DemoListeners {
  const url = (source: string) => {
    const found = portals.find((p) => p.source === source);
    if (!found) throw new Error(`the demo config has no ${source} listener`);
    return found.url.replace(/\/$/, '');
  };
  return { office: url('Office Portal'), staff: url('Staff Portal'), customer: url('Customer Portal') };
}

// A Visa test number: Luhn-valid, so Portal Audit must redact it even outside the cardNumber field.
const TEST_CARD = '4111111111111111';
const MASTERCARD_TEST = '5555555555554444';
const password = 'password';

const randomPhone = () => `555-01${String(Math.floor(Math.random() * 90) + 10)}`;
/** The other of two values, so that every run changes the field. */
const nextOf = (pair: readonly [string, string], current: unknown) => (current === pair[0] ? pair[1] : pair[0]);

export async function runDemoTraffic(urls: DemoListeners): Promise<Step[]> {
  const steps: Step[] = [];
  const visitor = (base: string, source: string, who: string, ua = BROWSER_UA) => new Visitor(base, source, who, ua, steps);

  // Office Portal: the front desk and the owner.
  const wrong = visitor(urls.office, 'Office Portal', 'front.desk');
  await wrong.act('mistypes the password', 'POST', '/login', { username: 'front.desk', password: 'pasword' }, 401, true);

  const desk = visitor(urls.office, 'Office Portal', 'front.desk');
  await desk.act('signs in', 'POST', '/login', { username: 'front.desk', password }, 303, true);
  const lily = await desk.act('adds student Lily Smith', 'POST', '/api/students', { firstName: 'Lily', lastName: 'Smith', birthDate: '2018-02-11', level: 'Preschool', familyId: 2 }, 201);
  const martinez = await desk.act(
    'adds family Carlos Martinez',
    'POST',
    '/api/families',
    { guardianFirst: 'Carlos', guardianLast: 'Martinez', email: 'carlos.martinez@example.com', phone: '555-0142' },
    201,
  );
  const ava = await desk.act(
    'adds student Ava Martinez',
    'POST',
    '/api/students',
    { firstName: 'Ava', lastName: 'Martinez', birthDate: '2016-09-30', level: 'Level 1', familyId: martinez.json?.id, medicalNotes: 'Wears glasses' },
    201,
  );
  const classes: Array<{ id: number; level: string }> = (await desk.get<Array<{ id: number; level: string }>>('/api/classes')) ?? [];
  const classFor = (level: string) => classes.find((c) => c.level === level)?.id ?? 202;
  await desk.act('enrolls Lily Smith in Tumble Tots', 'POST', '/api/enrollments', { studentId: lily.json?.id, classId: classFor('Preschool') }, 201);
  await desk.act('enrolls Ava Martinez in Level 1 Girls', 'POST', '/api/enrollments', { studentId: ava.json?.id, classId: classFor('Level 1') }, 201);
  await desk.act('charges the Martinez registration fee', 'POST', '/api/charges', { familyId: martinez.json?.id, amount: 45, description: 'Annual registration fee' }, 201);
  await desk.act('charges John Smith for a leotard', 'POST', '/api/charges', { familyId: 2, amount: 35, description: 'Team leotard' }, 201);
  await desk.act('takes a card payment from John Smith', 'POST', '/api/payments', { familyId: 2, amount: 130, method: 'card', cardNumber: TEST_CARD }, 201);
  await desk.act('takes cash from Emily Jones', 'POST', '/api/payments', { familyId: 7, amount: 95, method: 'cash' }, 201);

  const admin = visitor(urls.office, 'Office Portal', 'admin');
  await admin.act('signs in', 'POST', '/login', { username: 'admin', password }, 303, true);
  const sofia = await admin.get('/api/students/106');
  await admin.act('moves Sofia Garcia up a level (edit form)', 'POST', '/api/students/106', { level: nextOf(['Level 2', 'Level 3'], sofia?.level), status: 'active' }, 303, true);
  const smiths: Array<{ id: number; firstName: string }> = (await admin.get<Array<{ id: number; firstName: string }>>('/api/students?q=smith')) ?? [];
  // The first run deletes the seeded Noah Smith; later runs an earlier run's Lily, leaving the kiosk's Smiths.
  const lilies = smiths.filter((s) => s.firstName === 'Lily');
  const doomed = smiths.find((s) => s.id === 104) ?? lilies.find((s) => s.id !== lily.json?.id) ?? lilies[0];
  if (doomed) await admin.act(`deletes student ${doomed.firstName} Smith`, 'DELETE', `/api/students/${doomed.id}`, undefined, 200);
  const enrollments: Array<{ id: number; studentId: number }> = (await admin.get<Array<{ id: number; studentId: number }>>('/api/enrollments')) ?? [];
  const drop = enrollments.find((e) => e.studentId === 107);
  if (drop) await admin.act('drops Mateo Garcia from his class', 'DELETE', `/api/enrollments/${drop.id}`, undefined, 200);
  await admin.act('signs out', 'POST', '/logout', {}, 303, true);

  const support = visitor(urls.office, 'Office Portal', 'support');
  await support.act('signs in', 'POST', '/login', { username: 'support', password }, 200);
  await support.act("fixes Aisha Williams's email", 'PATCH', '/api/families/5', { email: `aisha.williams+${Date.now() % 1000}@example.com` }, 200);

  // Staff Portal: coaches.
  const kim = visitor(urls.staff, 'Staff Portal', 'coach.kim');
  await kim.act('signs in', 'POST', '/login', { username: 'coach.kim', password }, 200);
  const mia = await kim.get('/api/students/109');
  await kim.act(
    "updates Mia Williams's level and status",
    'PATCH',
    '/api/students/109',
    { level: nextOf(['Level 1', 'Level 2'], mia?.level), status: nextOf(['active', 'waitlist'], mia?.status) },
    200,
  );
  await kim.act('signs out', 'POST', '/logout', {}, 200);

  const sam = visitor(urls.staff, 'Staff Portal', 'coach.sam');
  await sam.act('signs in', 'POST', '/login', { username: 'coach.sam', password }, 200);
  const team = await sam.get('/api/classes/204');
  await sam.act('moves Level 3 Team to a new time', 'PATCH', '/api/classes/204', { startTime: nextOf(['18:00', '18:30'], team?.startTime) }, 200);
  const ethan = await sam.get('/api/students/108');
  await sam.act('moves Ethan Johnson to Level 4', 'PATCH', '/api/students/108', { level: nextOf(['Level 3', 'Level 4'], ethan?.level) }, 200);

  // Customer Portal: families.
  const jane = visitor(urls.customer, 'Customer Portal', 'jane.smith');
  await jane.act('signs in', 'POST', '/login', { username: 'jane.smith', password }, 303, true);
  const janeFamily = await jane.get('/api/families/1');
  await jane.act('updates her phone number', 'POST', '/api/families/1', { email: janeFamily?.email ?? 'jane.smith@example.com', phone: randomPhone() }, 303, true);

  const maria = visitor(urls.customer, 'Customer Portal', 'maria.garcia');
  await maria.act('signs in', 'POST', '/login', { username: 'maria.garcia', password }, 200);
  await maria.act('updates her phone number', 'PATCH', '/api/families/3', { phone: randomPhone() }, 200);
  await maria.act('pays tuition by card', 'POST', '/api/payments', { familyId: 3, amount: 95, method: 'card', cardNumber: MASTERCARD_TEST }, 201);

  // Mobile App: a family pays from the phone (Bearer JWT, GymApp user agent).
  const david = visitor(urls.customer, 'Mobile App', 'david.johnson', MOBILE_UA);
  const token = await david.act('signs in to the app', 'POST', '/api/mobile/token', { username: 'david.johnson', password }, 200);
  if (typeof token.json?.token === 'string') david.bearer(token.json.token);
  await david.act('pays tuition in the app', 'POST', '/api/payments', { familyId: 4, amount: 95, method: 'card', cardNumber: TEST_CARD }, 201);

  // Check-In Kiosk: parents check their children in with their kiosk PIN.
  const janeKiosk = visitor(urls.office, 'Check-In Kiosk', 'jane.smith', KIOSK_UA).basic('jane.smith', '1234');
  await janeKiosk.act('checks Emma Smith in', 'POST', '/kiosk/checkin', { studentId: 101, classId: 203 }, 201);
  await janeKiosk.act('checks Olivia Smith in', 'POST', '/kiosk/checkin', { studentId: 102, classId: 201 }, 201);
  const mariaKiosk = visitor(urls.office, 'Check-In Kiosk', 'maria.garcia', KIOSK_UA).basic('maria.garcia', '3456');
  await mariaKiosk.act('checks Sofia Garcia in', 'POST', '/kiosk/checkin', { studentId: 106, classId: 203 }, 201);

  // Time Clock Kiosk: staff punch with their PIN.
  for (const [username, pin, type] of [
    ['coach.kim', '2222', 'in'],
    ['front.desk', '4444', 'in'],
    ['coach.sam', '3333', 'out'],
  ] as const) {
    const clock = visitor(urls.staff, 'Time Clock Kiosk', username, KIOSK_UA).basic(username, pin);
    await clock.act(`punches ${type}`, 'POST', '/kiosk/timeclock/punch', { type }, 201);
  }
  return steps;
}

/** One line per step; a surprise (a status other than expected) is marked so it stands out. */
export function formatSteps(steps: Step[]): string {
  return steps.map((s) => `${s.status === s.expected ? '  ok ' : '  !! '} ${s.source.padEnd(16)} ${s.who.padEnd(14)} ${s.what} (${s.status})`).join('\n');
}
