// Web chat for residents: no build step, no framework. Talks to POST /api/answer with a session id
// (so "回复序号" clarifications work across messages) and to POST /api/feedback.
(function () {
  'use strict';
  var SESSION_KEY = 'gda-chat-session';
  var ELDER_KEY = 'gda-chat-elder';
  var messages = document.getElementById('messages');
  var form = document.getElementById('ask-form');
  var input = document.getElementById('question');
  var send = document.getElementById('send');
  var elderToggle = document.getElementById('elder-toggle');

  function storage(key, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(key);
      window.localStorage.setItem(key, value);
    } catch (e) { /* private mode: the page still works, nothing is remembered */ }
    return null;
  }

  function sessionId() {
    var id = storage(SESSION_KEY);
    if (!id || !/^web-[0-9a-f]{16,32}$/.test(id)) {
      var bytes = new Uint8Array(12);
      window.crypto.getRandomValues(bytes);
      id = 'web-' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
      storage(SESSION_KEY, id);
    }
    return id;
  }

  function setElder(on) {
    document.documentElement.classList.toggle('elder', on);
    elderToggle.setAttribute('aria-pressed', on ? 'true' : 'false');
    elderToggle.textContent = on ? '长者模式：开' : '长者模式';
    storage(ELDER_KEY, on ? '1' : '0');
  }

  function bubble(kind, text) {
    var row = document.createElement('div');
    row.className = 'msg ' + kind;
    var box = document.createElement('div');
    box.className = 'bubble';
    box.textContent = text;
    row.appendChild(box);
    messages.appendChild(row);
    row.scrollIntoView({ block: 'end', behavior: 'smooth' });
    return box;
  }

  function button(label, className, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    if (className) b.className = className;
    b.addEventListener('click', onClick);
    return b;
  }

  function feedbackButtons(box, concernId, exchangeId, question) {
    var actions = document.createElement('div');
    actions.className = 'actions';
    function vote(useful) {
      Array.prototype.forEach.call(actions.querySelectorAll('button'), function (b) { b.disabled = true; });
      postJson('/api/feedback', { exchangeId: exchangeId, concernId: concernId, useful: useful, sessionId: sessionId(), question: question }).then(function () {
        var note = document.createElement('div');
        note.className = 'thanks';
        note.textContent = useful ? '感谢您的反馈！' : '感谢反馈，我们会改进这条答复。也可以换个说法再问，或拨打 12345。';
        box.appendChild(note);
      }, function (error) { showError(error); });
    }
    actions.appendChild(button('👍 有用', 'useful', function () { vote(true); }));
    actions.appendChild(button('👎 没用', 'not-useful', function () { vote(false); }));
    var link = document.createElement('a');
    link.href = '/answer/' + encodeURIComponent(concernId);
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = '完整答复';
    actions.appendChild(link);
    box.appendChild(actions);
  }

  function choiceButtons(box, choices) {
    var actions = document.createElement('div');
    actions.className = 'actions';
    choices.forEach(function (c) {
      actions.appendChild(button(c.number + '. ' + c.title, 'choice', function () {
        Array.prototype.forEach.call(actions.querySelectorAll('button'), function (b) { b.disabled = true; });
        // The concern id, not the number: a button clicked long after its clarification still works.
        ask(c.title, c.title, c.id);
      }));
    });
    box.appendChild(actions);
  }

  function postJson(url, body) {
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (data) {
          if (!res.ok) {
            var message = Array.isArray(data.message) ? data.message.join('；') : data.message;
            throw new Error(message || '服务暂时不可用，请稍后再试');
          }
          return data;
        });
      });
  }

  function showError(error) {
    var box = bubble('bot', '抱歉，' + (error && error.message ? error.message : '网络异常') + '。也可以拨打 12345 政务服务便民热线咨询。');
    box.parentNode.classList.add('error');
  }

  function ask(text, shown, choice) {
    bubble('me', shown || text);
    send.disabled = true;
    var body = { text: text, userId: sessionId(), channel: 'web' };
    if (choice) body.choice = choice;
    return postJson('/api/answer', body)
      .then(function (result) {
        var box = bubble('bot', result.reply);
        if (result.choices && result.choices.length) choiceButtons(box, result.choices);
        if (result.decision === 'answer' && result.concern) feedbackButtons(box, result.concern.id, result.exchangeId, text);
      }, showError)
      .then(function () { send.disabled = false; });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    ask(text);
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  elderToggle.addEventListener('click', function () { setElder(!document.documentElement.classList.contains('elder')); });
  setElder(storage(ELDER_KEY) === '1');
})();
