#!/usr/bin/env node
'use strict';
/*
 * The `supply-plan` command: wires the real process (argv, stdout, stderr, stdin, env, cwd) to main() from the
 * build in dist/ (`npm run build`), and sets the exit code main returns.
 */

function loadCli() {
  try {
    return require('../dist/cli/main.js');
  } catch (e) {
    process.stderr.write(
      'supply-plan: the build is missing or broken (dist/cli/main.js): run `npm run build` first\n' +
        (process.env.SUPPLY_PLAN_DEBUG === '1' && e && e.stack ? `${e.stack}\n` : ''),
    );
    return null;
  }
}

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function start() {
  const cli = loadCli();
  if (!cli) {
    process.exitCode = 3;
    return;
  }
  // `supply-plan evaluate plan.json | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode === undefined ? 0 : process.exitCode);
    throw e;
  });
  const io = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin,
    env: process.env,
    cwd: process.cwd(),
  };
  cli.main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      // main() catches everything itself; this is the last line of defence.
      process.stderr.write(`supply-plan: internal error: ${e && e.message ? e.message : e}\n`);
      process.exitCode = 3;
    },
  );
}

start();
