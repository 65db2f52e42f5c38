/** The review server's JSON API: GETs with query parameters, POSTs of JSON with the CSRF token. */

let csrfToken = "";

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {Array<{ path: string; message: string }>} issues
   */
  constructor(status, message, issues) {
    super(message);
    this.status = status;
    this.issues = issues;
  }
}

/** @param {Response} response */
async function reply(response) {
  const body = await response.json().catch(() => ({ error: `${response.status} ${response.statusText}` }));
  if (!response.ok) throw new ApiError(response.status, body.error ?? String(response.status), body.issues ?? []);
  return body;
}

/**
 * @param {string} path
 * @param {Record<string, string | number | boolean | null | undefined>} [params] empty values are left out
 */
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * @param {string} path
 * @param {Record<string, string | number | boolean | null | undefined>} [params]
 * @returns {Promise<any>}
 */
export async function getJson(path, params) {
  return reply(await fetch(apiUrl(path, params), { headers: { Accept: "application/json" }, credentials: "same-origin" }));
}

/**
 * @param {string} path
 * @param {unknown} body
 * @returns {Promise<any>}
 */
export async function postJson(path, body) {
  return reply(
    await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrfToken },
      body: JSON.stringify(body),
    }),
  );
}

/** Starts the session: the CSRF token every POST carries. */
export async function startSession() {
  const session = await getJson("/api/session");
  csrfToken = session.csrf;
  return session;
}
