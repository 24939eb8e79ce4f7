// Store Uptime's web page: plain JavaScript over the JSON API, no build step, no library.
// Routes live in the URL's fragment (#/reports, #/stores?query=..., #/stores/<id>?now=...) so that every view has
// a link, the back button works, and the server only ever serves one static page.
'use strict';

(() => {
  const TOKEN_KEY = 'store-uptime.api-token';
  const REFRESH_MS = 1000;
  const IDLE_REFRESH_MS = 10000;
  const PAGE_SIZE = 50;
  const DAY_MS = 86400000;
  const HOUR_MS = 3600000;

  const main = document.getElementById('main');
  const banner = document.getElementById('banner');
  let refreshTimer = null;
  let view = 0; // bumped on every navigation: answers for an older view are dropped

  // ---------------------------------------------------------------- DOM

  /** An HTML element: attributes (on* are listeners, null/false are left out) and children (strings are text). */
  function h(tag, attrs, ...children) {
    return build(document.createElement(tag), attrs, children);
  }

  /** An SVG element, like h(). */
  function s(tag, attrs, ...children) {
    return build(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
  }

  function build(el, attrs, children) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function showBanner(message) {
    banner.textContent = message;
    banner.hidden = false;
  }

  // An error in this script must never leave a silently half-drawn page.
  window.addEventListener('error', e => showBanner('The page failed: ' + e.message));
  window.addEventListener('unhandledrejection', e => showBanner('The page failed: ' + describe(e.reason)));

  function describe(error) {
    return error && error.message ? error.message : String(error);
  }

  // ---------------------------------------------------------------- API and the bearer token

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  let tokenRequest = null;

  /** fetch() relative to the page; adds the session's token and asks for one when the API answers 401. */
  async function api(path, init = {}) {
    for (;;) {
      const token = sessionStorage.getItem(TOKEN_KEY);
      const headers = Object.assign({ Accept: 'application/json' }, init.headers);
      if (token) headers.Authorization = 'Bearer ' + token;
      let response;
      try {
        response = await fetch(path, Object.assign({}, init, { headers, cache: 'no-store' }));
      } catch (e) {
        throw new ApiError(0, 'the server does not answer (' + describe(e) + ')');
      }
      if (response.status !== 401) return response;
      if (sessionStorage.getItem(TOKEN_KEY) !== token) continue; // another request already got a new token
      await askForToken(token !== null);
    }
  }

  /** Resolves once the user has entered a token; concurrent 401s share one dialog. */
  function askForToken(refused) {
    if (!tokenRequest) {
      tokenRequest = new Promise((resolve, reject) => {
        const dialog = document.getElementById('token-dialog');
        const form = document.getElementById('token-form');
        const input = document.getElementById('token-input');
        const message = document.getElementById('token-message');
        message.textContent = refused
          ? 'The server refused that token. Enter the UPTIME_API_TOKEN it was started with.'
          : 'This server asks for its API token (the UPTIME_API_TOKEN it was started with).';
        message.classList.toggle('error', refused);
        input.value = '';
        const finish = token => {
          form.removeEventListener('submit', onSubmit);
          document.getElementById('token-cancel').removeEventListener('click', onCancel);
          dialog.removeEventListener('cancel', onCancel);
          dialog.close();
          tokenRequest = null;
          if (token) {
            sessionStorage.setItem(TOKEN_KEY, token);
            resolve();
          } else {
            sessionStorage.removeItem(TOKEN_KEY);
            reject(new ApiError(401, 'this server needs its API token; reload the page to enter it'));
          }
        };
        const onSubmit = e => {
          e.preventDefault();
          const token = input.value.trim();
          if (token) finish(token);
        };
        const onCancel = e => {
          e.preventDefault();
          finish(null);
        };
        form.addEventListener('submit', onSubmit);
        document.getElementById('token-cancel').addEventListener('click', onCancel);
        dialog.addEventListener('cancel', onCancel);
        dialog.showModal();
        input.focus();
      });
    }
    return tokenRequest;
  }

  /** The JSON answer of a GET or POST; an ApiError with the server's message otherwise. */
  async function json(path, init) {
    const response = await api(path, init);
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch (e) {
      throw new ApiError(response.status, 'the server answered ' + response.status + ' with something not JSON');
    }
    if (!response.ok) {
      throw new ApiError(response.status, (body && body.error) || 'the server answered ' + response.status);
    }
    return body;
  }

  function errorBox(error) {
    return h('p', { class: 'error', role: 'alert' }, describe(error));
  }

  // ---------------------------------------------------------------- formatting

  const TWO = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const ONE = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  /** 5400 -> "1 h 30 min"; 42.5 -> "42.5 s". */
  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    if (seconds < 60) return (Math.round(seconds * 10) / 10) + ' s';
    const total = Math.round(seconds);
    const days = Math.floor(total / 86400);
    const hours = Math.floor((total % 86400) / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const secs = total % 60;
    const parts = [];
    if (days) parts.push(days + ' d');
    if (hours) parts.push(hours + ' h');
    if (minutes) parts.push(minutes + ' min');
    if (secs && !days && !hours) parts.push(secs + ' s');
    return parts.join(' ') || '0 s';
  }

  /** "2023-03-12T03:00:00-05:00" -> its parts; the API gives every local time like that. */
  function parseLocal(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)$/.exec(text || '');
    if (!m) return null;
    return { date: m[1] + '-' + m[2] + '-' + m[3], time: m[4] + ':' + m[5], seconds: m[6] || '00',
      fraction: m[7] && +m[7] !== 0, offset: m[8] === 'Z' ? '+00:00' : m[8] };
  }

  const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  /** "2023-03-12" -> "Sun 12 Mar 2023" (the date is a plain calendar date: computed in UTC on purpose). */
  function longDate(date) {
    const d = new Date(date + 'T00:00:00Z');
    return WEEKDAY[d.getUTCDay()] + ' ' + d.getUTCDate() + ' ' + MONTH[d.getUTCMonth()] + ' ' + d.getUTCFullYear();
  }

  function shortDate(date) {
    const d = new Date(date + 'T00:00:00Z');
    return WEEKDAY[d.getUTCDay()] + ' ' + d.getUTCDate() + ' ' + MONTH[d.getUTCMonth()];
  }

  function offsetLabel(offset) {
    return 'UTC' + offset.replace('-', '\u2212');
  }

  /** A local date-time of the API as the store's clock shows it: "Sun 12 Mar 2023 03:00 (UTC−05:00)". */
  function localTime(text, withDate = true) {
    const p = parseLocal(text);
    if (!p) return text || '–';
    const time = p.time + (p.seconds !== '00' ? ':' + p.seconds : '');
    return (withDate ? longDate(p.date) + ' ' : '') + time + ' (' + offsetLabel(p.offset) + ')';
  }

  /** An instant of the API in UTC, for people: "2023-03-12 09:00:00 UTC". */
  function utcTime(text) {
    if (!text) return '–';
    return text.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace('Z', ' UTC');
  }

  // ---------------------------------------------------------------- time zones
  // The timeline needs the instants of local midnights, which the API does not list: the browser's own tz database
  // (Intl) gives them. Within the week shown, only the length of a DST day depends on it.

  const wallFormats = new Map();

  /** The wall clock of `zone` at `instant` (ms), as milliseconds of a UTC date with the same fields. */
  function wallClock(instant, zone) {
    let format = wallFormats.get(zone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric',
        month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
      wallFormats.set(zone, format);
    }
    const f = {};
    for (const part of format.formatToParts(new Date(instant))) f[part.type] = part.value;
    const wall = Date.UTC(+f.year, +f.month - 1, +f.day, +f.hour % 24, +f.minute, +f.second);
    return wall + (((instant % 1000) + 1000) % 1000);
  }

  /**
   * The instant at which `zone`'s clock shows `wall` (a UTC-field date in ms): in an overlap the earlier one, in a
   * gap the end of the gap, like java.time's ZonedDateTime.of and LocalDate.atStartOfDay.
   */
  function instantOf(wall, zone) {
    const before = wall - (wallClock(wall - DAY_MS, zone) - (wall - DAY_MS));
    const after = wall - (wallClock(wall + DAY_MS, zone) - (wall + DAY_MS));
    const exact = [before, after].filter(t => wallClock(t, zone) === wall).sort((a, b) => a - b);
    return exact.length ? exact[0] : before;
  }

  function addDays(date, days) {
    return new Date(Date.parse(date + 'T00:00:00Z') + days * DAY_MS).toISOString().slice(0, 10);
  }

  function startOfDay(date, zone) {
    return instantOf(Date.parse(date + 'T00:00:00Z'), zone);
  }

  // ---------------------------------------------------------------- router

  function navigate() {
    view++;
    clearTimeout(refreshTimer);
    hideTooltip();
    const hash = location.hash.replace(/^#/, '') || '/reports';
    const q = hash.indexOf('?');
    const path = q < 0 ? hash : hash.slice(0, q);
    const params = new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
    const store = /^\/stores\/(.+)$/.exec(path);
    let section;
    if (path === '/reports') {
      section = 'reports';
      reportsView(view);
    } else if (path === '/stores') {
      section = 'stores';
      storesView(view, params);
    } else if (store) {
      section = 'stores';
      storeView(view, decodeURIComponent(store[1]), params);
    } else {
      section = null;
      main.replaceChildren(h('h1', { tabindex: -1 }, 'Not found'),
        h('p', {}, 'There is no page ', h('code', {}, '#' + hash), ' here. ', h('a', { href: '#/reports' }, 'Reports'),
          ' or ', h('a', { href: '#/stores' }, 'Stores'), '.'));
    }
    for (const link of document.querySelectorAll('[data-nav]')) {
      if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  /** Puts a view's content in place and moves keyboard focus to its heading, as a page load would. */
  function show(title, ...content) {
    document.title = title + ' · Store Uptime';
    const heading = h('h1', { tabindex: -1 }, title);
    main.replaceChildren(heading, ...content);
    if (navigated) heading.focus({ preventScroll: true });
  }

  let navigated = false;
  window.addEventListener('hashchange', () => {
    navigated = true;
    navigate();
  });

  // ---------------------------------------------------------------- reports

  function reportsView(token) {
    const formError = h('p', { class: 'error', role: 'alert', hidden: true });
    const nowInput = h('input', { id: 'report-now', name: 'now', type: 'text', inputmode: 'text',
      placeholder: 'the latest poll', autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': 'report-now-hint' });
    const lookbackInput = h('input', { id: 'report-lookback', name: 'lookback', type: 'text', placeholder: 'PT24H',
      autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'report-lookback-hint' });
    const extrapolation = h('select', { id: 'report-extrapolation', name: 'extrapolation' },
      h('option', { value: 'nearest-poll' }, 'nearest poll (default)'),
      h('option', { value: 'carry-forward' }, 'carry forward'));
    const button = h('button', { type: 'submit', class: 'primary', id: 'trigger' }, 'Generate report');
    const tbody = h('tbody', { id: 'report-rows' });
    const listState = h('p', { class: 'muted', id: 'reports-empty' }, 'Loading…');
    const rows = new Map();
    const triggeredHere = new Set();

    const form = h('form', { id: 'trigger-form', class: 'trigger', novalidate: true, onsubmit: async e => {
      e.preventDefault();
      formError.hidden = true;
      const body = { extrapolation: extrapolation.value };
      if (nowInput.value.trim()) body.now = nowInput.value.trim();
      if (lookbackInput.value.trim()) body.lookback = lookbackInput.value.trim();
      button.disabled = true;
      try {
        const report = await json('reports', { method: 'POST', body: JSON.stringify(body),
          headers: { 'Content-Type': 'application/json' } });
        if (token !== view) return;
        triggeredHere.add(report.id);
        await refresh();
      } catch (error) {
        formError.textContent = 'Not started: ' + describe(error);
        formError.hidden = false;
      } finally {
        button.disabled = false;
      }
    } },
    h('div', { class: 'field' }, h('label', { for: 'report-now' }, 'As of (now)'), nowInput,
      h('small', { id: 'report-now-hint' }, 'UTC, e.g. 2023-01-25T18:13:22Z; empty for the latest poll')),
    h('div', { class: 'field' }, h('label', { for: 'report-lookback' }, 'Lookback'), lookbackInput,
      h('small', { id: 'report-lookback-hint' }, 'ISO-8601 duration; empty for PT24H')),
    h('div', { class: 'field' }, h('label', { for: 'report-extrapolation' }, 'Extrapolation'), extrapolation),
    h('div', { class: 'field submit' }, button),
    formError);

    show('Reports',
      h('section', { 'aria-labelledby': 'new-report' }, h('h2', { id: 'new-report' }, 'New report'), form),
      h('section', { 'aria-labelledby': 'report-list' }, h('h2', { id: 'report-list' }, 'Recent reports'),
        listState,
        h('div', { class: 'scroll' }, h('table', { class: 'reports cards' },
          h('thead', {}, h('tr', {}, ['Report', 'State', 'As of (UTC)', 'Options', 'Created (UTC)', 'Took', 'Result']
            .map(name => h('th', { scope: 'col' }, name)))),
          tbody))));

    async function refresh() {
      clearTimeout(refreshTimer);
      let list;
      try {
        list = await json('reports?limit=50');
      } catch (error) {
        if (token !== view) return;
        listState.replaceChildren(errorBox(error));
        refreshTimer = setTimeout(refresh, IDLE_REFRESH_MS);
        return;
      }
      if (token !== view) return;
      listState.hidden = list.reports.length > 0;
      listState.textContent = 'No reports yet: generate one above.';
      const seen = new Set();
      let previous = null;
      for (const report of list.reports) {
        seen.add(report.id);
        const signature = JSON.stringify(report);
        let entry = rows.get(report.id);
        if (!entry || entry.signature !== signature) {
          const row = reportRow(report);
          if (entry) entry.row.replaceWith(row);
          entry = { row, signature };
          rows.set(report.id, entry);
        }
        if (triggeredHere.has(report.id)) entry.row.classList.add('new');
        // newest first, as the API lists them
        const expectedNext = previous ? previous.nextSibling : tbody.firstChild;
        if (expectedNext !== entry.row) tbody.insertBefore(entry.row, expectedNext);
        previous = entry.row;
      }
      for (const [id, entry] of rows) {
        if (!seen.has(id)) {
          entry.row.remove();
          rows.delete(id);
        }
      }
      // quickly while a report runs; slowly otherwise, so reports triggered elsewhere (or scheduled) show up too
      const running = list.reports.some(r => r.state === 'pending' || r.state === 'running');
      refreshTimer = setTimeout(refresh, running ? REFRESH_MS : IDLE_REFRESH_MS);
    }

    refresh();
  }

  function reportRow(r) {
    const shortId = r.id.slice(0, 8);
    const done = r.progress ? r.progress.stores_done : 0;
    const total = r.progress ? r.progress.stores_total : 0;
    let result;
    if (r.state === 'complete') {
      result = h('a', { href: 'reports/' + r.id + '/csv', class: 'download', download: 'store_report_' + r.id + '.csv',
        onclick: e => download(e, r.id) }, 'Download CSV', h('span', { class: 'sr-only' }, ' of report ' + shortId));
    } else if (r.state === 'failed') {
      result = h('span', { class: 'report-error' }, r.error || 'failed without a message');
    } else {
      result = h('span', { class: 'progress' },
        h('progress', { max: total || 1, value: done, 'aria-label': 'stores done' }),
        ' ' + done + ' / ' + (total || '?') + ' stores');
    }
    const took = r.started_at && r.finished_at
      ? duration((Date.parse(r.finished_at) - Date.parse(r.started_at)) / 1000) : '–';
    return h('tr', { 'data-report-id': r.id, 'data-state': r.state },
      h('td', { 'data-label': 'Report' }, h('code', { title: r.id }, shortId)),
      h('td', { 'data-label': 'State' }, h('span', { class: 'state state-' + r.state }, r.state)),
      h('td', { 'data-label': 'As of' }, r.now ? utcTime(r.now) : 'latest poll'),
      h('td', { 'data-label': 'Options' }, r.options ? r.options.lookback + ', ' + r.options.extrapolation : '–'),
      h('td', { 'data-label': 'Created' }, utcTime(r.created_at)),
      h('td', { 'data-label': 'Took' }, took),
      h('td', { 'data-label': 'Result', class: 'result' }, result));
  }

  /** Downloads through fetch(), so the token goes in a header; the link itself stays a real link. */
  async function download(event, id) {
    event.preventDefault();
    const link = event.currentTarget;
    try {
      const response = await api('reports/' + id + '/csv', { headers: { Accept: 'text/csv' } });
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        throw new ApiError(response.status, (body && body.error) || 'the server answered ' + response.status);
      }
      const url = URL.createObjectURL(await response.blob());
      const a = h('a', { href: url, download: 'store_report_' + id + '.csv', hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (error) {
      link.after(errorBox('Download failed: ' + describe(error)));
    }
  }

  // ---------------------------------------------------------------- stores

  async function storesView(token, params) {
    if (params.get('window')) {
      fleetWindowView(token, params);
      return;
    }
    const query = params.get('query') || '';
    const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
    const input = h('input', { id: 'store-query', name: 'query', type: 'search', value: query,
      autocomplete: 'off', spellcheck: 'false', placeholder: 'part of a store id' });
    const results = h('div', { id: 'store-results' }, h('p', { class: 'muted' }, 'Loading…'));
    show('Stores',
      h('form', { role: 'search', class: 'search', onsubmit: e => {
        e.preventDefault();
        location.hash = storesHash(input.value.trim(), 0);
      } },
      h('label', { for: 'store-query' }, 'Store id contains'), input,
      h('button', { type: 'submit', class: 'primary' }, 'Search')),
      windowPicker(params, '#/stores', ['query']),
      results);
    let page;
    try {
      page = await json('stores?' + new URLSearchParams({ query, limit: PAGE_SIZE, offset }));
    } catch (error) {
      if (token === view) results.replaceChildren(errorBox(error));
      return;
    }
    if (token !== view) return;
    if (page.stores.length === 0) {
      results.replaceChildren(h('p', { id: 'store-count' },
        page.total === 0 ? (query ? 'No store id contains “' + query + '”.' : 'No stores.')
          : 'No stores on this page (' + page.total + ' in all).'));
      return;
    }
    const first = page.offset + 1;
    const last = page.offset + page.stores.length;
    results.replaceChildren(
      h('p', { id: 'store-count', 'data-total': page.total },
        'Stores ' + first + '–' + last + ' of ' + page.total + (query ? ' whose id contains “' + query + '”' : '')
        + '. Uptime from the newest complete report.'),
      h('div', { class: 'scroll' }, h('table', { class: 'stores' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Store'), h('th', { scope: 'col' }, 'Time zone'),
          h('th', { scope: 'col', class: 'num' }, 'Polls, last week'),
          h('th', { scope: 'col' }, 'Last seen (local)'),
          h('th', { scope: 'col', class: 'bar-col' }, 'Uptime, last week'))),
        h('tbody', {}, page.stores.map(storeRow)))),
      pager(page, query));
  }

  /**
   * The fleet for one window, worst first: a report with that window alone (the same engine, every store, exact),
   * reused when a complete one ends at the latest poll with the default options, else triggered and waited for.
   */
  async function fleetWindowView(token, params) {
    const window = params.get('window');
    const query = params.get('query') || '';
    const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
    const input = h('input', { id: 'store-query', name: 'query', type: 'search', value: query,
      autocomplete: 'off', spellcheck: 'false', placeholder: 'part of a store id' });
    const results = h('div', { id: 'store-results' }, h('p', { class: 'muted', id: 'fleet-progress' },
      'Computing every store’s uptime in ' + windowName(window) + '…'));
    show('Stores',
      h('form', { role: 'search', class: 'search', onsubmit: e => {
        e.preventDefault();
        location.hash = storesHash(input.value.trim(), 0, window);
      } },
      h('label', { for: 'store-query' }, 'Store id contains'), input,
      h('button', { type: 'submit', class: 'primary' }, 'Search')),
      windowPicker(params, '#/stores', ['query']),
      results);
    let report;
    let csv;
    try {
      report = await windowReport(token, window);
      if (!report) return;
      const response = await api('reports/' + report.id + '/csv', { headers: { Accept: 'text/csv' } });
      if (!response.ok) throw new ApiError(response.status, 'the server answered ' + response.status);
      csv = await response.text();
    } catch (error) {
      if (token === view) results.replaceChildren(errorBox(error));
      return;
    }
    if (token !== view) return;
    const lines = parseCsv(csv);
    const rows = lines.slice(1).map(cells => ({ store_id: cells[0], up: Number(cells[1]), down: Number(cells[2]),
      percent: cells[3] === '' ? null : Number(cells[3]) }))
      .filter(row => row.store_id.includes(query));
    // worst first; stores without a percent (no business time or no poll in the window) after all others
    rows.sort((a, b) => (a.percent === null) - (b.percent === null) || (a.percent - b.percent)
      || (a.store_id < b.store_id ? -1 : a.store_id > b.store_id ? 1 : 0));
    const page = { offset, limit: PAGE_SIZE, total: rows.length, stores: rows.slice(offset, offset + PAGE_SIZE) };
    if (page.stores.length === 0) {
      results.replaceChildren(h('p', { id: 'store-count' },
        rows.length === 0 ? (query ? 'No store id contains “' + query + '”.' : 'No stores.')
          : 'No stores on this page (' + rows.length + ' in all).'));
      return;
    }
    results.replaceChildren(
      h('p', { id: 'store-count', 'data-total': page.total, 'data-report-id': report.id },
        'Stores ' + (offset + 1) + '–' + (offset + page.stores.length) + ' of ' + page.total
        + (query ? ' whose id contains “' + query + '”' : '') + ', worst first by uptime in '
        + windowName(window) + ' (each store’s own time zone), as of ' + utcTime(report.now) + '.'),
      h('div', { class: 'scroll' }, h('table', { class: 'stores', id: 'fleet-window' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Store'), h('th', { scope: 'col', class: 'num' }, 'Up'),
          h('th', { scope: 'col', class: 'num' }, 'Down'),
          h('th', { scope: 'col', class: 'bar-col' }, 'Uptime, ' + windowName(window)))),
        h('tbody', {}, page.stores.map(row => h('tr', { 'data-store-id': row.store_id, 'data-percent': row.percent },
          h('td', {}, h('a', { href: storeHash(row.store_id) + '?' + new URLSearchParams({ window }),
            class: 'store-link' }, row.store_id)),
          h('td', { class: 'num' }, TWO.format(row.up) + ' h'),
          h('td', { class: 'num' }, TWO.format(row.down) + ' h'),
          h('td', { class: 'bar-col' }, row.percent === null
            ? h('span', { class: 'muted' }, 'no figures')
            : percentBar(row.percent))))))),
      pager(page, query, window));
  }

  /** A complete report of {@code window} alone as of the latest poll: an existing one, or a new one once done. */
  async function windowReport(token, window) {
    const listing = await json('stores?limit=1');
    const recent = await json('reports?limit=50');
    const same = r => r.options && r.options.windows && r.options.windows.length === 1
      && r.options.windows[0] === window && r.options.lookback === 'PT24H'
      && r.options.extrapolation === 'nearest-poll';
    const existing = recent.reports.find(r => r.state === 'complete' && same(r) && r.now === listing.polls_to);
    if (existing) return existing;
    let report = await json('reports', { method: 'POST', body: JSON.stringify({ windows: [window] }),
      headers: { 'Content-Type': 'application/json' } });
    while (report.state !== 'complete') {
      if (report.state === 'failed') throw new Error('the report failed: ' + report.error);
      await new Promise(resolve => setTimeout(resolve, 300));
      if (token !== view) return null;
      report = await json('reports/' + report.id);
    }
    return report;
  }

  /** RFC 4180 as the report CSV writes it: quotes only around ids that need them. */
  function parseCsv(text) {
    const rows = [];
    let row = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') {
          quoted = false;
        } else {
          cell += c;
        }
      } else if (c === '"') {
        quoted = true;
      } else if (c === ',') {
        row.push(cell);
        cell = '';
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
      } else {
        cell += c;
      }
    }
    if (cell !== '' || row.length) {
      row.push(cell);
      rows.push(row);
    }
    return rows;
  }

  const WINDOW_CHOICES = [
    ['24h', 'the last 24 hours'], ['7d', 'the last 7 days'], ['30d', 'the last 30 days'],
    ['month', 'this month'], ['previous-month', 'last month'],
  ];
  const DATE_RANGE = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/;

  /** How a window reads in a sentence: "the last 30 days", "1–14 Sept 2024" for local dates. */
  function windowName(window) {
    const choice = WINDOW_CHOICES.find(([value]) => value === window);
    if (choice) return choice[1];
    const range = DATE_RANGE.exec(window);
    if (range) return range[1] + ' to ' + addDays(range[2], -1) + ' (local dates)';
    return window;
  }

  /**
   * The window picker of the fleet and store pages: a rolling or calendar window, or local dates from one day
   * through another (the window's end is the midnight after the second, which the API does not include).
   * {@code keep} names the parameters of the page that stay.
   */
  function windowPicker(params, hashBase, keep) {
    const current = params.get('window') || '';
    const range = DATE_RANGE.exec(current);
    const select = h('select', { id: 'window-select', name: 'window' },
      h('option', { value: '', selected: current === '' }, hashBase === '#/stores'
        ? 'last week (newest report)' : 'last hour, day and week'),
      WINDOW_CHOICES.map(([value, label]) => h('option', { value, selected: current === value }, label)),
      h('option', { value: 'custom', selected: !!range }, 'local dates…'));
    const from = h('input', { id: 'window-from', type: 'date', value: range ? range[1] : '' });
    const through = h('input', { id: 'window-through', type: 'date', value: range ? addDays(range[2], -1) : '' });
    const dates = h('span', { class: 'window-dates', hidden: !range },
      h('label', { for: 'window-from' }, 'from'), from, h('label', { for: 'window-through' }, 'through'), through);
    const problem = h('span', { class: 'window-problem', role: 'alert', id: 'window-error', hidden: true });
    select.addEventListener('change', () => { dates.hidden = select.value !== 'custom'; });
    return h('form', { class: 'window-picker', id: 'window-picker', onsubmit: e => {
      e.preventDefault();
      let window = select.value;
      if (window === 'custom') {
        if (!from.value || !through.value || through.value < from.value) {
          problem.textContent = 'Pick a first and a last date, the last on or after the first.';
          problem.hidden = false;
          return;
        }
        window = from.value + '/' + addDays(through.value, 1);
      }
      const next = new URLSearchParams();
      for (const name of keep) if (params.get(name)) next.set(name, params.get(name));
      if (window) next.set('window', window);
      location.hash = hashBase + (next.toString() ? '?' + next : '');
    } },
    h('label', { for: 'window-select' }, 'Uptime in'), select, dates,
    h('button', { type: 'submit', id: 'window-apply' }, 'Show'), problem);
  }

  function storesHash(query, offset, window) {
    const params = new URLSearchParams();
    if (query) params.set('query', query);
    if (offset) params.set('offset', offset);
    if (window) params.set('window', window);
    const text = params.toString();
    return '#/stores' + (text ? '?' + text : '');
  }

  /**
   * A store id as one segment of an API path. The ids . and .. are valid, but a browser resolves them (and their
   * %2E forms) as directory steps before sending; with a leading blank they are plain text, and the API removes
   * surrounding blanks from a path's id as the input files do (no id has them).
   */
  function storeSegment(id) {
    return (id === '.' || id === '..' ? '%20' : '') + encodeURIComponent(id);
  }

  function storeHash(id) {
    return '#/stores/' + encodeURIComponent(id);
  }

  function storeRow(store) {
    const percent = store.report ? store.report.uptime_percent_last_week : null;
    let uptime;
    if (!store.report) {
      uptime = h('span', { class: 'muted' }, 'no report yet');
    } else if (percent === null || percent === undefined) {
      // nothing counted in the week: a store with hours but no polls has no figures, not no hours
      uptime = h('span', { class: 'muted' }, store.polls_last_week > 0 ? 'no business hours' : 'no polls');
    } else {
      uptime = percentBar(percent);
    }
    return h('tr', { 'data-store-id': store.store_id },
      h('td', {}, h('a', { href: storeHash(store.store_id), class: 'store-link' }, store.store_id)),
      h('td', {}, store.timezone),
      h('td', { class: 'num' }, store.polls_last_week),
      h('td', { class: 'last-seen' }, lastSeen(store)),
      h('td', { class: 'bar-col' }, uptime));
  }

  /** A store's latest poll in its own time, the UTC instant on hover; "never" without polls. */
  function lastSeen(store) {
    return store.last_poll
      ? h('time', { datetime: store.last_poll, title: utcTime(store.last_poll) }, localTime(store.last_poll_local))
      : h('span', { class: 'muted' }, 'never');
  }

  function percentBar(percent) {
    const up = h('span', { class: 'bar-up' });
    up.style.width = Math.max(0, Math.min(100, percent)) + '%';
    return h('span', { class: 'bar-cell', 'data-percent': percent },
      h('span', { class: 'bar', role: 'img', 'aria-label': ONE.format(percent) + ' % up' }, up),
      h('span', { class: 'bar-text' }, ONE.format(percent) + ' %'));
  }

  function pager(page, query, window) {
    const previous = page.offset > 0 ? storesHash(query, Math.max(0, page.offset - page.limit), window) : null;
    const next = page.offset + page.stores.length < page.total
      ? storesHash(query, page.offset + page.limit, window) : null;
    const pages = Math.max(1, Math.ceil(page.total / page.limit));
    const current = Math.floor(page.offset / page.limit) + 1;
    const link = (hash, label, rel) => hash
      ? h('a', { href: hash, rel, class: 'button' }, label)
      : h('span', { class: 'button disabled', 'aria-disabled': 'true' }, label);
    return h('nav', { class: 'pager', 'aria-label': 'Pages of stores' },
      link(previous, '← Previous', 'prev'), h('span', {}, 'Page ' + current + ' of ' + pages),
      link(next, 'Next →', 'next'));
  }

  // ---------------------------------------------------------------- one store

  async function storeView(token, id, params) {
    const options = new URLSearchParams();
    for (const name of ['now', 'lookback', 'extrapolation']) {
      if (params.get(name)) options.set(name, params.get(name));
    }
    const base = 'stores/' + storeSegment(id);
    const suffix = options.toString() ? '?' + options : '';
    const window = params.get('window');
    const windowed = new URLSearchParams(options);
    if (window) windowed.set('window', window);
    const content = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
    const back = '#/stores' + (window ? '?' + new URLSearchParams({ window }) : '');
    const keep = ['now', 'lookback', 'extrapolation'];
    show('Store ' + id, h('p', { class: 'back' }, h('a', { href: back }, '← All stores')),
      windowPicker(params, storeHash(id), keep), content);
    let store;
    let timeline;
    let chosen = null;
    try {
      // the timeline draws the picked window; one it cannot draw (longer than 93 days) leaves it at the week
      const drawn = window
        ? json(base + '/timeline?' + windowed).catch(error => {
          if (!(error instanceof ApiError) || error.status !== 400) throw error;
          return json(base + '/timeline' + suffix).then(week => Object.assign(week, { note: describe(error) }));
        })
        : json(base + '/timeline' + suffix);
      [store, timeline, chosen] = await Promise.all([json(base + suffix), drawn,
        window ? json(base + '?' + windowed) : Promise.resolve(null)]);
    } catch (error) {
      if (token === view) content.replaceChildren(errorBox(error), optionsForm(id, params));
      return;
    }
    if (token !== view) return;
    const span = timelineSpan(timeline);
    content.replaceChildren(
      h('p', { class: 'store-meta' },
        'Time zone ', h('strong', { id: 'store-zone' }, store.timezone),
        store.timezone_defaulted ? ' (none in the data: the default zone)' : '',
        ' · as of ', h('span', { id: 'store-now', title: utcTime(store.now) }, localTime(store.now_local)),
        ' · last seen ', h('span', { id: 'store-last-seen' }, lastSeen(store)),
        ' · lookback ' + store.options.lookback + ', ' + store.options.extrapolation),
      optionsForm(id, params),
      h('div', { class: 'columns' },
        h('section', { 'aria-labelledby': 'figures-title' },
          h('h2', { id: 'figures-title' }, 'Uptime during business hours'), figures(store, chosen)),
        h('section', { 'aria-labelledby': 'hours-title' },
          h('h2', { id: 'hours-title' }, 'Business hours (local time)'), hoursTable(store))),
      h('section', { 'aria-labelledby': 'timeline-title' },
        h('h2', { id: 'timeline-title' }, span.charAt(0).toUpperCase() + span.slice(1)
          + ', day by day in local time'),
        timeline.note ? h('p', { class: 'muted', id: 'timeline-note' },
          'The timeline shows the last 7 days: ' + timeline.note) : null,
        legend(), h('div', { class: 'scroll timeline-box' }, timelineSvg(timeline))),
      h('section', { 'aria-labelledby': 'outages-title' },
        h('h2', { id: 'outages-title' }, timeline.window ? 'Outages in the window' : 'Outages in these 7 days'),
        outageTable(timeline)));
  }

  /** What a timeline of the API draws, in a sentence: "the last 7 days", or its window ("last month"). */
  function timelineSpan(t) {
    return t.window ? windowName(t.window) : 'the last 7 days';
  }

  function optionsForm(id, params) {
    const field = (name, label, placeholder) => h('div', { class: 'field' },
      h('label', { for: 'store-' + name }, label),
      h('input', { id: 'store-' + name, name, type: 'text', value: params.get(name) || '', placeholder,
        autocomplete: 'off', spellcheck: 'false' }));
    const extrapolation = params.get('extrapolation') || '';
    return h('details', { class: 'options' }, h('summary', {}, 'As of another time, other options'),
      h('form', { class: 'trigger', onsubmit: e => {
        e.preventDefault();
        const data = new URLSearchParams();
        for (const [name, value] of new FormData(e.target)) if (String(value).trim()) data.set(name, value.trim());
        if (params.get('window')) data.set('window', params.get('window'));
        location.hash = storeHash(id) + (data.toString() ? '?' + data : '');
      } },
      field('now', 'As of (now, UTC)', 'the latest poll'),
      field('lookback', 'Lookback', 'PT24H'),
      h('div', { class: 'field' }, h('label', { for: 'store-extrapolation' }, 'Extrapolation'),
        h('select', { id: 'store-extrapolation', name: 'extrapolation' },
          h('option', { value: '', selected: extrapolation === '' }, 'default'),
          h('option', { value: 'nearest-poll', selected: extrapolation === 'nearest-poll' }, 'nearest poll'),
          h('option', { value: 'carry-forward', selected: extrapolation === 'carry-forward' }, 'carry forward'))),
      h('div', { class: 'field submit' }, h('button', { type: 'submit', class: 'primary' }, 'Show'))));
  }

  function figures(store, chosen) {
    const rows = [
      ['Last hour', 'last_hour', store.uptime_last_hour, store.downtime_last_hour, 'min'],
      ['Last day', 'last_day', store.uptime_last_day, store.downtime_last_day, 'h'],
      ['Last week', 'last_week', store.uptime_last_week, store.downtime_last_week, 'h'],
    ];
    const windows = Object.assign({}, store.windows);
    if (chosen) {
      // the picked window, computed by the API in the store's own calendar, after the classic three
      for (const [text, w] of Object.entries(chosen.windows)) {
        const name = windowName(text);
        windows[text] = w;
        rows.push([name.charAt(0).toUpperCase() + name.slice(1), text, chosen['uptime_' + w.label + '_hours'],
          chosen['downtime_' + w.label + '_hours'], 'h']);
      }
    }
    return h('div', { class: 'scroll' }, h('table', { class: 'figures', id: 'figures' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Window'), h('th', { scope: 'col', class: 'num' }, 'Up'),
        h('th', { scope: 'col', class: 'num' }, 'Down'), h('th', { scope: 'col', class: 'bar-col' }, 'Uptime'),
        h('th', { scope: 'col', class: 'num' }, 'Outages'), h('th', { scope: 'col', class: 'num' }, 'Longest'))),
      h('tbody', {}, rows.map(([label, key, up, down, unit]) => {
        const w = windows[key];
        return h('tr', { 'data-window': key },
          h('th', { scope: 'row', title: utcTime(w.start) + ' to ' + utcTime(w.end) }, label),
          h('td', { class: 'num' }, TWO.format(up) + ' ' + unit),
          h('td', { class: 'num' }, TWO.format(down) + ' ' + unit),
          h('td', { class: 'bar-col' }, w.uptime_percent === null ? h('span', { class: 'muted' }, 'closed')
            : percentBar(w.uptime_percent)),
          h('td', { class: 'num' }, w.outage_count),
          h('td', { class: 'num' }, w.outage_count ? duration(w.longest_outage_seconds) : '–'));
      }))));
  }

  const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

  function clock(time) {
    return /:00$/.test(time) ? time.slice(0, 5) : time;
  }

  function hoursTable(store) {
    if (store.open_all_week) {
      return h('p', { id: 'hours' }, 'Open 24 hours, every day (no business hours in the data).');
    }
    return h('table', { class: 'hours', id: 'hours' }, h('tbody', {}, DAYS.map(day => {
      const periods = store.business_hours.filter(p => p.day === day)
        .sort((a, b) => a.start_time_local.localeCompare(b.start_time_local));
      const text = periods.length === 0 ? 'closed' : periods.map(p => {
        const overnight = p.end_time_local <= p.start_time_local;
        return clock(p.start_time_local) + '–' + clock(p.end_time_local) + (overnight ? ' (next day)' : '');
      }).join(', ');
      return h('tr', { 'data-day': day }, h('th', { scope: 'row' }, day.charAt(0) + day.slice(1).toLowerCase()),
        h('td', { class: periods.length ? '' : 'muted' }, text));
    })));
  }

  function legend() {
    const item = (cls, label) => h('li', {}, h('span', { class: 'key ' + cls, 'aria-hidden': 'true' }), label);
    return h('ul', { class: 'legend', 'aria-label': 'Legend' },
      item('key-up', 'up'), item('key-down', 'down (hatched)'), item('key-business', 'business hours'),
      item('key-closed', 'closed'), item('key-closure', 'planned closure'), item('key-poll', 'poll that counted'), item('key-ignored', 'poll ignored'),
      item('key-outage', 'outage'));
  }

  // ---------------------------------------------------------------- the timeline (SVG)

  const LABEL_W = 130;
  const HOUR_W = 34;
  const AXIS_H = 40;
  const ROW_H = 38;
  const BAR_Y = 13;
  const BAR_H = 14;

  function timelineSvg(t) {
    const zone = t.timezone;
    const from = Date.parse(t.from);
    const to = Date.parse(t.to);
    const firstDate = parseLocal(t.from_local).date;
    const end = parseLocal(t.to_local);
    // [from, to): a `to` at local midnight ends the row before it
    const lastDate = end.time === '00:00' && end.seconds === '00' && !end.fraction ? addDays(end.date, -1) : end.date;
    const days = [];
    for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) {
      const start = startOfDay(date, zone);
      const end = startOfDay(addDays(date, 1), zone);
      days.push({ date, start, end, hours: (end - start) / HOUR_MS });
    }
    const longest = Math.max(25, ...days.map(d => d.hours));
    const width = LABEL_W + longest * HOUR_W + 12;
    const height = AXIS_H + days.length * ROW_H + 6;
    const x = (day, instant) => LABEL_W + (instant - day.start) / HOUR_MS * HOUR_W;

    const svg = s('svg', { id: 'timeline', class: 'timeline', viewBox: '0 0 ' + width + ' ' + height,
      width, height, role: 'group', 'aria-label': 'Timeline of ' + timelineSpan(t) + ' in ' + zone + ' local time',
      'data-zone': zone, 'data-from': t.from, 'data-to': t.to, 'data-window': t.window || '' },
    s('defs', {}, s('pattern', { id: 'hatch', patternUnits: 'userSpaceOnUse', width: 6, height: 6,
      patternTransform: 'rotate(45)' },
    s('rect', { width: 6, height: 6, class: 'down-fill' }),
    s('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'down-hatch' })),
    s('pattern', { id: 'closure-hatch', patternUnits: 'userSpaceOnUse', width: 6, height: 6,
      patternTransform: 'rotate(-45)' },
    s('rect', { width: 6, height: 6, fill: '#fff' }),
    s('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'closure-hatch' }))));

    // the axis: the zone, and the hours of an ordinary day; DST rows carry their own marks
    svg.append(s('text', { x: 0, y: 14, class: 'axis-zone' }, 'Local time, ' + zone));
    for (let hour = 0; hour <= 24; hour += 3) {
      const px = LABEL_W + hour * HOUR_W;
      svg.append(s('text', { x: px, y: AXIS_H - 8, class: 'axis-label', 'text-anchor': 'middle' },
        String(hour).padStart(2, '0') + ':00'));
    }

    const lookup = { segments: t.segments.map((seg, i) => Object.assign({ index: i }, seg)) };
    const segmentGroups = new Map();
    const outageGroups = new Map();

    days.forEach((day, row) => {
      const y = AXIS_H + row * ROW_H;
      const transition = dstTransition(day, zone);
      const odd = day.hours !== 24;
      const g = s('g', { class: 'day', 'data-date': day.date, 'data-hours': day.hours,
        'data-start': new Date(day.start).toISOString(), 'data-end': new Date(day.end).toISOString() },
      s('text', { x: 0, y: y + (odd ? BAR_Y + 2 : BAR_Y + BAR_H - 2), class: 'day-label' + (odd ? ' dst' : '') },
        shortDate(day.date)),
      odd ? s('text', { x: 0, y: y + BAR_Y + BAR_H + 4, class: 'dst-label' },
        day.hours + ' h' + (transition ? ' · ' + transition.label : '')) : null,
      s('rect', { x: LABEL_W, y: y + 4, width: day.hours * HOUR_W, height: ROW_H - 8, class: 'day-bg' },
        s('title', {}, longDate(day.date) + ': ' + day.hours + ' hours in ' + zone)));
      svg.append(g);

      // parts of the day outside [from, to) have no data
      const clip = (a, b) => [Math.max(a, day.start), Math.min(b, day.end)];
      for (const [a, b] of [[day.start, from], [to, day.end]]) {
        const [c, d] = clip(a, b);
        if (d > c) {
          g.append(s('rect', { x: x(day, c), y: y + 4, width: x(day, d) - x(day, c), height: ROW_H - 8,
            class: 'no-data' }, s('title', {}, t.window ? 'outside the window shown' : 'outside the 7 days shown')));
        }
      }
      // hour lines at local hours, placed at their real instants, so a DST day shows its shift
      for (let hour = 3; hour < 24; hour += 3) {
        const at = instantOf(Date.parse(day.date + 'T00:00:00Z') + hour * HOUR_MS, zone);
        if (at > day.start && at < day.end) {
          g.append(s('line', { x1: x(day, at), x2: x(day, at), y1: y + 4, y2: y + ROW_H - 4, class: 'hour-line' }));
        }
      }
      for (const b of t.business_intervals) {
        const [c, d] = clip(Date.parse(b.start), Date.parse(b.end));
        if (d > c) {
          g.append(s('rect', { x: x(day, c), y: y + 4, width: x(day, d) - x(day, c), height: ROW_H - 8,
            class: 'business', 'data-start': b.start, 'data-end': b.end },
          s('title', {}, 'Open ' + localTime(b.start_local, false) + ' – ' + localTime(b.end_local, false))));
        }
      }
      for (const c of t.planned_closures || []) {
        const [a, b] = clip(Date.parse(c.start), Date.parse(c.end));
        if (b > a) {
          g.append(s('rect', { x: x(day, a), y: y + 4, width: x(day, b) - x(day, a), height: ROW_H - 8,
            class: 'planned-closure', 'data-start': c.start, 'data-end': c.end },
          s('title', {}, 'Planned closure ' + localTime(c.start_local) + ' – ' + localTime(c.end_local))));
        }
      }
      if (transition) {
        const px = x(day, transition.at);
        g.append(s('line', { x1: px, x2: px, y1: y + 1, y2: y + ROW_H - 1, class: 'dst-line' },
          s('title', {}, 'The clocks went from ' + transition.label.replace(' → ', ' to ') + ' here')));
      }
      lookup.segments.forEach(seg => {
        const [c, d] = clip(Date.parse(seg.start), Date.parse(seg.end));
        if (d <= c) return;
        let group = segmentGroups.get(seg.index);
        if (!group) {
          const tip = (seg.state === 'up' ? 'Up' : 'Down') + ' ' + localTime(seg.start_local) + ' – '
            + localTime(seg.end_local) + ' (' + duration((Date.parse(seg.end) - Date.parse(seg.start)) / 1000) + ')';
          group = s('g', { class: 'segment ' + seg.state, 'data-index': seg.index, 'data-state': seg.state,
            'data-start': seg.start, 'data-end': seg.end, 'data-tip': tip }, s('title', {}, tip));
          segmentGroups.set(seg.index, group);
        }
        group.append(s('rect', { x: x(day, c), y: y + BAR_Y, width: Math.max(0.5, x(day, d) - x(day, c)),
          height: BAR_H, class: 'piece', 'data-date': day.date }));
      });
      t.outages.forEach((outage, i) => {
        const [c, d] = clip(Date.parse(outage.start), Date.parse(outage.end));
        if (d <= c) return;
        let group = outageGroups.get(i);
        if (!group) {
          const tip = 'Outage ' + localTime(outage.start_local) + ' – ' + localTime(outage.end_local) + ': '
            + duration(outage.duration_seconds);
          group = s('g', { class: 'outage', tabindex: 0, role: 'img', 'aria-label': tip, 'data-index': i,
            'data-start': outage.start, 'data-end': outage.end, 'data-tip': tip }, s('title', {}, tip));
          outageGroups.set(i, group);
        }
        group.append(s('rect', { x: x(day, c), y: y + BAR_Y + BAR_H + 2, width: Math.max(2, x(day, d) - x(day, c)),
          height: 5, class: 'outage-bar' }));
      });
      t.polls.forEach(poll => {
        const at = Date.parse(poll.timestamp);
        if (at < day.start || at >= day.end) return;
        const px = x(day, at);
        const why = poll.counted ? 'counted' : 'ignored: ' + String(poll.ignored_reason).replace(/_/g, ' ');
        const tip = 'Poll ' + localTime(poll.timestamp_local, false) + ' ' + poll.status + ', ' + why;
        const mark = poll.counted
          ? s('line', { x1: px, x2: px, y1: y + 4, y2: y + BAR_Y - 1, class: 'poll ' + poll.status })
          : s('circle', { cx: px, cy: y + 8, r: 2.6, class: 'poll ignored ' + poll.status });
        build(mark, { 'data-timestamp': poll.timestamp, 'data-counted': String(poll.counted), 'data-tip': tip },
          [s('title', {}, tip)]);
        g.append(mark);
      });
    });
    // segments and outages above every day's background, in API order
    for (const group of segmentGroups.values()) svg.append(group);
    for (const group of outageGroups.values()) svg.append(group);
    svg.addEventListener('mouseover', e => tooltipFor(e.target, e));
    svg.addEventListener('mousemove', e => moveTooltip(e.clientX, e.clientY));
    svg.addEventListener('mouseout', hideTooltip);
    svg.addEventListener('focusin', e => {
      const box = e.target.getBoundingClientRect();
      tooltipFor(e.target, { clientX: box.left + box.width / 2, clientY: box.top });
    });
    svg.addEventListener('focusout', hideTooltip);
    return svg;
  }

  /** Where in a day the zone's offset changes, and how the clock jumps ("02:00 → 03:00"). */
  function dstTransition(day, zone) {
    const offset = at => wallClock(at, zone) - at;
    if (offset(day.start) === offset(day.end - 1)) return null;
    let lo = day.start;
    let hi = day.end - 1;
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2);
      if (offset(mid) === offset(day.start)) lo = mid;
      else hi = mid;
    }
    const hhmm = ms => new Date(ms).toISOString().slice(11, 16);
    return { at: hi, label: hhmm(wallClock(hi, zone) - (offset(hi) - offset(lo))) + ' → ' + hhmm(wallClock(hi, zone)) };
  }

  // ---------------------------------------------------------------- tooltip

  const tooltip = document.getElementById('tooltip');

  function tooltipFor(target, at) {
    const holder = target.closest ? target.closest('[data-tip]') : null;
    if (!holder) {
      hideTooltip();
      return;
    }
    tooltip.textContent = holder.getAttribute('data-tip');
    tooltip.hidden = false;
    moveTooltip(at.clientX, at.clientY);
  }

  function moveTooltip(clientX, clientY) {
    if (tooltip.hidden) return;
    const width = tooltip.offsetWidth;
    const left = Math.min(Math.max(4, clientX - width / 2), document.documentElement.clientWidth - width - 4);
    tooltip.style.left = (left + window.scrollX) + 'px';
    tooltip.style.top = (clientY + window.scrollY - tooltip.offsetHeight - 10) + 'px';
  }

  function hideTooltip() {
    tooltip.hidden = true;
  }

  function outageTable(t) {
    if (t.outages.length === 0) {
      return h('p', { id: 'outages' }, 'No outage during business hours in '
        + (t.window ? 'the window' : 'these 7 days') + '.');
    }
    return h('div', { class: 'scroll' }, h('table', { class: 'outages', id: 'outages' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Started (local)'), h('th', { scope: 'col' }, 'Ended (local)'),
        h('th', { scope: 'col', class: 'num' }, 'Duration'))),
      h('tbody', {}, t.outages.map(o => h('tr', { 'data-start': o.start, 'data-end': o.end },
        h('td', { title: utcTime(o.start) }, localTime(o.start_local)),
        h('td', { title: utcTime(o.end) }, localTime(o.end_local)),
        h('td', { class: 'num' }, duration(o.duration_seconds)))))));
  }

  navigate();
})();
