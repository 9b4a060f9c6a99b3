/** Signing in with a username and password (the first run's link signs the administrator in without one). */
import { api, ApiFailure } from '../api.js';
import { fill, h } from '../dom.js';
import type { Account } from './reviews.js';

export function showSignin(main: HTMLElement, done: (user: Account) => void): void {
  const error = h('p', { class: 'error', role: 'alert' });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in'),
    h('p', {}, 'Reviews hold special-category personal data: sign in with your own account.'),
    h('label', { for: 'username' }, 'Username'), username,
    h('label', { for: 'password' }, 'Password'), password,
    h('button', { type: 'submit' }, 'Sign in'), error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      done(await api<Account>('/api/auth/login', { json: { username: username.value, password: password.value } }));
    } catch (e) {
      error.textContent = e instanceof ApiFailure ? e.message : 'Signing in failed.';
      password.focus();
    }
  });
  fill(main, form);
  username.focus();
}
