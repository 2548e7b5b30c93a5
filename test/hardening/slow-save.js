/*
 * A `supply-plan` process whose disk stalls half-way through writing a file: the test starts it, waits for
 * "STALLED" (the temporary file holds half the workbook), then kills it, as a user pressing Ctrl-C or a machine
 * shutting down would. Usage: node slow-save.js <cwd> <supply-plan arguments…>
 */
'use strict';
require('../e2e/ts-require.js');
const fs = require('fs');

const realOpen = fs.promises.open;
fs.promises.open = async function open(file, flags, mode) {
  const handle = await realOpen.call(fs.promises, file, flags, mode);
  if (!String(file).endsWith('.tmp')) return handle;
  const realWrite = handle.writeFile.bind(handle);
  handle.writeFile = async (data) => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    await realWrite(bytes.subarray(0, Math.floor(bytes.length / 2)));
    await handle.sync();
    process.stdout.write(`STALLED ${file}\n`);
    // The disk never comes back (the timer keeps the process alive, as a pending write would).
    await new Promise(() => setInterval(() => undefined, 60_000));
  };
  return handle;
};

const { main } = require('../../src/cli/main.ts');
const [cwd, ...argv] = process.argv.slice(2);
main(argv, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readStdin: async () => '',
  env: process.env,
  cwd,
}).then((code) => {
  process.exitCode = code;
});
