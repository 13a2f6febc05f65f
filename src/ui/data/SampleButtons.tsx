import { useSift } from '@/state/appStore';
import { selectIsParsing, selectIsTraining } from '@/state/selectors';
import { SAMPLES, type SampleId } from '@/state/types';

/** "Try a sample" buttons for the datasets bundled in public/samples. */
export function SampleButtons() {
  const busy = useSift((s) => selectIsTraining(s) || selectIsParsing(s));
  return (
    <div className="sample-buttons" role="group" aria-label="Samples">
      {(Object.keys(SAMPLES) as SampleId[]).map((id) => {
        const sample = SAMPLES[id];
        return (
          <button
            key={id}
            type="button"
            className="button button--secondary sample-button"
            disabled={busy}
            aria-label={`Try a sample: ${sample.title} (${sample.language})`}
            onClick={() => void useSift.getState().loadSample(id)}
          >
            <span className="sample-button__title">{sample.title}</span>
            <span className="sample-button__meta">
              {sample.language} · {sample.description}
            </span>
          </button>
        );
      })}
    </div>
  );
}
