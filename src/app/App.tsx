import { useEffect } from 'react';
import { useSift } from '@/state/appStore';
import { ConfigurePanel } from '@/ui/configure/ConfigurePanel';
import { DataPanel } from '@/ui/data/DataPanel';
import { StepBar } from '@/ui/guide/StepBar';
import { EvaluatePanel } from '@/ui/evaluate/EvaluatePanel';
import { ModelHeader } from '@/ui/model/ModelHeader';
import { TrainPanel } from '@/ui/train/TrainPanel';
import { TryPanel } from '@/ui/try/TryPanel';
import { useT } from '@/ui/i18n';
import { StorageNotice } from '@/ui/workspace/StorageNotice';
import { PanelBoundary } from './PanelBoundary';

// Once per page load, also under StrictMode's double effects in development.
let restoreStarted = false;

/** The page: the header, then the journey's steps top to bottom, each isolated by a boundary. */
export function App() {
  const t = useT();
  useEffect(() => {
    if (restoreStarted) return;
    restoreStarted = true;
    // Claims the workspace for this tab (another tab may keep it) and restores it.
    void useSift.getState().open();
  }, []);

  return (
    <>
      <a className="skip-link" href="#data">
        {t('app.skipToData')}
      </a>
      <PanelBoundary name="header">
        <ModelHeader />
        <StorageNotice />
      </PanelBoundary>
      <PanelBoundary name="steps">
        <StepBar />
      </PanelBoundary>
      <main className="journey">
        <PanelBoundary name="data">
          <DataPanel />
        </PanelBoundary>
        <PanelBoundary name="settings">
          <ConfigurePanel />
        </PanelBoundary>
        <PanelBoundary name="train">
          <TrainPanel />
        </PanelBoundary>
        <PanelBoundary name="evaluate">
          <EvaluatePanel />
        </PanelBoundary>
        <PanelBoundary name="try">
          <TryPanel />
        </PanelBoundary>
      </main>
      <footer className="app-footer muted">
        {t('app.footer')}
      </footer>
    </>
  );
}
