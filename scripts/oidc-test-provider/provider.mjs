// A real OpenID Connect provider (the certified `oidc-provider` package) on loopback, for protokol's
// login tests. It listens on a free port of 127.0.0.1 and prints "READY <issuer>" when it serves.
//
// Clients come from OIDC_TEST_CLIENTS (JSON list of {client_id, client_secret, redirect_uris}).
// The accounts and their groups are set by the test through POST /__control/accounts
// ({"<sub>": {"groups": [...], "name": "...", "email": "..."}}): findAccount reads them at every
// login, so a group removed there is gone from the next login's claims. The login page asks for the
// account's sub (no password: the provider's own authentication is not what is tested); consent is
// granted at once for the scopes asked.
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const clients = JSON.parse(process.env.OIDC_TEST_CLIENTS || '[]').map((c) => ({
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_post',
  ...c,
}));
const accounts = {};
// A fresh signing key for each run.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'test-key' };
let provider;

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function interaction(req, res, url) {
  const details = await provider.interactionDetails(req, res);
  const { uid, prompt, params, session } = details;
  if (prompt.name === 'login') {
    if (req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const login = form.get('login') || '';
      if (!accounts[login]) {
        res.writeHead(403, { 'content-type': 'text/plain' });
        res.end('unknown account');
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Test provider</title><h1>Log ind hos test-udbyderen</h1>
<form method="post" action="/interaction/${escape(uid)}"><label>Konto <input name="login" id="login"></label>
<button type="submit">Log ind</button></form>`);
    return;
  }
  if (prompt.name === 'consent') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    if (missing.missingResourceScopes) {
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes)) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  res.writeHead(400, { 'content-type': 'text/plain' });
  res.end(`unexpected prompt ${prompt.name}`);
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  try {
    if (url.pathname === '/__control/accounts' && req.method === 'POST') {
      const given = JSON.parse(await readBody(req));
      for (const key of Object.keys(accounts)) delete accounts[key];
      Object.assign(accounts, given);
      res.writeHead(204);
      res.end();
      return;
    }
    if (url.pathname.startsWith('/interaction/')) {
      await interaction(req, res, url);
      return;
    }
    provider.callback()(req, res);
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(err && err.stack ? err.stack : err));
  }
});

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = new Provider(issuer, {
    clients,
    claims: { openid: ['sub'], profile: ['name'], email: ['email'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    conformIdTokenClaims: false,
    findAccount: async (ctx, sub) => {
      const account = accounts[sub];
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, name: account.name || sub, email: account.email || '', groups: account.groups || [] }),
      };
    },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['protokol-test-provider-cookie-key'] },
    jwks: { keys: [signingKey] },
  });
  process.stdout.write(`READY ${issuer}\n`);
});
