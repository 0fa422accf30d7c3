import { afterEach, describe, expect, it } from 'vitest';
import { jsonBody, startCaptureRig, type CaptureRig } from '../helpers/capture-rig.ts';
import { sendJson, startRecordingUpstream, type RecordingUpstream } from '../helpers/recording-upstream.ts';

let rig: CaptureRig;
let registry: RecordingUpstream;
afterEach(async () => {
  await rig?.close();
  await registry?.close();
});

/** A package registry as its command-line client drives it: publish and deprecate are both PUT /:pkg. */
async function startRegistry(): Promise<RecordingUpstream> {
  const packages = new Map<string, Record<string, any>>();
  return startRecordingUpstream((req, res) => {
    const name = decodeURIComponent(req.url.split('?')[0]!.slice(1));
    if (req.method === 'GET') return packages.has(name) ? sendJson(res, 200, packages.get(name)) : sendJson(res, 404, { error: 'not found' });
    if (req.method !== 'PUT') return sendJson(res, 405, { error: 'no' });
    const { _attachments, ...doc } = JSON.parse(req.body.toString('utf8'));
    const known = packages.get(name);
    packages.set(name, { ...known, ...doc, versions: { ...known?.versions, ...doc.versions } });
    sendJson(res, known ? 200 : 201, { ok: true, id: name });
  });
}

const rules = [
  { method: 'PUT' as const, path: '/:pkg', type: 'package', verb: 'deprecate', name: '{body.name}@{body["dist-tags"].latest}', when: { 'body.versions.*.deprecated': { present: true } } },
  { method: 'PUT' as const, path: '/:pkg', type: 'package', name: '{body.name}' },
];

describe('rules that fit a real API (a package registry)', () => {
  it('a first publish by PUT reads "Created" (201), a later one "Updated", a deprecate on the same path "deprecate"', async () => {
    registry = await startRegistry();
    rig = await startCaptureRig(() => ({ portals: [{ listen: '127.0.0.1:0', target: registry.url, source: 'Registry' }], records: rules }));
    const publish = (version: string) => ({ name: '@acme/widget', versions: { [version]: { name: '@acme/widget', version } }, _attachments: { [`widget-${version}.tgz`]: { data: 'AAAA' } } });

    expect((await rig.send('/@acme%2fwidget', { method: 'PUT', ...jsonBody(publish('1.0.0')) })).status).toBe(201);
    expect(await rig.lastEntry()).toMatchObject({ verb: 'create', outcome: 'success', action: 'Created package @acme/widget', records: [{ type: 'package', id: '@acme/widget', op: 'create' }] });

    expect((await rig.send('/@acme%2fwidget', { method: 'PUT', ...jsonBody(publish('1.1.0')) })).status).toBe(200);
    expect(await rig.lastEntry()).toMatchObject({ verb: 'update', records: [{ op: 'update' }] });

    const deprecate = {
      name: '@acme/widget',
      'dist-tags': { latest: '1.1.0' },
      versions: { '1.0.0': { name: '@acme/widget', version: '1.0.0', deprecated: 'use 1.1' }, '1.1.0': { name: '@acme/widget', version: '1.1.0' } },
    };
    expect((await rig.send('/@acme%2fwidget', { method: 'PUT', ...jsonBody(deprecate) })).status).toBe(200);
    const deprecated = await rig.lastEntry();
    expect(deprecated).toMatchObject({ verb: 'deprecate', action: 'Recorded deprecate for @acme/widget@1.1.0', records: [{ type: 'package', op: 'deprecate' }] });
    // Against the packument fetched just before: the one field that changed, its key's dots in brackets.
    expect(deprecated.records[0]!.changes).toEqual([
      { field: 'dist-tags', before: null, after: { latest: '1.1.0' } },
      { field: 'versions["1.0.0"].deprecated', before: null, after: 'use 1.1' },
    ]);
  });
});
