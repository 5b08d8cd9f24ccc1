#!/usr/bin/env node
import { once } from 'node:events';
import { closeSync, existsSync, openSync, readdirSync, readSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import packageJson from '../../package.json';
import { deadlineInputOf } from '../analyzeCase/analyze.js';
import type { CaseInput } from '../buildChecklist/types.js';
import { US_STATES } from '../computeAppealDeadline/states.js';
import { createOverturn, type Overturn, OverturnError, toICalendar } from '../index.js';
import type { Letter } from '../letters/types.js';
import { PLAN_TYPES } from '../types.js';
import { isBatchWorker, runBatch, runX12Batch } from './batch.js';
import {
  BATCH_FIELDS,
  type BatchField,
  OUTPUT_FORMATS,
  type OutputFormat,
  parseFields,
  summaryLine,
} from './batchRecords.js';
import { type CaseProblem, type InputOptions, readCases, readJson } from './caseFiles.js';
import { diffJsonReport, diffTextReport, runDiff } from './diffCommand.js';
import { FIXTURE_DOMAINS, type FixtureDomain } from './fixtureSuite.js';
import { INPUT_FORMATS, type InputFormat, type LabelledCase } from './inputFormats.js';
import { letterPdf } from './letterPdf.js';
import { draftLetterOf, LETTER_KINDS, type LetterRequestKind } from './letterRequests.js';
import { loadRuleDirectory } from './loadRuleDirectory.js';
import { EXIT, guardStandardOutput, isClosedPipe, outputErrorLine, UsageError } from './output.js';
import { analysisReport, type Colors, classificationLines, deadlineLines } from './report.js';
import {
  type EngineChoice,
  exitCodeOf,
  jsonReport,
  junitReport,
  type Reporter,
  runFixtures,
  textReport,
} from './testCommand.js';
import { validateRuleDirectory } from './validateCommand.js';

const EXIT_INPUT = EXIT.input;
const EXIT_USAGE = EXIT.usage;

interface CommonOptions {
  json: boolean;
  ndjson?: boolean;
  rules?: string;
  asOf?: string;
  color?: boolean;
}

function colorsFor(option: boolean | undefined): Colors {
  const enabled = option ?? (pc.isColorSupported && Boolean(process.stdout.isTTY));
  return pc.createColors(enabled);
}

function overturnFor(options: CommonOptions): Overturn {
  return createOverturn(options.rules ? { rules: loadRuleDirectory(options.rules) } : {});
}

/**
 * The `examples/` folder shipped with the package: beside `dist/` once built (`dist/cli.js` → `../examples`),
 * two levels up from the source (`src/cli/main.ts` → `../../examples`).
 */
function examplesFolder(): string {
  for (const up of ['../examples', '../../examples']) {
    const folder = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(folder)) return folder;
  }
  throw new Error('the examples/ folder is missing from this installation of overturn');
}

/** With no file and a terminal on stdin, the user forgot the file: show the usage instead of waiting. */
function needsFile(command: Command, files: string[]): void {
  if (!files.length && process.stdin.isTTY) {
    process.stderr.write(command.helpInformation());
    throw new UsageError(`${command.name()} needs a file, or - to read stdin`);
  }
}

/** Option values checked before any work, so a typo gives one message and exit 2, not one per record. */
const parseDate = (value: string) => {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
    throw new InvalidArgumentError('expected a real date as YYYY-MM-DD');
  return value;
};
const parseState = (value: string) => {
  const code = value.toUpperCase();
  if (!(US_STATES as readonly string[]).includes(code))
    throw new InvalidArgumentError('expected a USPS state code such as NY, CA or DC');
  return code;
};

function isCase(value: unknown): value is Record<string, unknown> & { denial: unknown } {
  return Boolean(value && typeof value === 'object' && !Array.isArray(value) && 'denial' in value);
}

/** The CLI may read the clock (the core never does): today's date in the local time zone. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function asOfFor(options: CommonOptions, parsed: unknown): string {
  const fromFile = isObject(parsed) ? parsed.asOf : undefined;
  return options.asOf ?? (typeof fromFile === 'string' ? fromFile : today());
}

/** Whether a file starts with an ISA segment (an X12 interchange), reading only its first bytes. */
function startsWithIsa(file: string): boolean {
  try {
    const fd = openSync(file, 'r');
    const head = Buffer.alloc(64);
    const read = readSync(fd, head, 0, 64, 0);
    closeSync(fd);
    return head.subarray(0, read).toString('utf8').trimStart().startsWith('ISA');
  } catch {
    return false; // the batch reader reports the missing file
  }
}

/**
 * Whether stdin starts with an ISA segment: reads its first chunk and puts it back (unshift), so the batch
 * reader still sees every byte.
 */
async function stdinStartsWithIsa(): Promise<boolean> {
  const stdin = process.stdin;
  let chunk: Buffer | string | null = stdin.read();
  while (chunk === null && !stdin.readableEnded) {
    await Promise.race([once(stdin, 'readable'), once(stdin, 'end')]);
    chunk = stdin.read();
  }
  if (chunk === null) return false;
  stdin.unshift(chunk);
  const head = (typeof chunk === 'string' ? chunk : chunk.toString('utf8', 0, 64)).replace(/^\uFEFF/, '');
  return head.trimStart().startsWith('ISA');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value && typeof value === 'object' && !Array.isArray(value));
}

/**
 * The answers of a command in JSON: with `--ndjson`, one compact line per answer as soon as it is ready, each
 * tagged with its source; with `--json`, one document: the answer itself when there is one, else an array of
 * answers each tagged with its source (concatenated documents would not be valid JSON). The array is written
 * as its answers come, so an 835 of any size never has its answers held at once.
 */
class JsonAnswers {
  /** The first answer, held until a second says whether the document is an array. */
  private first: { source: string; value: object; tag: boolean } | undefined;
  private inArray = false;

  constructor(private readonly ndjson: boolean) {}

  /** `tag`: whether a single answer carries its source too (a claim of an 835 or FHIR file). */
  add(source: string, value: object, tag = false): void {
    if (this.ndjson) {
      process.stdout.write(`${JSON.stringify({ source, ...value })}\n`);
      return;
    }
    if (!this.first && !this.inArray) {
      this.first = { source, value, tag };
      return;
    }
    if (this.first) {
      process.stdout.write(`[\n  ${element(this.first.source, this.first.value)}`);
      this.first = undefined;
      this.inArray = true;
    }
    process.stdout.write(`,\n  ${element(source, value)}`);
  }

  finish(): void {
    if (this.inArray) process.stdout.write('\n]\n');
    else if (this.first) {
      const { source, value, tag } = this.first;
      process.stdout.write(`${JSON.stringify(tag ? { source, ...value } : value, null, 2)}\n`);
    }
  }
}

/** One answer as an element of the `--json` array: what `JSON.stringify(array, null, 2)` writes for it. */
function element(source: string, value: object): string {
  return JSON.stringify({ source, ...value }, null, 2).replace(/\n/g, '\n  ');
}

/** One case of the files a command was given, with its name in messages (`file`, or `file claim …`). */
interface NamedCase {
  file: string;
  name: string;
  format: InputFormat;
  entry: LabelledCase;
}

/**
 * Each case of each file, in order (a case file holds one; FHIR and 835 files one per denial, each named
 * `file claim …`). A file, or a claim or transaction of an 835, that cannot be read is handed to `report`
 * and the reading goes on; a misused option (UsageError) stops it.
 */
function* casesIn(
  files: string[],
  options: InputOptions,
  report: (name: string, error: unknown) => void,
): Generator<NamedCase> {
  for (const file of files.length ? files : ['-']) {
    let read: { format: InputFormat; cases: Iterable<LabelledCase | CaseProblem> };
    try {
      read = readCases(file, options, options.asOf ?? today());
    } catch (error) {
      if (error instanceof UsageError) throw error;
      report(file, error);
      continue;
    }
    let found = 0;
    const cases = read.cases[Symbol.iterator]();
    for (;;) {
      let next: IteratorResult<LabelledCase | CaseProblem>;
      try {
        next = cases.next();
      } catch (error) {
        report(file, error); // the file could not be read on
        found++;
        break;
      }
      if (next.done) break;
      found++;
      const item = next.value;
      if ('problem' in item) {
        report(`${file} ${item.problem}`, new OverturnError('INVALID_INPUT', item.issues));
        continue;
      }
      yield { file, name: item.label ? `${file} ${item.label}` : file, format: read.format, entry: item };
    }
    if (!found) process.stderr.write(`${file}: no denied claim or item found\n`);
  }
}

/**
 * Runs `work` on each case of each file; a file or case that fails prints its issues and the run goes on.
 * Returns the exit code.
 */
function eachCase(
  files: string[],
  options: InputOptions,
  work: (name: string, entry: LabelledCase) => void,
): number {
  let failed = false;
  const report = (name: string, error: unknown) => {
    failed = true;
    process.stderr.write(describeError(name, error));
  };
  for (const { name, entry } of casesIn(files, options, report)) {
    try {
      work(name, entry);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      report(name, error);
    }
  }
  return failed ? EXIT_INPUT : 0;
}

interface AnalyzeOptions extends CommonOptions, InputOptions {
  ics?: string;
}

function analyze(files: string[], options: AnalyzeOptions): number {
  if (options.ics && files.length > 1) throw new UsageError('--ics takes one case file at a time');
  const overturn = overturnFor(options);
  const colors = colorsFor(options.color);
  const answers = options.json || options.ndjson ? new JsonAnswers(options.ndjson === true) : undefined;
  let failed = false;
  const report = (name: string, error: unknown) => {
    failed = true;
    process.stderr.write(describeError(name, error));
  };
  let cases: Iterable<NamedCase> = casesIn(files, options, report);
  if (options.ics) {
    // One calendar is one case: see them all before writing it.
    const all = [...cases];
    if (all.length > 1)
      throw new UsageError(`--ics takes one case at a time; ${files[0] ?? '-'} holds ${all.length}`);
    cases = all;
  }
  for (const { name, file, format, entry } of cases) {
    try {
      // A case file's own asOf counts unless --as-of is given (then today).
      const input =
        format === 'case' && isObject(entry.input)
          ? { ...entry.input, asOf: options.asOf ?? entry.input.asOf ?? today() }
          : entry.input;
      const analysis = overturn.analyzeCase(input as CaseInput);
      if (entry.warnings.length) analysis.warnings.unshift(...entry.warnings);
      if (answers) answers.add(entry.label ?? file, analysis, entry.label !== undefined);
      else process.stdout.write(analysisReport(name, analysis, colors));
      if (options.ics) {
        const ics = toICalendar(analysis);
        try {
          writeFileSync(options.ics, ics);
        } catch (error) {
          // The calendar file is the output: its error names it, not the case file.
          process.stderr.write(outputErrorLine(options.ics, error));
          return EXIT.output;
        }
        const events = ics.split('BEGIN:VEVENT').length - 1;
        process.stderr.write(`${options.ics}: ${events} dated steps, each with a reminder 7 days before\n`);
      }
    } catch (error) {
      report(name, error);
    }
  }
  answers?.finish();
  return failed ? EXIT_INPUT : 0;
}

interface LetterOptions extends CommonOptions, InputOptions {
  kind: LetterRequestKind;
  parties?: string;
  evidence?: string;
  pdf?: string;
}

/** Drafts a letter from one case file (exit 1 on a bad case or parties file), on paper too with `--pdf`. */
async function letter(file: string, options: LetterOptions): Promise<number> {
  const overturn = overturnFor(options);
  const name = file;
  try {
    const cases = [...readCases(file, options, options.asOf ?? today()).cases].map((item) => {
      if ('problem' in item) throw new OverturnError('INVALID_INPUT', item.issues);
      return item;
    });
    if (cases.length !== 1)
      throw new UsageError(
        `a letter is drafted for one case; ${file} holds ${cases.length} (${cases.map((entry) => entry.label).join(', ') || 'none'})`,
      );
    const parsed = (cases[0] as LabelledCase).input;
    const input = { ...(parsed as object), asOf: asOfFor(options, parsed) } as CaseInput;
    const analysis = overturn.analyzeCase(input);
    let parties: unknown = {};
    let evidence: unknown;
    try {
      parties = options.parties ? readJson(options.parties) : {};
    } catch (error) {
      process.stderr.write(describeError(options.parties ?? 'parties', error));
      return EXIT_INPUT;
    }
    try {
      evidence = options.evidence ? readJson(options.evidence) : undefined;
    } catch (error) {
      process.stderr.write(describeError(options.evidence ?? 'evidence', error));
      return EXIT_INPUT;
    }
    if (evidence !== undefined && options.kind !== 'appeal')
      throw new UsageError('--evidence is for the appeal (--kind appeal)');
    const drafted = draftLetterOf(options.kind, analysis, parties as never, evidence as never);
    if (options.pdf) return await writePdf(options.pdf, drafted, analysis.asOf);
    process.stdout.write(options.json ? `${JSON.stringify(drafted, null, 2)}\n` : drafted.markdown);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    process.stderr.write(describeError(name, error));
    return EXIT_INPUT;
  }
}

/** Writes the letter as a PDF and says so on stderr (the PDF is the output: its error names it). */
async function writePdf(path: string, drafted: Letter, date: string | undefined): Promise<number> {
  const { bytes, pages, replaced } = await letterPdf(drafted, date);
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    process.stderr.write(outputErrorLine(path, error));
    return EXIT.output;
  }
  const left = drafted.placeholders.length;
  process.stderr.write(
    `${path}: ${drafted.kind.replaceAll('_', ' ')}, ${pages} ${pages === 1 ? 'page' : 'pages'}, ${left} ${left === 1 ? 'placeholder' : 'placeholders'} to fill${replaced.length ? `; printed as ? (not in the PDF's standard font): ${replaced.join(' ')}` : ''}\n`,
  );
  return 0;
}

function classify(files: string[], options: CommonOptions & InputOptions): number {
  const overturn = overturnFor(options);
  const colors = colorsFor(options.color);
  const answers = options.json || options.ndjson ? new JsonAnswers(options.ndjson === true) : undefined;
  const code = eachCase(files, options, (name, entry) => {
    const parsed = entry.input;
    const denial = isCase(parsed) ? parsed.denial : parsed;
    const result = overturn.classifyDenial(denial as never);
    if (answers) answers.add(entry.label ?? name, result, entry.label !== undefined);
    else {
      const lines = [colors.bold(colors.cyan(name)), ...classificationLines(result, colors)];
      for (const warning of result.warnings) lines.push(`  ${colors.yellow('!')} ${warning}`);
      lines.push(colors.dim(`  rule set ${result.ruleSet.id} ${result.ruleSet.version}`));
      process.stdout.write(`${lines.join('\n')}\n\n`);
    }
  });
  answers?.finish();
  return code;
}

function deadline(files: string[], options: CommonOptions & InputOptions): number {
  const overturn = overturnFor(options);
  const colors = colorsFor(options.color);
  const answers = options.json || options.ndjson ? new JsonAnswers(options.ndjson === true) : undefined;
  const code = eachCase(files, options, (name, entry) => {
    const parsed = entry.input;
    const asOf = asOfFor(options, parsed);
    const input = isCase(parsed)
      ? deadlineInputOf({ ...(parsed as unknown as CaseInput), asOf })
      : { ...(parsed as object), asOf };
    const result = overturn.computeAppealDeadline(input as never);
    if (answers) answers.add(entry.label ?? name, result, entry.label !== undefined);
    else {
      const lines = [colors.bold(colors.cyan(name)), ...deadlineLines(result, colors)];
      for (const warning of result.warnings) lines.push(`  ${colors.yellow('!')} ${warning}`);
      process.stdout.write(`${lines.join('\n')}\n\n`);
    }
  });
  answers?.finish();
  return code;
}

function describeError(file: string, error: unknown): string {
  if (error instanceof OverturnError) {
    const issues = error.issues.map(
      (issue) =>
        `  - ${[issue.file, issue.ruleId, issue.path.join('.')].filter(Boolean).join(' ') || '(root)'}: ${issue.message}`,
    );
    return `${file}: ${error.code}\n${issues.join('\n')}\n`;
  }
  if (error instanceof SyntaxError) return `${file}: not valid JSON: ${error.message}\n`;
  if (error && typeof error === 'object' && 'code' in error && error.code === 'ENOENT')
    return `${file}: no such file\n`;
  return `${file}: ${error instanceof Error ? error.message : String(error)}\n`;
}

/** The `overturn` program. Exported for tests; `run` is what the bin calls. */
export function program(): Command {
  const common = (command: Command) =>
    command
      .option('--json', 'print the answer as JSON (several answers: one array, each with its source)', false)
      .option('--ndjson', 'print each answer as one line of JSON with its source, as soon as it is ready')
      .option('--rules <dir>', 'use the rule set in this directory instead of the bundled one')
      .option(
        '--as-of <YYYY-MM-DD>',
        "today's date (default: the file's asOf, else the system date)",
        parseDate,
      )
      .addOption(new Option('--color', 'force colour').default(undefined))
      .option('--no-color', 'no colour (default: colour when printing to a terminal)');
  // What every command that reads a case, a FHIR resource or an 835 takes.
  const inputOptions = (command: Command) =>
    command
      .addOption(
        new Option('--format <format>', 'case, fhir or x12 (default: found by parsing the content)').choices([
          ...INPUT_FORMATS,
        ]),
      )
      .addOption(
        new Option(
          '--plan-type <type>',
          'the plan type, for FHIR and 835 input that does not say (employer_erisa, …)',
        ).choices([...PLAN_TYPES]),
      )
      .option('--received <YYYY-MM-DD>', 'for FHIR and 835 input: the day the notice arrived', parseDate)
      .option('--state <code>', 'for FHIR and 835 input: the USPS state code', parseState)
      .addOption(
        new Option('--funding <funding>', 'for FHIR and 835 input: insured or self_funded').choices([
          'insured',
          'self_funded',
        ]),
      );
  const cli = new Command('overturn')
    .description('Turn a US health-insurance denial into a dated, cited plan.')
    .version(packageJson.version, '-V, --version', 'print the version')
    .showHelpAfterError()
    .exitOverride();
  common(
    inputOptions(
      cli
        .command('analyze')
        .description('classify, date, route and plan a case: the full report (a case file, or - for stdin)')
        .argument(
          '[files...]',
          'case files, FHIR R4 ExplanationOfBenefit / ClaimResponse JSON, or X12 835; - or nothing reads stdin',
        )
        .option('--ics <file>', 'also write the dated steps as an iCalendar file, with reminders'),
    ),
  ).action((files: string[], options: AnalyzeOptions, command: Command) => {
    needsFile(command, files);
    process.exitCode = analyze(files, options);
  });
  cli
    .command('serve')
    .description('serve the library as a JSON HTTP API (docs/http.md); loopback unless --host says otherwise')
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .option(
      '--port <n>',
      'the port (0: any free port)',
      (value: string) => {
        if (!/^\d+$/.test(value) || Number(value) > 65535)
          throw new InvalidArgumentError('expected a port, 0 to 65535');
        return Number(value);
      },
      8080,
    )
    .option('--rules <dir>', 'use the rule set in this directory instead of the bundled one')
    .action(async (options: { host: string; port: number; rules?: string }) => {
      const { serveHttp } = await import('./httpServer.js');
      try {
        await serveHttp({
          version: packageJson.version,
          today,
          host: options.host,
          port: options.port,
          ...(options.rules ? { rules: loadRuleDirectory(options.rules) } : {}),
          onListening: ({ host, port }) =>
            process.stderr.write(
              `overturn serve: listening on http://${host.includes(':') ? `[${host}]` : host}:${port}\n`,
            ),
        });
      } catch (error) {
        process.stderr.write(`overturn serve: ${(error as Error).message}\n`);
        process.exitCode = EXIT_USAGE;
      }
    });
  cli
    .command('mcp')
    .description(
      'serve the library as Model Context Protocol tools on stdio, for AI assistants (docs/mcp.md)',
    )
    .option('--rules <dir>', 'use the rule set in this directory instead of the bundled one')
    .action(async (options: { rules?: string }) => {
      // Loaded only for this command: the SDK is the largest part of the command's own code.
      const { serveMcp } = await import('./mcpServer.js');
      await serveMcp({
        version: packageJson.version,
        today,
        ...(options.rules ? { rules: loadRuleDirectory(options.rules) } : {}),
      });
    });
  common(
    cli
      .command('demo')
      .description('analyse the example denials shipped with overturn (examples/), as `analyze` does'),
  ).action((options: AnalyzeOptions) => {
    const folder = examplesFolder();
    const files = readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => relative(process.cwd(), join(folder, name)));
    process.exitCode = analyze(files, options);
  });
  common(
    inputOptions(
      cli
        .command('letter')
        .description(
          "draft a letter from a case: the claim-file request (records), the appeal (appeal), the urgent appeal (expedited), the external review request (external-review), the complaint to the regulator (complaint), the outline of the letter of medical necessity (medical-necessity), the second-opinion specialist's briefing (specialist-briefing)",
        )
        .argument('<file>', 'a case file; - reads stdin')
        .addOption(
          new Option('--kind <kind>', 'which letter').choices([...LETTER_KINDS]).makeOptionMandatory(),
        )
        .option(
          '--parties <file>',
          'a JSON file naming the patient, insurer, claim number, physician, specialist',
        )
        .option(
          '--evidence <file>',
          "for the appeal: a JSON file with the second opinion, the physician's letter and the guidelines",
        )
        .option('--pdf <file>', 'write the letter as a printable PDF (US Letter) to this file'),
    ),
  ).action(async (file: string, options: LetterOptions) => {
    process.exitCode = await letter(file, options);
  });
  cli
    .command('batch')
    .description(
      'analyse NDJSON cases or FHIR resources (one per line) into NDJSON analyses, in order, across worker threads; or every denial of an X12 835',
    )
    .argument('<input>', 'an NDJSON file of cases or FHIR resources, or an X12 835 file; - reads stdin')
    .addOption(
      new Option('--format <format>', 'ndjson (cases and FHIR resources, one per line) or x12').choices([
        'ndjson',
        'x12',
      ]),
    )
    .addOption(
      new Option('--plan-type <type>', 'for FHIR and 835 records that do not say: the plan type').choices([
        ...PLAN_TYPES,
      ]),
    )
    .option('--received <YYYY-MM-DD>', 'for FHIR and 835 records: the day the notice arrived', parseDate)
    .option('--state <code>', 'for FHIR and 835 records: the USPS state code', parseState)
    .addOption(
      new Option('--funding <funding>', 'for FHIR and 835 records: insured or self_funded').choices([
        'insured',
        'self_funded',
      ]),
    )
    .option('--out <file>', 'write the answers to this file (default: stdout)')
    .addOption(
      new Option(
        '--output-format <format>',
        'ndjson (each full analysis, default), csv or parquet (one row per answer: see --fields)',
      ).choices([...OUTPUT_FORMATS]),
    )
    .option(
      '--fields <list>',
      `the CSV or Parquet columns, comma-separated (default: ${BATCH_FIELDS.join(',')})`,
      (value: string) => {
        try {
          return parseFields(value);
        } catch (error) {
          throw new InvalidArgumentError((error as Error).message);
        }
      },
    )
    .option('--rules <dir>', 'use the rule set in this directory instead of the bundled one')
    .option(
      '--as-of <YYYY-MM-DD>',
      "today's date for every case (default: each case's asOf, else the system date)",
      parseDate,
    )
    .option(
      '--workers <n>',
      'worker threads (default: 0, this thread, for input under 1 MB; past 1 MB, up to 4 where the machine has 2 or more CPUs)',
      (value: string) => {
        if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, 0 or more');
        return Number(value);
      },
    )
    .option('--no-progress', 'no progress bar on stderr (default: shown when stderr is a terminal)')
    .action(
      async (
        input: string,
        options: {
          out?: string;
          rules?: string;
          asOf?: string;
          workers?: number;
          progress: boolean;
          format?: 'ndjson' | 'x12';
          outputFormat?: OutputFormat;
          fields?: BatchField[];
          planType?: string;
          received?: string;
          state?: string;
          funding?: string;
        },
      ) => {
        try {
          const { progress, format, planType, received, state, funding, outputFormat, fields, ...rest } =
            options;
          if (fields && (outputFormat === undefined || outputFormat === 'ndjson'))
            throw new UsageError('--fields chooses the columns of --output-format csv or parquet');
          if (outputFormat === 'parquet' && rest.out === undefined)
            throw new UsageError('--output-format parquet writes a file: give --out');
          const records = {
            ...(outputFormat ? { outputFormat } : {}),
            ...(fields ? { fields } : {}),
          };
          const context = {
            ...(planType ? { planType: planType as never } : {}),
            ...(received ? { receivedDate: received } : {}),
            ...(state ? { state } : {}),
            ...(funding ? { funding: funding as never } : {}),
          };
          const x12 =
            format === 'x12' ||
            (format === undefined && (input === '-' ? await stdinStartsWithIsa() : startsWithIsa(input)));
          const summary = x12
            ? await runX12Batch({
                input,
                ...rest,
                asOf: rest.asOf ?? today(),
                context,
                ...records,
                ...(progress ? {} : { progress }),
              })
            : await runBatch({
                input,
                ...rest,
                context,
                ...records,
                defaultAsOf: today(),
                ...(progress ? {} : { progress }),
              });
          process.stderr.write(summaryLine(summary));
          process.exitCode = summary.errors ? EXIT_INPUT : 0;
        } catch (error) {
          if (error instanceof UsageError) throw error;
          if (isClosedPipe(error)) {
            process.exitCode = EXIT.closedPipe;
            return;
          }
          const path = (error as { path?: unknown } | null)?.path;
          process.stderr.write(describeError(typeof path === 'string' ? path : 'overturn batch', error));
          // An input file that cannot be read is an input problem, as in every other command; the rest
          // (a bad --rules folder, an --out that cannot be opened) is how the command was called.
          process.exitCode = path === input ? EXIT_INPUT : EXIT_USAGE;
        }
      },
    );
  common(
    inputOptions(
      cli
        .command('classify')
        .description(
          'classify a denial (a DenialInput, a case file with a "denial" field, a FHIR resource or an 835)',
        )
        .argument('[files...]', 'JSON or 835 files; - or nothing reads stdin'),
    ),
  ).action((files: string[], options: CommonOptions & InputOptions, command: Command) => {
    needsFile(command, files);
    process.exitCode = classify(files, options);
  });
  common(
    inputOptions(
      cli
        .command('deadline')
        .description(
          'compute the appeal deadline (a DeadlineInput, the same fields of a case file, a FHIR resource or an 835)',
        )
        .argument('[files...]', 'JSON or 835 files; - or nothing reads stdin'),
    ),
  ).action((files: string[], options: CommonOptions & InputOptions, command: Command) => {
    needsFile(command, files);
    process.exitCode = deadline(files, options);
  });
  cli
    .command('test')
    .description(
      'run fixture files (one case or an array per file) and report each failure with its differences',
    )
    .argument('[paths...]', 'fixture files or folders (default: fixtures)')
    .option('--rules <dir>', 'use the rule set in this directory instead of the bundled one')
    .addOption(
      new Option('--reporter <kind>', 'text, json or junit')
        .choices(['text', 'json', 'junit'])
        .default('text'),
    )
    .addOption(
      new Option('--engine <engine>', 'compiled, reference (json-rules-engine) or both, which must agree')
        .choices(['compiled', 'reference', 'both'])
        .default('both'),
    )
    .addOption(
      new Option('--domain <domain>', 'the domain of files outside a domain folder').choices([
        ...FIXTURE_DOMAINS,
      ]),
    )
    .option('--verbose', 'list passing fixtures too', false)
    .option('--no-color', 'no colour')
    .action(
      async (
        paths: string[],
        options: {
          rules?: string;
          reporter: Reporter;
          engine: EngineChoice;
          domain?: FixtureDomain;
          verbose: boolean;
          color?: boolean;
        },
      ) => {
        const run = await runFixtures(paths.length ? paths : ['fixtures'], options);
        const report =
          options.reporter === 'json'
            ? jsonReport(run)
            : options.reporter === 'junit'
              ? junitReport(run)
              : textReport(run, colorsFor(options.color === false ? false : undefined), options.verbose);
        process.stdout.write(report);
        process.exitCode = exitCodeOf(run);
      },
    );
  cli
    .command('diff')
    .description('list every fixture whose answer changes between two rule-set directories, field by field')
    .argument('[paths...]', 'fixture files or folders (default: fixtures)')
    .requiredOption('--base <dir>', 'the rule set before the change')
    .requiredOption('--head <dir>', 'the rule set after the change')
    .option('--json', 'print the changes as JSON', false)
    .option('--exit-code', 'exit 1 when any answer changes (as git diff --exit-code)', false)
    .option('--no-color', 'no colour')
    .action(
      (
        paths: string[],
        options: { base: string; head: string; json: boolean; exitCode: boolean; color?: boolean },
      ) => {
        const run = runDiff(options.base, options.head, paths.length ? paths : ['fixtures']);
        process.stdout.write(
          options.json
            ? diffJsonReport(run)
            : diffTextReport(run, colorsFor(options.color === false ? false : undefined)),
        );
        process.exitCode = run.loadErrors.length
          ? EXIT_INPUT
          : options.exitCode && run.changed.length
            ? 1
            : 0;
      },
    );
  cli
    .command('validate')
    .description('validate a rule-set directory and print every problem with its file, rule and path')
    .argument('<dir>', 'a rule-set directory (a copy of rules/)')
    .option('--no-color', 'no colour')
    .action((dir: string, options: { color?: boolean }) => {
      const { text, exitCode } = validateRuleDirectory(
        dir,
        colorsFor(options.color === false ? false : undefined),
      );
      (exitCode ? process.stderr : process.stdout).write(text);
      process.exitCode = exitCode;
    });
  return cli;
}

/** Runs the program on `argv` (without node and the script) and sets the exit code. */
export async function run(argv: string[]): Promise<void> {
  guardStandardOutput();
  try {
    await program().parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    if (error instanceof UsageError) process.stderr.write(`overturn: ${error.message}\n`);
    else process.stderr.write(describeError('overturn', error));
    process.exitCode = EXIT_USAGE;
  }
}

// A batch worker re-enters this file (the bundled CLI) to analyse chunks: it must not run the command line.
if (!isBatchWorker()) await run(process.argv.slice(2));
