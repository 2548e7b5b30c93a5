/**
 * No personal data in what the tool writes: the document properties of a workbook it makes or checks name the tool
 * (never the OS user, the host or a folder), nothing from the environment reaches any part of the file or the
 * exported plan, and a planner's file that carries custom properties, custom XML or an e-mail address as
 * "last modified by" comes out without them (its author, the planner's own entry, is kept).
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { TOOL_NAME } from '../../src/version';
import { corpusPlan } from './corpus';
import { removeTmpDirs, tmpDir, xlsxParts } from './helpers';

jest.setTimeout(60_000);

const CANARY = 'canary-7f3a';

/** The CLI in-process with an environment and a folder full of canaries. */
async function run(cwd: string, ...argv: string[]): Promise<number> {
  const io: CliIO = {
    stdout: () => undefined,
    stderr: () => undefined,
    readStdin: async () => '',
    env: { USER: `${CANARY}-user`, LOGNAME: `${CANARY}-user`, USERNAME: `${CANARY}-user`, HOME: `/home/${CANARY}-user`, HOSTNAME: `${CANARY}-host`, LANG: 'ja_JP.UTF-8' },
    cwd,
  };
  return main(argv, io);
}

let dir: string;
beforeAll(async () => {
  dir = path.join(await tmpDir(), `${CANARY}-folder`);
  await fs.mkdir(dir);
  await fs.writeFile(path.join(dir, 'plan.json'), JSON.stringify(corpusPlan()));
});
afterAll(removeTmpDirs);

/** Strings that would identify the person or the machine, where they are distinctive enough to search for. */
function personal(): string[] {
  const out = [CANARY, dir, os.homedir()];
  const user = os.userInfo().username;
  if (user.length >= 5) out.push(user);
  if (os.hostname().length >= 5) out.push(os.hostname());
  return out.filter((s) => s && s !== '/');
}

async function leaks(file: string): Promise<string[]> {
  const found: string[] = [];
  for (const [name, text] of await xlsxParts(file)) {
    for (const p of personal()) if (text.includes(p)) found.push(`${name}: ${p}`);
  }
  return found;
}

function prop(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
}

test('a workbook made and checked by the tool: creator and last modified by are the tool; nothing personal anywhere in the file', async () => {
  expect(await run(dir, 'template', 'plan.xlsx', '--from', 'plan.json')).toBe(0);
  expect(await run(dir, 'check', 'plan.xlsx')).toBe(1);
  expect(await run(dir, 'export', 'plan.checked.xlsx', '-o', 'back.json')).toBe(0);
  for (const file of ['plan.xlsx', 'plan.checked.xlsx']) {
    const parts = await xlsxParts(path.join(dir, file));
    const core = parts.get('docProps/core.xml') ?? '';
    expect([file, prop(core, 'dc:creator'), prop(core, 'cp:lastModifiedBy')]).toEqual([file, TOOL_NAME, TOOL_NAME]);
    expect([file, await leaks(path.join(dir, file))]).toEqual([file, []]);
    // No custom properties, custom XML or other settings parts.
    expect([...parts.keys()].filter((n) => /custom|people|person|revision|userNames/i.test(n))).toEqual([]);
    const app = parts.get('docProps/app.xml') ?? '';
    expect([prop(app, 'Company') ?? '', prop(app, 'Manager') ?? '']).toEqual(['', '']);
  }
  const back = await fs.readFile(path.join(dir, 'back.json'), 'utf8');
  for (const p of personal()) expect(back).not.toContain(p);
});

test('a planner’s file with custom properties (a sensitivity label), custom XML and an e-mail as last modified by: the checked copy keeps their properties and XML byte for byte; last modified by is the tool', async () => {
  const zip = await JSZip.loadAsync(await fs.readFile(path.join(dir, 'plan.xlsx')));
  const core = (await zip.file('docProps/core.xml')!.async('string'))
    .replace(/<dc:creator>[^<]*<\/dc:creator>/, '<dc:creator>山田 太郎</dc:creator>')
    .replace(/<cp:lastModifiedBy>[^<]*<\/cp:lastModifiedBy>/, '<cp:lastModifiedBy>taro.yamada@example.co.jp</cp:lastModifiedBy>');
  zip.file('docProps/core.xml', core);
  zip.file(
    'docProps/custom.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_Owner"><vt:lpwstr>taro.yamada@example.co.jp</vt:lpwstr></property></Properties>',
  );
  zip.file('customXml/item1.xml', '<reviewer><email>taro.yamada@example.co.jp</email></reviewer>');
  const types = (await zip.file('[Content_Types].xml')!.async('string')).replace(
    '</Types>',
    '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
  );
  zip.file('[Content_Types].xml', types);
  const rels = (await zip.file('_rels/.rels')!.async('string')).replace(
    '</Relationships>',
    '<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
  );
  zip.file('_rels/.rels', rels);
  await fs.writeFile(path.join(dir, 'planner.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

  expect(await run(dir, 'check', 'planner.xlsx')).toBe(1);
  const parts = await xlsxParts(path.join(dir, 'planner.checked.xlsx'));
  const out = parts.get('docProps/core.xml') ?? '';
  expect(prop(out, 'cp:lastModifiedBy')).toBe(TOOL_NAME);
  expect(prop(out, 'dc:creator')).toBe('山田 太郎');
  // The planner's own parts are theirs: a sensitivity label (MSIP_Label_*) dropped would reclassify the file.
  const before = await xlsxParts(path.join(dir, 'planner.xlsx'));
  for (const name of ['docProps/custom.xml', 'customXml/item1.xml']) expect([name, parts.get(name)]).toEqual([name, before.get(name)]);
  expect(parts.get('[Content_Types].xml')).toContain('/docProps/custom.xml');
  // The tool adds nothing personal of its own: the e-mail is only where the planner put it.
  const elsewhere = [...parts].filter(([name]) => !['docProps/custom.xml', 'customXml/item1.xml'].includes(name)).map(([, text]) => text);
  expect(elsewhere.join('\n')).not.toContain('taro.yamada@example.co.jp');
});
