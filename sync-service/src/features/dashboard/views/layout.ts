// The page frame: head, header with who is signed in and the sign-out button, main content.
import type { Principal } from '../../../http/auth.ts';
import { type Html, html } from '../html.ts';

export const CSS_PATH = '/assets/dashboard.css';
export const ICON_PATH = '/assets/icon.svg';

export interface Reader {
  principal: Principal;
  /** What the header says about the reader («Кластер «…»», «Департамент, Томская область»). */
  label: string;
}

export function page(title: string, body: Html, reader?: Reader): Html {
  return html`<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — дорожные карты кластеров</title>
<link rel="stylesheet" href="${CSS_PATH}">
<link rel="icon" href="${ICON_PATH}" type="image/svg+xml">
</head>
<body>
<header class="top">
  <a class="brand" href="/">Дорожные карты кластеров</a>
  ${
    reader
      ? html`<div class="who"><span>${reader.label}</span>
    <form method="post" action="/logout"><button type="submit" class="link">Выйти</button></form></div>`
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

export function errorPage(status: number, message: string, reader?: Reader): Html {
  const heading =
    status === 404
      ? 'Не найдено'
      : status === 403
        ? 'Нет доступа'
        : status >= 500
          ? 'Ошибка'
          : 'Неверный запрос';
  return page(
    heading,
    html`<section class="card narrow">
  <h1>${heading}</h1>
  <p class="error">${message}</p>
  <p><a href="/">На главную</a></p>
</section>`,
    reader,
  );
}
