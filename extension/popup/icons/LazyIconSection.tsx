// The account detail's Icon section, loaded when the detail opens: its picker and words are not in the first paint.
import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import type { AccountView } from '../../messages.ts';

type Section = ComponentType<{ account: AccountView }>;

export function LazyIconSection({ account }: { account: AccountView }) {
  const [Section, setSection] = useState<Section | null>(null);
  useEffect(() => {
    let live = true;
    void import('./IconSection.tsx').then((m) => { if (live) setSection(() => m.IconSection); });
    return () => { live = false; };
  }, []);
  return Section ? <Section account={account} /> : null;
}
