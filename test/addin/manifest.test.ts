/**
 * The add-in manifest, checked offline: Office refuses a manifest that breaks its schema, shows English names to
 * Japanese users when an override is missing, and leaves a blank ribbon button when an icon is absent or the wrong
 * size. `npm run validate` adds Microsoft's online checks where a network is available.
 */
import fs from 'fs';
import path from 'path';
import { JSDOM } from 'jsdom';
import { getOfficeAppsForManifestHosts, OfficeApp } from 'office-addin-manifest';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { REQUIRED_EXCEL_API } from '../../src/workbook/office/requirements';

const ROOT = path.resolve(__dirname, '../..');
// Microsoft's published manifest schemas, kept with the tests (origin and local edits: the README there), so the
// check runs offline on any machine, wherever the repository is cloned.
const XSD_DIR = path.join(__dirname, 'office-manifest-xsd');
const MAIN_XSD = 'OfficeAppManifestV1_1.xsd';
const MANIFEST_PATH = path.join(ROOT, 'manifest.xml');
const MANIFEST = fs.readFileSync(MANIFEST_PATH, 'utf8');

const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

/** Changing it makes Office treat the add-in as a new one: users lose its settings and may see it twice. */
const ADDIN_ID = '6f0d2c9e-4b7a-4e3d-9a51-2c8e7f1b3d64';
const ORIGIN = 'https://localhost:3000';
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;

const { DOMParser } = new JSDOM('').window;
const doc = new DOMParser().parseFromString(MANIFEST, 'application/xml');
const root = doc.documentElement;

function all(ns: string, name: string, within: Element | Document = doc): Element[] {
  return Array.from(within.getElementsByTagNameNS(ns, name));
}

function one(ns: string, name: string, within: Element | Document = doc): Element {
  const found = all(ns, name, within);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0];
}

/** Direct children only: several manifest elements reuse names (Hosts, Description …) at different levels. */
function child(parent: Element, ns: string, name: string): Element {
  const found = Array.from(parent.children).filter((el) => el.namespaceURI === ns && el.localName === name);
  if (found.length !== 1) throw new Error(`expected one <${name}> under <${parent.localName}>, found ${found.length}`);
  return found[0];
}

function jaOverride(setting: Element): string | undefined {
  return Array.from(setting.children)
    .find((el) => el.localName === 'Override' && el.getAttribute('Locale') === 'ja-JP')
    ?.getAttribute('Value') ?? undefined;
}

function schemaFiles(): XMLFileInfo[] {
  return fs
    .readdirSync(XSD_DIR)
    .filter((name) => name.endsWith('.xsd') && name !== MAIN_XSD)
    .map((fileName) => ({ fileName, contents: fs.readFileSync(path.join(XSD_DIR, fileName), 'utf8') }));
}

async function validate(xml: string) {
  return validateXML({
    xml: [{ fileName: 'manifest.xml', contents: xml }],
    schema: [{ fileName: MAIN_XSD, contents: fs.readFileSync(path.join(XSD_DIR, MAIN_XSD), 'utf8') }],
    preload: schemaFiles(),
  });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The file under assets/ that an icon URL names. */
function assetFor(url: string): string {
  expect(url.startsWith(`${ORIGIN}/assets/`)).toBe(true);
  return path.join(ROOT, 'assets', url.slice(`${ORIGIN}/assets/`.length));
}

/** Every attribute value and text that holds a URL, with where it was found. */
function urlsInManifest(): { where: string; url: string }[] {
  const found: { where: string; url: string }[] = [];
  const walk = (el: Element) => {
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.startsWith('xmlns') || attr.namespaceURI === NS.xsi) continue; // namespace names, not links
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(attr.value)) found.push({ where: `${el.localName}@${attr.name}`, url: attr.value });
    }
    const text = Array.from(el.childNodes)
      .filter((n) => n.nodeType === n.TEXT_NODE)
      .map((n) => n.textContent ?? '')
      .join('')
      .trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || el.localName === 'AppDomain') found.push({ where: el.localName, url: text });
    Array.from(el.children).forEach(walk);
  };
  walk(root);
  return found;
}

describe('manifest.xml', () => {
  it('is well-formed XML', () => {
    expect(all('http://www.mozilla.org/newlayout/xml/parsererror.xml', 'parsererror')).toHaveLength(0);
    expect(root.localName).toBe('OfficeApp');
    expect(root.namespaceURI).toBe(NS.app);
  });

  it('passes the Office add-in manifest schema (V1.1 with task-pane VersionOverrides)', async () => {
    const result = await validate(MANIFEST);
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  }, 60_000);

  it('is refused by the same schema check when broken, so the check above is not vacuous', async () => {
    const broken = MANIFEST.replace(/<Permissions>[^<]*<\/Permissions>/, '<Permissions>Everything</Permissions>');
    expect(broken).not.toBe(MANIFEST);
    const result = await validate(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => e.message.includes('Permissions'))).toBe(true);
  }, 60_000);

  it('is an Excel task-pane add-in with a fixed Id', () => {
    expect(root.getAttributeNS(NS.xsi, 'type')).toBe('TaskPaneApp');
    expect(child(root, NS.app, 'Id').textContent).toBe(ADDIN_ID);
    const hosts = all(NS.app, 'Host', child(root, NS.app, 'Hosts')).map((h) => h.getAttribute('Name') ?? '');
    expect(hosts).toEqual(['Workbook']);
    expect(getOfficeAppsForManifestHosts(hosts)).toEqual([OfficeApp.Excel]);
    const overrideHosts = all(NS.ov, 'Host').map((h) => h.getAttributeNS(NS.xsi, 'type'));
    expect(overrideHosts).toEqual(['Workbook']);
  });

  it('carries the package version, so a release and its manifest cannot drift apart', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const manifestVersion = child(root, NS.app, 'Version').textContent ?? '';
    expect(manifestVersion.split('.').slice(0, 3).join('.')).toBe(version.replace(/[-+].*$/, ''));
  });

  it('admits exactly the Excels that have every API the code calls without asking first (ExcelApi ' + REQUIRED_EXCEL_API + ')', () => {
    const sets = all(NS.app, 'Set').map((el) => `${el.getAttribute('Name')} ${el.getAttribute('MinVersion')}`);
    expect(sets).toEqual([`ExcelApi ${REQUIRED_EXCEL_API}`]);
  });

  it('asks for exactly ReadWriteDocument, no more', () => {
    expect(child(root, NS.app, 'Permissions').textContent?.trim()).toBe('ReadWriteDocument');
  });

  it('uses https for every URL, all on one origin (so a deployment replaces one string)', () => {
    const urls = urlsInManifest();
    expect(urls.length).toBeGreaterThan(5);
    for (const { where, url } of urls) {
      expect(`${where}: ${url}`).toMatch(/^[^:]+: https:\/\//);
      expect(`${where}: ${new URL(url).origin}`).toBe(`${where}: ${ORIGIN}`);
    }
  });

  it('opens the same task-pane page from the ribbon button as by default', () => {
    const defaultPage = one(NS.app, 'SourceLocation', child(root, NS.app, 'DefaultSettings')).getAttribute('DefaultValue');
    expect(defaultPage).toBe(`${ORIGIN}/taskpane.html`);
    const action = one(NS.ov, 'Action');
    expect(action.getAttributeNS(NS.xsi, 'type')).toBe('ShowTaskpane');
    const resid = one(NS.ov, 'SourceLocation', action).getAttribute('resid');
    const url = all(NS.bt, 'Url').find((u) => u.getAttribute('id') === resid);
    expect(url?.getAttribute('DefaultValue')).toBe(defaultPage);
  });

  it('puts its button in a group on the Home tab', () => {
    const tab = one(NS.ov, 'OfficeTab');
    expect(tab.getAttribute('id')).toBe('TabHome');
    const group = child(tab, NS.ov, 'Group');
    const button = child(group, NS.ov, 'Control');
    expect(button.getAttributeNS(NS.xsi, 'type')).toBe('Button');
  });

  it('names and describes itself in English and Japanese', () => {
    const name = child(root, NS.app, 'DisplayName');
    expect(name.getAttribute('DefaultValue')).toBe('Supply Plan Checker');
    expect(jaOverride(name)).toBe('供給確保計画チェッカー');
    expect(child(root, NS.app, 'DefaultLocale').textContent).toBe('en-US');
    const description = child(root, NS.app, 'Description');
    expect(description.getAttribute('DefaultValue')).toMatch(/\w/);
    expect(jaOverride(description)).toMatch(JAPANESE);
  });

  it('has a Japanese override for every ribbon and callout string', () => {
    const strings = [...all(NS.bt, 'ShortStrings'), ...all(NS.bt, 'LongStrings')].flatMap((list) =>
      all(NS.bt, 'String', list),
    );
    expect(strings.length).toBeGreaterThanOrEqual(3);
    for (const s of strings) {
      expect(`${s.getAttribute('id')}: ${jaOverride(s) ?? '(missing)'}`).toMatch(JAPANESE);
    }
  });

  it('defines every resource it refers to', () => {
    const defined = new Set(
      ['Image', 'Url', 'String'].flatMap((name) => all(NS.bt, name).map((el) => el.getAttribute('id'))).filter(Boolean),
    );
    const referenced = Array.from(root.getElementsByTagName('*'))
      .map((el) => el.getAttribute('resid'))
      .filter((id): id is string => id !== null);
    expect(referenced.length).toBeGreaterThan(0);
    expect(referenced.filter((id) => !defined.has(id))).toEqual([]);
  });

  it('points its add-in icons at files in assets/ of the sizes Office expects', () => {
    for (const [element, size] of [
      ['IconUrl', 32],
      ['HighResolutionIconUrl', 64],
    ] as const) {
      const file = assetFor(child(root, NS.app, element).getAttribute('DefaultValue') ?? '');
      expect(fs.existsSync(file)).toBe(true);
      expect({ element, ...pngSize(file) }).toEqual({ element, width: size, height: size });
    }
  });

  it('points every ribbon icon at a file in assets/ of the size it is declared as', () => {
    const images = new Map(
      all(NS.bt, 'Image')
        .filter((img) => img.getAttribute('id'))
        .map((img) => [img.getAttribute('id') as string, img.getAttribute('DefaultValue') ?? '']),
    );
    const uses = all(NS.bt, 'Image').filter((img) => img.getAttribute('resid'));
    expect(new Set(uses.map((img) => img.getAttribute('size')))).toEqual(new Set(['16', '32', '80']));
    for (const use of uses) {
      const size = Number(use.getAttribute('size'));
      const file = assetFor(images.get(use.getAttribute('resid') ?? '') ?? '');
      expect(fs.existsSync(file)).toBe(true);
      expect({ file: path.basename(file), ...pngSize(file) }).toEqual({
        file: path.basename(file),
        width: size,
        height: size,
      });
    }
  });
});
