// The page frame: head, header with who is signed in and the sign-out button, main content.
import type { Principal } from '../../../http/auth.ts';
import { type Html, html } from '../html.ts';
import type { Messages } from '../i18n.ts';

export const CSS_PATH = '/assets/dashboard.css';
export const ICON_PATH = '/assets/icon.svg';

export interface Reader {
  principal: Principal;
  /** What the header says about the reader («Кластер «…»», «Департамент · Томская область»). */
  label: string;
}

export function page(t: Messages, title: string, body: Html, reader?: Reader): Html {
  return html`<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${t.titleSuffix}</title>
<link rel="stylesheet" href="${CSS_PATH}">
<link rel="icon" href="${ICON_PATH}" type="image/svg+xml">
</head>
<body>
<header class="top">
  <a class="brand" href="/">${t.brand}</a>
  ${
    reader
      ? html`<div class="who"><span>${reader.label}</span>${reader.principal.kind === 'admin' ? html` <a href="/admin">${t.lang === 'ru' ? 'Администрирование' : 'Administration'}</a>` : ''}
    <form method="post" action="/logout"><button type="submit" class="link">${t.signOut}</button></form></div>`
      : ''
  }
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

export function errorPage(t: Messages, status: number, message: string): Html {
  const heading = t.errorHeading[status === 403 || status === 404 ? status : status >= 500 ? 500 : 400];
  return page(
    t,
    heading,
    html`<section class="card narrow">
  <h1>${heading}</h1>
  <p class="error">${message}</p>
  <p><a href="/">${t.home}</a></p>
</section>`,
  );
}
