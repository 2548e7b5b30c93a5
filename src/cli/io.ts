/**
 * What the command line needs from the outside world, passed in so `main` runs in-process in tests exactly as it
 * runs under `node bin/supply-plan.js`. Text is written as given: callers end their lines with "\n".
 */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The whole of standard input, for `evaluate -`. */
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
  /** Relative file names are resolved against this directory. */
  cwd: string;
}

/**
 * The largest plan file (JSON) the command line reads: about 90,000 lines of 10 years. Bigger is refused before it
 * is read (docs/limits.md).
 */
export const PLAN_FILE_MAX_BYTES = 32 * 1024 * 1024;
