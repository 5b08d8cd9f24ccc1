/**
 * The bundled rule set read with a text model trained on other examples than the shipped one: for measuring a choice
 * about the model (scripts/corpus-cv.ts, scripts/dev-cv.ts). The rule files are copied into `dir` with the model
 * written in, and read as `overturn --rules` reads a directory.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRuleDirectory } from '../src/cli/loadRuleDirectory.js';
import { createOverturn, type Overturn } from '../src/index.js';
import { buildModel, type Example } from './train-classifier.js';

const root = join(import.meta.dirname, '..');

export function readerWithModel(examples: readonly Example[], sha256: string, dir: string): Overturn {
  cpSync(join(root, 'rules'), dir, { recursive: true });
  writeFileSync(join(dir, 'classification/model.json'), buildModel({ examples: [...examples], sha256 }));
  return createOverturn({ rules: loadRuleDirectory(dir) });
}
