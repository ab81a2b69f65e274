// Every data call goes through here: it sends the key, turns problem+json answers into ApiError and sends the
// user back to sign-in when the key is no longer accepted.
import { getKey, signOut } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && problem.detail) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function send(method, path, { params, body, form, accept } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => url.searchParams.append(k, x));
    else url.searchParams.set(k, v);
  }
  const headers = { Accept: accept || 'application/json, application/problem+json' };
  const key = getKey();
  if (key) headers['X-API-Key'] = key;
  let payload;
  if (form) {
    payload = form;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url, { method, headers, body: payload, cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    let problem = null;
    try { problem = await res.json(); } catch { /* not JSON: the status alone */ }
    if (res.status === 401 && key) {
      // The key was revoked or mistyped: forget it and let the console show sign-in where the user was.
      signOut('signin.rejected');
      window.dispatchEvent(new Event('kehu:signedout'));
    }
    throw new ApiError(res.status, problem);
  }
  return res;
}

async function request(method, path, options) {
  const text = await (await send(method, path, options)).text();
  return text ? JSON.parse(text) : null;
}

// A file the API answers (an export): fetched with the key, then saved under the name the hub gave it.
async function download(path, params) {
  const res = await send('GET', path, { params, accept: '*/*' });
  const disposition = res.headers.get('Content-Disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : (plain ? plain[1] : 'download');
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return name;
}

export const api = {
  get: (path, params) => request('GET', path, { params }),
  post: (path, body, params) => request('POST', path, { body, params }),
  put: (path, body) => request('PUT', path, { body }),
  patch: (path, body) => request('PATCH', path, { body }),
  del: (path, params) => request('DELETE', path, { params }),
  upload: (path, form) => request('POST', path, { form }),
  download,
};
