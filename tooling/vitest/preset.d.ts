import type { ViteUserConfig } from 'vitest/config';

/** The shared component-test configuration, merged with a package's own overrides. */
export function createVitestConfig(overrides?: ViteUserConfig): ViteUserConfig;
