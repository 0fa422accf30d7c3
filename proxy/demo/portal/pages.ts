// Plain HTML pages of the demo gym: just enough for a person (and the browser extension) to click
// through a portal whose URLs name records (/students/:id), with forms that post like a browser does.
import { GYM_NAME, type Family, type GymClass, type Student } from './seed-data.ts';
import type { Principal } from './auth.ts';

const text = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v === null || v === undefined ? '' : JSON.stringify(v);
};
const esc = (v: unknown) => text(v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(title: string, body: string, user?: Principal): string {
  const who = user ? `<form method="post" action="/logout" class="who">${esc(user.name)} (${esc(user.username)}) <button>Sign out</button></form>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · ${GYM_NAME}</title>
<style>body{font:15px system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.4rem 0}
input,select{font:inherit;margin-left:.5rem}.who{float:right}.error{color:#b00}table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left}</style>
</head><body><header><a href="/">${GYM_NAME}</a>${who}</header><h1>${esc(title)}</h1>${body}</body></html>`;
}

const field = (label: string, name: string, value: unknown, type = 'text') => `<label>${esc(label)}<input name="${name}" type="${type}" value="${esc(value)}"></label>`;

export function loginPage(error?: string): string {
  return layout(
    'Sign in',
    `${error ? `<p class="error">${esc(error)}</p>` : ''}<form method="post" action="/login">
${field('Username', 'username', '')}${field('Password', 'password', '', 'password')}<button>Sign in</button></form>
<p>Staff: <code>admin</code>, <code>coach.kim</code>, <code>front.desk</code>; families: <code>jane.smith</code>, <code>maria.garcia</code>. Password: <code>password</code>.</p>`,
  );
}

export function homePage(user: Principal, students: Student[], families: Family[]): string {
  const studentRows = students.map((s) => `<tr><td><a href="/students/${s.id}">${esc(s.firstName)} ${esc(s.lastName)}</a></td><td>${esc(s.level)}</td><td>${esc(s.status)}</td></tr>`);
  const familyRows = families.map((f) => `<li><a href="/families/${f.id}">${esc(f.guardianFirst)} ${esc(f.guardianLast)}</a></li>`);
  return layout('Students', `<table><tr><th>Name</th><th>Level</th><th>Status</th></tr>${studentRows.join('')}</table><h2>Families</h2><ul>${familyRows.join('')}</ul>`, user);
}

export function studentPage(user: Principal, s: Student, family: Family | undefined, classes: GymClass[]): string {
  const statuses = ['active', 'inactive', 'waitlist'].map((v) => `<option${v === s.status ? ' selected' : ''}>${v}</option>`).join('');
  const form =
    user.kind === 'family'
      ? ''
      : `<form method="post" action="/api/students/${s.id}">
${field('First name', 'firstName', s.firstName)}${field('Last name', 'lastName', s.lastName)}${field('Birth date', 'birthDate', s.birthDate, 'date')}
${field('Level', 'level', s.level)}<label>Status<select name="status">${statuses}</select></label>${field('Medical notes', 'medicalNotes', s.medicalNotes)}
<button>Save</button></form>`;
  const familyLink = family ? `<p>Family: <a href="/families/${family.id}">${esc(family.guardianFirst)} ${esc(family.guardianLast)}</a></p>` : '';
  const classList = classes.map((c) => `<li>${esc(c.name)} (${esc(c.day)} ${esc(c.startTime)})</li>`).join('');
  return layout(`${s.firstName} ${s.lastName}`, `${familyLink}<p>Level ${esc(s.level)}, ${esc(s.status)}</p>${form}<h2>Classes</h2><ul>${classList}</ul>`, user);
}

export function familyPage(user: Principal, f: Family, students: Student[]): string {
  const kids = students.map((s) => `<li><a href="/students/${s.id}">${esc(s.firstName)} ${esc(s.lastName)}</a></li>`).join('');
  return layout(
    `${f.guardianFirst} ${f.guardianLast}`,
    `<form method="post" action="/api/families/${f.id}">${field('Email', 'email', f.email, 'email')}${field('Phone', 'phone', f.phone, 'tel')}
<button>Save</button></form><h2>Students</h2><ul>${kids}</ul>`,
    user,
  );
}

export function errorPage(status: number, message: string): string {
  return layout(`Error ${status}`, `<p class="error">${esc(message)}</p><p><a href="/">Back</a></p>`);
}
