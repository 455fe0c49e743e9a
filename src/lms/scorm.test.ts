import { describe, expect, it } from 'vitest';
import { findScormApi, ScormSession, type Scorm12Api, type Scorm2004Api } from './scorm';

/** A SCORM 1.2 API over a plain object, with a switch to make every call fail with a code. */
function fake12(failWith: string | null = null) {
  const data: Record<string, string> = { 'cmi.core.student_id': 'learner-1' };
  let last = '0';
  const result = (ok: boolean) => {
    last = ok ? '0' : failWith ?? '101';
    return ok ? 'true' : 'false';
  };
  const api: Scorm12Api = {
    LMSInitialize: () => result(!failWith),
    LMSFinish: () => result(!failWith),
    LMSGetValue: (k) => {
      last = failWith ?? '0';
      return data[k] ?? '';
    },
    LMSSetValue: (k, v) => {
      if (!failWith) data[k] = v;
      return result(!failWith);
    },
    LMSCommit: () => result(!failWith),
    LMSGetLastError: () => last,
    LMSGetErrorString: (c) => (c === '301' ? 'Not initialized' : 'General exception'),
  };
  return { api, data };
}

describe('ScormSession', () => {
  it('talks to a SCORM 1.2 API', () => {
    const { api, data } = fake12();
    const s = new ScormSession(api, '1.2');
    expect(s.initialize()).toBe(true);
    expect(s.get('cmi.core.student_id')).toBe('learner-1');
    expect(s.get('cmi.suspend_data')).toBe('');
    expect(s.set('cmi.core.lesson_status', 'incomplete')).toBe(true);
    expect(data['cmi.core.lesson_status']).toBe('incomplete');
    expect(s.commit()).toBe(true);
    expect(s.terminate()).toBe(true);
    expect(s.lastError).toBeNull();
  });

  it('keeps the LMS error code and text when a call fails, and never throws', () => {
    const { api } = fake12('301');
    const s = new ScormSession(api, '1.2');
    expect(s.set('cmi.core.lesson_status', 'passed')).toBe(false);
    expect(s.lastError).toEqual({ call: 'SetValue(cmi.core.lesson_status)', code: '301', message: 'Not initialized' });
    expect(s.get('cmi.suspend_data')).toBeNull();
    expect(s.lastError).toEqual({ call: 'GetValue(cmi.suspend_data)', code: '301', message: 'Not initialized' });
    const throwing = { ...api, LMSCommit: () => { throw new Error('the LMS window is gone'); } };
    const t = new ScormSession(throwing, '1.2');
    expect(t.commit()).toBe(false);
    expect(t.lastError).toMatchObject({ code: '101', message: 'the LMS window is gone' });
  });

  it('talks to a SCORM 2004 API, reading "not initialized" elements (403) as empty', () => {
    let last = '0';
    const api: Scorm2004Api = {
      Initialize: () => 'true',
      Terminate: () => 'true',
      GetValue: (k) => {
        last = k === 'cmi.learner_id' ? '0' : '403';
        return k === 'cmi.learner_id' ? 'L2' : '';
      },
      SetValue: () => 'true',
      Commit: () => 'true',
      GetLastError: () => last,
      GetErrorString: () => '',
    };
    const s = new ScormSession(api, '2004');
    expect(s.initialize()).toBe(true);
    expect(s.get('cmi.learner_id')).toBe('L2');
    expect(s.get('cmi.suspend_data')).toBe('');
  });
});

describe('findScormApi', () => {
  const { api } = fake12();
  it('finds the API on a parent frame, then on the opener, skipping frames that throw', () => {
    const top = { API: api } as unknown as Window & Record<string, unknown>;
    (top as { parent: unknown }).parent = top;
    const crossOrigin = new Proxy({} as Window, { get: () => { throw new Error('SecurityError'); } });
    const middle = { parent: top } as unknown as Window;
    const self = { parent: middle, top } as unknown as Window;
    expect(findScormApi('1.2', self)).toBe(api);
    expect(findScormApi('2004', self)).toBeNull();
    const popup = { parent: null, top: null, opener: top } as unknown as Window;
    (popup as { top: unknown }).top = popup;
    expect(findScormApi('1.2', popup)).toBe(api);
    const isolated = { parent: crossOrigin, top: null, opener: null } as unknown as Window;
    expect(findScormApi('1.2', isolated)).toBeNull();
  });
});
