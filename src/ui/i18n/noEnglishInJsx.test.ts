/**
 * No words of the page are written in JSX: each goes through the catalogue (t('…')), or a Chinese
 * reader meets English. This scans every component under src/ui and src/app for text children and
 * for string literals in attributes a person sees or hears (aria-label, title, placeholder, …, and
 * the components' own text props), so a string added on another branch is caught after a merge.
 * Words that are the same in every language (the product's name, a code) are allowed below.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Attributes (of elements and of Sift's components) whose value is read by a person or a screen reader. */
const SEEN_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'aria-roledescription',
  'title',
  'alt',
  'placeholder',
  'label',
  'intro',
  'waitingFor',
]);

/** Text the same in every language: `file: text`. Keep it short; add a key to the catalogue instead. */
const ALLOWED = new Set(['src/ui/model/ModelHeader.tsx: Sift', 'src/app/PanelBoundary.tsx: INTERNAL']);

const LETTERS = /[A-Za-z]{2,}/;

interface Literal {
  line: number;
  text: string;
}

/** String pieces an expression puts on the page: literals, both sides of a condition, template text; never a call's arguments (t('key')). */
function shownStrings(node: ts.Node, out: string[]): void {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
  else if (ts.isTemplateExpression(node)) {
    out.push(node.head.text, ...node.templateSpans.map((s) => s.literal.text));
    for (const span of node.templateSpans) shownStrings(span.expression, out);
  } else if (ts.isConditionalExpression(node)) {
    shownStrings(node.whenTrue, out);
    shownStrings(node.whenFalse, out);
  } else if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) shownStrings(node.left, out);
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      shownStrings(node.right, out);
    }
  } else if (ts.isParenthesizedExpression(node)) shownStrings(node.expression, out);
}

/** English-looking literals in a TSX source's JSX. */
function jsxLiterals(source: string, fileName = 'x.tsx'): Literal[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Literal[] = [];
  const add = (node: ts.Node, text: string) => {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (LETTERS.test(trimmed)) found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: trimmed });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) add(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const strings: string[] = [];
      shownStrings(node.expression, strings);
      for (const s of strings) add(node, s);
    } else if (ts.isJsxAttribute(node) && SEEN_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      const strings: string[] = [];
      if (ts.isStringLiteral(node.initializer)) strings.push(node.initializer.text);
      else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) shownStrings(node.initializer.expression, strings);
      for (const s of strings) add(node, s);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return path.endsWith('.tsx') && !path.endsWith('.test.tsx') ? [path] : [];
  });
}

describe('the scan for words written in JSX', () => {
  it('finds text children, seen attributes and literals in expressions, but not catalogue keys or class names', () => {
    const found = jsxLiterals(`
      const a = <p className="muted big">Hello there</p>;
      const b = <button aria-label="Close the list" title={open ? 'Fold it' : t('x.y')}>{t('common.close')}</button>;
      const c = <span>{busy ? 'Stopping…' : label}{n > 1 && \`\${n} more rows\`}</span>;
      const d = <Section title="Data" intro={t('data.intro')} />;
      const e = <span aria-hidden="true">✓ · 42%</span>;
    `);
    expect(found.map((f) => f.text)).toEqual(['Hello there', 'Close the list', 'Fold it', 'Stopping…', 'more rows', 'Data']);
  });
});

describe('the page’s components', () => {
  const root = join(import.meta.dirname, '..', '..', '..');
  const files = [...tsxFiles(join(root, 'src', 'ui')), ...tsxFiles(join(root, 'src', 'app'))];

  it('are all scanned', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it('write no words in JSX: every text goes through the catalogue (src/ui/i18n/locales)', () => {
    const left = files.flatMap((path) => {
      const name = relative(root, path).split('\\').join('/');
      return jsxLiterals(readFileSync(path, 'utf8'), name)
        .filter((l) => !ALLOWED.has(`${name}: ${l.text}`))
        .map((l) => `${name}:${l.line}: ${l.text}`);
    });
    expect(left).toEqual([]);
  });
});
