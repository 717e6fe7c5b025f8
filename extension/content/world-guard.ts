// Runs at document_start, before the page has any markup, only so that Keyfob's isolated world and its extension
// objects (`chrome`, `browser`) are set up then. Chromium makes them when the world's first script runs and leaves out
// a name the page has already taken: at document_idle, a page's `<form id="chrome">` or `<iframe name="browser">` took
// it and silenced Keyfob there (attacks/page-tricks). Reading runtime makes Chromium bind it now as well.
void chrome.runtime.id;
