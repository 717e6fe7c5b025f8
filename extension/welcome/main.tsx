// Welcome page entry: the tab the worker opens after a first install (extension/background/welcome.ts).
import { render } from 'preact';
import { t } from '../i18n.ts';
import { applyDocumentLanguage } from '../popup/document-language.ts';
import { WelcomePage } from './WelcomePage.tsx';
import { isFirefox } from './setup-state.ts';
import '../popup/popup.css';
import './welcome.css';

applyDocumentLanguage(document.documentElement);
document.title = t('createTitle');
const root = document.getElementById('app');
if (root) render(<WelcomePage firefox={isFirefox(navigator.userAgent)} />, root);
