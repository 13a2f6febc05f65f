/**
 * How a program outside Sift uses a bundle's predict.mjs: the model card's lines and the bundle's
 * example.html. Code for other programs, held as text (the architecture test lets this file's
 * strings name browser and Node APIs that core itself never uses).
 */

/**
 * example.html inside every bundle: a text box and the prediction, made by predict.mjs from the
 * files beside it (`loadFromUrl('.')`), for any static web server. Everything the model says
 * (its name, labels) is written with textContent, never as HTML.
 */
export const EXAMPLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Sift model</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
textarea { box-sizing: border-box; width: 100%; min-height: 6rem; font: inherit; }
ol { padding-left: 1.5rem; font-variant-numeric: tabular-nums; }
</style>
</head>
<body>
<h1 id="name">Sift model</h1>
<p>Type a text: <code>predict.mjs</code> predicts its label in this browser, from the model's files beside this page.
Serve this folder with any static web server (<code>python3 -m http.server</code>, <code>npx serve</code>, …): opened as a file, the page cannot read them.</p>
<label for="text">Text</label>
<textarea id="text"></textarea>
<p id="prediction" role="status" aria-live="polite">Loading the model…</p>
<ol id="probabilities" aria-label="Probability of each label"></ol>
<script type="module">
import { loadFromUrl } from './predict.mjs';

const prediction = document.getElementById('prediction');
try {
  const model = await loadFromUrl('.');
  document.getElementById('name').textContent = model.name;
  document.title = model.name;
  const text = document.getElementById('text');
  const list = document.getElementById('probabilities');
  const show = () => {
    const { label, probabilities } = model.predict(text.value);
    prediction.textContent = 'Prediction: ' + label;
    list.replaceChildren(
      ...Object.entries(probabilities)
        .sort((a, b) => b[1] - a[1])
        .map(([name, p]) => {
          const item = document.createElement('li');
          item.textContent = name + ': ' + (100 * p).toFixed(1) + '%';
          return item;
        }),
    );
  };
  text.addEventListener('input', show);
  show();
} catch (e) {
  prediction.textContent = 'Could not load the model: ' + (e instanceof Error ? e.message : String(e));
}
</script>
</body>
</html>
`;

/** The lines of the model card that load this model with predict.mjs in a page (tested: src/runtime/). */
export const PAGE_SNIPPET = ["import { loadFromUrl } from './predict.mjs';", "const model = await loadFromUrl('.');", "console.log(model.predict('some text'));"].join('\n');

/** The lines of the model card that load this model with predict.mjs in Node (tested: src/runtime/). */
export const NODE_SNIPPET = [
  "import { readFile } from 'node:fs/promises';",
  "import { load } from './predict.mjs';",
  "const model = await load({ 'model.json': await readFile('model.json'), 'weights.bin': await readFile('weights.bin'), 'sift.json': await readFile('sift.json') });",
  "console.log(JSON.stringify(model.predict('some text')));",
].join('\n');
