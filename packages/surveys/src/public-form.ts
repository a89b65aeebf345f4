/**
 * The public form a sampled person opens from the link or QR code: one server-rendered HTML page (no
 * framework, one small script for skip logic and sending), so it is fast on a cheap phone over 3G and
 * accessible (WCAG 2.1 AA: every control labelled, fieldsets with legends, keyboard order, visible focus,
 * contrast ≥ 4.5:1, errors announced). The page never asks for a name or a number.
 */
import fs from 'node:fs';
import type { publicForm } from './response.service';

type Form = Awaited<ReturnType<typeof publicForm>>;
type Q = Form['questions'][number];

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const FORM_SCRIPT = fs.readFileSync(new URL('./public-form.client.js', import.meta.url), 'utf8');

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f6f8}
main{max-width:760px;margin:0 auto;padding:16px}header{background:#0b4f8a;color:#fff;padding:16px}header h1{font-size:1.25rem;margin:0 0 4px}
header p{margin:0;font-size:.95rem}section{background:#fff;border-radius:8px;padding:12px 16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:1.1rem;margin:4px 0 8px;color:#0b4f8a}h3{font-size:1rem;margin:12px 0 4px}fieldset{border:0;border-top:1px solid #e3e6ea;margin:0;padding:10px 0}
legend{font-weight:600;padding:0;margin-bottom:6px}label{display:flex;gap:8px;align-items:flex-start;padding:6px 4px;border-radius:4px;cursor:pointer}
label:hover{background:#eef4fb}input[type=radio],input[type=checkbox]{width:22px;height:22px;flex:none;margin:1px 0 0}
.scale{display:grid;grid-template-columns:repeat(5,1fr);gap:4px}.scale label{flex-direction:column;align-items:center;text-align:center;font-size:.8rem;border:1px solid #c8ced6}
.row{border-top:1px dashed #e3e6ea;padding:6px 0}.row>p{margin:0 0 4px}.opts{display:flex;flex-wrap:wrap;gap:4px 12px}
textarea,input[type=number]{width:100%;font:inherit;padding:8px;border:1px solid #6b7480;border-radius:4px}
:focus-visible{outline:3px solid #d9480f;outline-offset:2px}button{font:inherit;font-weight:600;background:#0b4f8a;color:#fff;border:0;border-radius:6px;padding:12px 24px;min-height:48px;width:100%}
button:disabled{background:#6b7480}.req{color:#b3261e}#status{margin:12px 0;padding:12px;border-radius:6px}#status.err{background:#fdecea;color:#8c1d18}
#status.ok{background:#e6f4ea;color:#14532d}[hidden]{display:none!important}.note{font-size:.9rem;color:#444}`;

function control(q: Q): string {
  const name = esc(q.id);
  const req = q.required ? ' <span class="req" aria-hidden="true">*</span>' : '';
  const reqAttr = q.required ? ' aria-required="true"' : '';
  const showIf = q.showIf ? ` data-show-if="${esc(JSON.stringify(q.showIf))}" hidden` : '';
  const radio = (n: string, o: { value: number; label: string }, type = 'radio') =>
    `<label><input type="${type}" name="${esc(n)}" value="${o.value}"><span>${esc(o.label)}</span></label>`;
  switch (q.type) {
    case 'scale5':
      return `<fieldset data-q="${name}"${showIf}${reqAttr}><legend>${esc(q.text)}${req}</legend><div class="scale">${q.options
        .map((o) => radio(q.id, o))
        .join('')}</div></fieldset>`;
    case 'single':
    case 'multiple':
      return `<fieldset data-q="${name}"${showIf}${reqAttr}><legend>${esc(q.text)}${req}</legend>${q.options
        .map((o) => radio(q.id, o, q.type === 'single' ? 'radio' : 'checkbox'))
        .join('')}</fieldset>`;
    case 'matrix':
      return `<fieldset data-q="${name}" data-type="matrix"${showIf}${reqAttr}><legend>${esc(q.text)}${req}</legend>${q.items
        .map(
          (i) =>
            `<div class="row" role="radiogroup" aria-labelledby="${name}-${esc(i.id)}"><p id="${name}-${esc(i.id)}">${esc(i.text)}</p><div class="opts">${q.options
              .map((o) => radio(`${q.id}.${i.id}`, o))
              .join('')}</div></div>`,
        )
        .join('')}</fieldset>`;
    case 'number':
      return `<fieldset data-q="${name}" data-type="number"${showIf}><legend><label for="f-${name}" style="display:inline;padding:0">${esc(q.text)}${req}</label></legend><input id="f-${name}" type="number" inputmode="numeric" name="${name}"${q.min !== null ? ` min="${q.min}"` : ''}${q.max !== null ? ` max="${q.max}"` : ''}${reqAttr}></fieldset>`;
    default:
      return `<fieldset data-q="${name}" data-type="text"${showIf}><legend><label for="f-${name}" style="display:inline;padding:0">${esc(q.text)}${req}</label></legend><textarea id="f-${name}" name="${name}" rows="3" maxlength="4000"${reqAttr}></textarea></fieldset>`;
  }
}

export function renderFormPage(token: string, form: Form): string {
  const byId = new Map(form.questions.map((q) => [q.id, q]));
  const sections = form.sections
    .map((sec) => {
      let group: string | null = null;
      const parts = sec.questions.map((id) => {
        const q = byId.get(id)!;
        const head = q.group && q.group !== group ? `<h3>${esc((group = q.group))}</h3>` : '';
        return head + control(q);
      });
      const hasScale = sec.questions.some((id) => byId.get(id)?.type === 'scale5');
      return `<section aria-labelledby="s-${esc(sec.id)}"><h2 id="s-${esc(sec.id)}">${esc(sec.title)}</h2>${
        hasScale ? '<p class="note">Chọn một mức từ 1 (Rất không hài lòng) đến 5 (Rất hài lòng).</p>' : ''
      }${parts.join('')}</section>`;
    })
    .join('');
  return page(
    form.title,
    `<header><h1>${esc(form.title)}</h1><p>${esc(form.surveyName)} — đơn vị được đánh giá: ${esc(form.unitName)}</p></header>
<main>${form.intro ? `<p>${esc(form.intro)}</p>` : ''}<p class="note">Câu có dấu <span class="req">*</span> là bắt buộc. Không cần ghi họ tên hay số điện thoại.</p>
<noscript><p id="status" class="err">Trình duyệt đang tắt JavaScript: hãy bật lên để gửi phiếu, hoặc điền phiếu giấy và gửi qua bưu điện.</p></noscript>
<form id="survey" data-token="${esc(token)}" novalidate>${sections}
<div id="status" role="status" aria-live="polite" hidden></div><button type="submit">Gửi phiếu</button></form></main>`,
  );
}

export function renderMessagePage(title: string, message: string): string {
  return page(title, `<header><h1>${esc(title)}</h1></header><main><section><p>${esc(message)}</p></section></main>`, false);
}

function page(title: string, body: string, script = true): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><meta name="robots" content="noindex"><style>${CSS}</style></head><body>${body}${
    script ? '<script src="/khao-sat/form.js" defer></script>' : ''
  }</body></html>`;
}
