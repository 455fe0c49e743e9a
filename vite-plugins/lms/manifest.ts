/**
 * `imsmanifest.xml` for Streamlab's SCORM packages: one organization with one item, launching one
 * SCO resource that lists every file of the built module.
 *
 * Sources: SCORM 1.2 Content Aggregation Model (CAM) section 2.3 (IMS Content Packaging 1.1.2 with
 * the adlcp_rootv1p2 extensions: adlcp:scormtype, adlcp:masteryscore) and SCORM 2004 4th Edition
 * CAM section 3.4 (IMS CP 1.1.4 with adlcp_v1p3: adlcp:scormType; IMS Simple Sequencing:
 * imsss:primaryObjective with satisfiedByMeasure and imsss:minNormalizedMeasure for the pass mark).
 * The XSD files are not bundled; the manifests name their namespaces, which is what LMS importers
 * (Moodle, SCORM Cloud, Canvas) read.
 */

export type ScormPackageVersion = '1.2' | '2004';

export interface ManifestOptions {
  version: ScormPackageVersion;
  /** the course title the LMS shows */
  title: string;
  /** every file of the package except imsmanifest.xml, as paths relative to the package root */
  files: readonly string[];
  /** the file the LMS opens (must be in `files`) */
  launch: string;
  /** the quiz share that passes, 0..1 */
  passMark: number;
  /** the package's identifier (letters, digits, `-`, `_`, `.`) */
  identifier: string;
}

/** XML text and attribute escaping. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A package path as a manifest href: each segment URL-encoded, slashes kept. */
export function hrefOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * The manifest's XML text.
 * @throws Error when the launch file is not among the files, a path is absolute or climbs out of
 *   the package, the identifier is not an XML ID, or the pass mark is outside 0..1.
 */
export function scormManifest(o: ManifestOptions): string {
  if (!IDENTIFIER.test(o.identifier)) throw new Error(`"${o.identifier}" is not a valid manifest identifier`);
  if (!(o.passMark >= 0 && o.passMark <= 1)) throw new Error(`pass mark ${o.passMark} is not a share from 0 to 1`);
  for (const f of o.files) {
    if (!f || f.startsWith('/') || f.split('/').some((p) => p === '..' || p === '')) throw new Error(`"${f}" is not a relative path inside the package`);
  }
  if (!o.files.includes(o.launch)) throw new Error(`the launch file ${o.launch} is not among the package's files`);
  const org = `${o.identifier}-org`;
  const item = `${o.identifier}-item`;
  const sco = `${o.identifier}-sco`;
  const title = xmlEscape(o.title);
  const files = [...o.files].sort().map((f) => `        <file href="${xmlEscape(hrefOf(f))}"/>`).join('\n');

  if (o.version === '1.2') {
    return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${o.identifier}" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${org}">
    <organization identifier="${org}">
      <title>${title}</title>
      <item identifier="${item}" identifierref="${sco}" isvisible="true">
        <title>${title}</title>
        <adlcp:masteryscore>${Math.round(o.passMark * 100)}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${sco}" type="webcontent" adlcp:scormtype="sco" href="${xmlEscape(hrefOf(o.launch))}">
${files}
    </resource>
  </resources>
</manifest>
`;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${o.identifier}" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="${org}">
    <organization identifier="${org}">
      <title>${title}</title>
      <item identifier="${item}" identifierref="${sco}" isvisible="true">
        <title>${title}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="${o.identifier}-quiz" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${Number(o.passMark.toFixed(4))}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${sco}" type="webcontent" adlcp:scormType="sco" href="${xmlEscape(hrefOf(o.launch))}">
${files}
    </resource>
  </resources>
</manifest>
`;
}
