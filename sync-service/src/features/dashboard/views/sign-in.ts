// The sign-in page: one field for the access token.
import { type Html, html } from '../html.ts';
import { page } from './layout.ts';

export function signInPage(opts: { error?: string | undefined; next?: string | undefined } = {}): Html {
  return page(
    'Вход',
    html`<section class="card narrow">
  <h1>Вход</h1>
  <p>Введите токен доступа. Токен кластера показывает его кластер, токен департамента — кластеры региона.</p>
  ${opts.error ? html`<p class="error" role="alert">${opts.error}</p>` : ''}
  <form method="post" action="/login" class="stack">
    <label for="token">Токен доступа</label>
    <input id="token" name="token" type="password" autocomplete="off" required maxlength="512" autofocus>
    ${opts.next && opts.next !== '/' ? html`<input type="hidden" name="next" value="${opts.next}">` : ''}
    <button type="submit">Войти</button>
  </form>
  <p class="hint">Токен выдаёт администратор: <code>cluster-sync token create --cluster SLUG</code>
  или <code>--department SLUG</code>.</p>
</section>`,
  );
}
