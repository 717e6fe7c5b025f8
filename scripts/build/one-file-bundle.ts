// Bundles one entry into one file at a fixed name in the build's output folder, apart from the crxjs build: for the
// scripts that must be a single file (the classic worker, the popup's boot script) or keep a name (Argon2id).
import { build } from 'vite';

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
