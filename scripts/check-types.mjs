// The package's types as a user's TypeScript resolves them (attw, node16 profile), read from the tarball npm would
// publish. `attw --pack` packs through `npm pack`, whose `prepare` script rebuilds dist/ (about 35 s of CI's
// ten minutes, just after `npm test` made sure dist/ is current): this packs with --ignore-scripts and hands attw
// the tarball instead. Run by `npm run check:package` (part of `npm test`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'overturn-types-'));
let status = 1;
try {
  const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--silent'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (packed.status !== 0) {
    console.error(`npm pack failed:\n${packed.stderr}`);
  } else {
    const tarball = join(work, packed.stdout.trim().split('\n').at(-1));
    const checked = spawnSync('npx', ['--no-install', 'attw', tarball, '--profile', 'node16'], {
      cwd: root,
      stdio: 'inherit',
    });
    status = checked.status ?? 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(status);
