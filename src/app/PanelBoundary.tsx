import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from 'react-i18next';
import type { en } from '@/ui/i18n/locales/en';
import { i18n } from '@/ui/i18n';

interface Props {
  /** Which panel, by its catalogue key (app.panels). */
  name: keyof typeof en.app.panels;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** A bug in one panel shows a message in that panel; the other panels and the work are kept. */
export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Sift: the ${this.props.name} panel failed`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const { message } = this.state.error;
    return (
      <Translation i18n={i18n}>
        {(t) => {
          const panel = t(`app.panels.${this.props.name}`);
          return (
            <section className="panel" aria-label={panel}>
              <div className="error-message" role="alert">
                <div className="error-message__body">
                  <strong className="error-message__title">{t('app.panelFailed', { panel })}</strong>
                  <p>{message}</p>
                  <p className="error-message__meta">
                    {t('common.code')} <code>INTERNAL</code> · {t('app.panelFailedMeta')}
                  </p>
                </div>
                <button type="button" className="button button--secondary" onClick={() => this.setState({ error: null })}>
                  {t('app.tryAgain')}
                </button>
              </div>
            </section>
          );
        }}
      </Translation>
    );
  }
}
