/** scikit-learn TF-IDF (word 1–2-grams) + LinearSVC, Debian's python3-sklearn run by /usr/bin/python3. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../datasets';
import { assertSucceeded, runMeasured } from '../measure';
import { scorePredictions } from '../metrics';
import type { Contender, PreparedDataset, RunContext, RunFigures } from '../types';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(PROJECT_ROOT, 'bench', 'sklearn_tfidf_svc.py');

interface ScriptOutput {
  fitSeconds: number;
  predictSeconds: number;
  features: number;
}

function parseScriptOutput(stdout: string): ScriptOutput {
  const lines = stdout.trim().split('\n');
  const parsed: unknown = JSON.parse(lines[lines.length - 1] ?? '');
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    'fitSeconds' in parsed &&
    typeof parsed.fitSeconds === 'number' &&
    'predictSeconds' in parsed &&
    typeof parsed.predictSeconds === 'number' &&
    'features' in parsed &&
    typeof parsed.features === 'number'
  ) {
    return { fitSeconds: parsed.fitSeconds, predictSeconds: parsed.predictSeconds, features: parsed.features };
  }
  throw new Error(`unexpected output from ${SCRIPT}: ${stdout.slice(-300)}`);
}

export const sklearnContender: Contender = {
  id: 'sklearn',
  settings: 'TfidfVectorizer(ngram_range=(1, 2)) + LinearSVC(), defaults otherwise',
  trainTimeMeaning: 'vectorizer fit_transform + LinearSVC fit, timed inside Python',
  async preflight() {
    if (!existsSync(PYTHON)) return `${PYTHON} is missing: install Debian's python3 and python3-sklearn (apt-get install -y python3-sklearn).`;
    const probe = spawnSync(PYTHON, ['-c', 'import sklearn; print(sklearn.__version__)'], { encoding: 'utf8' });
    if (probe.status !== 0) return `scikit-learn is not importable by ${PYTHON}: apt-get install -y python3-sklearn.`;
    return null;
  },
  async run(dataset: PreparedDataset, { workDir, timeoutSeconds }: RunContext): Promise<RunFigures> {
    const predictionsPath = join(workDir, 'predictions.jsonl');
    const args = [SCRIPT, dataset.trainPath, dataset.testPath, predictionsPath];
    if (dataset.language === 'zh') args.push('--han-chars');
    const measured = await runMeasured(PYTHON, args, { timeoutSeconds });
    assertSucceeded('sklearn_tfidf_svc.py', measured);
    const output = parseScriptOutput(measured.stdout);
    const predicted = readFileSync(predictionsPath, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => String(JSON.parse(line)));
    const scores = scorePredictions(dataset.testLabels, predicted);
    return {
      ...scores,
      trainSeconds: output.fitSeconds,
      processSeconds: measured.wallSeconds,
      peakRssMiB: measured.peakRssMiB,
      details: { predictSeconds: output.predictSeconds, features: output.features },
    };
  },
};
