import { useShallow } from 'zustand/react/shallow';
import { useSift } from '@/state/appStore';
import { journey, STEP_ORDER, type Journey, type StepId } from '@/state/journey';
import { useT } from '../i18n';

/** Each step's section on the page. */
const STEP_TARGETS: Record<StepId, string> = { data: '#data', settings: '#configure', train: '#train', evaluate: '#evaluate', try: '#try' };

/** Where each next action is done. */
const NEXT_TARGETS: Record<Journey['next'], string> = {
  'load-data': '#data',
  'fix-data': '#data',
  train: '#train',
  'wait-training': '#train',
  evaluate: '#evaluate',
  try: '#try',
  export: '#try',
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

export function StepBarView({ current, next, steps }: Journey) {
  const t = useT();
  return (
    <nav className="step-bar" aria-label={t('app.steps.label')}>
      <ol className="step-bar__steps">
        {steps.map((step) => (
          <li key={step.id} className={`step-bar__step ${step.done ? 'is-done' : ''} ${current === step.id ? 'is-current' : ''}`}>
            <a href={STEP_TARGETS[step.id]} aria-current={current === step.id ? 'step' : undefined}>
              {step.done && (
                <span className="step-bar__tick" aria-hidden="true">
                  ✓{' '}
                </span>
              )}
              {t(`app.steps.titles.${step.id}`)}
              {step.done && <span className="visually-hidden"> {t('app.steps.done')}</span>}
            </a>
          </li>
        ))}
      </ol>
      <p className="step-bar__next">
        <span className="muted">{t('app.steps.next')}</span> <a href={NEXT_TARGETS[next]}>{t(`app.steps.nextSteps.${next}`)}</a>
      </p>
    </nav>
  );
}
