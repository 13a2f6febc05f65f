/** Command-line parsing: flags → typed options. Unknown flags are errors, never ignored. */
import { parseArgs } from 'node:util';
import { SiftError, errorMessage } from '@/core/errors';
import type { ReadOptions, Delimiter } from '@/core/dataset/types';
import { definedOnly, type TrainSettings } from '@/core/settings';
import { DEFAULT_WEIGHT_FORMAT, WEIGHT_FORMATS, type WeightFormat } from '@/core/bundle/weightFormat';
import { MAX_THREADS } from './threads/buildInThreads';

export const COMMANDS = ['inspect', 'train', 'eval', 'predict', 'issues', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  out: { type: 'string', short: 'o' },
  test: { type: 'string' },
  name: { type: 'string' },
  'text-column': { type: 'string' },
  'label-column': { type: 'string' },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  'no-header': { type: 'boolean' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  'learning-rate': { type: 'string' },
  'embedding-dim': { type: 'string' },
  'hidden-units': { type: 'string' },
  dropout: { type: 'string' },
  'sequence-length': { type: 'string' },
  'vocab-size': { type: 'string' },
  'min-count': { type: 'string' },
  patience: { type: 'string' },
  'validation-share': { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  bigrams: { type: 'boolean' },
  'no-bigrams': { type: 'boolean' },
  'char-ngrams': { type: 'string' },
  'no-lowercase': { type: 'boolean' },
  'class-weights': { type: 'string' },
  'keep-pii': { type: 'boolean' },
  file: { type: 'string' },
  weights: { type: 'string' },
  top: { type: 'string' },
  folds: { type: 'string' },
  threads: { type: 'string' },
} as const;

export interface ParsedCommandLine {
  command: CommandName;
  positionals: string[];
  json: boolean;
  help: boolean;
  out?: string;
  test?: string;
  name?: string;
  top?: number;
  folds?: number;
  /** train: threads to read a big file's texts on (1..MAX_THREADS); left out, one per core. */
  threads?: number;
  /** predict: a file of texts, one per line. */
  file?: string;
  read: ReadOptions;
  settings: Partial<TrainSettings>;
}

export function parseCommandLine(argv: string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new SiftError('INVALID_OPTION', errorMessage(e));
  }
  const { values, positionals } = parsed;
  const [first = 'help', ...rest] = positionals;
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new SiftError('INVALID_OPTION', `Unknown command "${first}". Commands: ${COMMANDS.join(', ')}.`);
  }
  return {
    command: first as CommandName,
    positionals: rest,
    json: values.json ?? false,
    help: values.help ?? false,
    out: values.out,
    test: values.test,
    name: values.name,
    top: optionalNumber(values.top, 'top'),
    folds: optionalNumber(values.folds, 'folds'),
    threads: threadsOf(values.threads),
    file: values.file,
    read: {
      encoding: values.encoding,
      delimiter: delimiterOf(values.delimiter),
      hasHeader: values['no-header'] ? false : undefined,
      textColumn: columnOf(values['text-column']),
      labelColumn: columnOf(values['label-column']),
    },
    settings: definedOnly({
      epochs: optionalNumber(values.epochs, 'epochs'),
      batchSize: optionalNumber(values['batch-size'], 'batch-size'),
      learningRate: optionalNumber(values['learning-rate'], 'learning-rate'),
      embeddingDim: optionalNumber(values['embedding-dim'], 'embedding-dim'),
      hiddenUnits: optionalNumber(values['hidden-units'], 'hidden-units'),
      dropout: optionalNumber(values.dropout, 'dropout'),
      sequenceLength: optionalNumber(values['sequence-length'], 'sequence-length'),
      vocabularySize: optionalNumber(values['vocab-size'], 'vocab-size'),
      minCount: optionalNumber(values['min-count'], 'min-count'),
      earlyStoppingPatience: optionalNumber(values.patience, 'patience'),
      validationShare: optionalNumber(values['validation-share'], 'validation-share'),
      seed: optionalNumber(values.seed, 'seed'),
      backend: values.backend as TrainSettings['backend'] | undefined,
      wordBigrams: values['no-bigrams'] ? false : values.bigrams ? true : undefined,
      cjkCharNgrams: optionalNumber(values['char-ngrams'], 'char-ngrams') as TrainSettings['cjkCharNgrams'] | undefined,
      lowercase: values['no-lowercase'] ? false : undefined,
      classWeighting: values['class-weights'] as TrainSettings['classWeighting'] | undefined,
      maskPii: values['keep-pii'] ? false : undefined,
      weights: weightFormatOf(values.weights),
    }),
  };
}

function optionalNumber(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new SiftError('INVALID_OPTION', `--${flag} expects a number (got "${raw}").`);
  }
  return value;
}

function threadsOf(raw: string | undefined): number | undefined {
  const threads = optionalNumber(raw, 'threads');
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= MAX_THREADS)) {
    throw new SiftError('INVALID_OPTION', `--threads must be a whole number from 1 to ${MAX_THREADS} (got "${raw}").`);
  }
  return threads;
}

/** A column given as a plain non-negative integer is an index; anything else is a name. */
function columnOf(raw: string | undefined): string | number | undefined {
  if (raw === undefined) return undefined;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function weightFormatOf(raw: string | undefined): WeightFormat | undefined {
  if (raw === undefined) return undefined;
  if (!(WEIGHT_FORMATS as readonly string[]).includes(raw)) {
    throw new SiftError('INVALID_OPTION', `--weights must be one of: ${WEIGHT_FORMATS.join(', ')} (got "${raw}").`);
  }
  return raw as WeightFormat;
}

const DELIMITER_NAMES: Record<string, Delimiter> = {
  ',': ',', comma: ',', ';': ';', semicolon: ';', '\t': '\t', '\\t': '\t', tab: '\t', '|': '|', pipe: '|',
};

function delimiterOf(raw: string | undefined): Delimiter | undefined {
  if (raw === undefined) return undefined;
  const d = DELIMITER_NAMES[raw];
  if (!d) throw new SiftError('INVALID_OPTION', `--delimiter must be one of: comma, semicolon, tab, pipe (got "${raw}").`);
  return d;
}

export const USAGE = `Sift: train a text classifier on your labelled texts.

Usage:
  npm run sift -- inspect DATA.csv [--json]
  npm run sift -- train DATA.csv [--test TEST.csv] [--out model.sift.zip] [options] [--json]
  npm run sift -- eval model.sift.zip TEST.csv [--json]
  npm run sift -- predict model.sift.zip "some text" ["more text" ...] [--json]
  npm run sift -- predict model.sift.zip --file texts.txt [--json]
  npm run sift -- issues DATA.csv [--folds K] [--top N] [--seed S] [options] [--json]

Reading the file (detected when left out):
  --text-column C    column name or 0-based index     --label-column C
  --encoding E       e.g. utf-8, gb18030, windows-1252  --delimiter comma|semicolon|tab|pipe
  --no-header        the first row is data

Training (defaults in brackets are Sift's measured defaults):
  --epochs N  --batch-size N  --learning-rate X  --embedding-dim N  --hidden-units N
  --dropout X  --sequence-length N  --vocab-size N  --min-count N  --patience N (0 = no early stop)
  --validation-share X  --seed N  --backend auto|wasm|cpu|webgl  --bigrams / --no-bigrams
  --char-ngrams 0|2|3  --no-lowercase  --class-weights none|balanced  --name NAME
  --keep-pii         do not mask personal data (e-mail addresses, phone, card and ID numbers…)
                     before tokenising: the model's vocabulary may then contain it
  --weights F        how the model stores its weights (it is measured, and saved, as stored):
                     float32 (exact), float16, uint8 [${DEFAULT_WEIGHT_FORMAT}]
  --threads N        threads that read a big file's texts (20 million characters or more),
                     1 to ${MAX_THREADS}; the model is the same whatever N [one per core, at most ${MAX_THREADS}]

Output:
  --json             the last line of stdout is one JSON object (errors too: {"error": {...}})
  --file F           predict: the texts of F, one per line (UTF-8); prints one line per text
                     (label, probability, text) and, with --json, the predictions only
  --top N            predict: show the N most likely classes (default all);
                     issues: list the N most suspicious rows, flagged or not (JSON "ranked";
                     default: the flagged rows, and every row in "ranked")

Label problems (issues): trains K models (default 5), each with the settings train would use,
on all rows but one fold, predicts the held-out fold, and flags the rows whose label the
predictions contradict (confident learning). --seed also seeds the folds.
  --folds K          number of cross-validation folds, 2 or more (default 5)
`;
