/**
 * The shape a translation must have, derived from the English catalogue: every key, each a
 * string. English plural forms come in pairs (`rows_one`, `rows_other`, as i18next and
 * Intl.PluralRules name them); Chinese has one form, so `_one` keys are not asked of it. A key
 * missing from a translation, or one it has that English does not, is a type error.
 */
export type Translation<T> = {
  [K in keyof T as K extends `${string}_one` ? never : K]: T[K] extends string ? string : Translation<T[K]>;
};
