import path from 'node:path';

/**
 * The layering of docs/architecture.md as one lint rule. It resolves each relative import to the
 * project folder it lands in, so `../../main/x` from the renderer is caught however it is spelled.
 * (A hand-written rule because the boundary plugins need a TypeScript-aware resolver set up per
 * editor; this needs nothing but the file's path.)
 */

/** Which of our folders each layer may import from; a layer always may import itself. */
const allowed = {
  // Domain rules the desk and the platform must agree on (the personal-code check); pure, no imports.
  shared: [],
  'preload/contract': ['shared'],
  'preload/electron': ['preload/contract'],
  renderer: ['preload/contract'],
  main: ['preload/contract', 'native', 'assets', 'shared'],
  native: [],
  assets: ['shared'],
  platform: ['assets', 'shared'],
  // The hall's browser pages (kiosk, display, rating screen): they talk to the platform over HTTP only.
  screens: ['shared'],
  // End-to-end tests start the real core and the real platform side by side.
  e2e: ['assets', 'main', 'preload/contract', 'platform', 'shared'],
  scripts: [],
  // The sync benchmark starts an embedded platform and drives it over HTTP as desks do.
  bench: ['main', 'assets', 'preload/contract', 'platform'],
  'eslint-rules': [],
};

/** Only the Electron shell and its preload may touch Electron's APIs. */
const electronAllowed = ['main/electron', 'preload/electron'];

function layerOf(relative) {
  const parts = relative.split(path.sep).join('/');
  if (parts === 'preload/contract' || parts.startsWith('preload/contract/')) return 'preload/contract';
  if (parts === 'preload/electron.ts' || parts.startsWith('preload/')) return 'preload/electron';
  if (parts === 'main/electron' || parts.startsWith('main/electron/')) return 'main/electron';
  const top = parts.split('/')[0];
  return top in allowed ? top : null;
}

function baseLayer(layer) {
  return layer === 'main/electron' ? 'main' : layer;
}

export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layering of docs/architecture.md' },
    schema: [],
    messages: {
      forbidden: "Layering: '{{from}}' must not import from '{{to}}' (see docs/architecture.md).",
      electron: "Layering: only main/electron/ and preload/electron.ts may import '{{name}}'.",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename);
    const from = layerOf(file);
    if (!from) return {};

    function check(node, source) {
      if (typeof source !== 'string') return;
      if (source === 'electron' || source.startsWith('electron/')) {
        if (!electronAllowed.includes(from)) context.report({ node, messageId: 'electron', data: { name: source } });
        return;
      }
      if (!source.startsWith('.')) return;
      const target = path.relative(root, path.resolve(path.dirname(context.filename), source));
      const to = layerOf(target);
      if (!to) {
        if (target.startsWith('..') || path.isAbsolute(target)) return;
        // A file at the project root (package.json) is fine to read from anywhere but the contract.
        if (from === 'preload/contract') context.report({ node, messageId: 'forbidden', data: { from, to: target } });
        return;
      }
      const a = baseLayer(from);
      const b = baseLayer(to);
      if (a === b) return;
      if (from === 'preload/electron' && to === 'preload/contract') return;
      if (!(allowed[a] ?? []).includes(b)) context.report({ node, messageId: 'forbidden', data: { from, to } });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { layering: layeringRule } };
