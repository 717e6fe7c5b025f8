// Popup entry: mounts the Preact app.
// First, so the opening messages leave before Preact and the screens are even evaluated.
import './opening.ts';
import { render } from 'preact';
import { App } from './App.tsx';
import './popup.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
