/* global fetch, location, window */
/*
 * Starts the reads the first page needs while its code is still loading, instead of after
 * (a classic script: it runs as index.html is read, before the modules). The sign-in check
 * always; on the editor's URL the workflow and its layout, then its latest version as soon
 * as the workflow names it. `src/api/earlyReads.ts` hands each reply to the first call for
 * the same URL; a failed read is asked again there.
 */
(function () {
  var reads = {};
  var get = function (url) {
    var reply = fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    reply.catch(function () {});
    reads[url] = { at: Date.now(), reply: reply };
    return reply;
  };
  get('/api/auth/me');
  var m = /^\/workflows\/([^/]+)\/?$/.exec(location.pathname);
  if (m && !/^(new|import|templates)$/.test(m[1])) {
    var base = '/api/workflows/' + m[1];
    get(base + '/layout');
    get(base)
      .then(function (r) {
        return r.ok ? r.clone().json() : null;
      })
      .then(function (w) {
        if (w && w.latest && typeof w.latest.number === 'number') get(base + '/versions/' + w.latest.number);
      })
      .catch(function () {});
  }
  window.__earlyReads = reads;
})();
