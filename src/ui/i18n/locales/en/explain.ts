/** Word explanations (the Try box and every listed text) and step 5. */
export const explain = {
  coverage: {
    noWords: 'There are no words here, only punctuation or symbols',
    known_one: '{{known}} of {{count, number}} word is known to the model',
    known_other: '{{known}} of {{count, number}} words are known to the model',
    part: '{{count, number}} more in part',
    cut_one: 'the last {{count, number}} word was not read (the text is longer than the model reads)',
    cut_other: 'the last {{count, number}} words were not read (the text is longer than the model reads)',
    separator: '; ',
    end: '{{sentence}}.',
  },
  guess: {
    default: "None of these words appear in the training data: this is the model's default answer.",
    noWords: 'Treat the prediction as a guess.',
    few: 'Few of these words are known to the model: treat the prediction as a guess.',
  },
  strength: { strong: 'strong', moderate: 'moderate', weak: 'weak' },
  push: {
    none: 'no effect',
    toward: 'pushed toward {{label}}, {{strength}}',
    away: 'pushed away from {{label}}, {{strength}}',
    unknown: 'not known to the model',
    notRead: 'not read: past the length the model reads',
    odds: 'odds {{sign}}{{factor}} for {{label}}',
    overMillion: 'over a million',
  },
  legend: {
    colours: 'Highlight colours',
    away: 'away from {{label}}',
    toward: 'toward {{label}}',
    pushToward: 'push toward {{label}}',
    pushAway: 'push away from {{label}}',
    unknown: 'unknown',
  },
  ranked: { toward: 'Pushed toward {{label}}', away: 'Pushed away from {{label}}' },
} as const;
