/** Run the command line in-process, as bin/supply-plan.js runs it, capturing what it prints. */
import path from 'path';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';

export const ROOT = path.resolve(__dirname, '../..');
export const SAMPLE = 'examples/sample-plan.json';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(argv: string[], options: { stdin?: string; env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => {
      if (options.stdin === undefined) throw new Error('no stdin in this test');
      return options.stdin;
    },
    env: options.env ?? { LANG: 'ja_JP.UTF-8' },
    cwd: options.cwd ?? ROOT,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
