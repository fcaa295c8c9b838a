/*
 * Sift comment widget. One tag on the host page:
 *   <script src="https://comments.example/widget.js" data-article-id="..." data-article-title="..." async></script>
 * or, on a single-page site, the tag without data-article-id and then
 *   var comments = Sift.mount(element, { articleId: '...' }); comments.update({ articleId: '...' }); comments.unmount();
 * Plain browser JavaScript, no framework, no build step. Every piece of text from the API goes into
 * the page through textContent, never as HTML, so nothing a commenter writes can run.
 */
(function () {
  'use strict';

  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (!script) return;
  var defaultApi = new URL(script.src, location.href).origin;

  // Strings ---------------------------------------------------------------------------------------
  // Keys ending in .one/.other are plural forms (Intl.PluralRules categories: a host table may add
  // .zero, .two, .few, .many). {name} placeholders are filled in as text.

  var STRINGS = {
    en: {
      title: 'Comments',
      'count.one': '{n} comment',
      'count.other': '{n} comments',
      emptyTitle: "'{title}' has no comments",
      emptyInvite: 'Be the first to comment this post!',
      articleFallback: 'This article',
      loadMore: 'Load more comments',
      'moreLoaded.one': '1 more comment loaded.',
      'moreLoaded.other': '{n} more comments loaded.',
      loadFailed: 'Comments could not be loaded. Please reload the page to try again.',
      commentBy: 'Comment by {name}',
      awaiting: 'Awaiting moderation',
      reply: 'Reply',
      replyTo: 'Reply to {name}',
      replyingTo: 'Replying to {name}',
      cancelReply: 'Cancel reply',
      formTitle: 'Would you like to share your thoughts?',
      name: 'Name',
      email: 'Email',
      comment: 'Comment',
      emailHint: 'Your email address will not be published.',
      signedInAs: 'Posting as {name}',
      signedInReader: 'a signed-in reader',
      notify: 'Email me when someone replies',
      post: 'Post comment',
      posting: 'Posting your comment…',
      thanks: 'Thank you! Your comment is awaiting moderation.',
      published: 'Your comment has been published.',
      declined: 'Thank you for your comment. After review, it was not published, as it does not meet our community guidelines.',
      dismiss: 'Dismiss',
      notPublished: 'Your comment was not published.',
      textKept: 'Your text has been kept.',
      errorField: '{field} {detail}. Please correct it and post again.',
      errorParent: 'The comment you are replying to is no longer available. Cancel the reply and post again.',
      errorInvalid: 'Your comment could not be accepted: {detail}.',
      errorSignIn: 'Your sign-in has expired or is not valid. Please sign in again, then post.',
      errorClosed: 'Comments are closed on this article.',
      errorTooLong: 'Your comment is too long to send. Please shorten it.',
      errorChanged: 'Please post again: your comment changed while it was being sent.',
      'errorWait.one': 'You are posting too quickly. Please wait 1 second and try again.',
      'errorWait.other': 'You are posting too quickly. Please wait {n} seconds and try again.',
      errorWaitMoment: 'You are posting too quickly. Please wait a moment and try again.',
      errorUnavailable: 'Comments cannot be saved right now. Please try again in a moment.',
      errorStatus: 'Something went wrong ({status}). Please try again.',
      errorOffline: 'Sift could not be reached. Please check your connection and try again.',
      sortBy: 'Sort by',
      'sort.oldest': 'Oldest first',
      'sort.newest': 'Newest first',
      'sort.top': 'Most recommended',
      sorted: 'Comments sorted: {order}.',
      editorsPick: "Editors' pick",
      recommend: 'Recommend',
      recommendThe: 'Recommend the comment by {name}',
      'recommendations.one': ' recommendation',
      'recommendations.other': ' recommendations',
      recommended: 'You recommend this comment.',
      unrecommended: 'Recommendation withdrawn.',
      tooOften: 'You are doing that too often. Please wait a moment.',
      tryAgain: 'That did not work. Please try again.',
      report: 'Report',
      reportThe: 'Report the comment by {name}',
      reportWhy: 'Why should a moderator look at this comment?',
      'reason.spam': 'Spam',
      'reason.abusive': 'Abusive or harassing',
      'reason.off-topic': 'Off-topic',
      'reason.misinformation': 'Misinformation',
      'reason.illegal': 'Illegal content',
      details: 'Details (optional)',
      illegalWhy: 'Why is it illegal? (the law it breaks, and how)',
      noticeNote:
        'A notice of illegal content needs your name and email address. Only our moderators see them, to tell you what they decided.',
      yourName: 'Your name',
      yourEmail: 'Your email',
      goodFaith: 'I believe in good faith that this notice is accurate and complete.',
      sendReport: 'Send report',
      cancel: 'Cancel',
      chooseReason: 'Please choose a reason.',
      reportThanks: 'Thank you. A moderator will look at this comment.',
      noticeThanks:
        'We have received your notice of illegal content. A moderator will review the comment, and we may write to you about the decision.',
      alreadyReported: 'You have already reported this comment.',
      noLongerPublished: 'This comment is no longer published.',
      reportsTooFast: 'You are sending reports too quickly. Please wait and try again.',
      checkReport: 'Please check the report: {detail}.',
      reportFailed: 'The report could not be sent ({status}). Please try again.',
    },
    de: {
      title: 'Kommentare',
      'count.one': '{n} Kommentar',
      'count.other': '{n} Kommentare',
      emptyTitle: '„{title}“ hat noch keine Kommentare',
      emptyInvite: 'Schreiben Sie den ersten Kommentar!',
      articleFallback: 'Dieser Artikel',
      loadMore: 'Weitere Kommentare laden',
      'moreLoaded.one': '1 weiterer Kommentar geladen.',
      'moreLoaded.other': '{n} weitere Kommentare geladen.',
      loadFailed: 'Die Kommentare konnten nicht geladen werden. Bitte laden Sie die Seite neu.',
      commentBy: 'Kommentar von {name}',
      awaiting: 'Wartet auf Freigabe',
      reply: 'Antworten',
      replyTo: '{name} antworten',
      replyingTo: 'Antwort an {name}',
      cancelReply: 'Antwort abbrechen',
      formTitle: 'Möchten Sie Ihre Gedanken teilen?',
      name: 'Name',
      email: 'E-Mail',
      comment: 'Kommentar',
      emailHint: 'Ihre E-Mail-Adresse wird nicht veröffentlicht.',
      signedInAs: 'Sie schreiben als {name}',
      signedInReader: 'angemeldete Leserin / angemeldeter Leser',
      notify: 'Benachrichtigen Sie mich per E-Mail, wenn jemand antwortet',
      post: 'Kommentar senden',
      posting: 'Ihr Kommentar wird gesendet…',
      thanks: 'Danke! Ihr Kommentar wartet auf Freigabe.',
      published: 'Ihr Kommentar wurde veröffentlicht.',
      declined:
        'Danke für Ihren Kommentar. Nach Prüfung wurde er nicht veröffentlicht, da er nicht unseren Community-Richtlinien entspricht.',
      dismiss: 'Schließen',
      notPublished: 'Ihr Kommentar wurde nicht veröffentlicht.',
      textKept: 'Ihr Text bleibt erhalten.',
      errorField: 'Bitte prüfen Sie das Feld „{field}“ und senden Sie erneut.',
      errorParent: 'Der Kommentar, auf den Sie antworten, ist nicht mehr verfügbar. Brechen Sie die Antwort ab und senden Sie erneut.',
      errorInvalid: 'Ihr Kommentar konnte nicht angenommen werden.',
      errorSignIn: 'Ihre Anmeldung ist abgelaufen oder ungültig. Bitte melden Sie sich erneut an und senden Sie dann.',
      errorClosed: 'Die Kommentare zu diesem Artikel sind geschlossen.',
      errorTooLong: 'Ihr Kommentar ist zu lang. Bitte kürzen Sie ihn.',
      errorChanged: 'Bitte senden Sie erneut: Ihr Kommentar hat sich während des Sendens geändert.',
      'errorWait.one': 'Sie schreiben zu schnell. Bitte warten Sie 1 Sekunde.',
      'errorWait.other': 'Sie schreiben zu schnell. Bitte warten Sie {n} Sekunden.',
      errorWaitMoment: 'Sie schreiben zu schnell. Bitte warten Sie einen Moment.',
      errorUnavailable: 'Kommentare können gerade nicht gespeichert werden. Bitte versuchen Sie es gleich noch einmal.',
      errorStatus: 'Etwas ist schiefgegangen ({status}). Bitte versuchen Sie es erneut.',
      errorOffline: 'Sift ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
      sortBy: 'Sortieren nach',
      'sort.oldest': 'Älteste zuerst',
      'sort.newest': 'Neueste zuerst',
      'sort.top': 'Meistempfohlen',
      sorted: 'Kommentare sortiert: {order}.',
      editorsPick: 'Empfehlung der Redaktion',
      recommend: 'Empfehlen',
      recommendThe: 'Den Kommentar von {name} empfehlen',
      'recommendations.one': ' Empfehlung',
      'recommendations.other': ' Empfehlungen',
      recommended: 'Sie empfehlen diesen Kommentar.',
      unrecommended: 'Empfehlung zurückgenommen.',
      tooOften: 'Sie tun das zu oft. Bitte warten Sie einen Moment.',
      tryAgain: 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.',
      report: 'Melden',
      reportThe: 'Den Kommentar von {name} melden',
      reportWhy: 'Warum soll sich die Moderation diesen Kommentar ansehen?',
      'reason.spam': 'Spam',
      'reason.abusive': 'Beleidigend oder belästigend',
      'reason.off-topic': 'Am Thema vorbei',
      'reason.misinformation': 'Falschinformation',
      'reason.illegal': 'Rechtswidriger Inhalt',
      details: 'Einzelheiten (freiwillig)',
      illegalWhy: 'Warum ist er rechtswidrig? (welches Gesetz, und wie)',
      noticeNote:
        'Eine Meldung rechtswidriger Inhalte braucht Ihren Namen und Ihre E-Mail-Adresse. Nur unsere Moderation sieht sie, um Ihnen die Entscheidung mitzuteilen.',
      yourName: 'Ihr Name',
      yourEmail: 'Ihre E-Mail',
      goodFaith: 'Ich versichere in gutem Glauben, dass diese Meldung zutreffend und vollständig ist.',
      sendReport: 'Meldung senden',
      cancel: 'Abbrechen',
      chooseReason: 'Bitte wählen Sie einen Grund.',
      reportThanks: 'Danke. Die Moderation sieht sich diesen Kommentar an.',
      noticeThanks:
        'Wir haben Ihre Meldung rechtswidriger Inhalte erhalten. Die Moderation prüft den Kommentar; wir schreiben Ihnen gegebenenfalls zur Entscheidung.',
      alreadyReported: 'Sie haben diesen Kommentar bereits gemeldet.',
      noLongerPublished: 'Dieser Kommentar ist nicht mehr veröffentlicht.',
      reportsTooFast: 'Sie senden Meldungen zu schnell. Bitte warten Sie und versuchen Sie es erneut.',
      checkReport: 'Bitte prüfen Sie die Meldung.',
      reportFailed: 'Die Meldung konnte nicht gesendet werden ({status}). Bitte versuchen Sie es erneut.',
    },
  };
  var RTL_LANGUAGES = /^(ar|he|iw|fa|ur|ps|sd|yi|dv|ckb|ug)(-|$)/i;

  function translator(lang, table) {
    var base = STRINGS[lang] || STRINGS[lang.split('-')[0]] || {};
    var plurals =
      window.Intl && Intl.PluralRules
        ? new Intl.PluralRules(lang)
        : {
            select: function (n) {
              return n === 1 ? 'one' : 'other';
            },
          };
    function raw(key) {
      if (table && typeof table[key] === 'string') return table[key];
      return key in base ? base[key] : STRINGS.en[key];
    }
    function fill(text, vars) {
      return String(text).replace(/\{(\w+)\}/g, function (all, name) {
        return vars && name in vars ? String(vars[name]) : all;
      });
    }
    function t(key, vars) {
      return fill(raw(key), vars);
    }
    t.plural = function (key, n, vars) {
      var category = plurals.select(n);
      var text = (table && table[key + '.' + category]) || base[key + '.' + category] || raw(key + '.other');
      return fill(text, Object.assign({ n: n }, vars));
    };
    return t;
  }

  // Options -------------------------------------------------------------------------------------

  function parseTable(json) {
    if (!json) return null;
    try {
      var table = JSON.parse(json);
      return table && typeof table === 'object' ? table : null;
    } catch (e) {
      return null;
    }
  }

  /** The script tag's data- attributes as Sift.mount options. */
  function tagOptions(tag) {
    var get = function (name) {
      return tag.getAttribute('data-' + name) || undefined;
    };
    return {
      articleId: get('article-id'),
      articleTitle: get('article-title'),
      pageSize: get('page-size'),
      sort: get('sort'),
      lang: get('lang'),
      dir: get('dir'),
      theme: get('theme'),
      strings: parseTable(get('strings')),
      ssoToken: get('sso-token'),
    };
  }

  /** The name in a signed-in reader's token, for "Posting as …" (shown only; Sift verifies the token). */
  function tokenName(token) {
    try {
      var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      var bytes = Uint8Array.from(atob(part + '==='.slice((part.length + 3) % 4)), function (c) {
        return c.charCodeAt(0);
      });
      var name = JSON.parse(new TextDecoder().decode(bytes)).name;
      return typeof name === 'string' && name.trim() ? name.trim() : null;
    } catch (e) {
      return null;
    }
  }

  function ensureStylesheet(api) {
    var href = api + '/widget.css';
    var links = document.querySelectorAll('link[data-sift-css]');
    for (var i = 0; i < links.length; i++) if (links[i].getAttribute('href') === href) return;
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.setAttribute('data-sift-css', '');
    // First in <head>: the host page's own rules come later and win where they set the same thing.
    document.head.insertBefore(link, document.head.firstChild);
  }

  // One widget ----------------------------------------------------------------------------------

  /**
   * Builds one comment section inside `container` and returns a handle to remove it. Everything it
   * starts (requests, watch timers) checks `live`, so answers for a previous article that arrive
   * after an unmount or an article change are dropped, never painted.
   */
  function createWidget(container, options) {
    var api = (options.api || defaultApi).replace(/\/+$/, '');
    var articleId = String(options.articleId || '');
    var lang = String(options.lang || document.documentElement.lang || navigator.language || 'en');
    var t = translator(lang, options.strings);
    var articleTitle = options.articleTitle || document.title || t('articleFallback');
    var pageSize = Math.min(100, Math.max(1, parseInt(options.pageSize, 10) || 20));
    var SORTS = ['oldest', 'newest', 'top'];
    var sort = SORTS.indexOf(options.sort) >= 0 ? options.sort : 'oldest';
    var recommendedKey = 'sift:recommended:' + api;
    var ssoToken = options.ssoToken || null;
    var signedInName = ssoToken ? tokenName(ssoToken) : null;
    var storeKey = 'sift:pending:' + api + ':' + articleId;
    var uid = 'sift-' + Math.random().toString(36).slice(2, 8);
    var live = true;
    var timers = [];
    var aborter = window.AbortController ? new AbortController() : null;

    ensureStylesheet(api);

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

    /**
     * A name as readers should see it: set apart from the text around it (<bdi>, so a right-to-left
     * name cannot reorder "Reply to …" or the date), and without bidi overrides outside right-to-left
     * scripts (the API drops them since issue 16.4; comments stored before still carry them).
     */
    var BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
    var RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;
    function shownName(name) {
      name = String(name);
      return RIGHT_TO_LEFT.test(name) ? name.replace(/[\u202D\u202E]/g, '') : name.replace(BIDI_CONTROLS, '');
    }
    /** Appends the string `key` to `node`, its {name} drawn in a <bdi>. */
    function appendWithName(node, key, name) {
      var parts = t(key, { name: '\u0000' }).split('\u0000');
      parts.forEach(function (part, i) {
        if (i) node.appendChild(el('bdi', { text: shownName(name) }));
        if (part) node.appendChild(document.createTextNode(part));
      });
      return node;
    }

    /** Comment text as text: line breaks become <br>, everything else stays literal (links too). */
    function textWithBreaks(node, text) {
      String(text)
        .split(/\r\n|\r|\n/)
        .forEach(function (line, i) {
          if (i) node.appendChild(document.createElement('br'));
          node.appendChild(document.createTextNode(line));
        });
      return node;
    }

    var status = el('p', { class: 'sift-status', role: 'status', 'aria-live': 'polite' });
    var countHeading = el('h2', { class: 'sift-title', id: uid + '-title', text: t('title') });
    var list = el('ol', { class: 'sift-list', 'aria-labelledby': uid + '-title' });
    var empty = el('div', { class: 'sift-empty', hidden: true }, [
      el('p', { class: 'sift-empty-title', text: t('emptyTitle', { title: articleTitle }) }),
      el('p', { text: t('emptyInvite') }),
    ]);
    var more = el('button', { type: 'button', class: 'sift-more', hidden: true, text: t('loadMore'), onclick: loadMore });
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
    var notifyInput = el('input', { type: 'checkbox', id: uid + '-notify', name: 'notifyReplies' });
    var replyNote = el('p', { class: 'sift-replying', hidden: true });
    var submit = el('button', { type: 'submit', class: 'sift-submit', text: t('post') });
    var formError = el('p', { class: 'sift-error', role: 'alert', id: uid + '-error' });
    var formHeading = el('h3', { id: uid + '-form-title', text: t('formTitle') });
    var form = el('form', { class: 'sift-form', 'aria-labelledby': uid + '-form-title', onsubmit: onSubmit }, [
      formHeading,
      replyNote,
      // A signed-in reader's name and address come from the site's token: the form asks only for the text.
      ssoToken ? el('p', { class: 'sift-signed-in', text: t('signedInAs', { name: signedInName || t('signedInReader') }) }) : null,
      ssoToken ? null : field('authorName', t('name'), nameInput),
      ssoToken ? null : field('authorEmail', t('email'), emailInput, t('emailHint')),
      field('body', t('comment'), bodyInput),
      el('p', { class: 'sift-notify' }, [notifyInput, el('label', { for: notifyInput.id, text: t('notify') })]),
      formError,
      el('p', { class: 'sift-actions' }, [submit]),
    ]);

    var theme = /^(light|dark|auto)$/.test(options.theme || '') ? options.theme : 'auto';
    var dir = options.dir === 'rtl' || options.dir === 'ltr' ? options.dir : RTL_LANGUAGES.test(lang) ? 'rtl' : 'ltr';
    var sortSelect = el(
      'select',
      {
        id: uid + '-sort',
        onchange: function () {
          changeSort(sortSelect.value);
        },
      },
      SORTS.map(function (value) {
        return el('option', { value: value, text: t('sort.' + value), selected: value === sort });
      }),
    );
    var sortBar = el('p', { class: 'sift-sort' }, [el('label', { for: uid + '-sort', text: t('sortBy') }), sortSelect]);

    var root = el('section', { class: 'sift', lang: lang, dir: dir, 'data-sift-theme': theme, 'aria-labelledby': uid + '-title' }, [
      countHeading,
      sortBar,
      empty,
      loadError,
      list,
      more,
      form,
      status,
    ]);
    container.appendChild(root);

    function later(fn, delay) {
      timers.push(
        setTimeout(function () {
          if (live) fn();
        }, delay),
      );
    }

    // Reading -----------------------------------------------------------------------------------

    var nodes = {}; // comment id -> its <li>
    var cursor = null;
    var total = 0;
    var parentId = null;

    /** Resolves with the answer while this widget is live; otherwise never (a dropped answer). */
    function request(path, init) {
      init = Object.assign({}, init || {});
      if (aborter) init.signal = aborter.signal;
      return fetch(api + path, init)
        .then(function (response) {
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (body) {
              return { status: response.status, body: body, headers: response.headers };
            });
        })
        .then(
          function (answer) {
            return live ? answer : new Promise(function () {});
          },
          function (error) {
            return live ? Promise.reject(error) : new Promise(function () {});
          },
        );
    }

    function formatDate(iso) {
      try {
        return new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
      } catch (e) {
        return iso;
      }
    }

    function renderComment(comment, pending) {
      var replies = el('ol', { class: 'sift-replies' });
      var author = el('bdi', { class: 'sift-author', text: shownName(comment.authorName) });
      var body = textWithBreaks(el('div', { class: 'sift-body' }), comment.body);
      var li = el('li', { class: 'sift-comment', id: uid + '-c-' + comment.id, 'data-comment-id': comment.id }, [
        el('article', { 'aria-label': t('commentBy', { name: shownName(comment.authorName) }) }, [
          el('p', { class: 'sift-meta' }, [
            author,
            comment.badge ? el('span', { class: 'sift-author-badge', text: comment.badge }) : null,
            el('time', { datetime: comment.createdAt, text: formatDate(comment.createdAt) }),
            pending ? el('span', { class: 'sift-badge', text: t('awaiting') }) : null,
            comment.featured ? el('span', { class: 'sift-badge sift-pick', text: t('editorsPick') }) : null,
          ]),
          body,
          pending
            ? null
            : el('p', { class: 'sift-tools' }, [
                recommendButton(comment),
                el('button', {
                  type: 'button',
                  class: 'sift-reply',
                  text: t('reply'),
                  'aria-label': t('replyTo', { name: shownName(comment.authorName) }),
                  onclick: function () {
                    startReply(comment);
                  },
                }),
                el('button', {
                  type: 'button',
                  class: 'sift-report-open',
                  text: t('report'),
                  'aria-label': t('reportThe', { name: shownName(comment.authorName) }),
                  'aria-expanded': 'false',
                  onclick: function (event) {
                    openReport(comment, li, event.currentTarget);
                  },
                }),
              ]),
        ]),
        replies,
      ]);
      if (pending) li.classList.add('sift-pending');
      if (comment.featured) li.classList.add('sift-featured');
      return li;
    }

    /**
     * Threads are built here from the flat list: a reply goes under its parent when that is shown.
     * Past MAX_DEPTH levels a reply goes beside its parent instead, at the deepest indent, so a long
     * chain of replies never squeezes the text to nothing.
     */
    var MAX_DEPTH = 5;
    var orphans = {}; // parent id -> replies shown before their parent (newest or top order)
    function place(li, comment) {
      var parent = comment.parentId && nodes[comment.parentId];
      var depth = parent ? Number(parent.getAttribute('data-depth')) + 1 : 0;
      li.setAttribute('data-depth', String(Math.min(depth, MAX_DEPTH)));
      if (!parent) {
        list.appendChild(li);
        if (comment.parentId) (orphans[comment.parentId] = orphans[comment.parentId] || []).push([li, comment]);
      } else if (depth > MAX_DEPTH) parent.parentNode.appendChild(li);
      else parent.querySelector('.sift-replies').appendChild(li);
      (orphans[comment.id] || []).forEach(function (orphan) {
        place(orphan[0], orphan[1]);
      });
      delete orphans[comment.id];
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
      countHeading.textContent = t.plural('count', total);
      empty.hidden = list.children.length > 0;
    }

    function loadPage() {
      var query = '?limit=' + pageSize + '&sort=' + sort + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
      return request('/v1/articles/' + encodeURIComponent(articleId) + '/comments' + query).then(function (answer) {
        if (answer.status !== 200) throw new Error(answer.body.error ? answer.body.error.message : 'HTTP ' + answer.status);
        loadError.hidden = true;
        total = answer.body.total;
        var added = answer.body.comments.map(function (comment) {
          return addApproved(comment, true);
        });
        cursor = answer.body.nextCursor;
        more.hidden = !cursor;
        showCount();
        return added;
      });
    }

    function loadFailed() {
      loadError.hidden = false;
      loadError.textContent = t('loadFailed');
      countHeading.textContent = t('title');
    }

    function loadMore() {
      more.disabled = true;
      loadPage()
        .then(function (added) {
          status.textContent = t.plural('moreLoaded', added.length);
          if (added[0]) {
            var first = added[0].querySelector('article');
            first.tabIndex = -1;
            first.focus();
          }
        }, loadFailed)
        .then(function () {
          more.disabled = false;
        });
    }

    /** Another order: the list is read again from its first page; the reader's own pending comments stay. */
    function changeSort(value) {
      sort = value;
      cursor = null;
      nodes = {};
      orphans = {};
      list.textContent = '';
      loadPage().then(function () {
        showOwn();
        status.textContent = t('sorted', { order: t('sort.' + sort).toLowerCase() });
      }, loadFailed);
    }

    // Recommending ------------------------------------------------------------------------------
    // What this browser recommended is kept here (the list is the same for every reader), with the
    // count Sift answered: for a minute that count is shown, as a cached page may not have it yet.

    var FRESH_MS = 60 * 1000;

    function readRecommended() {
      try {
        return JSON.parse(localStorage.getItem(recommendedKey)) || {};
      } catch (e) {
        return {};
      }
    }
    function writeRecommended(id, on, n) {
      try {
        var all = readRecommended();
        delete all[id];
        all[id] = { on: on, n: n, at: Date.now() };
        var ids = Object.keys(all);
        ids.slice(0, Math.max(0, ids.length - 500)).forEach(function (old) {
          delete all[old];
        });
        localStorage.setItem(recommendedKey, JSON.stringify(all));
      } catch (e) {
        /* private mode: the pressed state lasts until the page closes */
      }
    }

    /** The button (its name says whose comment) and, beside it, the count. */
    function recommendButton(comment) {
      var own = readRecommended()[comment.id];
      var n = own && Date.now() - own.at < FRESH_MS ? own.n : comment.recommendations || 0;
      var count = el('span', { class: 'sift-count', text: String(n) });
      var unit = el('span', { class: 'sift-hidden', text: t.plural('recommendations', n) });
      var button = el('button', {
        type: 'button',
        class: 'sift-recommend',
        text: t('recommend'),
        'aria-pressed': own && own.on ? 'true' : 'false',
        'aria-label': t('recommendThe', { name: shownName(comment.authorName) }),
        onclick: function () {
          var on = button.getAttribute('aria-pressed') !== 'true';
          button.disabled = true;
          request('/v1/comments/' + encodeURIComponent(comment.id) + '/recommendation', { method: on ? 'POST' : 'DELETE' })
            .then(
              function (answer) {
                if (answer.status !== 200) {
                  status.textContent = answer.status === 429 ? t('tooOften') : t('tryAgain');
                  return;
                }
                var total = answer.body.recommendations;
                button.setAttribute('aria-pressed', answer.body.recommended ? 'true' : 'false');
                count.textContent = String(total);
                unit.textContent = t.plural('recommendations', total);
                writeRecommended(comment.id, answer.body.recommended, total);
                status.textContent = answer.body.recommended ? t('recommended') : t('unrecommended');
              },
              function () {
                status.textContent = t('errorOffline');
              },
            )
            .then(function () {
              button.disabled = false;
            });
        },
      });
      return el('span', { class: 'sift-recommendation' }, [button, el('span', { class: 'sift-tally' }, [count, unit])]);
    }

    // Reporting ---------------------------------------------------------------------------------

    var REASONS = ['spam', 'abusive', 'off-topic', 'misinformation', 'illegal'];

    /** A small form under the comment; an illegal-content notice also asks what the law asks of one. */
    function openReport(comment, li, opener) {
      var open = li.querySelector('.sift-report');
      if (open) return open.querySelector('input').focus();
      var id = uid + '-r-' + comment.id;
      var field = function (name, label, control) {
        control.id = id + '-' + name;
        control.name = name;
        return el('p', { class: 'sift-field' }, [el('label', { for: control.id, text: label }), control]);
      };
      var explanation = el('textarea', { rows: 3, maxlength: 5000, id: id + '-explanation' });
      var name = el('input', { type: 'text', maxlength: 100, autocomplete: 'name' });
      var email = el('input', { type: 'email', maxlength: 254, autocomplete: 'email' });
      var goodFaith = el('input', { type: 'checkbox', id: id + '-faith' });
      var explanationLabel = el('label', { for: explanation.id, text: t('details') });
      var notice = el('div', { class: 'sift-notice', hidden: true }, [
        el('p', { text: t('noticeNote') }),
        field('reporterName', t('yourName'), name),
        field('reporterEmail', t('yourEmail'), email),
        el('p', { class: 'sift-check' }, [goodFaith, el('label', { for: goodFaith.id, text: t('goodFaith') })]),
      ]);
      var error = el('p', { class: 'sift-error', role: 'alert' });
      var send = el('button', { type: 'submit', text: t('sendReport') });
      var reasons = el(
        'fieldset',
        {},
        [el('legend', { text: t('reportWhy') })].concat(
          REASONS.map(function (reason) {
            return el('label', { class: 'sift-check' }, [
              el('input', { type: 'radio', name: id + '-reason', value: reason, onchange: choose }),
              document.createTextNode(' ' + t('reason.' + reason)),
            ]);
          }),
        ),
      );
      var formEl = el(
        'form',
        { class: 'sift-report', 'aria-label': t('reportThe', { name: shownName(comment.authorName) }), onsubmit: submitReport },
        [
          reasons,
          el('p', { class: 'sift-field' }, [explanationLabel, explanation]),
          notice,
          error,
          el('p', { class: 'sift-actions' }, [send, el('button', { type: 'button', text: t('cancel'), onclick: close })]),
        ],
      );
      li.querySelector('article').appendChild(formEl);
      opener.setAttribute('aria-expanded', 'true');
      formEl.querySelector('input').focus();

      function chosen() {
        var checked = formEl.querySelector('input[type=radio]:checked');
        return checked ? checked.value : null;
      }
      function choose() {
        var illegal = chosen() === 'illegal';
        notice.hidden = !illegal;
        name.required = email.required = goodFaith.required = explanation.required = illegal;
        explanationLabel.textContent = illegal ? t('illegalWhy') : t('details');
      }
      function close() {
        formEl.remove();
        opener.setAttribute('aria-expanded', 'false');
        opener.focus();
      }
      function submitReport(event) {
        event.preventDefault();
        var reason = chosen();
        if (!reason) return (error.textContent = t('chooseReason'));
        var body = { reason: reason };
        if (explanation.value.trim()) body.explanation = explanation.value;
        if (reason === 'illegal') {
          body.reporterName = name.value;
          body.reporterEmail = email.value;
          body.goodFaith = goodFaith.checked;
        }
        send.disabled = true;
        error.textContent = '';
        request('/v1/comments/' + encodeURIComponent(comment.id) + '/reports', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        })
          .then(
            function (answer) {
              if (answer.status === 202) {
                formEl.replaceWith(
                  el('p', { class: 'sift-reported', role: 'status', text: reason === 'illegal' ? t('noticeThanks') : t('reportThanks') }),
                );
                opener.disabled = true;
                opener.setAttribute('aria-expanded', 'false');
                return;
              }
              var message = answer.body && answer.body.error ? answer.body.error.message : '';
              error.textContent =
                answer.status === 409
                  ? t('alreadyReported')
                  : answer.status === 404
                    ? t('noLongerPublished')
                    : answer.status === 429
                      ? t('reportsTooFast')
                      : answer.status === 400
                        ? t('checkReport', { detail: message })
                        : t('reportFailed', { status: answer.status });
            },
            function () {
              error.textContent = t('errorOffline');
            },
          )
          .then(function () {
            send.disabled = false;
          });
      }
    }

    // Replying ----------------------------------------------------------------------------------

    function startReply(comment) {
      parentId = comment.id;
      replyNote.hidden = false;
      replyNote.textContent = '';
      appendWithName(replyNote, 'replyingTo', comment.authorName);
      replyNote.appendChild(document.createTextNode(' '));
      replyNote.appendChild(el('button', { type: 'button', class: 'sift-cancel', text: t('cancelReply'), onclick: cancelReply }));
      formHeading.textContent = '';
      appendWithName(formHeading, 'replyTo', comment.authorName);
      bodyInput.focus();
    }

    function cancelReply() {
      parentId = null;
      replyNote.hidden = true;
      formHeading.textContent = t('formTitle');
      bodyInput.focus();
    }

    // The author's own comments awaiting moderation, kept in this browser -----------------------
    // Once published, an entry stays a few minutes: a cached list page (the API lets browsers and
    // CDNs keep one briefly) may not have it yet, and the author should not see their comment vanish.

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
        items = items.filter(function (item) {
          return !item.publishedAt || Date.now() - item.publishedAt < RECENT_MS;
        });
        if (items.length) localStorage.setItem(storeKey, JSON.stringify(items));
        else localStorage.removeItem(storeKey);
      } catch (e) {
        /* private mode: the note lasts until the page closes */
      }
    }
    function forgetPending(id) {
      var items = readPending();
      var kept = items.filter(function (item) {
        return item.id !== id;
      });
      if (kept.length !== items.length) writePending(kept);
    }
    function markPublished(id) {
      writePending(
        readPending().map(function (item) {
          if (item.id === id && !item.publishedAt) item.publishedAt = Date.now();
          return item;
        }),
      );
    }

    /** The author's own entries: pending ones are shown and watched, recently published ones fetched. */
    function showOwn() {
      readPending().forEach(function (item) {
        if (!item.publishedAt) return showPending(item);
        if (nodes[item.id] || Date.now() - item.publishedAt >= RECENT_MS) return;
        request('/v1/comments/' + encodeURIComponent(item.id)).then(
          function (answer) {
            if (answer.status !== 200 || nodes[item.id]) return;
            addApproved(answer.body, false);
            total += 1;
            showCount();
          },
          function () {},
        );
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
      later(function () {
        if (!document.contains(nodes[item.id])) return;
        check(item).then(
          function (state) {
            if (state === 'approved') {
              return request('/v1/comments/' + encodeURIComponent(item.id)).then(function (answer) {
                if (answer.status !== 200) return watch(item, delay);
                addApproved(answer.body, false);
                total += 1;
                showCount();
                status.textContent = t('published');
              });
            }
            if (state === 'not_published' || state === 'rejected' || state === 'spam') return notPublished(item);
            watch(item, Math.min(delay * 1.5, 30000));
          },
          function () {
            watch(item, Math.min(delay * 2, 60000));
          },
        );
      }, delay);
    }

    function notPublished(item) {
      var li = nodes[item.id];
      var note = el('li', { class: 'sift-comment sift-declined' }, [
        el('p', { text: t('declined') }),
        el('button', {
          type: 'button',
          class: 'sift-dismiss',
          text: t('dismiss'),
          onclick: function () {
            note.remove();
            empty.hidden = list.children.length > 0;
          },
        }),
      ]);
      li.parentNode.replaceChild(note, li);
      delete nodes[item.id];
      forgetPending(item.id);
      status.textContent = t('notPublished');
    }

    // Posting -----------------------------------------------------------------------------------

    var idempotency = { payload: null, key: null };

    function newKey() {
      if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
      return Date.now().toString(36) + Math.random().toString(36).slice(2);
    }

    var FIELDS = { authorName: nameInput, authorEmail: emailInput, body: bodyInput };
    var LABELS = { authorName: t('name'), authorEmail: t('email'), body: t('comment'), parentId: t('reply') };

    function describeError(answer) {
      var error = answer.body && answer.body.error ? answer.body.error : {};
      var message = error.message || '';
      switch (answer.status) {
        case 400: {
          var match = /^(\w+): (.*)$/.exec(message);
          if (match && LABELS[match[1]]) {
            if (FIELDS[match[1]] && (!ssoToken || match[1] === 'body')) {
              return { text: t('errorField', { field: LABELS[match[1]], detail: match[2] }), field: FIELDS[match[1]] };
            }
            if (match[1] === 'parentId') return { text: t('errorParent') };
          }
          return { text: t('errorInvalid', { detail: message || '?' }) };
        }
        case 401:
          return { text: t('errorSignIn') };
        case 409:
          return { text: t('errorClosed') };
        case 413:
          return { text: t('errorTooLong'), field: bodyInput };
        case 422:
          return { text: t('errorChanged') };
        case 429: {
          var wait = parseInt(answer.headers.get('Retry-After'), 10);
          return { text: wait ? t.plural('errorWait', wait) : t('errorWaitMoment') };
        }
        case 503:
          return { text: t('errorUnavailable') };
        default:
          return { text: t('errorStatus', { status: answer.status }) };
      }
    }

    function showFormError(problem) {
      formError.textContent = problem.text + ' ' + t('textKept');
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
      var comment = ssoToken
        ? { body: bodyInput.value, parentId: parentId }
        : { authorName: nameInput.value, authorEmail: emailInput.value, body: bodyInput.value, parentId: parentId };
      if (notifyInput.checked) comment.notifyReplies = true;
      var payload = JSON.stringify(comment);
      // The same text sent again (after a 503 or a lost answer) reuses its key, so it is stored once.
      if (payload !== idempotency.payload) idempotency = { payload: payload, key: newKey() };
      var headers = { 'Content-Type': 'application/json', 'Idempotency-Key': idempotency.key };
      if (ssoToken) headers.Authorization = 'Bearer ' + ssoToken;
      submit.disabled = true;
      status.textContent = t('posting');
      request('/v1/articles/' + encodeURIComponent(articleId) + '/comments', {
        method: 'POST',
        headers: headers,
        body: payload,
      })
        .then(
          function (answer) {
            if (answer.status !== 202) {
              status.textContent = '';
              return showFormError(describeError(answer));
            }
            var item = {
              id: answer.body.id,
              token: answer.body.statusToken || null,
              parentId: parentId,
              authorName: ssoToken ? signedInName || t('signedInReader') : comment.authorName.trim(),
              body: comment.body.trim(),
              createdAt: answer.body.createdAt,
            };
            writePending(readPending().concat([item]));
            idempotency = { payload: null, key: null };
            bodyInput.value = '';
            if (parentId) cancelReply();
            showPending(item);
            status.textContent = t('thanks');
          },
          function () {
            status.textContent = '';
            showFormError({ text: t('errorOffline') });
          },
        )
        .then(function () {
          submit.disabled = false;
        });
    }

    // Start -------------------------------------------------------------------------------------

    loadPage().then(showOwn, function () {
      loadFailed();
      showOwn();
    });

    return {
      root: root,
      /** A fresh token for the same signed-in reader (sites renew short-lived ones): the form and its text stay. */
      setToken: function (token) {
        ssoToken = token;
      },
      destroy: function () {
        live = false;
        timers.forEach(clearTimeout);
        if (aborter) aborter.abort();
        if (root.parentNode) root.parentNode.removeChild(root);
      },
    };
  }

  // The JavaScript API ----------------------------------------------------------------------------

  var mounted = typeof WeakMap === 'function' ? new WeakMap() : null;

  /**
   * Sift.mount(element, options) → { update(changes), unmount() }. update({ ssoToken }) alone with a
   * renewed token for the same reader keeps the form (and what the reader typed). Options: articleId (required),
   * articleTitle, pageSize, sort ('oldest'|'newest'|'top'), lang, dir ('ltr'|'rtl'), theme ('auto'|'light'|'dark'), strings (a table
   * of translations), ssoToken, api (Sift's origin; by default where widget.js came from).
   * Mounting into an element that has a widget replaces it.
   */
  function mount(element, options) {
    if (!element || element.nodeType !== 1) throw new TypeError('Sift.mount: expected an element');
    if (!options || !options.articleId) throw new TypeError('Sift.mount: articleId is required');
    unmount(element);
    var current = Object.assign({}, options);
    var widget = createWidget(element, current);
    var handle = {
      /** Shows another article (or the same one with a new token or language): the old one is gone at once. */
      update: function (changes) {
        changes = changes || {};
        var onlyToken = Object.keys(changes).length === 1 && 'ssoToken' in changes;
        var renewal = onlyToken && current.ssoToken && changes.ssoToken && tokenName(changes.ssoToken) === tokenName(current.ssoToken);
        current = Object.assign({}, current, changes);
        if (renewal) {
          widget.setToken(changes.ssoToken);
          return handle;
        }
        widget.destroy();
        widget = createWidget(element, current);
        return handle;
      },
      unmount: function () {
        widget.destroy();
        if (mounted && mounted.get(element) === handle) mounted.delete(element);
      },
      get element() {
        return widget.root;
      },
    };
    if (mounted) mounted.set(element, handle);
    return handle;
  }

  function unmount(element) {
    var handle = mounted && mounted.get(element);
    if (handle) handle.unmount();
    return Boolean(handle);
  }

  if (!window.Sift) window.Sift = { mount: mount, unmount: unmount, strings: STRINGS, version: 2 };

  // One tag with data-article-id: mount right after it (or into data-target), as before.
  var options = tagOptions(script);
  options.api = defaultApi;
  if (options.articleId && !script.getAttribute('data-sift-mounted')) {
    script.setAttribute('data-sift-mounted', '1');
    var target = script.getAttribute('data-target') && document.querySelector(script.getAttribute('data-target'));
    var holder = target || document.createElement('div');
    if (!target) {
      holder.className = 'sift-host';
      script.parentNode.insertBefore(holder, script.nextSibling);
    }
    window.Sift.mount(holder, options);
  }
})();
