/**
 * The workbook commands:
 *   supply-plan template OUT.xlsx [--lang ja|en] [--from plan.json]
 *   supply-plan template --into BOOK.xlsx -o OUT.xlsx [--lang ja|en] [--from plan.json]
 *   supply-plan check IN.xlsx [-o OUT.xlsx] [--lang ja|en] [--format table|json]
 *   supply-plan export IN.xlsx [-o plan.json]
 *   supply-plan submit IN.xlsx [-o OUT.xlsx] [--pdf OUT.pdf] [--lang ja|en]
 *
 * Exit codes as `evaluate`: 0 no error finding, 1 error findings (bad cells are input.invalid errors), 2 bad input or
 * usage (a file that is not an .xlsx, a workbook without a plan sheet, a plan file that does not parse), 3 internal.
 * `check` never writes its input: the result goes to IN.checked.xlsx or -o, atomically. A workbook the planner brought
 * (check, template --into) is written as a patch over their file: what the tool does not own keeps its bytes, and a
 * macro workbook stays an .xlsm (an output name that says otherwise is refused).
 */
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import path from 'path';
import { toReport } from '../evaluate/report';
import type { Evaluation, Finding } from '../evaluate/types';
import type { Lang } from '../i18n/format';
import { SHEET_NAMES, workbookCliText, type WorkbookCliTexts } from '../i18n/workbook';
import { parsePlan, parsePlanText } from '../plan/parse';
import { TOOL_VERSION } from '../version';
import { columnLetters } from '../workbook/a1';
import { NotAPlanWorkbookError, checkWorkbook, createPlanWorkbook, readPlan, writeSubmissionCopy, type ReadPlanResult } from '../workbook/layout';
import { createWorkbook, isXlsxError, loadWorkbook, packageKind, saveWorkbook, writeFileAtomic, type PackageKind, type ReadOptions } from '../workbook/xlsx/io';
import { XlsxPort } from '../workbook/xlsx/xlsx-port';
import { xlsxText } from '../i18n/xlsx';
import { UsageError, tokenize } from './args';
import { PLAN_FILE_MAX_BYTES, type CliIO } from './io';
import { writeEvaluationTable } from './table';

const PROGRAM = 'supply-plan';
const LANGS = ['ja', 'en'] as const;
const FORMATS = ['table', 'json'] as const;

export type WorkbookCommandName = 'template' | 'check' | 'export' | 'submit';

const OPTIONS: Record<WorkbookCommandName, readonly string[]> = {
  template: ['--lang', '--from', '--into', '-o', '--output'],
  check: ['--lang', '-o', '--output', '--format'],
  export: ['--lang', '-o', '--output'],
  submit: ['--lang', '-o', '--output', '--pdf'],
};

/** Bad input: reported as is, exit 2. */
class InputError extends Error {}

interface Args {
  lang?: Lang;
  from?: string;
  into?: string;
  output?: string;
  pdf?: string;
  format?: (typeof FORMATS)[number];
  help: boolean;
  files: string[];
}

function envLang(env: Record<string, string | undefined>): Lang {
  for (const key of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[key];
    if (v) return /^en/i.test(v) ? 'en' : 'ja';
  }
  return 'ja';
}

function requestedLang(args: readonly string[], env: Record<string, string | undefined>): Lang {
  for (let i = 0; i < args.length; i++) {
    const v = args[i] === '--lang' ? args[i + 1] : args[i].startsWith('--lang=') ? args[i].slice(7) : undefined;
    if (v === 'ja' || v === 'en') return v;
  }
  return envLang(env);
}

function parseArgs(tokens: readonly string[], allowed: readonly string[], t: WorkbookCliTexts): Args {
  const { help, positionals, options } = tokenize(tokens, allowed, t, { versionFlag: false });
  const out: Args = { help, files: positionals };
  for (const [name, value] of options) {
    if (name === '--lang') {
      if (!(LANGS as readonly string[]).includes(value)) throw new UsageError(t.badValue(name, value, LANGS));
      out.lang = value as Lang;
    } else if (name === '--format') {
      if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(t.badValue(name, value, FORMATS));
      out.format = value as Args['format'];
    } else if (name === '--from') out.from = value;
    else if (name === '--into') out.into = value;
    else if (name === '--pdf') out.pdf = value;
    else out.output = value;
  }
  return out;
}

function oneFile(args: Args, t: WorkbookCliTexts): string {
  if (args.files.length === 0) throw new UsageError(t.missingFile);
  if (args.files.length > 1) throw new UsageError(t.tooManyArguments(args.files[1]));
  return args.files[0];
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** Write text atomically: a temporary file beside the target, renamed over it (see writeFileAtomic). */
async function writeTextAtomic(file: string, text: string): Promise<void> {
  await writeFileAtomic(file, text);
}

/**
 * The sheets a check rewrites whole (cleared, then written) and reads only to learn that they exist: loaded without
 * their cells, which is most of the load of a large plan's workbook (see stub-sheets.ts).
 */
export const CHECK_REWRITES_WHOLE: readonly string[] = (['results', 'summary', 'comparison'] as const).flatMap((k) => [SHEET_NAMES.ja[k], SHEET_NAMES.en[k]]);

async function load(file: string, shown: string, t: WorkbookCliTexts, lang: Lang, options: ReadOptions = {}) {
  try {
    return await loadWorkbook(file, undefined, options);
  } catch (e) {
    // Not a workbook, or over a size limit: the reader says why in both languages.
    if (isXlsxError(e)) {
      const m = e.messages[lang];
      throw new InputError(m.includes(file) ? m.split(file).join(shown) : m.split(path.basename(file)).join(shown));
    }
    // loadWorkbook says plainly what is wrong ("not an .xlsx workbook: …", "cannot read …: no such file").
    const message = e instanceof Error ? e.message : String(e);
    throw new InputError(message.startsWith('cannot read') || message.startsWith('not an .xlsx') ? message.replace(file, shown) : t.cannotRead(shown, message));
  }
}

/** Bad cells listed with their addresses, one per line. */
function cellList(findings: readonly Finding[], lang: Lang): string {
  return findings.map((f) => `  ${f.messages[lang]}\n`).join('');
}

/** A copy of the evaluation whose finding paths are workbook cells where the finding has one. */
function withCells(evaluation: Evaluation, read: ReadPlanResult): Evaluation {
  return {
    ...evaluation,
    findings: evaluation.findings.map((f) => {
      const cell = read.locate(f);
      return cell && !f.path.includes('!') ? { ...f, path: `${cell.sheet}!${cell.address}` } : f;
    }),
  };
}

/** Spreadsheet extensions an output name can carry, and the one a workbook of each kind must have. */
const SPREADSHEET_EXT = /\.(xlsx|xlsm|xltx|xltm|xlsb|xls|ods|csv)$/i;
const EXT_OF: Record<PackageKind, string> = { xlsx: '.xlsx', xlsm: '.xlsm' };

/** An output named as another format than the workbook is: refused before anything is written. */
function checkExtension(output: string, kind: PackageKind, t: WorkbookCliTexts): void {
  const ext = SPREADSHEET_EXT.exec(output)?.[0].toLowerCase();
  if (ext && ext !== EXT_OF[kind]) throw new InputError(t.wrongExtension(output, kind));
}

async function runTemplate(args: Args, lang: Lang, io: CliIO, t: WorkbookCliTexts): Promise<number> {
  if (args.output && args.files.length) throw new UsageError(t.tooManyArguments(args.files[0]));
  const out = args.output ?? oneFile(args, t);
  const target = path.resolve(io.cwd, out);
  if (args.into && (await sameFile(path.resolve(io.cwd, args.into), target))) throw new InputError(t.sameFile(args.into));
  if (await exists(target)) throw new InputError(t.exists(out));
  let plan;
  if (args.from) {
    let text: string;
    try {
      const stat = await fs.stat(path.resolve(io.cwd, args.from));
      if (stat.isFile() && stat.size > PLAN_FILE_MAX_BYTES) throw new InputError(xlsxText.fileTooLarge(args.from, stat.size, PLAN_FILE_MAX_BYTES)[lang]);
      text = await fs.readFile(path.resolve(io.cwd, args.from), 'utf8');
    } catch (e) {
      if (e instanceof InputError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(t.cannotRead(args.from, code === 'ENOENT' ? (lang === 'ja' ? 'ファイルがありません' : 'no such file') : String(code ?? e)));
    }
    const parsed = parsePlanText(text);
    if (!parsed.ok) {
      throw new InputError(`${t.badPlan(args.from, parsed.errors.length)}\n${parsed.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
    }
    plan = parsed.plan;
  }
  // --into: the planner's workbook, with the plan sheets it lacks added (saved as a patch over it).
  const workbook = args.into ? await load(path.resolve(io.cwd, args.into), args.into, t, lang) : createWorkbook();
  checkExtension(out, packageKind(workbook), t);
  await createPlanWorkbook(new XlsxPort(workbook), { lang, plan });
  await saveWorkbook(workbook, target);
  io.stdout(`${t.wrote(out)}\n`);
  return 0;
}

/** IN.checked.xlsx (IN.checked.xlsm for a macro workbook, whatever the input was named). */
function checkedName(input: string, kind: PackageKind): string {
  const ext = path.extname(input);
  if (!ext) return `${input}.checked${EXT_OF[kind]}`;
  return `${input.slice(0, -ext.length)}.checked${SPREADSHEET_EXT.test(ext) ? EXT_OF[kind] : ext}`;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [x, y] = await Promise.all([fs.realpath(a), fs.realpath(b)]);
    return x === y;
  } catch {
    return false;
  }
}

async function runCheck(args: Args, lang: Lang, io: CliIO, t: WorkbookCliTexts): Promise<number> {
  const input = oneFile(args, t);
  const inPath = path.resolve(io.cwd, input);
  if (args.output && (await sameFile(inPath, path.resolve(io.cwd, args.output)))) throw new InputError(t.sameFile(input));
  const workbook = await load(inPath, input, t, lang, { rewriteWhole: CHECK_REWRITES_WHOLE });
  const kind = packageKind(workbook);
  const output = args.output ?? checkedName(input, kind);
  const outPath = path.resolve(io.cwd, output);
  if (await sameFile(inPath, outPath)) throw new InputError(t.sameFile(input));
  checkExtension(output, kind, t);
  // The results and summary are rendered straight from the write ops at the save (XlsxPortOptions.direct).
  const port = new XlsxPort(workbook, undefined, { direct: true });
  let result;
  try {
    result = await checkWorkbook(port, { lang: args.lang, evaluatedAt: new Date(), version: TOOL_VERSION });
  } catch (e) {
    if (e instanceof NotAPlanWorkbookError) throw new InputError(`${input}: ${e.message}`);
    throw e;
  }
  // Nothing reads the workbook after its save: the save lets go of the plan's cells before it renders.
  await saveWorkbook(workbook, outPath, { release: true });
  const { read, evaluation } = result;
  const shown = withCells(evaluation, read);
  if ((args.format ?? 'table') === 'json') io.stdout(JSON.stringify(toReport(shown, lang), null, 2) + '\n');
  else writeEvaluationTable(shown, lang, { width: tableWidth(io.env) }, (text) => io.stdout(text));
  if (read.inputFindings.length) io.stderr(`${PROGRAM}: ${t.badCells(input, read.inputFindings.length)}\n${cellList(read.inputFindings, lang)}`);
  io.stderr(`${PROGRAM}: ${t.wrote(output)}\n`);
  // As `evaluate`: the plan's verdict is the submission scenario's; another scenario falling short does not fail it.
  return evaluation.verdict === 'ineligible' ? 1 : 0;
}

function tableWidth(env: Record<string, string | undefined>): number | undefined {
  const n = Number(env.COLUMNS);
  return Number.isInteger(n) && n >= 40 ? n : undefined;
}

async function runExport(args: Args, lang: Lang, io: CliIO, t: WorkbookCliTexts): Promise<number> {
  const input = oneFile(args, t);
  const inPath = path.resolve(io.cwd, input);
  if (args.output && (await sameFile(inPath, path.resolve(io.cwd, args.output)))) throw new InputError(t.sameFile(input));
  const workbook = await load(inPath, input, t, lang);
  const read = await readPlan(new XlsxPort(workbook));
  if (!read.hasPlan) throw new InputError(`${input}: ${new NotAPlanWorkbookError(lang).message}`);
  if (read.inputFindings.length) throw new InputError(`${t.badCells(input, read.inputFindings.length)}\n${cellList(read.inputFindings, lang).trimEnd()}`);
  if (!read.plan.activities?.length) {
    const table = read.activityLayout.tables.activities;
    const cells = table
      ? [`${read.sheets.activity}!${columnLetters(table.cols.kind ?? 1)}${table.header + 1}`]
      : (['kind', 'start', 'end'] as const).map((k) => read.activityLayout.fields[k]).filter(Boolean).map((c) => `${read.sheets.activity}!${columnLetters(c!.col)}${c!.row}`);
    throw new InputError(`${t.noActivity(input)}${cells.length ? `\n${cells.map((c) => `  ${c}`).join('\n')}` : ''}`);
  }
  const parsed = parsePlan(read.plan);
  if (!parsed.ok) throw new InputError(`${t.notValid(input, parsed.errors.length)}\n${parsed.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
  const text = JSON.stringify(parsed.plan, null, 2) + '\n';
  if (args.output) {
    await writeTextAtomic(path.resolve(io.cwd, args.output), text);
    io.stderr(`${PROGRAM}: ${t.wrote(args.output)}\n`);
  } else {
    io.stdout(text);
  }
  return 0;
}

/** Where LibreOffice is: $SOFFICE, then soffice on the PATH, then the usual install places; null when nowhere. */
async function findSoffice(env: Record<string, string | undefined>): Promise<string | null> {
  const candidates = [
    env.SOFFICE,
    ...(env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, 'soffice')),
    '/usr/bin/soffice',
    '/usr/local/bin/soffice',
    '/opt/libreoffice/program/soffice',
    '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  ];
  for (const c of candidates) if (c && (await exists(c))) return c;
  return null;
}

/** An .xlsx printed to PDF by LibreOffice, with a profile of its own (a running LibreOffice does not get in the way). */
async function printPdf(soffice: string, xlsx: string, pdf: string): Promise<void> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'supply-plan-pdf-'));
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(
        soffice,
        [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, xlsx],
        { timeout: 120_000 },
        (err, _out, stderr) => (err ? reject(new Error(String(stderr || err.message).trim())) : resolve()),
      ),
    );
    const made = path.join(work, `${path.basename(xlsx, path.extname(xlsx))}.pdf`);
    await writeFileAtomic(pdf, await fs.readFile(made));
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

async function runSubmit(args: Args, lang: Lang, io: CliIO, t: WorkbookCliTexts): Promise<number> {
  const input = oneFile(args, t);
  const inPath = path.resolve(io.cwd, input);
  const ext = path.extname(input);
  const output = args.output ?? (ext ? `${input.slice(0, -ext.length)}.submission${ext}` : `${input}.submission.xlsx`);
  const outPath = path.resolve(io.cwd, output);
  if (await sameFile(inPath, outPath)) throw new InputError(t.sameFile(input));
  const workbook = await load(inPath, input, t, lang);
  const port = new XlsxPort(workbook);
  let result;
  const evaluatedAt = new Date();
  try {
    // The check runs on the copy in memory: the input file is never written.
    result = await checkWorkbook(port, { lang: args.lang, evaluatedAt, version: TOOL_VERSION });
  } catch (e) {
    if (e instanceof NotAPlanWorkbookError) throw new InputError(`${input}: ${e.message}`);
    throw e;
  }
  const { read, evaluation } = result;
  const outLang = args.lang ?? read.lang;
  const copy = createWorkbook();
  await writeSubmissionCopy(port, new XlsxPort(copy), read, evaluation, { lang: outLang, evaluatedAt, version: TOOL_VERSION, withResults: true });
  await saveWorkbook(copy, outPath);
  io.stderr(`${PROGRAM}: ${t.wrote(output)}\n`);
  if (args.pdf) {
    const soffice = await findSoffice(io.env);
    if (!soffice) {
      io.stderr(`${PROGRAM} submit: ${t.noSoffice(args.pdf)}\n`);
      return 2;
    }
    // The PDF is the reviewer's pages only: the summary, the scenario comparison (when written) and the plan (the
    // results sheet, with its codes, is not printed).
    const pages = createWorkbook();
    await writeSubmissionCopy(port, new XlsxPort(pages), read, evaluation, { lang: outLang, evaluatedAt, version: TOOL_VERSION, withResults: false });
    const work = await fs.mkdtemp(path.join(os.tmpdir(), 'supply-plan-submit-'));
    try {
      const xlsx = path.join(work, 'submission.xlsx');
      await saveWorkbook(pages, xlsx);
      await printPdf(soffice, xlsx, path.resolve(io.cwd, args.pdf));
    } catch (e) {
      throw new InputError(t.pdfFailed(args.pdf, e instanceof Error ? e.message : String(e)));
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
    io.stderr(`${PROGRAM}: ${t.wrote(args.pdf)}\n`);
  }
  return evaluation.verdict === 'ineligible' ? 1 : 0;
}

export async function runWorkbookCommand(command: WorkbookCommandName, args: string[], io: CliIO): Promise<number> {
  const t0 = workbookCliText(requestedLang(args, io.env));
  let lang: Lang = requestedLang(args, io.env);
  try {
    const parsed = parseArgs(args, OPTIONS[command], t0);
    lang = parsed.lang ?? lang;
    const t = workbookCliText(lang);
    if (parsed.help) {
      io.stdout(t.usage);
      return 0;
    }
    if (command === 'template') return await runTemplate(parsed, lang, io, t);
    if (command === 'check') return await runCheck(parsed, lang, io, t);
    if (command === 'submit') return await runSubmit(parsed, lang, io, t);
    return await runExport(parsed, lang, io, t);
  } catch (e) {
    const t = workbookCliText(lang);
    if (e instanceof UsageError) {
      io.stderr(`${PROGRAM} ${command}: ${e.message}\n\n${t.usage}`);
      return 2;
    }
    if (e instanceof InputError) {
      io.stderr(`${PROGRAM} ${command}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
