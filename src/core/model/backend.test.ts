import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { SiftError } from '../errors';
import { chooseBackend, isBackendAvailable, isSoftwareRenderer, useBackend, webglRenderer } from './backend';
import { isSegmentSumKernelRegistered } from './segmentSumKernel';
import type { BackendName } from './types';

describe('backends in Node', () => {
  it('has cpu and wasm (its .wasm files found in node_modules) but no webgl', async () => {
    expect(isBackendAvailable('cpu')).toBe(true);
    expect(isBackendAvailable('wasm')).toBe(true);
    expect(isBackendAvailable('webgl')).toBe(false);
    await useBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(isSegmentSumKernelRegistered('wasm')).toBe(true);
  });

  it('refuses webgl with BACKEND_UNAVAILABLE and says why', async () => {
    const error = await useBackend('webgl').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).code).toBe('BACKEND_UNAVAILABLE');
    expect((error as SiftError).message).toMatch(/webgl.*Node/);
  });

  it('uses a chosen backend without measuring', async () => {
    let measured = 0;
    const report = await chooseBackend('cpu', async () => ({ sparse: ++measured }));
    expect(report).toEqual({ name: 'cpu', choice: 'user', measurements: [] });
    expect(measured).toBe(0);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('auto measures each available backend and keeps the fastest', async () => {
    const speeds: Record<BackendName, number> = { webgl: 1e9, wasm: 150, cpu: 400 };
    const seen: string[] = [];
    const report = await chooseBackend('auto', async (name) => {
      seen.push(`${name}:${tf.getBackend()}`); // measured while active
      return { sparse: speeds[name] };
    });
    expect(seen).toEqual(['wasm:wasm', 'cpu:cpu']);
    expect(report.name).toBe('cpu');
    expect(report.choice).toBe('measured');
    expect(report.measurements).toEqual([
      { name: 'webgl', error: 'webgl is not available in Node (WebGL needs a browser)' },
      { name: 'wasm', speeds: { sparse: 150 } },
      { name: 'cpu', speeds: { sparse: 400 } },
    ]);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('auto skips a backend whose measurement fails, and records why', async () => {
    const report = await chooseBackend('auto', async (name) => {
      if (name === 'cpu') throw new Error('out of memory');
      return { sparse: 10 };
    });
    expect(report.name).toBe('wasm');
    expect(report.measurements.filter((m) => m.speeds !== undefined).map((m) => m.name)).toEqual(['wasm']);
    expect(report.measurements.find((m) => m.name === 'cpu')).toEqual({ name: 'cpu', error: 'out of memory' });
  });

  it('auto fails with BACKEND_UNAVAILABLE when nothing works, listing each reason', async () => {
    const error = await chooseBackend('auto', async () => {
      throw new Error('broken');
    }).catch((e: unknown) => e);
    expect((error as SiftError).code).toBe('BACKEND_UNAVAILABLE');
    expect((error as SiftError).message).toContain('wasm: broken; cpu: broken');
  });
});

describe('isSoftwareRenderer', () => {
  it.each([
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', true],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', true],
    ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)', false],
    ['Apple M2', false],
  ])('%s → %s', (renderer, software) => {
    expect(isSoftwareRenderer(renderer)).toBe(software);
  });

  it('does not guess when the renderer is unknown', () => {
    expect(isSoftwareRenderer(null)).toBe(false);
    expect(webglRenderer()).toBeNull(); // Node has no WebGL
  });
});
