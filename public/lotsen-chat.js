// Starts Web Chat against Lotsen's own Direct Line (no Azure, no CDN), keeps the conversation
// across reloads and pages in the same tab, and adapts the input to what the bot asks for
// (channelData.lotsen.expecting): a phone keypad for a number, e-mail autocompletion for an
// address. Everything language-specific comes from the page (public/page.<language>.json).
(function () {
  'use strict';
  var script = document.currentScript;
  var page = {
    lang: script.getAttribute('data-lang'),
    dir: script.getAttribute('data-dir') || 'ltr',
    locale: script.getAttribute('data-locale'),
    humanCommand: script.getAttribute('data-human-command'),
    switchCommand: script.getAttribute('data-switch-command'),
  };
  /** The tab's conversation: its id, its latest token and the page language it was last shown in. */
  var SAVED = 'lotsen.conversation';
  var hints = {
    phone: { inputmode: 'tel', autocomplete: 'tel' },
    email: { inputmode: 'email', autocomplete: 'email' },
    name: { inputmode: 'text', autocomplete: 'name' },
  };

  function applyHint(expecting) {
    var input = document.querySelector('[data-id="webchat-sendbox-input"]') || document.querySelector('.webchat__send-box-text-box__input');
    if (!input) return;
    var hint = hints[expecting] || { inputmode: 'text', autocomplete: 'off' };
    input.setAttribute('inputmode', hint.inputmode);
    input.setAttribute('autocomplete', hint.autocomplete);
    input.setAttribute('data-expecting', expecting || '');
  }

  // sessionStorage is per tab and gone when the tab closes; a browser that refuses it just starts anew.
  function saved() {
    try {
      return JSON.parse(window.sessionStorage.getItem(SAVED) || 'null');
    } catch {
      return null;
    }
  }
  function save(conversation) {
    try {
      window.sessionStorage.setItem(SAVED, JSON.stringify(conversation));
    } catch {
      /* not kept: a reload starts a new conversation */
    }
  }

  function post(path, body, token) {
    var headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    return fetch('/v3/directline' + path, { method: 'POST', headers: headers, body: JSON.stringify(body || {}) }).then(function (response) {
      return response.ok ? response.json() : null;
    });
  }

  /** The kept conversation with a fresh token, or nothing when there is none or its token has expired. */
  function resume(previous) {
    if (!previous || !previous.conversationId || !previous.token) return Promise.resolve(null);
    return post('/tokens/refresh', {}, previous.token).catch(function () {
      return null;
    });
  }

  function tellExpired() {
    var notice = document.getElementById('chat-notice');
    if (!notice) return;
    notice.textContent = notice.getAttribute('data-expired');
    notice.hidden = false;
  }

  var previous = saved();
  resume(previous)
    .then(function (grant) {
      if (grant) return { grant: grant, resumed: true };
      if (previous) tellExpired();
      return post('/tokens/generate', { locale: page.lang }).then(function (fresh) {
        return { grant: fresh, resumed: false };
      });
    })
    .then(function (start) {
      var grant = start.grant;
      var directLine = window.WebChat.createDirectLine({
        token: grant.token,
        // A kept conversation is reconnected (GET /conversations/{id}) and its transcript read again.
        conversationId: start.resumed ? grant.conversationId : undefined,
        domain: window.location.origin + '/v3/directline',
        // New activities are pushed over the conversation's stream (streamUrl); a browser
        // without WebSocket polls every second instead.
        webSocket: 'WebSocket' in window,
        pollingInterval: 1000,
      });
      var keep = function () {
        save({ conversationId: grant.conversationId, token: directLine.token || grant.token, lang: page.lang });
      };
      keep();
      // Direct Line renews its token every 15 minutes: keep the newest for the next page.
      window.addEventListener('pagehide', keep);
      document.addEventListener('visibilitychange', keep);
      var store = window.WebChat.createStore({}, function () {
        return function (next) {
          return function (action) {
            if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
              var data = action.payload.activity.channelData;
              if (action.payload.activity.from.role === 'bot' && data && data.lotsen && data.lotsen.expecting)
                setTimeout(function () {
                  applyHint(data.lotsen.expecting);
                }, 0);
            }
            if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && start.resumed && previous.lang !== page.lang && page.switchCommand)
              // The person chose this page's language: the conversation follows, where it was.
              setTimeout(function () {
                store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: page.switchCommand } });
              }, 0);
            return next(action);
          };
        };
      });
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          store: store,
          locale: page.locale,
          // Arabic and Dari read right to left: Web Chat mirrors its transcript and send box.
          dir: page.dir,
          userID: 'dl_' + grant.conversationId,
          styleOptions: {
            hideUploadButton: true,
            accent: '#00558c',
            bubbleBorderRadius: 8,
            bubbleFromUserBackground: '#e6f0f7',
            suggestedActionLayout: 'flow',
            primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
            sendBoxHeight: 48,
          },
        },
        document.getElementById('webchat'),
      );
      document.getElementById('human').addEventListener('click', function () {
        store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: page.humanCommand } });
      });
    });
})();
