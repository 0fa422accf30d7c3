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

describe('template paths with brackets', () => {
  const scope = { body: { versions: { '1.0.0': { deprecated: 'use 2.x' } }, 'a.b': 'dotted', items: [{ id: 'n1' }, { id: 'n2' }] } };

  it('address keys with dots through quoted brackets, and array elements by index', () => {
    expect(renderTemplate('{body.versions["1.0.0"].deprecated}', scope)).toBe('use 2.x');
    expect(renderTemplate("{body['a.b']}", scope)).toBe('dotted');
    expect(renderTemplate('{body.items[1].id}', scope)).toBe('n2');
    expect(renderTemplate('{body["items"][0]["id"]}', scope)).toBe('n1');
  });

  it('a malformed path or a key the value does not own fills nothing', () => {
    expect(renderTemplate('{body.versions["1.0.0}', scope)).toBeNull();
    expect(renderTemplate('{body.versions[1.0.0]}', scope)).toBeNull();
    expect(renderTemplate('{body.constructor.name}', scope)).toBeNull();
  });

  it('templateToPattern names a bracketed placeholder by its last key', () => {
    expect(templateToPattern('/packages/{params["pkg.name"]}')('/packages/left-pad')).toEqual({ 'pkg.name': 'left-pad' });
  });
});
