/**
 * The task pane as webpack emits it: its Content-Security-Policy must let Office.js and our bundle load and
 * nothing else. A policy that blocks Office.js leaves a blank pane in Excel; one with holes defeats its purpose.
 * The build here uses a one-line stand-in for the UI code, so it checks the page, the policy and the manifest
 * copy, not the UI.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { createRequire } from 'module';
import { JSDOM } from 'jsdom';
import webpack from 'webpack';

const ROOT = path.resolve(__dirname, '../..');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Microsoft's hosts that Office.js loads its own scripts from. */
const SCRIPT_HOSTS = ['https://appsforoffice.microsoft.com', 'https://ajax.aspnetcdn.com'];
const DEPLOYED_ORIGIN = 'https://addins.example.com';

type ConfigFactory = (env: Record<string, unknown>, argv: { mode: string }) => webpack.Configuration;
const configFactory = createRequire(__filename)(path.join(ROOT, 'webpack.config.js')) as ConfigFactory;

let workDir: string;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'supply-plan-csp-'));
  fs.writeFileSync(path.join(workDir, 'stub.js'), "document.getElementById('root').textContent = 'ok';\n");
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

function outDir(mode: string): string {
  return path.join(workDir, mode);
}

async function buildTaskpane(mode: 'production' | 'development'): Promise<Document> {
  const config = configFactory({}, { mode });
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    webpack(
      {
        ...config,
        entry: { taskpane: path.join(workDir, 'stub.js') },
        output: { ...config.output, path: outDir(mode) },
        devtool: false,
      },
      (error, result) => (error || !result ? reject(error ?? new Error('no stats')) : resolve(result)),
    );
  });
  expect(stats.toJson({ all: false, errors: true }).errors ?? []).toEqual([]);
  const html = fs.readFileSync(path.join(outDir(mode), 'taskpane.html'), 'utf8');
  return new JSDOM(html).window.document;
}

function policyOf(doc: Document): Map<string, string[]> {
  const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const content = meta?.getAttribute('content') ?? '';
  return new Map(
    content
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

function scriptSources(doc: Document): string[] {
  return Array.from(doc.querySelectorAll('script')).map((s) => s.getAttribute('src') ?? '(inline)');
}

describe('task pane page (production build)', () => {
  let doc: Document;
  let policy: Map<string, string[]>;

  beforeAll(async () => {
    process.env.ADDIN_ORIGIN = DEPLOYED_ORIGIN;
    try {
      doc = await buildTaskpane('production');
    } finally {
      delete process.env.ADDIN_ORIGIN;
    }
    policy = policyOf(doc);
  }, 120_000);

  it('ships a manifest that points at the deployment origin, not at the developer’s machine', () => {
    const source = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const built = fs.readFileSync(path.join(outDir('production'), 'manifest.xml'), 'utf8');
    expect(built).not.toContain('localhost');
    expect(built.split(DEPLOYED_ORIGIN).length).toBe(source.split('https://localhost:3000').length);
  });

  it('declares its policy before any script, so it governs everything Office.js loads', () => {
    const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(meta).not.toBeNull();
    for (const script of Array.from(doc.querySelectorAll('script'))) {
      expect(meta!.compareDocumentPosition(script) & doc.defaultView!.Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
  });

  it('loads Office.js from Microsoft’s CDN as a plain script, before the add-in’s own code', () => {
    const scripts = Array.from(doc.querySelectorAll('script'));
    expect(scripts[0].getAttribute('src')).toBe(OFFICE_JS);
    expect(scripts[0].hasAttribute('async') || scripts[0].hasAttribute('defer')).toBe(false);
    expect(scripts.length).toBeGreaterThan(1);
  });

  it('allows scripts only from itself and Microsoft’s Office.js hosts, never inline or eval', () => {
    const sources = policy.get('script-src') ?? [];
    expect(sources).toContain("'self'");
    for (const source of sources) {
      expect([...SCRIPT_HOSTS, "'self'"]).toContain(source);
    }
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
  });

  it('permits every script the page actually loads, and the page has no inline script', () => {
    const allowed = policy.get('script-src') ?? [];
    for (const src of scriptSources(doc)) {
      expect(src).not.toBe('(inline)');
      const url = new URL(src, 'https://localhost:3000/taskpane.html');
      const origin = url.origin === 'https://localhost:3000' ? "'self'" : url.origin;
      expect(`${src} → ${allowed.includes(origin) ? 'allowed' : 'blocked'}`).toBe(`${src} → allowed`);
    }
  });

  it('allows the inline styles that Fluent UI and Office.js insert', () => {
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('uses no wildcard or plain-http source anywhere', () => {
    for (const [directive, sources] of policy) {
      for (const source of sources) {
        expect(`${directive} ${source}`).not.toMatch(/\*|http:|^[a-z-]+ https:$/);
      }
    }
  });
});

describe('task pane page (development build)', () => {
  it('has no policy, which would block the dev server’s hot reload and eval source maps', async () => {
    const doc = await buildTaskpane('development');
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')).toBeNull();
    expect(scriptSources(doc)[0]).toBe(OFFICE_JS);
  }, 120_000);
});
