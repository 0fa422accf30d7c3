import { describe, expect, it } from 'vitest';
import { requestMethod } from '../../../proxy/capture/method-override.ts';
import { parseTarget } from '../../../proxy/capture/path-normalise.ts';
import { captureSteps } from '../../../proxy/capture/pipeline.ts';
import { createRecordingPolicy } from '../../../proxy/capture/recording-policy.ts';
import { parseConfig } from '../../../proxy/config/load.ts';
import { fakeContext, fakeFlow, runSteps } from '../../helpers/fake-flow.ts';

const config = parseConfig({
  portals: [{ listen: '127.0.0.1:0', target: 'http://127.0.0.1:9', source: 'Office Portal' }],
  recordReads: [{ path: '/api/students/:id/medical', type: 'student' }],
  actors: { login: { path: '/login', logoutPath: '/logout' } },
});

function recorded(method: string, url: string, headers: Record<string, string> = {}): boolean {
  const target = parseTarget(url);
  if (!target) throw new Error(`not a target: ${url}`);
  return createRecordingPolicy(config).isRecorded(requestMethod(method, { headers, query: new URLSearchParams(target.rawQuery) }), target);
}

describe('the recording policy: which requests become entries', () => {
  it('records every change, a logout link, the reads recordReads names, and a GET an override turns into a delete', () => {
    expect(recorded('POST', '/api/students')).toBe(true);
    expect(recorded('GET', '/logout')).toBe(true);
    expect(recorded('GET', '/api/students/7/medical')).toBe(true);
    expect(recorded('GET', '/api/students/7', { 'x-http-method-override': 'DELETE' })).toBe(true);
  });

  it('lets every other read through unrecorded', () => {
    expect(recorded('GET', '/api/students/7')).toBe(false);
    expect(recorded('HEAD', '/api/students/7/notes')).toBe(false);
  });

  it('is what the capture steps read by: its read rule and its logout path name the same requests in the entry', async () => {
    const policy = createRecordingPolicy(config);
    const steps = captureSteps({ config, defaultSource: 'Office Portal', policy });
    const ctx = fakeContext({ config: { recordReads: config.recordReads, actors: config.actors } });
    const read = await runSteps(fakeFlow({ ctx, method: 'GET', path: '/api/students/7/medical' }), steps);
    expect(read.match?.rule.type).toBe('student');
    const logout = await runSteps(fakeFlow({ ctx, method: 'GET', path: '/logout' }), steps);
    expect(logout.draft.verb).toBe('logout');
  });
});
