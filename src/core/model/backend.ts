/**
 * Choosing and starting a tfjs backend (webgl, wasm or cpu), and installing Sift's kernel fixes on
 * it. Which backend is fastest depends on the machine (wasm on a CPU-only laptop, webgl with a real
 * GPU), so `auto` measures instead of guessing, and the report says what was measured.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { errorMessage, SiftError } from '../errors';
import { fastestPath } from './backendReport';
import { registerSegmentSumKernel } from './segmentSumKernel';
import type { BackendChoice, BackendMeasurement, BackendName, PathSpeeds } from './types';

export interface BackendConfig {
  /**
   * Where the wasm backend finds its .wasm files: a URL prefix ending in '/', or one URL per file
   * name (the browser passes Vite `?url` imports). Not needed in Node, where the backend finds
   * them beside its own module in node_modules/@tensorflow/tfjs-backend-wasm/dist.
   */
  wasmPaths?: string | Record<string, string>;
}

/** Measured in this order; on a tie the earlier one wins. */
export const BACKEND_NAMES: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** Must run before the wasm backend is first started; later calls cannot move it. */
export function configureBackends(config: BackendConfig): void {
  if (config.wasmPaths !== undefined) setWasmPaths(config.wasmPaths);
}

/** True when tfjs has a factory for this backend here (webgl needs a browser; Node has none). */
export function isBackendAvailable(name: BackendName): boolean {
  return tf.findBackendFactory(name) != null;
}

function unavailableReason(name: BackendName): string {
  if (name === 'webgl' && tf.env().getBool('IS_NODE')) return 'webgl is not available in Node (WebGL needs a browser)';
  return `${name} is not available in this environment`;
}

/**
 * Makes `name` the active tfjs backend and installs Sift's kernel fixes on it.
 * @throws SiftError BACKEND_UNAVAILABLE, with the reason, when it cannot start here.
 */
export async function useBackend(name: BackendName): Promise<void> {
  if (!isBackendAvailable(name)) throw new SiftError('BACKEND_UNAVAILABLE', `Cannot use the ${name} backend: ${unavailableReason(name)}.`);
  if (name === 'webgl') replaceLostWebgl();
  let started: boolean;
  try {
    started = await tf.setBackend(name);
  } catch (e) {
    throw new SiftError('BACKEND_UNAVAILABLE', `The ${name} backend failed to start: ${errorMessage(e)}`);
  }
  if (!started) {
    throw new SiftError('BACKEND_UNAVAILABLE', `The ${name} backend failed to start: ${await startFailureReason(name)}`);
  }
  registerSegmentSumKernel(name);
  await tf.ready();
  if (name === 'webgl' && webglContextLost()) throw new SiftError('BACKEND_UNAVAILABLE', 'The webgl backend failed to start: its WebGL context is lost.');
}

/**
 * tfjs only logs why a backend failed to initialise; to put the reason in the error, run the
 * factory once more ourselves (failure path only) and report what it throws.
 */
async function startFailureReason(name: BackendName): Promise<string> {
  try {
    const backend = await tf.findBackendFactory(name)();
    backend.dispose();
    return 'tfjs could not initialise it (no further reason given)';
  } catch (e) {
    return errorMessage(e);
  }
}

/** The backend `chooseBackend` started, and how it was chosen. */
export interface BackendChoiceResult {
  name: BackendName;
  choice: 'user' | 'measured';
  /** For 'measured': every backend in BACKEND_NAMES order, with its speeds or why it failed. */
  measurements: BackendMeasurement[];
}

/**
 * Activates the backend for `choice`. For `auto`, starts each available backend in turn, asks
 * `measure` for its training speed per path (examples per second on a few real batches) and keeps
 * the fastest. Backends that are missing or fail are listed with the reason.
 * @throws SiftError BACKEND_UNAVAILABLE when the chosen backend (or, for auto, every one) fails.
 */
export async function chooseBackend(choice: BackendChoice, measure: (name: BackendName) => Promise<PathSpeeds>): Promise<BackendChoiceResult> {
  if (choice !== 'auto') {
    await useBackend(choice);
    return { name: choice, choice: 'user', measurements: [] };
  }
  const measurements: BackendMeasurement[] = [];
  for (const name of BACKEND_NAMES) {
    if (!isBackendAvailable(name)) {
      measurements.push({ name, error: unavailableReason(name) });
      continue;
    }
    try {
      await useBackend(name);
      measurements.push({ name, speeds: await measure(name) });
    } catch (e) {
      measurements.push({ name, error: errorMessage(e) });
    }
  }
  let best: { name: BackendName; examplesPerSecond: number } | null = null;
  for (const m of measurements) {
    const fastest = fastestPath(m.speeds);
    if (fastest && (best === null || fastest.examplesPerSecond > best.examplesPerSecond)) best = { name: m.name, examplesPerSecond: fastest.examplesPerSecond };
  }
  if (best === null) {
    const why = measurements.map((m) => `${m.name}: ${m.error ?? 'failed'}`).join('; ');
    throw new SiftError('BACKEND_UNAVAILABLE', `No tfjs backend could start here (${why}).`);
  }
  await useBackend(best.name);
  return { name: best.name, choice: 'measured', measurements };
}

/** What tfjs's webgl backend exposes of its WebGL context (not part of tfjs's typed API). */
interface WebGLBackendInternals {
  gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext };
}

/** The WebGL context of tfjs's webgl backend, or null when that backend has not started. */
export function webglContext(): WebGLRenderingContext | WebGL2RenderingContext | null {
  const backend = tf.engine().registry.webgl as unknown as WebGLBackendInternals | undefined;
  return backend?.gpgpu?.gl ?? null;
}

/**
 * True when the webgl backend's context is lost: every WebGL call is then a no-op and reads give
 * zeros, without an error (model/faults.ts). The flag is set the moment the context is lost,
 * before the `webglcontextlost` event is delivered, so the training loop polls it per batch.
 */
export function webglContextLost(): boolean {
  try {
    return webglContext()?.isContextLost() ?? false;
  } catch {
    return false;
  }
}

/**
 * tfjs keeps a started backend for the page's lifetime, lost context included. Dropping it and
 * registering its factory again makes the next start create a fresh context (tfjs forgets the
 * lost one when the canvas reports the loss); if the GPU is gone for good, that start fails and
 * says so like any other.
 */
function replaceLostWebgl(): void {
  if (!webglContextLost()) return;
  const factory = tf.findBackendFactory('webgl');
  if (!factory) return;
  try {
    tf.removeBackend('webgl');
  } catch {
    // Disposing a backend whose context is gone may throw; it is dropped from the registry either way.
  }
  tf.registerBackend('webgl', factory, WEBGL_PRIORITY);
}

/** tfjs's own priority for webgl (its registration in tfjs-backend-webgl). */
const WEBGL_PRIORITY = 2;

/**
 * The GPU behind the webgl backend as its driver names it ("ANGLE (…SwiftShader…)"), or null
 * when webgl has not started or the browser hides it.
 */
export function webglRenderer(): string | null {
  const gl = webglContext();
  if (!gl) return null;
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}

/** A GPU emulated on the CPU (SwiftShader, llvmpipe…): WebGL works, but has no parallel hardware. */
export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && /swiftshader|llvmpipe|softpipe|software rasterizer/i.test(renderer);
}
