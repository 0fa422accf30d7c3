import type { IndexFacets } from './types.ts';
import type { Interner } from './interner.ts';
import type { SnapshotReader, SnapshotWriter } from './snapshot-file.ts';
import { U32List } from './u32-list.ts';

/**
 * Running counts for the filter pickers, kept as entries are indexed so that `facets()` costs
 * nothing at a million entries. Staff are the usernames of staff and support members, shown with
 * the member name they last acted under.
 */
export class FacetCounts {
  private perUsername = new U32List();
  private usernameMember: number[] = [];
  private usernameIsStaff: boolean[] = [];
  private perSource = new U32List();
  private perVerb = new U32List();
  private perType = new U32List();

  countEntry(username: number | null, member: number, isStaff: boolean, source: number, verb: number): void {
    if (username !== null) {
      bump(this.perUsername, username);
      this.usernameMember[username] = member;
      this.usernameIsStaff[username] = isStaff;
    }
    bump(this.perSource, source);
    bump(this.perVerb, verb);
  }

  countType(type: number): void {
    bump(this.perType, type);
  }

  save(out: SnapshotWriter): void {
    out.json('facets', {
      perUsername: [...this.perUsername.view()],
      usernameMember: this.usernameMember,
      usernameIsStaff: this.usernameIsStaff,
      perSource: [...this.perSource.view()],
      perVerb: [...this.perVerb.view()],
      perType: [...this.perType.view()],
    });
  }

  static load(snapshot: SnapshotReader): FacetCounts {
    const saved = snapshot.json<Record<'perUsername' | 'usernameMember' | 'perSource' | 'perVerb' | 'perType', number[]> & { usernameIsStaff: boolean[] }>('facets');
    const facets = new FacetCounts();
    facets.perUsername = U32List.wrap(Uint32Array.from(saved.perUsername));
    facets.usernameMember = saved.usernameMember;
    facets.usernameIsStaff = saved.usernameIsStaff;
    facets.perSource = U32List.wrap(Uint32Array.from(saved.perSource));
    facets.perVerb = U32List.wrap(Uint32Array.from(saved.perVerb));
    facets.perType = U32List.wrap(Uint32Array.from(saved.perType));
    return facets;
  }

  /** Usernames of staff members, for the query parser's "a bare username is a staff filter". */
  staffUsernames(usernames: Interner): string[] {
    return this.usernameIsStaff.flatMap((isStaff, id) => (isStaff ? [usernames.valueOf(id)] : []));
  }

  snapshot(names: { usernames: Interner; members: Interner; sources: Interner; verbs: Interner; types: Interner }): IndexFacets {
    const staff = this.usernameIsStaff.flatMap((isStaff, id) =>
      isStaff ? [{ username: names.usernames.valueOf(id), member: names.members.valueOf(this.usernameMember[id] ?? 0), count: this.perUsername.get(id) }] : [],
    );
    return {
      staff: staff.sort((a, b) => b.count - a.count || a.username.localeCompare(b.username)),
      sources: named(this.perSource, names.sources),
      types: named(this.perType, names.types),
      verbs: named(this.perVerb, names.verbs),
    };
  }
}

function bump(counts: U32List, id: number): void {
  while (counts.length <= id) counts.push(0);
  counts.set(id, counts.get(id) + 1);
}

function named(counts: U32List, names: Interner): Array<{ name: string; count: number }> {
  const out: Array<{ name: string; count: number }> = [];
  for (let id = 0; id < counts.length; id++) if (counts.get(id) > 0) out.push({ name: names.valueOf(id), count: counts.get(id) });
  return out.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
