/** Command-line tokens as both the engine commands and the workbook commands read them. */

/** Wrong words on the command line: printed with the usage, exit 2. */
export class UsageError extends Error {}

export interface Tokens {
  help: boolean;
  version: boolean;
  /** Files and other words, in order; "-" (standard input) is one of them, and everything after "--". */
  positionals: string[];
  /** Options with a value, in order: `--lang en` and `--lang=en` alike. */
  options: Array<[name: string, value: string]>;
}

/** Split `--lang en`, `--lang=en`, `-h` and positionals; an option not in `allowed` is a usage error. */
export function tokenize(
  tokens: readonly string[],
  allowed: readonly string[],
  t: { unknownOption(option: string): string; missingValue(option: string): string },
  opts: { versionFlag: boolean },
): Tokens {
  const out: Tokens = { help: false, version: false, positionals: [], options: [] };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '--') {
      out.positionals.push(...tokens.slice(i + 1));
      break;
    }
    if (token === '-' || !token.startsWith('-')) {
      out.positionals.push(token);
      continue;
    }
    if (token === '-h' || token === '--help') {
      out.help = true;
      continue;
    }
    if (opts.versionFlag && (token === '-V' || token === '-v' || token === '--version')) {
      out.version = true;
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : token;
    if (!allowed.includes(name)) throw new UsageError(t.unknownOption(token));
    let value: string;
    if (eq > 0) value = token.slice(eq + 1);
    else if (i + 1 < tokens.length) value = tokens[++i];
    else throw new UsageError(t.missingValue(name));
    out.options.push([name, value]);
  }
  return out;
}
