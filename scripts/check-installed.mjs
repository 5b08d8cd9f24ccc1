// After the build: the package as a user gets it. Packs the tarball, checks its types as a user's TypeScript
// resolves them (attw, node16 profile), installs it into an empty project, and runs the README's commands there, from
// the installed package alone (no repository files, no tsx), checking real answers. Run by `npm run check:package`
// (part of `npm test`).
//
// The expected dates are the rules' own, worked by hand: the knee case was received 2026-10-06, and an
// employer plan allows 180 days (29 CFR 2560.503-1(h)(3)(i)): 2027-04-04. The Medicare notice is dated
// 2026-01-02, received 5 days later by presumption, and a redetermination is due within 120 days
// (42 CFR 405.942(a)): 2026-05-07.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'overturn-installed-'));
const failures = [];

const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: work, ...options });
  if (result.error) throw result.error;
  return result;
};
const expect = (what, ok, detail) => {
  if (!ok) failures.push(`${what}${detail ? `: ${detail}` : ''}`);
};

try {
  // --ignore-scripts: prepare has built dist already (npm test builds it just before this script).
  const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--silent'], {
    cwd: root,
  });
  expect('npm pack', packed.status === 0, packed.stderr);
  const tarball = join(work, packed.stdout.trim().split('\n').at(-1));
  // On this tarball rather than through `attw --pack`, whose `npm pack` runs `prepare` and rebuilds dist/ (35 s of
  // CI's ten minutes, just after dist/ was made current).
  const types = run('npx', ['--no-install', 'attw', tarball, '--profile', 'node16'], { cwd: root });
  expect('attw: the types as node16 resolves them', types.status === 0, types.stdout + types.stderr);
  writeFileSync(
    join(work, 'package.json'),
    '{ "name": "try-overturn", "private": true, "type": "module" }\n',
  );
  const installed = run('npm', ['install', '--no-audit', '--no-fund', tarball]);
  expect('npm install of the packed tarball', installed.status === 0, installed.stderr);

  const overturn = (...args) => run('npx', ['--no-install', 'overturn', ...args]);
  const json = (result) => {
    try {
      return JSON.parse(result.stdout);
    } catch {
      return undefined;
    }
  };
  const examples = 'node_modules/overturn/examples';

  const shown = overturn('--version');
  expect('overturn --version', shown.stdout.trim() === version, shown.stdout + shown.stderr);

  const demo = json(overturn('demo', '--json', '--as-of', '2026-01-10'));
  expect(
    'overturn demo',
    Array.isArray(demo) &&
      demo.map((answer) => answer.classification.category).join() ===
        'medical_necessity,medical_necessity,prior_authorization',
    JSON.stringify(demo)?.slice(0, 300),
  );

  const knee = json(overturn('analyze', `${examples}/knee-replacement-necessity.json`, '--json'));
  expect(
    'overturn analyze (the README example)',
    knee?.classification.category === 'medical_necessity' && knee.deadline.deadline === '2027-04-04',
    JSON.stringify(knee?.deadline)?.slice(0, 300),
  );

  const deadline = json(
    overturn('deadline', `${examples}/medicare-redetermination.json`, '--as-of', '2026-02-15', '--json'),
  );
  expect(
    'overturn deadline',
    deadline?.level === 'redetermination' && deadline.deadline === '2026-05-07',
    JSON.stringify(deadline)?.slice(0, 300),
  );

  const letter = overturn('letter', '--kind', 'records', `${examples}/knee-replacement-necessity.json`);
  expect(
    'overturn letter --kind records',
    letter.status === 0 && letter.stdout.includes('Request for the complete claim file'),
    letter.stderr,
  );

  // On paper: pdf-lib is bundled into the command, not installed.
  const pdf = overturn(
    'letter',
    '--kind',
    'specialist-briefing',
    `${examples}/knee-replacement-necessity.json`,
    '--pdf',
    'briefing.pdf',
  );
  let pdfHead = '';
  try {
    pdfHead = readFileSync(join(work, 'briefing.pdf')).subarray(0, 5).toString();
  } catch {}
  expect(
    'overturn letter --pdf',
    pdf.status === 0 &&
      pdfHead === '%PDF-' &&
      /briefing\.pdf: specialist briefing, \d+ pages?/.test(pdf.stderr),
    pdf.stderr,
  );

  const validate = overturn('validate', 'node_modules/overturn/rules');
  expect('overturn validate of the shipped rules', validate.status === 0, validate.stdout + validate.stderr);

  // The fixture runner, through both engines: json-rules-engine is bundled into the command, not installed.
  writeFileSync(
    join(work, 'denial.json'),
    JSON.stringify({
      name: 'CO-50 is medical necessity',
      input: { codes: ['CO-50'] },
      expect: { category: 'medical_necessity' },
    }),
  );
  const tested = overturn('test', 'denial.json', '--domain', 'denials', '--engine', 'both', '--no-color');
  expect('overturn test through both engines', tested.status === 0, tested.stdout + tested.stderr);

  const cases = ['knee-replacement-necessity', 'medicare-redetermination', 'missing-prior-authorization'].map(
    (name) => JSON.stringify(JSON.parse(readFileSync(join(work, examples, `${name}.json`), 'utf8'))),
  );
  writeFileSync(join(work, 'cases.ndjson'), `${cases.join('\n')}\n`);
  const batch = overturn('batch', 'cases.ndjson', '--output-format', 'csv', '--as-of', '2026-01-10');
  const rows = batch.stdout.trim().split('\n');
  expect(
    'overturn batch --output-format csv',
    batch.status === 0 && rows.length === 4 && rows[0].startsWith('source,claim_id,category'),
    batch.stdout + batch.stderr,
  );

  // The MCP server of the installed command, through the SDK's client (from this repository's dev tools).
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
  const client = new Client({ name: 'check-installed', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: 'npx',
      args: ['--no-install', 'overturn', 'mcp'],
      cwd: work,
      stderr: 'pipe',
    }),
  );
  const { tools } = await client.listTools();
  const classified = await client.callTool({ name: 'classify_denial', arguments: { codes: ['CO-197'] } });
  await client.close();
  expect(
    'overturn mcp',
    tools.length === 7 && classified.structuredContent?.category === 'prior_authorization',
    JSON.stringify(classified).slice(0, 300),
  );

  // The HTTP API of the installed command: a free loopback port, /healthz and one analysis, then SIGTERM.
  const { spawn } = await import('node:child_process');
  // The command itself rather than npx, so that SIGTERM reaches the server and not only a wrapper.
  const http = spawn(join(work, 'node_modules/.bin/overturn'), ['serve', '--port', '0'], { cwd: work });
  const address = await new Promise((resolve, reject) => {
    let said = '';
    http.stderr.on('data', (chunk) => {
      said += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(said);
      if (found) resolve(found[1]);
    });
    http.on('error', reject);
    http.once('exit', () => reject(new Error(`overturn serve stopped: ${said}`)));
  });
  const health = await (await fetch(`${address}/healthz`)).json();
  const analysed = await (
    await fetch(`${address}/v1/analyze`, {
      method: 'POST',
      body: readFileSync(join(work, examples, 'knee-replacement-necessity.json')),
    })
  ).json();
  const exited = new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 10_000);
    http.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  http.kill('SIGTERM');
  const stopped = await exited;
  expect('overturn serve stops on SIGTERM', stopped);
  if (!stopped) http.kill('SIGKILL');
  expect(
    'overturn serve',
    health.version === version && analysed.deadline?.deadline === '2027-04-04',
    JSON.stringify(analysed).slice(0, 300),
  );

  // The library, imported and required by name, and a JSON Schema by its exported path.
  const library = run('node', [
    '--input-type=module',
    '-e',
    `import { classifyDenial } from 'overturn';
     import { createRequire } from 'node:module';
     const require = createRequire(import.meta.url);
     const cjs = require('overturn');
     const schema = require('overturn/schemas/case-input.schema.json');
     console.log(classifyDenial({ codes: ['CO-50'] }).category, cjs.classifyDenial({ codes: ['CO-197'] }).category, typeof schema.properties);`,
  ]);
  expect(
    "import 'overturn', require('overturn') and its schemas",
    library.stdout.trim() === 'medical_necessity prior_authorization object',
    library.stdout + library.stderr,
  );

  // overturn/core, bound to the package's own rules/ files found by their exported path (known by digest).
  const core = run('node', [
    '--input-type=module',
    '-e',
    `import { loadOverturn } from 'overturn/core';
     import { readFileSync } from 'node:fs';
     import { dirname, join } from 'node:path';
     import { createRequire } from 'node:module';
     const folder = dirname(createRequire(import.meta.url).resolve('overturn/rules/manifest.json'));
     const overturn = await loadOverturn((path) => JSON.parse(readFileSync(join(folder, path), 'utf8')));
     console.log(overturn.verified, overturn.classifyDenial({ codes: ['CO-50'] }).category);`,
  ]);
  expect(
    "loadOverturn from 'overturn/core' over the installed rules/",
    core.stdout.trim() === 'true medical_necessity',
    core.stdout + core.stderr,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`The packed package does not work as a user gets it:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(
  'packed package: its types resolve (attw, node16), and the README commands run from it installed, with the answers expected',
);
