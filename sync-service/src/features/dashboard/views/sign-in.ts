// The sign-in page: one field for the access token.
import { type Html, html } from '../html.ts';
import type { Messages } from '../i18n.ts';
import { page } from './layout.ts';

export function signInPage(
  t: Messages,
  opts: { error?: string | undefined; next?: string | undefined } = {},
): Html {
  return page(
    t,
    t.signIn,
    html`<section class="card narrow">
  <h1>${t.signIn}</h1>
  <p>${t.signInIntro}</p>
  ${opts.error ? html`<p class="error" role="alert">${opts.error}</p>` : ''}
  <form method="post" action="/login" class="stack">
    <label for="token">${t.token}</label>
    <input id="token" name="token" type="password" autocomplete="off" required maxlength="512" autofocus>
    ${opts.next && opts.next !== '/' ? html`<input type="hidden" name="next" value="${opts.next}">` : ''}
    <button type="submit">${t.signInButton}</button>
  </form>
  <p class="hint">${t.tokenHint} <code>cluster-sync token create --cluster SLUG</code>
  ${t.or} <code>--department SLUG</code>.</p>
</section>`,
  );
}
