import { useSift } from '@/state/appStore';

/**
 * Says when this tab does not keep the person's work in the browser, and why: Sift is open in
 * another tab (which keeps it; this tab can take over), another tab took over, or there is no
 * storage that works. Nothing while this tab saves normally.
 */
export function StorageNotice() {
  const storage = useSift((s) => s.storage);
  const takeOver = () => void useSift.getState().takeOver();
  const button = (
    <button type="button" className="button button--secondary" onClick={takeOver} disabled={storage.status === 'taking-over'}>
      Use Sift in this tab
    </button>
  );
  switch (storage.status) {
    case 'saving':
      return null;
    case 'elsewhere':
    case 'taking-over':
      return (
        <section className="storage-notice" aria-label="Where your work is saved">
          <p role="status">
            <strong>Sift is open in another tab.</strong> That tab keeps your work in this browser; this one neither opens nor saves it, so the two cannot
            overwrite each other. You can still try things here, but nothing is kept.
          </p>
          <p>
            {button} <span className="muted">This tab then opens the work saved by the other one, which stops saving.</span>
          </p>
        </section>
      );
    case 'taken-over':
      return (
        <section className="storage-notice" aria-label="Where your work is saved">
          <p role="status">
            <strong>Sift was opened in another tab, which now keeps your work.</strong> This tab stopped saving: what you do here is lost when you close it.
          </p>
          <p>
            {button} <span className="muted">This tab then opens the work saved by the other one, which stops saving.</span>
          </p>
        </section>
      );
    case 'unavailable':
      return (
        <section className="storage-notice" aria-label="Where your work is saved">
          <p role="status">
            <strong>This browser is not keeping your work</strong> ({storage.reason}): it is lost when you close the page. Export your model to keep it.
          </p>
        </section>
      );
  }
}
