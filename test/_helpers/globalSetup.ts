import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from './cli.js';

const root = join(import.meta.dirname, '..', '..');

/** The newest modification time of the files under a path (a file, or a folder read recursively). */
function newestUnder(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/**
 * Builds `dist/` before the suite when it is missing or older than what it is built from, since the CLI tests
 * spawn the build (`cli.ts`). A clean install builds it already (`npm ci` runs `prepare`), so CI never rebuilds
 * here; a developer who has just edited a source file gets a build of it, not a stale one.
 */
export default function buildWhenStale(): void {
  // What tsup reads: the sources, the rule files, its config and the one script the config imports.
  const inputs = [
    'src',
    'rules',
    'scripts/rule-digests.ts',
    'tsup.config.ts',
    'package.json',
    'tsconfig.json',
  ];
  const built = existsSync(CLI) ? statSync(CLI).mtimeMs : 0;
  if (inputs.some((input) => newestUnder(join(root, input)) > built))
    execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js')], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
}
