// Starts Web Chat against Lotsen's own Direct Line (no Azure, no CDN) and adapts the input to
// what the bot asks for (channelData.lotsen.expecting): a phone keypad for a number, e-mail
// autocompletion for an address.
(function () {
  'use strict';
  var script = document.currentScript;
  var lang = script.getAttribute('data-lang') === 'en' ? 'en' : 'sv';
  var humanText = lang === 'en' ? 'talk to a person' : 'prata med en människa';
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

  fetch('/v3/directline/tokens/generate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: lang }) })
    .then(function (response) {
      return response.json();
    })
    .then(function (grant) {
      var directLine = window.WebChat.createDirectLine({
        token: grant.token,
        domain: window.location.origin + '/v3/directline',
        webSocket: false,
        pollingInterval: 1000,
      });
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
            return next(action);
          };
        };
      });
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          store: store,
          locale: lang === 'en' ? 'en-US' : 'sv-SE',
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
        store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: humanText } });
      });
    });
})();
