/** Browser mode's API answers only requests that carry the launch token and come from its own origin. */
import { expect, test } from './fixtures';

test('the API refuses requests without the token or from another origin', async ({ custodia, request }) => {
  const url = `${custodia.origin}/api/call`;
  const data = { method: 'vault.status', input: {} };

  const anonymous = await request.post(url, { data });
  expect(anonymous.status()).toBe(401);

  const wrongToken = await request.post(url, { data, headers: { Authorization: 'Bearer not-the-token' } });
  expect(wrongToken.status()).toBe(401);

  const foreign = await request.post(url, { data, headers: { Authorization: `Bearer ${custodia.token}`, Origin: 'http://evil.example' } });
  expect(foreign.status()).toBe(403);

  const events = await request.get(`${custodia.origin}/api/events`, { headers: { Origin: 'http://evil.example', Authorization: `Bearer ${custodia.token}` } });
  expect(events.status()).toBe(403);

  const allowed = await request.post(url, { data, headers: { Authorization: `Bearer ${custodia.token}`, Origin: custodia.origin } });
  expect(allowed.status()).toBe(200);
  expect(await allowed.json()).toMatchObject({ ok: true, value: { state: 'no-vault' } });
});
