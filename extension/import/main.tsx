// Import page entry: a full tab (Firefox closes a popup when a file picker opens), mounted like the popup.
import { render } from 'preact';
import { t } from '../i18n.ts';
import { applyDocumentLanguage } from '../popup/document-language.ts';
import { ImportPage } from './ImportPage.tsx';
import '../popup/popup.css';
import './import.css';

applyDocumentLanguage(document.documentElement);
document.title = t('importPageTitle');
const root = document.getElementById('app');
if (root) render(<ImportPage />, root);
