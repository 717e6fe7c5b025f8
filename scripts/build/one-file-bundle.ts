// What the build steps that write beside the crxjs build share: bundling one entry into one file at a fixed name (the
// classic worker, the popup's boot script, Argon2id) and the plugin that runs such a step once the build is written.
import { resolve } from 'node:path';
import { build, type Plugin } from 'vite';

export interface OneFile {
  root: string;
  outDir: string;
  input: string;
  /** Relative to outDir. */
  fileName: string;
  format: 'es' | 'iife';
  /** Keep the entry's exports (a module others import), which an application entry may otherwise drop. */
  keepExports?: boolean;
}

export async function bundleOneFile(file: OneFile): Promise<void> {
  await build({
    configFile: false, logLevel: 'error', publicDir: false, root: file.root,
    build: {
      outDir: file.outDir, emptyOutDir: false, target: 'chrome116', minify: true, sourcemap: false, copyPublicDir: false,
      rollupOptions: {
        input: file.input,
        ...(file.keepExports ? { preserveEntrySignatures: 'strict' as const } : {}),
        output: { format: file.format, entryFileNames: file.fileName },
      },
    },
  });
}

/** The build's root and resolved output folder. */
export interface BuildPaths { root: string; outDir: string }

/** A plugin that writes beside the main build once it is written: `write` gets the build's paths. */
export function afterBuild(name: string, write: (paths: BuildPaths) => Promise<void>, more: Partial<Plugin> = {}): Plugin {
  const paths: BuildPaths = { root: process.cwd(), outDir: 'dist' };
  return {
    name, apply: 'build', enforce: 'post',
    configResolved(config) {
      paths.root = config.root;
      paths.outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle: () => write(paths),
    ...more,
  };
}
