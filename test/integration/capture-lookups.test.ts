import { afterEach, describe, expect, it } from 'vitest';
import { jsonBody, startCaptureRig, type CaptureRig } from '../helpers/capture-rig.ts';
import { sendJson, startRecordingUpstream, type RecordingUpstream } from '../helpers/recording-upstream.ts';

let rig: CaptureRig;
let editor: RecordingUpstream;
afterEach(async () => {
  await rig?.close();
  await editor?.close();
});

type Node = { id: string; type: string; [field: string]: unknown };

/**
 * A flow editor's API in the style of Node-RED: GET /flows answers an array of nodes, or with the header
 * `Node-RED-API-Version: v2` an object { rev, flows }; POST /flows deploys the whole set.
 */
async function startFlowEditor(initial: Node[]): Promise<RecordingUpstream> {
  let flows = initial;
  let rev = 1;
  return startRecordingUpstream((req, res) => {
    const v2 = req.headers['node-red-api-version'] === 'v2';
    if (req.url !== '/flows') return sendJson(res, 404, { error: 'not found' });
    if (req.method === 'GET') return sendJson(res, 200, v2 ? { rev: String(rev), flows } : flows);
    if (req.method === 'POST') {
      const body = JSON.parse(req.body.toString('utf8'));
      flows = v2 ? body.flows : body;
      rev += 1;
      return sendJson(res, 200, v2 ? { rev: String(rev) } : {});
    }
    sendJson(res, 405, { error: 'no' });
  });
}

const NODES: Node[] = [
  { id: 't1', type: 'tab', label: 'Main' },
  { id: 'n1', type: 'inject', z: 't1', name: 'every minute', repeat: '60' },
  { id: 'n2', type: 'debug', z: 't1', name: 'log' },
];
const deployRule = { method: 'POST' as const, path: '/flows', type: 'flows', verb: 'deploy', id: 'flows', snapshot: { get: '/flows' } };

describe('lookups (snapshot) against an API that answers by header', () => {
  it("a deploy with the client's API-version header gets its before → after, though the rule names its own verb", async () => {
    editor = await startFlowEditor(NODES);
    rig = await startCaptureRig(() => ({ portals: [{ listen: '127.0.0.1:0', target: editor.url, source: 'Flow Editor' }], records: [deployRule] }));
    const deployed = { rev: '1', flows: [NODES[0], { ...NODES[1], repeat: '30' }, NODES[2]] };
    const answer = await rig.send('/flows', { method: 'POST', headers: { 'content-type': 'application/json', 'node-red-api-version': 'v2' }, body: JSON.stringify(deployed) });
    expect(answer.status).toBe(200);
    // The snapshot GET carried the client's API version, so it got the same shape the client deploys.
    const lookup = editor.received.find((r) => r.method === 'GET')!;
    expect(lookup.headers['node-red-api-version']).toBe('v2');
    const entry = await rig.lastEntry();
    expect(entry).toMatchObject({ verb: 'deploy', outcome: 'success', records: [{ type: 'flows', id: 'flows', op: 'deploy' }] });
    // Element by element: the one node that changed, by its id; the rev the portal moved on.
    expect(entry.records[0]!.changes).toEqual([
      { field: 'rev', before: '1', after: '2' },
      { field: 'flows[id=n1].repeat', before: '60', after: '30' },
    ]);
    expect(entry.action).toBe('Recorded deploy for #flows');
  });

  it('a record shaped as an array (no API-version header) is snapshotted too', async () => {
    editor = await startFlowEditor(NODES);
    rig = await startCaptureRig(() => ({ portals: [{ listen: '127.0.0.1:0', target: editor.url, source: 'Flow Editor' }], records: [deployRule] }));
    await rig.send('/flows', { method: 'POST', ...jsonBody([NODES[0], { ...NODES[1], name: 'hourly', repeat: '3600' }]) });
    const entry = await rig.lastEntry();
    expect(entry.records[0]!.changes).toEqual([
      { field: '[id=n1].name', before: 'every minute', after: 'hourly' },
      { field: '[id=n1].repeat', before: '60', after: '3600' },
      { field: '[id=n2]', before: NODES[2], after: null },
    ]);
  });
});
