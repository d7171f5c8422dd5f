/* global fetch, navigator, localStorage, location, URLSearchParams */
// The chat page: picks the language (URL ?locale=, last choice, browser, default), gets a token for a
// new conversation from our server (the page never holds a secret) and renders the official Web Chat
// against our embedded Direct Line: REST and a WebSocket by default, one streaming socket with
// ?transport=streaming.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('web-strings').textContent);
  var locales = config.locales;
  var STORAGE_KEY = 'partner-helpdesk.locale';

  function supported(tag) {
    if (!tag) return undefined;
    var lower = String(tag).toLowerCase().replace('_', '-');
    var lang = lower.split('-')[0];
    if (lang === 'zh' && /-(hant|tw|hk|mo)\b/.test(lower)) return undefined;
    for (var i = 0; i < locales.length; i++) {
      if (locales[i].toLowerCase().split('-')[0] === lang) return locales[i];
    }
    return undefined;
  }

  function initialLocale() {
    var fromUrl = supported(new URLSearchParams(location.search).get('locale'));
    if (fromUrl) return fromUrl;
    var remembered;
    try {
      remembered = supported(localStorage.getItem(STORAGE_KEY));
    } catch {
      remembered = undefined;
    }
    if (remembered) return remembered;
    var browser = navigator.languages || [navigator.language];
    for (var i = 0; i < browser.length; i++) {
      var match = supported(browser[i]);
      if (match) return match;
    }
    return config.defaultLocale;
  }

  function words(locale) {
    return config.strings[locale] || config.strings[config.defaultLocale] || {};
  }

  var locale = initialLocale();
  var directLine;
  var userID;
  var picker = document.getElementById('language');
  var status = document.getElementById('status');

  function applyPageWords() {
    var w = words(locale);
    document.documentElement.lang = locale;
    document.title = w.title;
    document.getElementById('title').textContent = w.title;
    document.getElementById('language-label').textContent = w.languageLabel;
  }

  function showStatus(key) {
    status.textContent = words(locale)[key];
    status.hidden = false;
  }

  function render() {
    applyPageWords();
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        userID: userID,
        locale: locale,
        styleOptions: { hideUploadButton: true, bubbleMaxWidth: 600, suggestedActionLayout: 'flow' },
      },
      document.getElementById('webchat'),
    );
  }

  locales.forEach(function (l) {
    var option = document.createElement('option');
    option.value = l;
    option.textContent = words(l).languageName || l;
    picker.appendChild(option);
  });
  picker.value = locale;
  picker.addEventListener('change', function () {
    locale = picker.value;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // private mode: the choice lasts for this page only
    }
    if (directLine) render();
    else applyPageWords();
  });

  applyPageWords();
  if (!window.WebChat) {
    showStatus('unavailable');
    return;
  }
  showStatus('connecting');
  fetch('/api/directline/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ locale: locale }),
  })
    .then(function (res) {
      if (!res.ok) throw new Error('token ' + res.status);
      return res.json();
    })
    .then(function (grant) {
      userID = grant.userId;
      // ?transport=streaming: the whole conversation on one socket (Direct Line App Service Extension).
      if (new URLSearchParams(location.search).get('transport') === 'streaming') {
        return window.WebChat.createDirectLineAppServiceExtension({
          token: grant.token,
          domain: location.origin + '/.bot/v3/directline',
        });
      }
      return window.WebChat.createDirectLine({
        token: grant.token,
        domain: location.origin + '/v3/directline',
        conversationStartProperties: { locale: locale },
      });
    })
    .then(function (connection) {
      directLine = connection;
      status.hidden = true;
      render();
    })
    .catch(function () {
      showStatus('unavailable');
    });
})();
