// A cluster coordinator's upload: the form (on the home page and on its own page) and the outcome,
// an error said on the page in the service's own words.
import { type Html, html } from '../html.ts';
import type { Messages } from '../i18n.ts';
import { page, type Reader } from './layout.ts';

export function uploadForm(t: Messages): Html {
  return html`<form method="post" action="/upload" enctype="multipart/form-data" class="filters upload">
  <label>${t.upload.file} <input type="file" name="file" required accept=".xlsx,.csv,.txt,.docx,.odt"></label>
  <button type="submit">${t.upload.send}</button>
</form>`;
}

export function uploadSection(t: Messages): Html {
  return html`<section class="card" id="upload"><h2>${t.upload.heading}</h2><p class="small muted">${t.upload.intro}</p>${uploadForm(t)}</section>`;
}

export function uploadPage(
  t: Messages,
  reader: Reader,
  outcome: { ok: true; message: string } | { ok: false; message: string },
): Html {
  return page(
    t,
    t.upload.heading,
    html`<p class="crumbs"><a href="/">${t.back}</a></p>
<section class="card"><h1>${t.upload.heading}</h1>
${
  outcome.ok
    ? html`<p class="ok" role="status">${outcome.message}</p>`
    : html`<p class="error" role="alert"><strong>${t.upload.failed}:</strong> ${outcome.message}</p>`
}
${uploadForm(t)}</section>`,
    reader,
  );
}
