#!/usr/bin/env node
/*
 * Makes sure the development HTTPS certificates exist before `npm run dev-server` starts.
 *
 * Office only loads a task pane from a trusted https origin, so the dev server uses the certificates that
 * office-addin-dev-certs keeps in ~/.office-addin-dev-certs (localhost.crt, localhost.key, ca.crt). When they are
 * missing or expired this runs `office-addin-dev-certs install`, which also asks the OS to trust the CA. Trusting
 * needs admin rights and a desktop trust store, which containers and CI do not have: that failure is only a
 * warning, because the server still works with `curl -k` and in a browser after accepting the warning.
 */
'use strict';

const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const CERT_DIR = path.join(os.homedir(), '.office-addin-dev-certs');
const FILES = {
  ca: path.join(CERT_DIR, 'ca.crt'),
  cert: path.join(CERT_DIR, 'localhost.crt'),
  key: path.join(CERT_DIR, 'localhost.key'),
};

/** Why the certificates cannot be used as they are, or null when they can. */
function problem() {
  const missing = Object.values(FILES).filter((file) => !fs.existsSync(file));
  if (missing.length > 0) return `missing ${missing.map((f) => path.basename(f)).join(', ')}`;
  try {
    const cert = new crypto.X509Certificate(fs.readFileSync(FILES.cert));
    // A day of margin, so a long-running dev server does not cross the expiry.
    if (Date.parse(cert.validTo) - Date.now() < 24 * 60 * 60 * 1000) return `localhost.crt expires ${cert.validTo}`;
  } catch (error) {
    return `localhost.crt is unreadable (${error.message})`;
  }
  return null;
}

function runInstall() {
  const bin = path.resolve(__dirname, '..', 'node_modules', '.bin', 'office-addin-dev-certs');
  const command = fs.existsSync(bin) || fs.existsSync(`${bin}.cmd`) ? bin : 'npx';
  const args = command === 'npx' ? ['--no-install', 'office-addin-dev-certs', 'install'] : ['install'];
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}

async function generateOnly() {
  // The same generator `install` uses, without the trust step.
  const { generateCertificates } = require('office-addin-dev-certs');
  await generateCertificates(FILES.ca, FILES.cert, FILES.key);
}

async function main() {
  const before = problem();
  if (before === null) {
    console.log(`dev certificates: ${CERT_DIR}`);
    return;
  }
  console.log(`dev certificates: ${before}; running office-addin-dev-certs install`);
  const installed = runInstall();
  if (!installed) {
    console.warn('dev certificates: could not install or trust the CA (normal in containers and CI).');
    if (problem() !== null) {
      // `install` stops before writing when its trust check fails; write the files ourselves.
      fs.rmSync(CERT_DIR, { recursive: true, force: true });
      await generateOnly();
    }
    console.warn(
      'dev certificates: the CA is not trusted here; Office will not load the pane until it is.\n' +
        `  Trust ${FILES.ca} by hand or run "npx office-addin-dev-certs install" as a user who can (see docs/sideload.md).`,
    );
  }
  const after = problem();
  if (after !== null) {
    console.error(`dev certificates: still unusable: ${after}`);
    process.exit(1);
  }
  console.log(`dev certificates: ${CERT_DIR}`);
}

main().catch((error) => {
  console.error(`dev certificates: ${error.message}`);
  process.exit(1);
});
