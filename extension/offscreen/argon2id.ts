// Offscreen page: on the background's request, runs one Argon2id hash in a dedicated worker and returns the bytes.
import { base64ToBytes, bytesToBase64 } from '../../src/shared/base64.ts';
import type { Argon2idJob, Argon2idJobResult } from './argon2id-module.ts';
import { ARGON2ID_MODULE, isArgon2idMessage, type Argon2idReply } from './argon2id-protocol.ts';

const worker = new Worker(chrome.runtime.getURL(ARGON2ID_MODULE), { type: 'module' });
const waiting = new Map<number, (result: Argon2idJobResult) => void>();
let nextId = 1;
worker.addEventListener('message', (event: MessageEvent<Argon2idJobResult>) => {
  waiting.get(event.data.id)?.(event.data);
  waiting.delete(event.data.id);
});

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (r: Argon2idReply) => void) => {
  // Only our own extension's pages and worker can reach this listener (runtime messages never come from web pages).
  if (sender.id !== chrome.runtime.id || !isArgon2idMessage(message)) return false;
  const id = nextId++;
  waiting.set(id, (result) => {
    sendResponse('hash' in result ? { hash: bytesToBase64(result.hash) } : { error: result.error });
    if ('hash' in result) result.hash.fill(0);
  });
  const { password, salt, memoryKiB, iterations, parallelism } = message;
  const job: Argon2idJob = { id, input: { password, salt: base64ToBytes(salt), memoryKiB, iterations, parallelism } };
  worker.postMessage(job);
  return true;
});
