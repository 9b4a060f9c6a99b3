/** Signing in and out: a password, or a one-time sign-in link (first run, a new account). */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { apiError } from '../errors.js';
import { newSecret, secretHash, verifyPassword } from '../auth.js';
import { SESSION_COOKIE } from '../app.js';
import { ERROR_REPLIES } from '../schemas.js';
import { accountView } from './accounts.js';

const routes: FastifyPluginAsync = async (app) => {
  /** Starts a session for `userId`: an httpOnly, SameSite=Strict cookie holding a secret the database keeps only as a hash. */
  const startSession = (userId: number, reply: import('fastify').FastifyReply): void => {
    const secret = newSecret('tls_');
    const now = app.now();
    const expires = new Date(now.getTime() + app.settings.sessionDays * 86_400_000);
    app.store.createSession(secretHash(secret), userId, now.toISOString(), expires.toISOString());
    reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'strict', path: '/', expires, secure: false });
  };

  app.post('/login', {
    config: { access: 'public', rateLimit: { max: app.settings.signinAttempts, timeWindow: 60_000 } },
    schema: {
      summary: 'Sign in with a username and password',
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
      response: { 200: Type.Ref('Account'), ...ERROR_REPLIES },
    },
  }, async (request, reply) => {
    const { username, password } = request.body as { username: string; password: string };
    const user = app.store.userByName(username);
    // The same answer (and about the same time) whether the name or the password is wrong.
    const ok = verifyPassword(password, user?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    if (!user || !ok || user.disabled) throw apiError('credentials-wrong');
    request.user = user;
    startSession(user.id, reply);
    return accountView(user);
  });

  app.get('/link/:token', {
    config: { access: 'public', rateLimit: { max: app.settings.signinAttempts, timeWindow: 60_000 } },
    schema: { summary: 'Sign in with a one-time link (then set a password)', params: Type.Object({ token: Type.String({ maxLength: 200 }) }), response: ERROR_REPLIES },
  }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const userId = app.store.useSigninLink(secretHash(token), app.now().toISOString());
    const user = userId === undefined ? undefined : app.store.userById(userId);
    if (!user || user.disabled) throw apiError('signin-link-invalid');
    request.user = user;
    startSession(user.id, reply);
    return reply.redirect('/', 303);
  });

  app.post('/logout', {
    config: { access: 'user' },
    schema: { summary: 'Sign out (ends this browser session)', response: { 204: Type.Null(), ...ERROR_REPLIES } },
  }, async (request, reply) => {
    const secret = request.cookies[SESSION_COOKIE];
    if (secret !== undefined) app.store.deleteSession(secretHash(secret));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
};

export default routes;
