import type { Download, Page } from 'playwright-core';

/**
 * Export as a person does it: the Export button opens the dialog, which measures the weight
 * formats (for a model trained in this visit), then Download in the format chosen to begin with,
 * the model's own. Download waits until the dialog has measured (it is disabled meanwhile).
 */
export async function exportDownload(page: Page): Promise<Download> {
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: /^Export / });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), dialog.getByRole('button', { name: 'Download' }).click({ timeout: 180_000 })]);
  return download;
}
