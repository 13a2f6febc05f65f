import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  name: string;
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
    return (
      <section className="panel" aria-label={this.props.name}>
        <div className="error-message" role="alert">
          <div className="error-message__body">
            <strong className="error-message__title">The {this.props.name} panel stopped working</strong>
            <p>{this.state.error.message}</p>
            <p className="error-message__meta">
              Code <code>INTERNAL</code> · the rest of the page and your work are unaffected.
            </p>
          </div>
          <button type="button" className="button button--secondary" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      </section>
    );
  }
}
