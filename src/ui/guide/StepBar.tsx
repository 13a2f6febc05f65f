import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { journey, STEP_ORDER, type Journey, type StepId } from '@/state/journey';

const STEP_TITLES: Record<StepId, string> = { data: 'Data', settings: 'Settings', train: 'Train', evaluate: 'Evaluate', try: 'Try' };
/** Each step's section on the page. */
const STEP_TARGETS: Record<StepId, string> = { data: '#data', settings: '#configure', train: '#train', evaluate: '#evaluate', try: '#try' };

const NEXT: Record<Journey['next'], { text: string; target: string }> = {
  'load-data': { text: 'Choose a file or try a sample', target: '#data' },
  'fix-data': { text: 'The data check found a problem to fix first', target: '#data' },
  train: { text: 'Check the settings, then press Train', target: '#train' },
  'wait-training': { text: 'Training: watch it learn, or stop it', target: '#train' },
  evaluate: { text: 'See how well the model does', target: '#evaluate' },
  try: { text: 'Type a text to see what it predicts', target: '#try' },
  export: { text: 'Export the model to take it home', target: '#try' },
};

/**
 * The steps of the journey in a bar that stays at the top: each a link to its section, done steps
 * ticked, the current one marked (aria-current="step"), and what to do next.
 */
export function StepBar() {
  // Plain values, so that progress updates while training do not re-render the bar.
  const j = useSift(
    useShallow((s) => {
      const { current, next, steps } = journey(s);
      return { current, next, done: steps.filter((step) => step.done).map((step) => step.id).join(' ') };
    }),
  );
  return <StepBarView current={j.current} next={j.next} steps={STEP_ORDER.map((id) => ({ id, done: j.done.split(' ').includes(id) }))} />;
}

export function StepBarView({ current, next: nextStep, steps }: Journey) {
  const next = NEXT[nextStep];
  return (
    <nav className="step-bar" aria-label="Steps">
      <ol className="step-bar__steps">
        {steps.map((step) => (
          <li key={step.id} className={`step-bar__step ${step.done ? 'is-done' : ''} ${current === step.id ? 'is-current' : ''}`}>
            <a href={STEP_TARGETS[step.id]} aria-current={current === step.id ? 'step' : undefined}>
              {step.done && (
                <span className="step-bar__tick" aria-hidden="true">
                  ✓{' '}
                </span>
              )}
              {STEP_TITLES[step.id]}
              {step.done && <span className="visually-hidden"> (done)</span>}
            </a>
          </li>
        ))}
      </ol>
      <p className="step-bar__next">
        <span className="muted">Next:</span> <a href={next.target}>{next.text}</a>
      </p>
    </nav>
  );
}
