/**
 * Sift's command line: the same engine as the web app, in Node.
 * Exit codes: 0 ok, 1 a problem with the input (file, bundle, option), 2 an internal error.
 */
import { parseCommandLine, USAGE } from './args';
import { Output } from './io';
import { runInspect } from './commands/inspect';
import { runTrain } from './commands/train';
import { runEval } from './commands/eval';
import { runPredict } from './commands/predict';
import { runIssues } from './commands/issues';
import { SiftError } from '@/core/errors';
import { quietTensorflow } from './quiet';

async function main(argv: string[]): Promise<number> {
  const wantsJson = argv.includes('--json');
  const out = new Output(wantsJson);
  try {
    const cli = parseCommandLine(argv);
    if (cli.help || cli.command === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    quietTensorflow();
    switch (cli.command) {
      case 'inspect':
        await runInspect(cli, out);
        return 0;
      case 'train':
        await runTrain(cli, out);
        return 0;
      case 'eval':
        await runEval(cli, out);
        return 0;
      case 'predict':
        await runPredict(cli, out);
        return 0;
      case 'issues':
        await runIssues(cli, out);
        return 0;
    }
  } catch (e) {
    out.error(e);
    return e instanceof SiftError ? 1 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    new Output(false).error(e);
    process.exitCode = 2;
  },
);
