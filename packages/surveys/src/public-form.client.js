// The public survey form's only script (served as /khao-sat/form.js): skip logic and sending the answers.
// Plain browser JavaScript, no dependencies, so the form stays small and fast on a cheap phone.
/* global document, XMLHttpRequest */
(function () {
  var form = document.getElementById('survey');
  if (!form) return;
  var status = document.getElementById('status');
  var startedAt = new Date().toISOString();
  var fields = Array.prototype.slice.call(form.querySelectorAll('fieldset[data-q]'));

  function valueOf(fs) {
    var id = fs.getAttribute('data-q');
    var type = fs.getAttribute('data-type');
    if (type === 'text') return fs.querySelector('textarea').value.trim() || undefined;
    if (type === 'number') {
      var n = fs.querySelector('input').value;
      return n === '' ? undefined : Number(n);
    }
    if (type === 'matrix') {
      var out = {};
      var any = false;
      Array.prototype.forEach.call(fs.querySelectorAll('input:checked'), function (i) {
        out[i.name.slice(id.length + 1)] = Number(i.value);
        any = true;
      });
      return any ? out : undefined;
    }
    var checked = fs.querySelectorAll('input:checked');
    if (!checked.length) return undefined;
    if (checked[0].type === 'checkbox')
      return Array.prototype.map.call(checked, function (i) {
        return Number(i.value);
      });
    return Number(checked[0].value);
  }

  function collect() {
    var answers = {};
    fields.forEach(function (fs) {
      if (fs.hidden) return;
      var v = valueOf(fs);
      if (v !== undefined) answers[fs.getAttribute('data-q')] = v;
    });
    return answers;
  }

  function applySkips() {
    var answers = collect();
    fields.forEach(function (fs) {
      var rule = fs.getAttribute('data-show-if');
      if (!rule) return;
      var r = JSON.parse(rule);
      var a = answers[r.question];
      var v = r.item && a && typeof a === 'object' ? a[r.item] : a;
      var shown = Array.isArray(v)
        ? v.some(function (x) {
            return r.values.indexOf(x) >= 0;
          })
        : r.values.indexOf(v) >= 0;
      fs.hidden = !shown;
    });
  }

  function say(text, ok) {
    status.hidden = false;
    status.className = ok ? 'ok' : 'err';
    status.textContent = text;
    status.setAttribute('tabindex', '-1');
    status.focus();
  }

  form.addEventListener('change', applySkips);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var answers = collect();
    var missing = fields.filter(function (fs) {
      return !fs.hidden && fs.getAttribute('aria-required') === 'true' && answers[fs.getAttribute('data-q')] === undefined;
    });
    if (missing.length) {
      say('Còn ' + missing.length + ' câu bắt buộc chưa trả lời.', false);
      var first = missing[0].querySelector('input,textarea');
      if (first) first.focus();
      return;
    }
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    button.textContent = 'Đang gửi…';
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/public/surveys/' + encodeURIComponent(form.getAttribute('data-token')) + '/responses');
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.onload = function () {
      if (xhr.status === 201) {
        form.querySelectorAll('section').forEach(function (s) {
          s.hidden = true;
        });
        button.hidden = true;
        say('Đã gửi phiếu. Xin trân trọng cảm ơn Ông/Bà đã tham gia khảo sát!', true);
        return;
      }
      var msg = 'Chưa gửi được phiếu.';
      try {
        msg = JSON.parse(xhr.responseText).message || msg;
      } catch {
        /* not JSON */
      }
      button.disabled = xhr.status === 409;
      button.textContent = 'Gửi phiếu';
      say(msg, false);
    };
    xhr.onerror = function () {
      button.disabled = false;
      button.textContent = 'Gửi lại';
      say('Mất kết nối mạng. Câu trả lời vẫn còn trên trang: hãy bấm "Gửi lại" khi có mạng.', false);
    };
    xhr.send(JSON.stringify({ answers: answers, startedAt: startedAt }));
  });
  applySkips();
})();
