/**
 * The two SCORM run-time APIs an LMS offers a SCO, and one small session over either.
 *
 * SCORM 1.2 (RTE 3.3): an object named `API` with LMSInitialize, LMSGetValue, LMSSetValue,
 * LMSCommit, LMSFinish, LMSGetLastError, LMSGetErrorString, LMSGetDiagnostic.
 * SCORM 2004 (RTE 3.1): an object named `API_1484_11` with Initialize, GetValue, SetValue, Commit,
 * Terminate, GetLastError, GetErrorString, GetDiagnostic. Every call takes and returns strings;
 * "true"/"false" report success, and the last error code says why a call failed.
 */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
}

export interface Scorm2004Api {
  Initialize(arg: ''): string;
  Terminate(arg: ''): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(arg: ''): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
}

export type ScormVersion = '1.2' | '2004';

const API_NAME: Record<ScormVersion, 'API' | 'API_1484_11'> = { '1.2': 'API', '2004': 'API_1484_11' };

/** How many frames up (or openers back) to look: ADL's discovery algorithms stop after a few. */
const MAX_FRAME_HOPS = 10;

function apiOn(win: Window, version: ScormVersion): Scorm12Api | Scorm2004Api | null {
  try {
    const api = (win as unknown as Record<string, unknown>)[API_NAME[version]];
    const probe = version === '1.2' ? 'LMSInitialize' : 'Initialize';
    return api && typeof (api as Record<string, unknown>)[probe] === 'function' ? (api as Scorm12Api | Scorm2004Api) : null;
  } catch {
    return null; // a frame of another origin: reading its properties throws
  }
}

/**
 * Finds the LMS's API object the way ADL's discovery algorithm does (SCORM 1.2 RTE 3.3.6.1, SCORM
 * 2004 RTE 3.1.1): this window, then each parent frame up to the top, then the opener window and
 * its parents. Frames of another origin are skipped, not fatal.
 * @returns the API, or null when no frame offers one (the module then runs on local storage)
 */
export function findScormApi(version: ScormVersion, start: Window = window): Scorm12Api | Scorm2004Api | null {
  const climb = (from: Window | null): Scorm12Api | Scorm2004Api | null => {
    let win = from;
    for (let hops = 0; win && hops <= MAX_FRAME_HOPS; hops++) {
      const api = apiOn(win, version);
      if (api) return api;
      let parent: Window | null;
      try {
        parent = win.parent && win.parent !== win ? win.parent : null;
      } catch {
        parent = null;
      }
      win = parent;
    }
    return null;
  };
  const found = climb(start);
  if (found) return found;
  let opener: Window | null;
  try {
    opener = (start.top ?? start).opener as Window | null;
  } catch {
    opener = null;
  }
  return opener ? climb(opener) : null;
}

/** A failed call: SCORM's error code and the LMS's words for it. */
export interface ScormError {
  call: string;
  code: string;
  message: string;
}

/**
 * One SCORM session over either API version: calls never throw (an API that throws, or a window
 * that went away, counts as error code "101", general exception); the last failure is kept.
 */
export class ScormSession {
  readonly version: ScormVersion;
  private readonly api: Scorm12Api | Scorm2004Api;
  /** the last call that failed, if any */
  lastError: ScormError | null = null;

  constructor(api: Scorm12Api | Scorm2004Api, version: ScormVersion) {
    this.api = api;
    this.version = version;
  }

  private get v12(): Scorm12Api {
    return this.api as Scorm12Api;
  }

  private get v2004(): Scorm2004Api {
    return this.api as Scorm2004Api;
  }

  private call(name: string, run: () => string, isOk: (result: string) => boolean): string | null {
    let result: string;
    try {
      result = String(run());
    } catch (e) {
      this.lastError = { call: name, code: '101', message: e instanceof Error ? e.message : String(e) };
      return null;
    }
    if (isOk(result)) return result;
    let code = '101';
    let message = 'General exception';
    try {
      code = String(this.version === '1.2' ? this.v12.LMSGetLastError() : this.v2004.GetLastError());
      message = String(this.version === '1.2' ? this.v12.LMSGetErrorString(code) : this.v2004.GetErrorString(code));
    } catch {
      /* keep the general exception */
    }
    this.lastError = { call: name, code, message };
    return null;
  }

  private static readonly isTrue = (r: string) => r === 'true';

  initialize(): boolean {
    return this.call('Initialize', () => (this.version === '1.2' ? this.v12.LMSInitialize('') : this.v2004.Initialize('')), ScormSession.isTrue) !== null;
  }

  /**
   * The value of a data model element, or null when the LMS reports an error (an element it does
   * not keep yet answers "" with error code 0 in 1.2 and 403 in 2004: both read as "").
   */
  get(element: string): string | null {
    let value: string;
    try {
      value = String(this.version === '1.2' ? this.v12.LMSGetValue(element) : this.v2004.GetValue(element));
    } catch (e) {
      this.lastError = { call: `GetValue(${element})`, code: '101', message: e instanceof Error ? e.message : String(e) };
      return null;
    }
    if (value !== '') return value;
    let code: string;
    try {
      code = String(this.version === '1.2' ? this.v12.LMSGetLastError() : this.v2004.GetLastError());
    } catch {
      code = '101';
    }
    // 1.2: 0 no error, 401 not implemented; 2004: 0, 403 "data model element value not initialized"
    if (code === '0' || code === '403' || code === '401') return '';
    let message: string;
    try {
      message = String(this.version === '1.2' ? this.v12.LMSGetErrorString(code) : this.v2004.GetErrorString(code));
    } catch {
      message = 'General exception';
    }
    this.lastError = { call: `GetValue(${element})`, code, message };
    return null;
  }

  set(element: string, value: string): boolean {
    return this.call(`SetValue(${element})`, () => (this.version === '1.2' ? this.v12.LMSSetValue(element, value) : this.v2004.SetValue(element, value)), ScormSession.isTrue) !== null;
  }

  commit(): boolean {
    return this.call('Commit', () => (this.version === '1.2' ? this.v12.LMSCommit('') : this.v2004.Commit('')), ScormSession.isTrue) !== null;
  }

  terminate(): boolean {
    return this.call('Terminate', () => (this.version === '1.2' ? this.v12.LMSFinish('') : this.v2004.Terminate('')), ScormSession.isTrue) !== null;
  }
}
