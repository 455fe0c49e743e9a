// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { manifestProblems } from './check.ts';
import { hrefOf, scormManifest, xmlEscape, type ManifestOptions } from './manifest.ts';
import { lmsTarget, passMark } from './options.ts';

const files = ['index.html', 'assets/index-abc.js', 'assets/index-abc.css', 'favicon.svg', 'assets/odd name&.js'];
const opts = (version: ManifestOptions['version']): ManifestOptions => ({ version, title: 'Kafka <in> "production" & more', files, launch: 'index.html', passMark: 0.75, identifier: `streamlab-${version}` });
const parse = (xml: string) => new DOMParser().parseFromString(xml, 'application/xml');
const entries = ['imsmanifest.xml', ...files];

describe('scormManifest', () => {
  for (const version of ['1.2', '2004'] as const) {
    it(`SCORM ${version}: identifiers, resources, launch file, every file listed, pass mark`, () => {
      const xml = scormManifest(opts(version));
      expect(manifestProblems(parse(xml), entries, { version, passMark: 0.75 })).toEqual([]);
      expect(xml).toContain(xmlEscape('Kafka <in> "production" & more'));
      expect(xml).toContain(`href="${hrefOf('assets/odd name&.js').replace('&', '&amp;')}"`);
    });

    it(`SCORM ${version}: the checker catches a file missing from the list, a stray listed file and a wrong pass mark`, () => {
      const xml = scormManifest(opts(version));
      expect(manifestProblems(parse(xml), [...entries, 'assets/extra.js'], { version, passMark: 0.75 })).toContain('file assets/extra.js is in the package but not listed in the manifest');
      expect(manifestProblems(parse(xml), entries.filter((e) => e !== 'favicon.svg'), { version, passMark: 0.75 })).toContain('listed file favicon.svg is not in the package');
      expect(manifestProblems(parse(xml), entries, { version, passMark: 0.8 }).join()).toMatch(/0\.8|80/);
      expect(manifestProblems(parse(xml), entries.filter((e) => e !== 'imsmanifest.xml'), { version, passMark: 0.75 })).toContain('imsmanifest.xml is not at the root of the package');
      expect(manifestProblems(parse(xml.replace(/identifierref="[^"]+"/, 'identifierref="nope"')), entries, { version, passMark: 0.75 }).join()).toContain('resource nope, which does not exist');
      expect(manifestProblems(parse('<manifest'), entries, { version, passMark: 0.75 })).toEqual(['the manifest is not well-formed XML']);
    });
  }

  it('refuses a launch file outside the package, paths that climb out, bad identifiers and pass marks', () => {
    expect(() => scormManifest({ ...opts('1.2'), launch: 'start.html' })).toThrow(/launch file/);
    expect(() => scormManifest({ ...opts('1.2'), files: [...files, '../etc/passwd'] })).toThrow(/relative path/);
    expect(() => scormManifest({ ...opts('1.2'), identifier: '1 bad' })).toThrow(/identifier/);
    expect(() => scormManifest({ ...opts('1.2'), passMark: 1.5 })).toThrow(/pass mark/);
  });
});

describe('build options', () => {
  it('reads STREAMLAB_LMS and STREAMLAB_PASS_MARK, failing loudly on typos', () => {
    expect(lmsTarget(undefined)).toBe('');
    expect(lmsTarget('scorm2004')).toBe('scorm2004');
    expect(() => lmsTarget('scorm2005')).toThrow(/scorm12, scorm2004/);
    expect(passMark(undefined)).toBe(0.8);
    expect(passMark('0.7')).toBe(0.7);
    expect(passMark('70')).toBe(0.7);
    expect(passMark('70%')).toBe(0.7);
    expect(passMark('1')).toBe(1);
    for (const bad of ['abc', '-1', '101', '']) if (bad) expect(() => passMark(bad)).toThrow(/STREAMLAB_PASS_MARK/);
  });
});
