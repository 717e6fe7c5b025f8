// Popup root: shows whether the background answers (screens arrive with the vault issue).
import { useEffect, useState } from 'preact/hooks';
import { callBackground } from '../messages.ts';

export function App() {
  const [status, setStatus] = useState<'checking' | 'ready' | 'unreachable'>('checking');
  useEffect(() => {
    callBackground('ping', { nonce: 'popup' })
      .then(() => setStatus('ready'))
      .catch(() => setStatus('unreachable'));
  }, []);
  return (
    <main>
      <h1>Keyfob</h1>
      <p role="status" data-testid="background-status">{status === 'ready' ? 'Ready' : status === 'checking' ? 'Starting…' : 'Keyfob is not responding'}</p>
    </main>
  );
}
