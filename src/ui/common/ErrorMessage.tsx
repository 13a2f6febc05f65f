import type { AppError } from '@/core/errors';
import { currentLanguage, useT } from '../i18n';
import { formatCount } from './format';

interface Props {
  error: AppError;
  /** What was being done, e.g. "Could not read the file". */
  title: string;
  onDismiss?: () => void;
}

/** A failure shown where it happened: the engine's message, its code, and where in the file. */
export function ErrorMessage({ error, title, onDismiss }: Props) {
  const t = useT();
  const where = [error.row !== undefined ? t('common.errorRow', { row: formatCount(error.row) }) : null, error.column ? t('common.errorColumn', { column: error.column }) : null]
    .filter(Boolean)
    .join(', ');
  return (
    <div className="error-message" role="alert">
      <div className="error-message__body">
        <strong className="error-message__title">{title}</strong>
        {/* The engine's message is English (the CLI's words): marked as such in another page language. */}
        <p lang={currentLanguage() === 'en' ? undefined : 'en'}>{error.message}</p>
        <p className="error-message__meta">
          {t('common.code')} <code>{error.code}</code>
          {where ? ` · ${where}` : ''}
        </p>
      </div>
      {onDismiss && (
        <button type="button" className="button button--quiet" onClick={onDismiss}>
          {t('common.dismiss')}
        </button>
      )}
    </div>
  );
}
