import type { Plugin } from 'vite';

/** zod's probe for whether `new Function` is allowed (v4 core/util.js, `allowsEval`). */
const PROBE = /const F = Function;\s*new F\(""\);\s*return true;/;

/**
 * The extension runs zod with `z.config({ jitless: true })` (extension pages forbid eval), so zod's
 * eval probe never runs there; but its `new Function("")` still sits in the bundle, and addons.mozilla.org's
 * linter flags it as DANGEROUS_EVAL. This swaps the probe for its answer under our CSP: eval is not
 * allowed. Fails the build if zod's code changes shape, so the lint cannot silently come back.
 */
export function zodWithoutEvalProbe(): Plugin {
  let patched = false;
  return {
    name: 'zod-without-eval-probe',
    transform(code, id) {
      if (!/[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/.test(id)) return null;
      if (!PROBE.test(code)) this.error(`zod's eval probe not found in ${id}: update scripts/vite-zod-no-eval.ts`);
      patched = true;
      return { code: code.replace(PROBE, 'return false;'), map: null };
    },
    buildEnd() {
      if (!patched) this.warn('zod core/util.js was not part of the build: nothing to patch');
    },
  };
}
