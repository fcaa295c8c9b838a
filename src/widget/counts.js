/*
 * Sift comment counts for section pages. One tag on the page:
 *   <script src="https://comments.example/counts.js" async></script>
 * and, under each headline, an element naming its article:
 *   <a href="/story#comments" data-sift-count="nhs-cyberattack">Comments</a>
 * Each such element's text becomes "12 comments" (the approved count), asked of Sift in one
 * request per 100 articles. The words can be set on the script tag or on an element:
 * data-sift-zero="No comments yet", data-sift-one="1 comment", data-sift-many="{n} comments".
 * Pages that change without reloading call SiftCounts.refresh() after adding elements.
 */
(function () {
  'use strict';

  var script = document.currentScript || document.querySelector('script[src*="counts.js"]');
  if (!script) return;
  var api = new URL(script.src, location.href).origin;
  var BATCH = 100;

  function words(el, name, fallback) {
    return el.getAttribute('data-sift-' + name) || script.getAttribute('data-sift-' + name) || fallback;
  }

  function show(el, n) {
    var number = n.toLocaleString(document.documentElement.lang || undefined);
    var template =
      n === 0
        ? words(el, 'zero', words(el, 'many', '{n} comments'))
        : n === 1
          ? words(el, 'one', '1 comment')
          : words(el, 'many', '{n} comments');
    el.textContent = template.replace('{n}', number);
    el.setAttribute('data-sift-count-shown', String(n));
  }

  function refresh() {
    var byArticle = {};
    var nodes = document.querySelectorAll('[data-sift-count]');
    for (var i = 0; i < nodes.length; i++) {
      var id = nodes[i].getAttribute('data-sift-count');
      if (!/^[A-Za-z0-9._~:-]{1,200}$/.test(id)) continue;
      (byArticle[id] = byArticle[id] || []).push(nodes[i]);
    }
    var ids = Object.keys(byArticle);
    var asked = [];
    for (var start = 0; start < ids.length; start += BATCH) {
      var batch = ids.slice(start, start + BATCH);
      asked.push(
        fetch(api + '/v1/comment-counts?articleIds=' + batch.map(encodeURIComponent).join(','))
          .then(function (response) {
            return response.ok ? response.json() : { counts: {} };
          })
          .then(
            function (answer) {
              for (var article in answer.counts) {
                if (!byArticle[article]) continue;
                byArticle[article].forEach(function (el) {
                  show(el, answer.counts[article]);
                });
              }
            },
            function () {
              /* counts are a nicety: the page keeps its own text */
            },
          ),
      );
    }
    return Promise.all(asked);
  }

  window.SiftCounts = { refresh: refresh };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', refresh);
  else refresh();
})();
