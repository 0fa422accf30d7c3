import { describe, expect, it } from 'vitest';
import { renderTemplate, templateToPattern } from '../../shared/template.ts';

describe('renderTemplate', () => {
  it('fills dotted placeholders from the scope', () => {
    expect(renderTemplate('{before.firstName} {before.lastName}', { before: { firstName: 'Jane', lastName: 'Smith' } })).toBe('Jane Smith');
    expect(renderTemplate('/students/{response.id}', { response: { id: 42 } })).toBe('/students/42');
  });

  it('gives null rather than a half-filled text when a value is missing, blank or not a scalar', () => {
    expect(renderTemplate('{body.firstName} {body.lastName}', { body: { firstName: 'Jane' } })).toBeNull();
    expect(renderTemplate('/students/{params.id}', { params: { id: ' ' } })).toBeNull();
    expect(renderTemplate('{body.card}', { body: { card: { n: 1 } } })).toBeNull();
  });
});

describe('templateToPattern', () => {
  it('matches a path and returns the placeholder values by their last name', () => {
    const match = templateToPattern('/students/{params.id}');
    expect(match('/students/42')).toEqual({ id: '42' });
    expect(match('/students/42/?tab=notes')).toEqual({ id: '42' });
    expect(match('/students/a%20b')).toEqual({ id: 'a b' });
  });

  it('does not match another page or a deeper one', () => {
    const match = templateToPattern('/families/{params.familyId}/students/{params.id}');
    expect(match('/families/7/students/3')).toEqual({ familyId: '7', id: '3' });
    expect(match('/families/7')).toBeNull();
    expect(templateToPattern('/students/{params.id}')('/students/42/edit')).toBeNull();
    expect(templateToPattern('/a.b/{x}')('/aXb/1')).toBeNull();
  });
});
