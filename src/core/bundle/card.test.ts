import { describe, expect, it } from 'vitest';
import { markdownText, modelCard } from './card';
import { NODE_SNIPPET, PAGE_SNIPPET } from './runtimeUsage';
import { trecModel } from '../../../tests/helpers/testModel';

const HOSTILE_LABELS = ['a|b', '<img src=x onerror=alert(1)>', '**bold** _it_', '[click](https://evil.example)', '`code`', 'line\nbreak\r\x1b[31mred'];

/** The cells of a Markdown table row, split on the pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
}

describe('modelCard with labels and a name that hold Markdown, HTML and control characters', () => {
  const model = trecModel();
  const labels = HOSTILE_LABELS;
  const manifest = {
    ...model.manifest,
    name: '# <script>alert(1)</script> | evil\nname',
    labels,
    metrics: {
      validation: { ...model.manifest.metrics.validation!, labels, perClass: model.manifest.metrics.validation!.perClass.map((c, i) => ({ ...c, label: labels[i] })) },
      test: null,
    },
  };
  const card = modelCard(manifest);
  const lines = card.split('\n');

  it('keeps each label in its own table cell, as text', () => {
    const rows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| label'));
    expect(rows).toHaveLength(labels.length);
    rows.forEach((row) => expect(cells(row)).toHaveLength(5));
    expect(rows.map((r) => cells(r)[0])).toEqual(labels.map(markdownText));
  });

  it('leaves no tag, link, code span or control character that a renderer would act on', () => {
    expect(card).not.toMatch(/(?<!\\)<(img|script)/);
    expect(card).not.toMatch(/(?<!\\)\[click(?<!\\)\]/);
    expect(card).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    expect(lines[0]).toBe('# # \\<script\\>alert(1)\\</script\\> \\| evil name');
  });

  it('escapes each Markdown character once, so the text reads back the same', () => {
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
    for (const label of labels) expect(unescape(markdownText(label))).toBe(label.replace(/[\r\n\x1b]+/g, ' ').replace(/\s+/g, ' '));
  });
});

describe('modelCard: using the model without Sift', () => {
  const card = modelCard(trecModel().manifest, { weights: 'uint8' });

  it("names the bundle's runtime, page and golden texts, and shows the lines that load and predict in a page and in Node", () => {
    for (const file of ['predict.mjs', 'example.html', 'golden.json']) expect(card).toContain(`\`${file}\``);
    expect(card).toContain(['```js', PAGE_SNIPPET, '```'].join('\n'));
    expect(card).toContain(['```js', NODE_SNIPPET, '```'].join('\n'));
    expect(card).toMatch(/none in which masking finds personal data/);
  });
});
