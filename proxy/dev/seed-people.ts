/** The cast of the generated log: a gymnastics and swim school's staff and families. */

export const STAFF = [
  { username: 'admin', member: 'Pat Admin' },
  { username: 'jlopez', member: 'Julia Lopez' },
  { username: 'mchen', member: 'Mike Chen' },
  { username: 'sjohnson', member: 'Sarah Johnson' },
  { username: 'dkim', member: 'Dana Kim' },
  { username: 'tbrown', member: 'Tyler Brown' },
  { username: 'frontdesk', member: 'Front Desk' },
  { username: 'coach.rivera', member: 'Alex Rivera' },
  { username: 'swim.ellis', member: 'Morgan Ellis' },
  { username: 'kpatel', member: 'Kiran Patel' },
] as const;

export const SURNAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Murphy', 'Cook', 'Rogers', 'Morgan', 'Cooper', 'Peterson', 'Reed', 'Bailey', 'Bell', 'Kelly',
];

export const GUARDIAN_FIRST = [
  'Jennifer', 'Michael', 'Jessica', 'David', 'Ashley', 'Chris', 'Amanda', 'Daniel', 'Sarah', 'Matthew',
  'Emily', 'Andrew', 'Melissa', 'Joshua', 'Nicole', 'Ryan', 'Stephanie', 'John', 'Rachel', 'Kevin',
];

export const STUDENT_FIRST = [
  'Emma', 'Olivia', 'Ava', 'Sophia', 'Isabella', 'Mia', 'Charlotte', 'Amelia', 'Harper', 'Evelyn',
  'Liam', 'Noah', 'Oliver', 'Elijah', 'James', 'William', 'Benjamin', 'Lucas', 'Henry', 'Jane',
  'Lily', 'Grace', 'Chloe', 'Zoe', 'Nora', 'Ella', 'Aria', 'Jack', 'Leo', 'Owen',
];

export const CLASSES = [
  'Tumbling Tots Mon 4pm', 'Level 2 Girls Tue 5pm', 'Level 3 Girls Thu 5pm', 'Boys Ninja Wed 6pm',
  'Parent & Me Sat 9am', 'Swim Guppies Sat 10am', 'Swim Sharks Tue 6pm', 'Competitive Team Mon 5pm',
  'Cheer Tumbling Fri 4pm', 'Adult Swim Sun 8am',
];

export const LEVELS = ['Beginner', 'Level 1', 'Level 2', 'Level 3', 'Level 4', 'Team'];

export const AGENTS = {
  desktop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36',
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15',
  app: 'GymApp/4.2 (iPhone; iOS 17.5)',
  kiosk: 'Mozilla/5.0 (X11; CrOS x86_64) KioskMode/1.0',
} as const;
