// Popup entry: mounts the Preact app.
// First, so the opening messages leave before Preact and the screens are even evaluated (unless boot.ts sent them).
import './boot.ts';
import { render } from 'preact';
import { App } from './App.tsx';
import { applyDocumentLanguage } from './document-language.ts';
import './popup.css';

applyDocumentLanguage(document.documentElement);
const root = document.getElementById('app');
if (root) render(<App />, root);
