import { formatPercent } from '../format';
import type { Metrics } from '../model/types';
import { BUNDLE_EXTENSION, BUNDLE_FILES } from './files';
import type { ClassTopWords, ModelCalibration, SiftManifest } from './types';
import { NODE_SNIPPET, PAGE_SNIPPET } from './runtimeUsage';
import type { WeightFormat } from './weightFormat';

export interface CardOptions {
  /** How weights.bin stores the weights. */
  weights: WeightFormat;
}

const WEIGHT_FORMAT_WORDS: Record<WeightFormat, string> = {
  float32: 'float32 (4 bytes a weight, exact)',
  float16: 'float16 (2 bytes a weight, half precision)',
  uint8: 'uint8 (1 byte a weight: 256 evenly spaced values per tensor, from its `min` in steps of its `scale`)',
};

function metricsLines(title: string, metrics: Metrics | null): string[] {
  if (metrics === null) return [];
  const lines = [`**${title}** (${metrics.examples} texts): accuracy ${formatPercent(metrics.accuracy)}, macro F1 ${metrics.macroF1.toFixed(3)}`, ''];
  lines.push('| label | precision | recall | F1 | texts |', '|---|---|---|---|---|');
  for (const c of metrics.perClass) lines.push(`| ${cell(c.label)} | ${c.precision.toFixed(3)} | ${c.recall.toFixed(3)} | ${c.f1.toFixed(3)} | ${c.support} |`);
  lines.push('');
  return lines;
}

/** Control characters (C0, DEL, C1) and the bidi overrides that reorder displayed text. */
const CONTROLS = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/**
 * A label, name or column name as plain text in Markdown, whatever it holds: one line (line
 * breaks and controls become spaces), and every character Markdown or HTML would act on inside a
 * line — emphasis, links and images (their "[" ), code, table cells, tags, entities —
 * backslash-escaped (CommonMark escapes any ASCII punctuation). "a|b" stays one table cell;
 * "<img src=x onerror=…>" stays text.
 */
export function markdownText(text: string): string {
  return text.replace(CONTROLS, ' ').replace(/\s+/g, ' ').replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

/** Table cells and headings take the same escaping. */
const cell = markdownText;

/** A word as inline code, whatever characters it holds. */
function code(word: string): string {
  const fence = word.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${word.replace(CONTROLS, ' ').replace(/\s+/g, ' ')}${fence.length > 1 ? ' ' : ''}${fence}`;
}

function calibrationLines(calibration: ModelCalibration | undefined): string[] {
  if (calibration === undefined) return [];
  const lines = ['## How sure it is', ''];
  const { temperature, fit, examples, eceBefore, eceAfter, eceBins } = calibration;
  if (fit === 'no-validation') {
    lines.push('The probabilities are not calibrated: no validation texts were held out to fit a temperature on (T = 1).');
  } else if (fit === 'separable') {
    lines.push(
      `The probabilities are not calibrated: the model classified every one of the ${examples} validation texts right by a margin, so they cannot tell how sure it should be (T = 1 kept).`,
    );
  } else {
    lines.push(
      `The probabilities are calibrated by temperature scaling: the output layer's kernel and bias were divided by T = ${temperature.toFixed(3)}, fitted on the ${examples} validation texts, so that a stated confidence of 90% means right about 90% of the time on texts like those. Any runtime loading model.json gets the calibrated probabilities.`,
    );
  }
  if (eceBefore !== null && eceAfter !== null) {
    lines.push('', `Expected calibration error on the validation texts (${eceBins} bins; 0 = confidence matches accuracy): ${eceBefore.toFixed(3)} before, ${eceAfter.toFixed(3)} after.`);
  }
  lines.push('');
  return lines;
}

function topWordLines(topWords: ClassTopWords[] | undefined): string[] {
  if (topWords === undefined) return [];
  return [
    '## What it learned',
    '',
    'For each class, the words that most push toward it on their own (how much the word typed alone raises the log-odds of the class above an empty text\'s), strongest first:',
    '',
    ...topWords.map(({ label, words }) => `- **${cell(label)}**: ${words.length > 0 ? words.map((w) => code(w.word)).join(', ') : '(no word pushes toward it on its own)'}`),
    '',
  ];
}

/**
 * README.md inside the bundle: a short model card for people (what the model does, how well, on
 * what data, with which settings) and the code to use it with plain TensorFlow.js.
 */
export function modelCard(manifest: SiftManifest, options: CardOptions = { weights: 'float32' }): string {
  const m = manifest;
  const t = m.tokenizer;
  const s = m.settings;
  const lines: string[] = [
    `# ${markdownText(m.name)}`,
    '',
    `A text classifier trained with Sift ${markdownText(m.siftVersion)} on ${markdownText(m.createdAt)}.`,
    '',
    `**Labels (${m.labels.length}):** ${m.labels.map(markdownText).join(', ')}`,
    '',
    '## How well it does',
    '',
    ...metricsLines('Validation', m.metrics.validation),
    ...metricsLines('Test', m.metrics.test),
    ...(m.metrics.validation === null && m.metrics.test === null ? ['Not measured: no validation or test texts were held out.', ''] : []),
    'These figures hold for texts like the training data; check it on your own texts before relying on it.',
    '',
    ...calibrationLines(m.calibration),
    ...topWordLines(m.topWords),
    '## Data',
    '',
    `- File: ${m.dataset.fileName === null ? '(not recorded)' : markdownText(m.dataset.fileName)}, ${m.dataset.rows} rows; text column "${markdownText(m.dataset.textColumn)}", label column "${markdownText(m.dataset.labelColumn)}"`,
    `- ${m.training.trainExamples} texts for training, ${m.training.validationExamples} for validation`,
    ...privacyLines(t.maskPii),
    '',
    '## Training',
    '',
    `- Model: Embedding(${m.vocabulary.length} × ${s.embeddingDim}) → masked mean → Dense(${s.hiddenUnits}, relu) → Dense(${m.labels.length}, softmax)`,
    `- Tokens: ${t.normalization === 'NFKC' ? 'NFKC-normalised' : 'not normalised'}, ${t.lowercase ? 'lower-cased' : 'case kept'}, words (Intl.Segmenter, locale \`${t.locale}\`)` +
      `${t.wordBigrams ? ' + word bigrams' : ''}${t.cjkCharNgrams > 0 ? ` + CJK character n-grams up to ${t.cjkCharNgrams}` : ''}; at most ${m.sequenceLength} tokens per text`,
    `- Settings: ${s.epochs} epochs max (kept epoch ${m.training.bestEpoch}, stopped: ${markdownText(m.training.stopReason)}), batch ${s.batchSize}, learning rate ${s.learningRate}, dropout ${s.dropout}, vocabulary ≤ ${s.vocabularySize} (min count ${s.minCount}), class weighting ${s.classWeighting}`,
    `- Seed ${m.seed}; backend ${m.training.backend}; ${m.training.seconds.toFixed(1)} s`,
    '',
    '## Files',
    '',
    `- \`${BUNDLE_FILES.model}\` + \`${BUNDLE_FILES.weights}\`: a TensorFlow.js Layers model; weights stored as ${WEIGHT_FORMAT_WORDS[options.weights]}` +
      `${options.weights === 'float32' ? '' : ', which `tf.loadLayersModel` decodes (the `quantization` field of its weights manifest)'}`,
    `- \`${BUNDLE_FILES.manifest}\`: labels, vocabulary (index = token id; 0 = \`<pad>\`, 1 = \`<unk>\`), tokenizer settings, metrics`,
    `- \`${BUNDLE_FILES.runtime}\`: the model's runtime in plain JavaScript (one ES module, no dependencies): Sift's own tokenizer${t.maskPii ? ', masking' : ''} and classifier`,
    `- \`${BUNDLE_FILES.example}\`: a page with a text box that predicts with it`,
    `- \`${BUNDLE_FILES.golden}\`: texts with the token ids and probabilities this model gives them, to check a port to another language; ` +
      'up to 20 of them are validation texts (none in which masking finds personal data): remove the file before sharing the model if those texts are confidential',
    '',
    '## Using it',
    '',
    `In Sift: load this \`${BUNDLE_EXTENSION}\` file in the app to classify new texts.`,
    '',
    `Anywhere else, unzip it and use \`${BUNDLE_FILES.runtime}\`. In a page served from the unzipped folder by any static web server, in a module script (\`type="module"\`; \`${BUNDLE_FILES.example}\` does this):`,
    '',
    '```js',
    PAGE_SNIPPET,
    '```',
    '',
    'In Node (20 or later), run from the unzipped folder as a `.mjs` file:',
    '',
    '```js',
    NODE_SNIPPET,
    '```',
    '',
    '`model.predict(text)` gives `{ label, probabilities: { [label]: probability } }`; `model.explain(text)` adds each word\'s push',
    'toward or away from the label (`words`: `word`, `start`, `end`, `known`, `value` in log-odds; they add up to `score − emptyScore`)',
    'and how much of the text the model knows (`coverage`), as `sift predict --json` prints them.',
    '',
    'In TensorFlow.js (model.json + weights.bin alone), after unzipping:',
    '',
    '```js',
    "// in a browser: an http(s) URL; in Node with @tensorflow/tfjs-node: 'file://path/to/model.json'",
    "const model = await tf.loadLayersModel('https://example.org/my-model/model.json');",
    "const sift = JSON.parse(fs.readFileSync('sift.json', 'utf8'));",
    "// ids: the token ids of ONE text, unpadded: predict.mjs's model.tokenIds(text), or your own tokenizer (below)",
    'const probabilities = model.predict(tf.tensor2d([ids], [1, ids.length], "int32")).dataSync();',
    'const label = sift.labels[probabilities.indexOf(Math.max(...probabilities))];',
    '```',
    '',
    '**Feed one text at a time, without padding** (shape `[1, n]`). Sift averages the embeddings of',
    'a text\'s tokens ignoring padding; TensorFlow.js 4.22\'s GlobalAveragePooling1D ignores the mask,',
    'so padded batches give different probabilities, while an unpadded text gives exactly Sift\'s.',
    '',
    'Token ids: normalise the text (NFKC, soft hyphens and other invisible marks removed, then',
    `lower-case if set);${t.maskPii ? ' replace personal data by its placeholder token (`<email>`, `<phone>`, `<card>`, `<iban>`, `<ip>`, `<id>`, `<number>`; src/core/text/pii.ts says which spans);' : ''} split it into words with`,
    `\`new Intl.Segmenter('${t.locale}', { granularity: 'word' })\`, keeping every segment that is not`,
    'whitespace; add word bigrams ("new york") if set, and for runs of Chinese, Japanese or Korean',
    'characters the characters and character n-grams that are not words themselves; look each token',
    'up in `vocabulary`: unknown words become 1 (`<unk>`), unknown bigrams and n-grams are dropped;',
    `keep the first \`sequenceLength\` ids. \`${BUNDLE_FILES.runtime}\` is the reference for the exact order of`,
    `the tokens, and \`${BUNDLE_FILES.golden}\` lists the ids and probabilities a port must reproduce.`,
    '',
  ];
  return lines.join('\n');
}

function privacyLines(maskPii: boolean): string[] {
  if (maskPii) {
    return [
      '- Personal data was masked before the texts became tokens: e-mail addresses, phone numbers, payment card numbers, IBANs, ' +
        'IP addresses, Chinese ID card numbers and other numbers of 7 or more digits are each one placeholder token (`<email>`, `<phone>`, …), ' +
        'so the vocabulary does not hold them. Web addresses (URLs) were kept as words. Names and street addresses are not detected.',
    ];
  }
  return [
    '- **Personal data was NOT masked** (masking was turned off): the vocabulary in `sift.json` holds every word of the training texts ' +
      'and may contain e-mail addresses, phone numbers and other personal data. Check it before sharing this model.',
  ];
}
