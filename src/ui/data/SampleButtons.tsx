import { useSift } from '@/state/appStore';
import { selectIsParsing, selectIsTraining } from '@/state/selectors';
import { SAMPLES, type SampleId } from '@/state/types';
import { useT } from '../i18n';

/** "Try a sample" buttons for the datasets bundled in public/samples. */
export function SampleButtons() {
  const t = useT();
  const busy = useSift((s) => selectIsTraining(s) || selectIsParsing(s));
  return (
    <div className="sample-buttons" role="group" aria-label={t('data.samples.label')}>
      {(Object.keys(SAMPLES) as SampleId[]).map((id) => {
        const title = t(`data.samples.${id}.title`);
        const language = t(`data.samples.${id}.language`);
        return (
          <button
            key={id}
            type="button"
            className="button button--secondary sample-button"
            disabled={busy}
            aria-label={t('data.samples.button', { title, language })}
            onClick={() => void useSift.getState().loadSample(id)}
          >
            <span className="sample-button__title">{title}</span>
            <span className="sample-button__meta">
              {language} · {t(`data.samples.${id}.description`)}
            </span>
          </button>
        );
      })}
    </div>
  );
}
