import type { ScormPackageVersion } from './manifest.ts';

const NS = {
  '1.2': { cp: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2', adlcp: 'http://www.adlnet.org/xsd/adlcp_rootv1p2', scormType: 'scormtype', schemaversion: '1.2' },
  '2004': { cp: 'http://www.imsglobal.org/xsd/imscp_v1p1', adlcp: 'http://www.adlnet.org/xsd/adlcp_v1p3', scormType: 'scormType', schemaversion: '2004 4th Edition' },
} as const;
const IMSSS = 'http://www.imsglobal.org/xsd/imsss';

/**
 * What is wrong with a package's manifest, as sentences (empty when nothing is): the XML parses;
 * the root is a `manifest` in the version's content packaging namespace; metadata names ADL SCORM
 * and the version; identifiers are unique; the default organization exists; every item points at
 * a resource that exists; the SCO resource's launch file is in the package; every file of the
 * package (but the manifest) is listed and every listed file is in the package; the pass mark is
 * the one expected.
 *
 * @param doc the manifest parsed as XML (DOMParser, 'application/xml')
 * @param entries every path in the package (the zip's entries)
 */
export function manifestProblems(doc: Document, entries: readonly string[], expected: { version: ScormPackageVersion; passMark: number }): string[] {
  const problems: string[] = [];
  const ns = NS[expected.version];
  if (doc.getElementsByTagName('parsererror').length) return ['the manifest is not well-formed XML'];
  const root = doc.documentElement;
  if (root.localName !== 'manifest' || root.namespaceURI !== ns.cp) problems.push(`the root is <${root.tagName}> in ${root.namespaceURI}, not <manifest> in ${ns.cp}`);
  const cp = (parent: Element | Document, name: string) => [...parent.getElementsByTagNameNS(ns.cp, name)];
  const text = (parent: Element | Document, name: string) => cp(parent, name)[0]?.textContent?.trim() ?? null;
  if (text(doc, 'schema') !== 'ADL SCORM') problems.push(`metadata schema is "${text(doc, 'schema')}", not "ADL SCORM"`);
  if (text(doc, 'schemaversion') !== ns.schemaversion) problems.push(`metadata schemaversion is "${text(doc, 'schemaversion')}", not "${ns.schemaversion}"`);

  const ids = [...doc.querySelectorAll('[identifier]')].map((e) => e.getAttribute('identifier')!);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length) problems.push(`identifiers used more than once: ${[...new Set(dup)].join(', ')}`);
  if (!root.getAttribute('identifier')) problems.push('the manifest has no identifier');

  const organizations = cp(doc, 'organizations')[0];
  const orgs = cp(doc, 'organization');
  if (!organizations || !orgs.some((o) => o.getAttribute('identifier') === organizations.getAttribute('default'))) problems.push('the default organization does not exist');
  const resources = new Map(cp(doc, 'resource').map((r) => [r.getAttribute('identifier'), r]));
  const items = cp(doc, 'item');
  if (!items.length) problems.push('there is no item to launch');
  for (const item of items) {
    const ref = item.getAttribute('identifierref');
    if (ref && !resources.has(ref)) problems.push(`item ${item.getAttribute('identifier')} points at resource ${ref}, which does not exist`);
  }
  const unhref = (href: string) => {
    try {
      return href.split('/').map(decodeURIComponent).join('/');
    } catch {
      return href;
    }
  };
  const present = new Set(entries.filter((e) => !e.endsWith('/')));
  const listed = new Set<string>();
  let scos = 0;
  for (const [id, r] of resources) {
    const type = r.getAttributeNS(ns.adlcp, ns.scormType);
    const files = cp(r, 'file').map((f) => unhref(f.getAttribute('href') ?? ''));
    for (const f of files) listed.add(f);
    if (type === 'sco') {
      scos++;
      const href = unhref(r.getAttribute('href') ?? '');
      if (!href) problems.push(`SCO resource ${id} has no launch file`);
      else if (!present.has(href)) problems.push(`SCO resource ${id} launches ${href}, which is not in the package`);
      else if (!files.includes(href)) problems.push(`SCO resource ${id} does not list its launch file ${href}`);
    }
  }
  if (scos !== 1) problems.push(`expected one SCO resource, found ${scos}`);
  for (const f of listed) if (!present.has(f)) problems.push(`listed file ${f} is not in the package`);
  for (const f of present) if (f !== 'imsmanifest.xml' && !listed.has(f)) problems.push(`file ${f} is in the package but not listed in the manifest`);
  if (!present.has('imsmanifest.xml')) problems.push('imsmanifest.xml is not at the root of the package');

  if (expected.version === '1.2') {
    const mastery = doc.getElementsByTagNameNS(ns.adlcp, 'masteryscore')[0]?.textContent?.trim();
    if (mastery !== String(Math.round(expected.passMark * 100))) problems.push(`adlcp:masteryscore is ${mastery}, expected ${Math.round(expected.passMark * 100)}`);
  } else {
    const primary = doc.getElementsByTagNameNS(IMSSS, 'primaryObjective')[0];
    const measure = primary?.getElementsByTagNameNS(IMSSS, 'minNormalizedMeasure')[0]?.textContent?.trim();
    if (!primary || primary.getAttribute('satisfiedByMeasure') !== 'true' || Number(measure) !== expected.passMark) {
      problems.push(`the primary objective does not pass at ${expected.passMark} by measure (found ${measure})`);
    }
  }
  return problems;
}
