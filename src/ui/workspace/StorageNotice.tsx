import { useSift } from '@/state/appStore';
import { Trans, useT } from '../i18n';
import { storageProblemText } from './storageWords';

/**
 * Says when this tab does not keep the person's work in the browser, and why: Sift is open in
 * another tab (which keeps it; this tab can take over), another tab took over, or there is no
 * storage that works. Nothing while this tab saves normally.
 */
export function StorageNotice() {
  const t = useT();
  const storage = useSift((s) => s.storage);
  const takeOver = () => void useSift.getState().takeOver();
  const button = (
    <p>
      <button type="button" className="button button--secondary" onClick={takeOver} disabled={storage.status === 'taking-over'}>
        {t('app.storage.takeOver')}
      </button>{' '}
      <span className="muted">{t('app.storage.takeOverThen')}</span>
    </p>
  );
  const strong = { strong: <strong /> };
  switch (storage.status) {
    case 'saving':
      return null;
    case 'elsewhere':
    case 'taking-over':
      return (
        <section className="storage-notice" aria-label={t('app.storage.region')}>
          <p role="status">
            <Trans t={t} i18nKey="app.storage.elsewhere" components={strong} />
          </p>
          {button}
        </section>
      );
    case 'taken-over':
      return (
        <section className="storage-notice" aria-label={t('app.storage.region')}>
          <p role="status">
            <Trans t={t} i18nKey="app.storage.takenOver" components={strong} />
          </p>
          {button}
        </section>
      );
    case 'unavailable':
      return (
        <section className="storage-notice" aria-label={t('app.storage.region')}>
          <p role="status">
            <Trans t={t} i18nKey="app.storage.unavailable" values={{ reason: storageProblemText(t, storage.reason) }} components={strong} />
          </p>
        </section>
      );
  }
}
