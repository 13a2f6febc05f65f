import type { DragEventHandler, ReactNode } from 'react';

interface Props {
  id: string;
  step: number;
  title: string;
  /** One line under the title saying what this step is for. */
  intro?: ReactNode;
  /** Shown instead of the content while the step cannot be used yet. */
  waitingFor?: string | null;
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
  onDragOver?: DragEventHandler;
  onDragLeave?: DragEventHandler;
  onDrop?: DragEventHandler;
}

/** One numbered step of the journey, a labelled region so it can be reached by landmark. */
export function Section({ id, step, title, intro, waitingFor, actions, children, className, ...drag }: Props) {
  const headingId = `${id}-heading`;
  return (
    <section id={id} aria-labelledby={headingId} className={`panel ${waitingFor ? 'panel--waiting' : ''} ${className ?? ''}`} {...drag}>
      <header className="panel__header">
        <span className="panel__step" aria-hidden="true">
          {step}
        </span>
        <div className="panel__titles">
          <h2 id={headingId}>{title}</h2>
          {intro && <p className="panel__intro">{intro}</p>}
        </div>
        {actions && <div className="panel__actions">{actions}</div>}
      </header>
      {waitingFor ? <p className="panel__waiting">{waitingFor}</p> : children}
    </section>
  );
}
