/**
 * The `supply-plan` command line. `main` takes its arguments and the outside world (CliIO) as parameters and
 * returns the exit code, so tests run it in-process exactly as bin/supply-plan.js runs it.
 *
 * Exit codes: 0 the submission scenario has no error finding (nor the plan as a whole), 1 it has, 2 bad input or
 * usage, 3 internal error.
 * Language: --lang, else en when LC_ALL / LC_MESSAGES / LANG (the first one set) starts with "en", else ja — the
 * product's first language.
 */
import { promises as fs } from 'fs';
import path from 'path';
import { evaluate } from '../evaluate/evaluate';
import { toReport } from '../evaluate/report';
import { cliText } from '../i18n/cli';
import type { Lang } from '../i18n/format';
import { xlsxText } from '../i18n/xlsx';
import { parsePlanText, planJsonSchema, type InputError } from '../plan/parse';
import { isXlsxError } from '../workbook/xlsx/limits';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { UsageError, tokenize } from './args';
import { writeJson } from './json-stream';
import { PLAN_FILE_MAX_BYTES, type CliIO } from './io';
import { rulesReport } from './rules';
import { renderRulesTable, writeEvaluationTable } from './table';
import { runWorkbookCommand } from './workbook-commands';

export type { CliIO } from './io';

export const EXIT = { ok: 0, findingError: 1, badInput: 2, internal: 3 } as const;

const PROGRAM = 'supply-plan';
const LANG_VALUES = ['ja', 'en'] as const;
const FORMAT_VALUES = ['json', 'table'] as const;
type Format = (typeof FORMAT_VALUES)[number];

const OWN_COMMANDS = ['evaluate', 'rules', 'schema'] as const;
const WORKBOOK_COMMANDS = ['template', 'check', 'export', 'submit'] as const;
type OwnCommand = (typeof OWN_COMMANDS)[number];
type WorkbookCommand = (typeof WORKBOOK_COMMANDS)[number];

/** Options that take a value, so the value is not mistaken for the command. */
const VALUE_OPTIONS = new Set(['--lang', '--format']);

/** The options each command accepts, besides --help and --version. */
const COMMAND_OPTIONS: Record<OwnCommand | 'none', readonly string[]> = {
  evaluate: ['--lang', '--format'],
  rules: ['--lang', '--format'],
  schema: ['--lang'],
  none: ['--lang'],
};

/** A mistake in the command line: reported with the usage, exit 2. */

/** The language when --lang is not given: the first of LC_ALL, LC_MESSAGES, LANG that is set decides. */
export function defaultLang(env: Record<string, string | undefined>): Lang {
  for (const key of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[key];
    if (v) return /^en/i.test(v) ? 'en' : 'ja';
  }
  return 'ja';
}

interface ParsedArgs {
  lang?: Lang;
  format?: Format;
  help: boolean;
  version: boolean;
  positionals: string[];
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[], lang: Lang): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(cliText(lang).badValue(option, value, allowed));
}

/** Parse options (`--lang en`, `--lang=en`, `-h`) and positionals; "-" is a positional (standard input). */
function parseArgs(tokens: readonly string[], allowed: readonly string[], lang: Lang): ParsedArgs {
  const { help, version, positionals, options } = tokenize(tokens, allowed, cliText(lang), { versionFlag: true });
  const out: ParsedArgs = { help, version, positionals };
  for (const [name, value] of options) {
    if (name === '--lang') out.lang = oneOf(name, value, LANG_VALUES, lang);
    else if (name === '--format') out.format = oneOf(name, value, FORMAT_VALUES, lang);
  }
  return out;
}

/** The index of the command word: the first token that is neither an option nor an option's value. */
function commandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-') && a !== '-') continue;
    return i;
  }
  return -1;
}

/** --lang as written anywhere (even if the rest is wrong), so errors speak the language asked for. */
function requestedLang(argv: readonly string[], env: Record<string, string | undefined>): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (value === 'ja' || value === 'en') return value;
  }
  return defaultLang(env);
}

function usage(lang: Lang): string {
  return cliText(lang).usage({ name: TOOL_NAME, version: TOOL_VERSION });
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Terminal width for wrapping year columns, from COLUMNS when it is set to something sensible. */
function tableWidth(env: Record<string, string | undefined>): number | undefined {
  const n = Number(env.COLUMNS);
  return Number.isInteger(n) && n >= 40 ? n : undefined;
}

/** A plan file over this many problems lists the first ones and says how many more there are. */
export const SHOWN_PROBLEMS = 50;

/** The problems of a plan file, one per line ("  lines[0].use: …"), at most SHOWN_PROBLEMS of them. */
export function problemLines(errors: readonly InputError[], lang: Lang): string {
  const shown = errors.slice(0, SHOWN_PROBLEMS).map((e) => `  ${e.path}: ${e.message}`);
  if (errors.length > SHOWN_PROBLEMS) shown.push(`  ${cliText(lang).moreProblems(errors.length - SHOWN_PROBLEMS)}`);
  return shown.join('\n');
}

function describeReadError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'no such file';
  if (err?.code === 'EISDIR') return 'is a directory';
  if (err?.code === 'EACCES') return 'permission denied';
  return err?.message ?? String(e);
}

async function runEvaluate(args: ParsedArgs, lang: Lang, io: CliIO): Promise<number> {
  const t = cliText(lang);
  if (args.positionals.length === 0) throw new UsageError(t.missingFile);
  if (args.positionals.length > 1) throw new UsageError(t.tooManyArguments(args.positionals[1]));
  const file = args.positionals[0];
  const name = file === '-' ? (lang === 'ja' ? '標準入力' : 'standard input') : file;
  let text: string;
  try {
    if (file !== '-') {
      // Refused before it is read: a plan file this big is not a plan (limits: docs/limits.md).
      const stat = await fs.stat(path.resolve(io.cwd, file));
      if (stat.isFile() && stat.size > PLAN_FILE_MAX_BYTES) {
        io.stderr(`${PROGRAM}: ${xlsxText.fileTooLarge(name, stat.size, PLAN_FILE_MAX_BYTES)[lang]}\n`);
        return EXIT.badInput;
      }
    }
    text = file === '-' ? await io.readStdin() : await fs.readFile(path.resolve(io.cwd, file), 'utf8');
  } catch (e) {
    io.stderr(`${PROGRAM}: ${t.cannotRead(name, describeReadError(e))}\n`);
    return EXIT.badInput;
  }
  if (text.length > PLAN_FILE_MAX_BYTES) {
    io.stderr(`${PROGRAM}: ${xlsxText.fileTooLarge(name, text.length, PLAN_FILE_MAX_BYTES)[lang]}\n`);
    return EXIT.badInput;
  }
  const parsed = parsePlanText(text);
  if (!parsed.ok) {
    io.stderr(`${PROGRAM}: ${t.badInput(name, parsed.errors.length)}\n${problemLines(parsed.errors, lang)}\n`);
    return EXIT.badInput;
  }
  const evaluation = evaluate(parsed.plan, { legacy: parsed.legacy });
  if ((args.format ?? 'json') === 'table') writeEvaluationTable(evaluation, lang, { width: tableWidth(io.env) }, (text) => io.stdout(text));
  // Written in pieces: the report of a large plan is hundreds of megabytes of JSON (see json-stream.ts).
  else writeJson(toReport(evaluation, lang), (text) => io.stdout(text));
  // The plan's verdict is the submission scenario's (with the findings that belong to no scenario): another
  // scenario falling short does not fail the plan (policy-rules.md §6).
  return evaluation.verdict === 'ineligible' ? EXIT.findingError : EXIT.ok;
}

function runRules(args: ParsedArgs, lang: Lang, io: CliIO): number {
  if (args.positionals.length > 0) throw new UsageError(cliText(lang).tooManyArguments(args.positionals[0]));
  io.stdout((args.format ?? 'json') === 'table' ? renderRulesTable(lang) : json(rulesReport(lang)));
  return EXIT.ok;
}

/** The plan format's JSON Schema, exactly as committed in schema/supply-plan-2.schema.json. */
export function schemaText(): string {
  return json(planJsonSchema());
}

function runSchema(args: ParsedArgs, lang: Lang, io: CliIO): number {
  if (args.positionals.length > 0) throw new UsageError(cliText(lang).tooManyArguments(args.positionals[0]));
  io.stdout(schemaText());
  return EXIT.ok;
}

async function dispatch(argv: readonly string[], lang: Lang, io: CliIO): Promise<number> {
  const at = commandIndex(argv);
  const command = at >= 0 ? argv[at] : undefined;
  const rest = at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 1)] : [...argv];

  if (command !== undefined && (WORKBOOK_COMMANDS as readonly string[]).includes(command)) {
    return runWorkbookCommand(command as WorkbookCommand, rest, io);
  }
  if (command === 'help') {
    io.stdout(usage(lang));
    return EXIT.ok;
  }
  if (command !== undefined && !(OWN_COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(cliText(lang).unknownCommand(command));
  }

  const args = parseArgs(rest, COMMAND_OPTIONS[(command as OwnCommand | undefined) ?? 'none'], lang);
  const language = args.lang ?? lang;
  if (args.help) {
    io.stdout(usage(language));
    return EXIT.ok;
  }
  if (args.version) {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  switch (command as OwnCommand | undefined) {
    case 'evaluate':
      return runEvaluate(args, language, io);
    case 'rules':
      return runRules(args, language, io);
    case 'schema':
      return runSchema(args, language, io);
    default:
      // No command at all: show how to use the tool, on stderr, as a usage error.
      io.stderr(usage(language));
      return EXIT.badInput;
  }
}

/** Run the command line. Never throws: usage errors exit 2, unexpected errors 3 (stack only with SUPPLY_PLAN_DEBUG=1). */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const lang = requestedLang(argv, io.env);
  try {
    return await dispatch(argv, lang, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${PROGRAM}: ${e.message}\n\n${usage(lang)}`);
      return EXIT.badInput;
    }
    // A workbook that cannot be read or is over a limit (src/workbook/xlsx/limits.ts) is bad input, not a bug.
    if (isXlsxError(e)) {
      io.stderr(`${PROGRAM}: ${e.messages[lang]}\n`);
      return EXIT.badInput;
    }
    const t = cliText(lang);
    const message = e instanceof Error ? e.message : String(e);
    const debug = io.env.SUPPLY_PLAN_DEBUG === '1';
    io.stderr(`${PROGRAM}: ${t.internalError(message.split('\n')[0])}\n`);
    io.stderr(debug && e instanceof Error && e.stack ? `${e.stack}\n` : `${t.debugHint}\n`);
    return EXIT.internal;
  }
}
