/** Numbers as people read them, for the model card, the CLI and the page's announcements. */

/** 0.9123 → "91.2%". */
export const formatPercent = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;
