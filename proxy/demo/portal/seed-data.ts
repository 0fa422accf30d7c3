// The demo gym's starting data. Everything lives in memory and is rebuilt from this on each start,
// so a demo can be played with freely. Several Smiths on purpose: searching "Smith" should need the
// other words of a query (staff, verb, date) to find the one entry a user means.

export const GYM_NAME = 'Tumble Town Gymnastics';

/** One password for every demo login keeps the demo easy to try; kiosks use the 4-digit PINs. */
export const DEMO_PASSWORD = 'password';

/** Signs the mobile app's tokens; the bundled config carries the same value so the proxy can verify them. */
export const DEMO_JWT_SECRET = 'tumble-town-demo-secret-not-for-production';

export type StaffRole = 'admin' | 'coach' | 'front desk' | 'support';

export interface Staff {
  username: string;
  name: string;
  role: StaffRole;
  password: string;
  pin: string;
}

export interface Family {
  id: number;
  guardianFirst: string;
  guardianLast: string;
  email: string;
  phone: string;
  username: string;
  password: string;
  pin: string;
}

export interface Student {
  id: number;
  firstName: string;
  lastName: string;
  birthDate: string;
  level: string;
  status: 'active' | 'inactive' | 'waitlist';
  familyId: number;
  medicalNotes: string;
}

export interface GymClass {
  id: number;
  name: string;
  level: string;
  day: string;
  startTime: string;
  coach: string;
  capacity: number;
}

export interface Enrollment {
  id: number;
  studentId: number;
  classId: number;
  enrolledAt: string;
}

export interface CheckIn {
  id: number;
  studentId: number;
  classId: number;
  at: string;
}

export interface Charge {
  id: number;
  familyId: number;
  amount: number;
  description: string;
  at: string;
}

export interface Payment {
  id: number;
  familyId: number;
  amount: number;
  method: 'card' | 'cash' | 'check';
  /** Only the last four digits are kept, as a card processor's token would. */
  cardLast4: string | null;
  at: string;
}

export interface Punch {
  id: number;
  username: string;
  type: 'in' | 'out';
  at: string;
}

export const STAFF: Staff[] = [
  { username: 'admin', name: 'Alex Morgan', role: 'admin', password: DEMO_PASSWORD, pin: '1111' },
  { username: 'coach.kim', name: 'Kim Nguyen', role: 'coach', password: DEMO_PASSWORD, pin: '2222' },
  { username: 'coach.sam', name: 'Sam Patel', role: 'coach', password: DEMO_PASSWORD, pin: '3333' },
  { username: 'front.desk', name: 'Riley Parker', role: 'front desk', password: DEMO_PASSWORD, pin: '4444' },
  { username: 'support', name: 'Jordan Lee', role: 'support', password: DEMO_PASSWORD, pin: '5555' },
];

const family = (id: number, guardianFirst: string, guardianLast: string, phone: string, pin: string): Family => {
  const username = `${guardianFirst}.${guardianLast}`.toLowerCase();
  return { id, guardianFirst, guardianLast, email: `${username}@example.com`, phone, username, password: DEMO_PASSWORD, pin };
};

export const FAMILIES: Family[] = [
  family(1, 'Jane', 'Smith', '555-0101', '1234'),
  family(2, 'John', 'Smith', '555-0102', '2345'),
  family(3, 'Maria', 'Garcia', '555-0103', '3456'),
  family(4, 'David', 'Johnson', '555-0104', '4567'),
  family(5, 'Aisha', 'Williams', '555-0105', '5678'),
  family(6, 'Michael', 'Brown', '555-0106', '6789'),
  family(7, 'Emily', 'Jones', '555-0107', '7890'),
];

const student = (id: number, firstName: string, lastName: string, birthDate: string, level: string, familyId: number, medicalNotes = ''): Student => ({
  id,
  firstName,
  lastName,
  birthDate,
  level,
  status: 'active',
  familyId,
  medicalNotes,
});

export const STUDENTS: Student[] = [
  student(101, 'Emma', 'Smith', '2016-04-12', 'Level 2', 1, 'Mild asthma: inhaler in bag'),
  student(102, 'Olivia', 'Smith', '2019-09-03', 'Preschool', 1),
  student(103, 'Liam', 'Smith', '2015-01-22', 'Level 3', 2),
  student(104, 'Noah', 'Smith', '2017-06-30', 'Level 1', 2, 'Peanut allergy'),
  student(105, 'Jane', 'Smith', '2014-11-08', 'Level 4', 2),
  student(106, 'Sofia', 'Garcia', '2016-02-14', 'Level 2', 3),
  student(107, 'Mateo', 'Garcia', '2018-08-19', 'Level 1', 3),
  student(108, 'Ethan', 'Johnson', '2015-05-05', 'Level 3', 4),
  student(109, 'Mia', 'Williams', '2017-12-01', 'Level 1', 5),
  student(110, 'Lucas', 'Brown', '2016-07-21', 'Boys Ninja', 6),
  student(111, 'Chloe', 'Jones', '2018-03-09', 'Preschool', 7),
  student(112, 'Harper', 'Jones', '2014-10-17', 'Level 4', 7),
];

export const CLASSES: GymClass[] = [
  { id: 201, name: 'Tumble Tots', level: 'Preschool', day: 'Monday', startTime: '16:00', coach: 'coach.kim', capacity: 24 },
  { id: 202, name: 'Level 1 Girls', level: 'Level 1', day: 'Tuesday', startTime: '17:00', coach: 'coach.kim', capacity: 24 },
  { id: 203, name: 'Level 2 Girls', level: 'Level 2', day: 'Wednesday', startTime: '17:00', coach: 'coach.sam', capacity: 24 },
  { id: 204, name: 'Level 3 Team', level: 'Level 3', day: 'Thursday', startTime: '18:00', coach: 'coach.sam', capacity: 24 },
  { id: 205, name: 'Boys Ninja', level: 'Boys Ninja', day: 'Friday', startTime: '16:30', coach: 'coach.kim', capacity: 24 },
];

export const ENROLLMENTS: Array<Omit<Enrollment, 'enrolledAt'>> = [
  { id: 301, studentId: 101, classId: 203 },
  { id: 302, studentId: 102, classId: 201 },
  { id: 303, studentId: 103, classId: 204 },
  { id: 304, studentId: 104, classId: 202 },
  { id: 305, studentId: 106, classId: 203 },
  { id: 306, studentId: 107, classId: 202 },
  { id: 307, studentId: 108, classId: 204 },
  { id: 308, studentId: 110, classId: 205 },
];

/** Monthly tuition already on the books, so families have balances to pay. */
export const CHARGES: Array<Omit<Charge, 'at'>> = FAMILIES.map((f, i) => ({
  id: 401 + i,
  familyId: f.id,
  amount: 95,
  description: 'Monthly tuition',
}));
