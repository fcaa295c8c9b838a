/*
 * Sift comment widget. One tag on the host page:
 *   <script src="https://comments.example/widget.js" data-article-id="..." data-article-title="..." async></script>
 * Plain browser JavaScript, no framework, no build step. Every piece of text from the API goes into
 * the page through textContent, never as HTML, so nothing a commenter writes can run.
 */
(function () {
  'use strict';

  var script = document.currentScript || document.querySelector('script[src*="widget.js"][data-article-id]');
  if (!script || script.getAttribute('data-sift-mounted')) return;
  script.setAttribute('data-sift-mounted', '1');

  var api = new URL(script.src, location.href).origin;
  var articleId = script.getAttribute('data-article-id') || '';
  var articleTitle = script.getAttribute('data-article-title') || document.title || 'This article';
  var pageSize = Math.min(100, Math.max(1, parseInt(script.getAttribute('data-page-size'), 10) || 20));
  var storeKey = 'sift:pending:' + api + ':' + articleId;
  var uid = 'sift-' + Math.random().toString(36).slice(2, 8);

  // Elements ------------------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var name in attrs || {}) {
      if (name === 'text') node.textContent = attrs[name];
      else if (name.slice(0, 2) === 'on') node.addEventListener(name.slice(2), attrs[name]);
      else if (attrs[name] != null && attrs[name] !== false) node.setAttribute(name, attrs[name] === true ? '' : attrs[name]);
    }
    (children || []).forEach(function (child) {
      if (child) node.appendChild(child);
    });
    return node;
  }

  /** Comment text as text: line breaks become <br>, everything else stays literal (links too). */
  function textWithBreaks(node, text) {
    String(text).split(/\r\n|\r|\n/).forEach(function (line, i) {
      if (i) node.appendChild(document.createElement('br'));
      node.appendChild(document.createTextNode(line));
    });
    return node;
  }

  var css = el('link', { rel: 'stylesheet', href: api + '/widget.css' });
  document.head.appendChild(css);

  var status = el('p', { class: 'sift-status', role: 'status', 'aria-live': 'polite' });
  var countHeading = el('h2', { class: 'sift-title', id: uid + '-title', text: 'Comments' });
  var list = el('ol', { class: 'sift-list', 'aria-labelledby': uid + '-title' });
  var empty = el('div', { class: 'sift-empty', hidden: true }, [
    el('p', { class: 'sift-empty-title', text: "'" + articleTitle + "' has no comments" }),
    el('p', { text: 'Be the first to comment this post!' }),
  ]);
  var more = el('button', { type: 'button', class: 'sift-more', hidden: true, text: 'Load more comments', onclick: loadMore });
  var loadError = el('p', { class: 'sift-load-error', role: 'alert', hidden: true });

  function field(name, label, control, hint) {
    control.id = uid + '-' + name;
    control.name = name;
    if (hint) control.setAttribute('aria-describedby', uid + '-' + name + '-hint');
    return el('p', { class: 'sift-field' }, [
      el('label', { for: control.id, text: label }),
      control,
      hint ? el('span', { class: 'sift-hint', id: uid + '-' + name + '-hint', text: hint }) : null,
    ]);
  }
  var nameInput = el('input', { type: 'text', required: true, maxlength: 100, autocomplete: 'name' });
  var emailInput = el('input', { type: 'email', required: true, maxlength: 254, autocomplete: 'email' });
  var bodyInput = el('textarea', { required: true, maxlength: 10000, rows: 5 });
  var replyNote = el('p', { class: 'sift-replying', hidden: true });
  var submit = el('button', { type: 'submit', class: 'sift-submit', text: 'Post comment' });
  var formError = el('p', { class: 'sift-error', role: 'alert', id: uid + '-error' });
  var formHeading = el('h3', { id: uid + '-form-title', text: 'Would you like to share your thoughts?' });
  var form = el('form', { class: 'sift-form', 'aria-labelledby': uid + '-form-title', onsubmit: onSubmit }, [
    formHeading,
    replyNote,
    field('authorName', 'Name', nameInput),
    field('authorEmail', 'Email', emailInput, 'Your email address will not be published.'),
    field('body', 'Comment', bodyInput),
    formError,
    el('p', { class: 'sift-actions' }, [submit]),
  ]);

  var root = el('section', { class: 'sift', 'aria-labelledby': uid + '-title' }, [
    countHeading, empty, loadError, list, more, form, status,
  ]);
  var target = script.getAttribute('data-target') && document.querySelector(script.getAttribute('data-target'));
  if (target) target.appendChild(root);
  else script.parentNode.insertBefore(root, script.nextSibling);

  // Reading -------------------------------------------------------------------------------------

  var nodes = {}; // comment id -> its <li>
  var cursor = null;
  var total = 0;
  var parentId = null;

  function request(path, options) {
    return fetch(api + path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body, headers: response.headers };
      });
    });
  }

  function formatDate(iso) {
    try {
      return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    } catch (e) {
      return iso;
    }
  }

  function renderComment(comment, pending) {
    var replies = el('ol', { class: 'sift-replies' });
    var author = el('span', { class: 'sift-author', text: comment.authorName });
    var body = textWithBreaks(el('div', { class: 'sift-body' }), comment.body);
    var li = el('li', { class: 'sift-comment', id: uid + '-c-' + comment.id, 'data-comment-id': comment.id }, [
      el('article', { 'aria-label': 'Comment by ' + comment.authorName }, [
        el('p', { class: 'sift-meta' }, [
          author,
          el('time', { datetime: comment.createdAt, text: formatDate(comment.createdAt) }),
          pending ? el('span', { class: 'sift-badge', text: 'Awaiting moderation' }) : null,
        ]),
        body,
        pending ? null : el('button', {
          type: 'button', class: 'sift-reply', text: 'Reply',
          'aria-label': 'Reply to ' + comment.authorName,
          onclick: function () { startReply(comment); },
        }),
      ]),
      replies,
    ]);
    if (pending) li.classList.add('sift-pending');
    return li;
  }

  /**
   * Threads are built here from the flat list: a reply goes under its parent when that is shown.
   * Past MAX_DEPTH levels a reply goes beside its parent instead, at the deepest indent, so a long
   * chain of replies never squeezes the text to nothing.
   */
  var MAX_DEPTH = 5;
  function place(li, comment) {
    var parent = comment.parentId && nodes[comment.parentId];
    var depth = parent ? Number(parent.getAttribute('data-depth')) + 1 : 0;
    li.setAttribute('data-depth', String(Math.min(depth, MAX_DEPTH)));
    if (!parent) list.appendChild(li);
    else if (depth > MAX_DEPTH) parent.parentNode.appendChild(li);
    else parent.querySelector('.sift-replies').appendChild(li);
  }

  function addApproved(comment, fromList) {
    var existing = nodes[comment.id];
    var li = renderComment(comment, false);
    if (existing) {
      // The author's own pending comment becomes a normal one; its replies stay where they are.
      li.replaceChild(existing.querySelector('.sift-replies'), li.querySelector('.sift-replies'));
      li.setAttribute('data-depth', existing.getAttribute('data-depth'));
      existing.parentNode.replaceChild(li, existing);
    } else {
      place(li, comment);
    }
    nodes[comment.id] = li;
    if (fromList) forgetPending(comment.id);
    else markPublished(comment.id);
    return li;
  }

  function showCount() {
    var shown = list.querySelectorAll('.sift-comment:not(.sift-pending)').length;
    total = Math.max(total, shown);
    countHeading.textContent = total === 1 ? '1 comment' : total + ' comments';
    empty.hidden = list.children.length > 0;
  }

  function loadPage() {
    var query = '?limit=' + pageSize + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
    return request('/v1/articles/' + encodeURIComponent(articleId) + '/comments' + query).then(function (answer) {
      if (answer.status !== 200) throw new Error(answer.body.error ? answer.body.error.message : 'HTTP ' + answer.status);
      loadError.hidden = true;
      total = answer.body.total;
      var added = answer.body.comments.map(function (comment) { return addApproved(comment, true); });
      cursor = answer.body.nextCursor;
      more.hidden = !cursor;
      showCount();
      return added;
    });
  }

  function loadFailed() {
    loadError.hidden = false;
    loadError.textContent = 'Comments could not be loaded. Please reload the page to try again.';
    countHeading.textContent = 'Comments';
  }

  function loadMore() {
    more.disabled = true;
    loadPage().then(function (added) {
      status.textContent = added.length === 1 ? '1 more comment loaded.' : added.length + ' more comments loaded.';
      if (added[0]) {
        var first = added[0].querySelector('article');
        first.tabIndex = -1;
        first.focus();
      }
    }, loadFailed).then(function () { more.disabled = false; });
  }

  // Replying ------------------------------------------------------------------------------------

  function startReply(comment) {
    parentId = comment.id;
    replyNote.hidden = false;
    replyNote.textContent = '';
    replyNote.appendChild(document.createTextNode('Replying to ' + comment.authorName + ' '));
    replyNote.appendChild(el('button', { type: 'button', class: 'sift-cancel', text: 'Cancel reply', onclick: cancelReply }));
    formHeading.textContent = 'Reply to ' + comment.authorName;
    bodyInput.focus();
  }

  function cancelReply() {
    parentId = null;
    replyNote.hidden = true;
    formHeading.textContent = 'Would you like to share your thoughts?';
    bodyInput.focus();
  }

  // The author's own comments awaiting moderation, kept in this browser -------------------------
  // Once published, an entry stays a few minutes: a cached list page (the API lets browsers and CDNs
  // keep one briefly) may not have it yet, and the author should not see their comment vanish.

  var RECENT_MS = 10 * 60 * 1000;

  function readPending() {
    try {
      return JSON.parse(localStorage.getItem(storeKey)) || [];
    } catch (e) {
      return [];
    }
  }
  function writePending(items) {
    try {
      items = items.filter(function (item) { return !item.publishedAt || Date.now() - item.publishedAt < RECENT_MS; });
      if (items.length) localStorage.setItem(storeKey, JSON.stringify(items));
      else localStorage.removeItem(storeKey);
    } catch (e) { /* private mode: the note lasts until the page closes */ }
  }
  function forgetPending(id) {
    var items = readPending();
    var kept = items.filter(function (item) { return item.id !== id; });
    if (kept.length !== items.length) writePending(kept);
  }
  function markPublished(id) {
    writePending(readPending().map(function (item) {
      if (item.id === id && !item.publishedAt) item.publishedAt = Date.now();
      return item;
    }));
  }

  /** The author's own entries: pending ones are shown and watched, recently published ones fetched. */
  function showOwn() {
    readPending().forEach(function (item) {
      if (!item.publishedAt) return showPending(item);
      if (nodes[item.id] || Date.now() - item.publishedAt >= RECENT_MS) return;
      request('/v1/comments/' + encodeURIComponent(item.id)).then(function (answer) {
        if (answer.status !== 200 || nodes[item.id]) return;
        addApproved(answer.body, false);
        total += 1;
        showCount();
      }, function () {});
    });
  }

  function showPending(item) {
    if (nodes[item.id]) return;
    var li = renderComment(item, true);
    nodes[item.id] = li;
    place(li, item);
    empty.hidden = true;
    watch(item, 1000);
  }

  /**
   * Asks Sift what became of a pending comment: with the status token from the 202 when the API
   * has one (GET /v1/comments/{id}/status), else by reading the public comment (200 once approved).
   */
  function check(item) {
    var id = encodeURIComponent(item.id);
    if (item.token) {
      return request('/v1/comments/' + id + '/status?token=' + encodeURIComponent(item.token)).then(function (answer) {
        if (answer.status === 404 && !answer.body.status) return fallback();
        if (answer.status !== 200) return 'pending';
        return answer.body.status;
      });
    }
    return fallback();
    function fallback() {
      return request('/v1/comments/' + id).then(function (answer) {
        return answer.status === 200 ? 'approved' : 'pending';
      });
    }
  }

  function watch(item, delay) {
    setTimeout(function () {
      if (!document.contains(nodes[item.id])) return;
      check(item).then(function (state) {
        if (state === 'approved') {
          return request('/v1/comments/' + encodeURIComponent(item.id)).then(function (answer) {
            if (answer.status !== 200) return watch(item, delay);
            addApproved(answer.body, false);
            total += 1;
            showCount();
            status.textContent = 'Your comment has been published.';
          });
        }
        if (state === 'not_published' || state === 'rejected' || state === 'spam') return notPublished(item);
        watch(item, Math.min(delay * 1.5, 30000));
      }, function () {
        watch(item, Math.min(delay * 2, 60000));
      });
    }, delay);
  }

  function notPublished(item) {
    var li = nodes[item.id];
    var note = el('li', { class: 'sift-comment sift-declined' }, [
      el('p', { text: 'Thank you for your comment. After review, it was not published, as it does not meet our community guidelines.' }),
      el('button', { type: 'button', class: 'sift-dismiss', text: 'Dismiss', onclick: function () {
        note.remove();
        empty.hidden = list.children.length > 0;
      } }),
    ]);
    li.parentNode.replaceChild(note, li);
    delete nodes[item.id];
    forgetPending(item.id);
    status.textContent = 'Your comment was not published.';
  }

  // Posting -------------------------------------------------------------------------------------

  var idempotency = { payload: null, key: null };

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  var FIELDS = { authorName: nameInput, authorEmail: emailInput, body: bodyInput };
  var LABELS = { authorName: 'Name', authorEmail: 'Email', body: 'Comment', parentId: 'Reply' };

  function describeError(answer) {
    var error = answer.body && answer.body.error ? answer.body.error : {};
    var message = error.message || '';
    switch (answer.status) {
      case 400: {
        var match = /^(\w+): (.*)$/.exec(message);
        if (match && LABELS[match[1]]) {
          if (FIELDS[match[1]]) return { text: LABELS[match[1]] + ' ' + match[2] + '. Please correct it and post again.', field: FIELDS[match[1]] };
          return { text: 'The comment you are replying to is no longer available. Cancel the reply and post again.' };
        }
        return { text: 'Your comment could not be accepted: ' + (message || 'please check the form') + '.' };
      }
      case 409: return { text: 'Comments are closed on this article.' };
      case 413: return { text: 'Your comment is too long to send. Please shorten it.', field: bodyInput };
      case 422: return { text: 'Please post again: your comment changed while it was being sent.' };
      case 429: {
        var wait = parseInt(answer.headers.get('Retry-After'), 10);
        return { text: 'You are posting too quickly. Please wait ' + (wait ? (wait === 1 ? '1 second' : wait + ' seconds') : 'a moment') + ' and try again.' };
      }
      case 503: return { text: 'Comments cannot be saved right now. Please try again in a moment.' };
      default: return { text: 'Something went wrong (' + answer.status + '). Please try again.' };
    }
  }

  function showFormError(problem) {
    formError.textContent = problem.text + ' Your text has been kept.';
    if (problem.field) {
      problem.field.setAttribute('aria-invalid', 'true');
      problem.field.setAttribute('aria-describedby', formError.id);
      problem.field.focus();
    }
  }

  function clearFormError() {
    formError.textContent = '';
    [nameInput, emailInput, bodyInput].forEach(function (input) {
      input.removeAttribute('aria-invalid');
      if (input === emailInput) input.setAttribute('aria-describedby', uid + '-authorEmail-hint');
      else input.removeAttribute('aria-describedby');
    });
  }

  function onSubmit(event) {
    event.preventDefault();
    if (submit.disabled) return;
    clearFormError();
    var comment = { authorName: nameInput.value, authorEmail: emailInput.value, body: bodyInput.value, parentId: parentId };
    var payload = JSON.stringify(comment);
    // The same text sent again (after a 503 or a lost answer) reuses its key, so it is stored once.
    if (payload !== idempotency.payload) idempotency = { payload: payload, key: newKey() };
    submit.disabled = true;
    status.textContent = 'Posting your comment…';
    request('/v1/articles/' + encodeURIComponent(articleId) + '/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotency.key },
      body: payload,
    }).then(function (answer) {
      if (answer.status !== 202) {
        status.textContent = '';
        return showFormError(describeError(answer));
      }
      var item = {
        id: answer.body.id,
        token: answer.body.statusToken || null,
        parentId: parentId,
        authorName: comment.authorName.trim(),
        body: comment.body.trim(),
        createdAt: answer.body.createdAt,
      };
      writePending(readPending().concat([item]));
      idempotency = { payload: null, key: null };
      bodyInput.value = '';
      if (parentId) cancelReply();
      showPending(item);
      status.textContent = 'Thank you! Your comment is awaiting moderation.';
    }, function () {
      status.textContent = '';
      showFormError({ text: 'Sift could not be reached. Please check your connection and try again.' });
    }).then(function () {
      submit.disabled = false;
    });
  }

  // Start ---------------------------------------------------------------------------------------

  loadPage().then(showOwn, function () {
    loadFailed();
    showOwn();
  });
})();
