import { Component, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** Keeps one broken interactive from taking the whole page (and the learner's reading) down. */
export class ErrorBoundary extends Component<{ label: string; children: ReactNode }, State> {
  state: State = { error: null };
  static getDerivedStateFromError(error: Error): State {
    return { error };
  }
  render() {
    if (this.state.error) {
      return (
        <div className="notice notice--error" role="alert">
          <p>
            {this.props.label} stopped working ({this.state.error.message}). The rest of the page still works; reloading the page restarts it.
          </p>
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
