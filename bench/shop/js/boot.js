// Loaded first, as a classic script in <head>: the parcours script-tag snippet, the bench
// recorder plugin (every event the SDK stamps is handed to the harness) and the async SDK tag.
// `?sdk=<json>` is merged into the init config so a run can set detector options.
(function () {
  var q = new URLSearchParams(location.search);
  window.parcours =
    window.parcours ||
    function () {
      (window.parcours.q = window.parcours.q || []).push(arguments);
    };
  var cfg = { endpoint: '/collect', siteId: 'bench', batch: { intervalMs: 1000 } };
  try {
    var extra = JSON.parse(q.get('sdk') || '{}');
    for (var k in extra) cfg[k] = extra[k];
  } catch {}
  // The recorder rides in `init`'s plugins (not a later `use`) so it sees the events emitted
  // while the tracker starts, such as a u_turn judged on the page returned to.
  var recorder = {
    name: 'bench/recorder@1',
    setup: function () {},
    beforeEvent: function (e) {
      var b = (window.__bench = window.__bench || { events: [] });
      b.events.push(e);
      if (typeof window.__benchPush === 'function') window.__benchPush(e);
      return e;
    },
  };
  cfg.plugins = (cfg.plugins || []).concat([recorder]);
  window.parcours('init', cfg);
  var s = document.createElement('script');
  s.async = true;
  s.src = '/parcours.iife.js';
  s.setAttribute('data-site-id', 'bench');
  document.head.appendChild(s);
  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/css/' + (q.get('theme') === 'b' ? 'b' : 'a') + '.css';
  document.head.appendChild(css);
})();
