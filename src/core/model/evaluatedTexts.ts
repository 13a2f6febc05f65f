/**
 * The texts behind an evaluation's numbers: for a cell of the confusion matrix (true A, predicted
 * B) or for every mistake at once, the texts themselves with what the model gave them, ranked and
 * served a page at a time. Built from what training already has (the validation examples and the
 * model's probabilities for them), so nothing is tokenized or predicted again, and a page costs
 * O(page) once a list's order is known (each list is sorted once, on first request).
 */
import { SiftError } from '../errors';
import type { Example } from '../dataset/types';
import { argmaxAt } from './rowMath';

export type TextListQuery =
  /** The texts whose label is `trueLabel` and that the model classified as `predictedLabel`. */
  | { kind: 'cell'; trueLabel: string; predictedLabel: string }
  /** Every text the model got wrong, whatever the classes. */
  | { kind: 'mistakes' };

export interface ListedText {
  /** 1-based data row in the file (header excluded), as the data check names rows. */
  row: number;
  text: string;
  trueLabel: string;
  predictedLabel: string;
  /** The model's probability for the class it predicted. */
  predictedProbability: number;
  /** Its probability for the text's own label; null for a label the model has no class for (a test file's). */
  trueProbability: number | null;
}

/**
 * 'surest-first': mistakes, the most confidently wrong first (where the model, or the label, is
 * most clearly off). 'least-sure-first': right answers, the closest calls first (a list of right
 * answers sorted surest-first would open on texts nobody needs to look at).
 */
export type TextListOrder = 'surest-first' | 'least-sure-first';

export interface TextListPage {
  query: TextListQuery;
  /** Texts in the whole list. */
  total: number;
  /** Index of items[0] in the whole list. */
  offset: number;
  items: ListedText[];
  order: TextListOrder;
}

/** A page never holds more than this: the page and the message stay small whatever is asked. */
export const MAX_PAGE = 200;

export class EvaluatedTexts {
  private readonly predicted: Int32Array;
  private readonly truth: Int32Array;
  private readonly sorted = new Map<string, Int32Array>();

  /**
   * @param examples the evaluated texts with their labels and rows
   * @param probabilities [examples × labels.length], row i ↔ examples[i]
   * @param labels the model's classes (index = class)
   */
  constructor(
    private readonly examples: readonly Example[],
    private readonly probabilities: Float32Array,
    private readonly labels: readonly string[],
  ) {
    const k = labels.length;
    if (probabilities.length !== examples.length * k) {
      throw new SiftError('INVALID_OPTION', `${probabilities.length} probabilities do not make ${examples.length} rows of ${k} classes.`);
    }
    const index = new Map(labels.map((l, i) => [l, i]));
    this.predicted = Int32Array.from(examples, (_, i) => argmaxAt(probabilities, i * k, k));
    this.truth = Int32Array.from(examples, (e) => index.get(e.label) ?? -1);
  }

  get size(): number {
    return this.examples.length;
  }

  /**
   * One page of a list: `limit` texts (at most MAX_PAGE) from `offset`, in the list's order; ties
   * keep the file's order. An offset past the end gives an empty page with the total.
   * @throws SiftError INVALID_OPTION for a negative or fractional offset or limit
   */
  page(query: TextListQuery, offset: number, limit: number): TextListPage {
    for (const [name, value] of [['offset', offset], ['limit', limit]] as const) {
      if (!Number.isInteger(value) || value < 0) throw new SiftError('INVALID_OPTION', `The ${name} of a text list must be a whole number of at least 0 (got ${value}).`);
    }
    const order = orderOf(query);
    const members = this.members(query, order);
    const k = this.labels.length;
    const items = Array.from(members.subarray(offset, offset + Math.min(limit, MAX_PAGE)), (i) => {
      const example = this.examples[i];
      const t = this.truth[i];
      return {
        row: example.row,
        text: example.text,
        trueLabel: example.label,
        predictedLabel: this.labels[this.predicted[i]],
        predictedProbability: this.probabilities[i * k + this.predicted[i]],
        trueProbability: t < 0 ? null : this.probabilities[i * k + t],
      };
    });
    return { query, total: members.length, offset, items, order };
  }

  /** Indices of the list's texts in its order, sorted on first use and kept. */
  private members(query: TextListQuery, order: TextListOrder): Int32Array {
    const key = query.kind === 'cell' ? JSON.stringify([query.trueLabel, query.predictedLabel]) : 'mistakes';
    const known = this.sorted.get(key);
    if (known !== undefined) return known;
    const k = this.labels.length;
    const belongs =
      query.kind === 'mistakes'
        ? (i: number) => this.examples[i].label !== this.labels[this.predicted[i]]
        : (i: number) => this.examples[i].label === query.trueLabel && this.labels[this.predicted[i]] === query.predictedLabel;
    const list: number[] = [];
    for (let i = 0; i < this.examples.length; i++) if (belongs(i)) list.push(i);
    const sure = (i: number): number => this.probabilities[i * k + this.predicted[i]];
    const sign = order === 'surest-first' ? -1 : 1;
    list.sort((a, b) => sign * (sure(a) - sure(b)) || a - b);
    const members = Int32Array.from(list);
    this.sorted.set(key, members);
    return members;
  }
}

function orderOf(query: TextListQuery): TextListOrder {
  return query.kind === 'cell' && query.trueLabel === query.predictedLabel ? 'least-sure-first' : 'surest-first';
}
