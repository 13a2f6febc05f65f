/**
 * Listens for the `webglcontextlost` event on the canvas behind tfjs's webgl backend (in the
 * worker, an OffscreenCanvas tfjs made itself) and tells the engine session. The training loop
 * also polls the context's isContextLost() (core/model/faults.ts); the event adds a loss that
 * happens between runs (the next run then measures again instead of reusing WebGL) and the
 * browser's own word for why a run moved.
 */
import { webglContext } from '@/core/model/backend';

/** Returns `watch`: call it whenever webgl may have started; it listens once per canvas. */
export function webglLossWatch(onLost: (reason: string) => void): () => void {
  const watched = new WeakSet<object>();
  return () => {
    const canvas = webglContext()?.canvas;
    if (!canvas || watched.has(canvas)) return;
    watched.add(canvas);
    canvas.addEventListener('webglcontextlost', () => onLost('the browser reported that the WebGL context was lost'));
  };
}
