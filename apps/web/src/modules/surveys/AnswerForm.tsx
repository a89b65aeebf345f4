/** A questionnaire as a form for staff (paper forms keyed, interviews, the kiosk): every question type, skip logic. */
import { Checkbox, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { isShown, SCALE5, type Answers, type Definition, type Question } from './common';

export function AnswerForm({
  definition,
  value,
  onChange,
  only,
  large,
}: {
  definition: Definition;
  value: Answers;
  onChange: (next: Answers) => void;
  /** Show only these questions (the kiosk's service items). */
  only?: (q: Question) => boolean;
  /** Big touch targets (the kiosk). */
  large?: boolean;
}) {
  const set = (id: string, v: Answers[string] | undefined) => {
    const next = { ...value };
    if (v === undefined || v === '' || (Array.isArray(v) && !v.length)) delete next[id];
    else next[id] = v;
    onChange(next);
  };
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      {definition.sections.map((s) => {
        const questions = s.questions.filter((q) => (!only || only(q)) && isShown(q, value));
        if (!questions.length) return null;
        let group: string | undefined;
        return (
          <section key={s.id} aria-label={s.title}>
            <Typography.Title level={5} style={{ marginTop: 12 }}>
              {s.title}
            </Typography.Title>
            {questions.map((q) => {
              const head = q.group && q.group !== group ? (group = q.group) : null;
              return (
                <div key={q.id} className="survey-question">
                  {head && <Typography.Text strong>{head}</Typography.Text>}
                  <div id={`q-${q.id}`} style={{ margin: '6px 0 2px' }}>
                    {!large && <Typography.Text type="secondary">{q.id}. </Typography.Text>}
                    {q.text}
                    {q.required && <Typography.Text type="danger"> *</Typography.Text>}
                  </div>
                  <Control q={q} value={value[q.id]} onChange={(v) => set(q.id, v)} large={large} />
                </div>
              );
            })}
          </section>
        );
      })}
    </Space>
  );
}

function Control({
  q,
  value,
  onChange,
  large,
}: {
  q: Question;
  value: Answers[string] | undefined;
  onChange: (v: Answers[string] | undefined) => void;
  large?: boolean;
}) {
  const options = q.type === 'scale5' ? SCALE5 : (q.options ?? []);
  switch (q.type) {
    case 'scale5':
    case 'single':
      return (
        <Radio.Group
          aria-labelledby={`q-${q.id}`}
          value={value}
          onChange={(e) => onChange(e.target.value as number)}
          optionType={q.type === 'scale5' ? 'button' : 'default'}
          buttonStyle="solid"
          size={large ? 'large' : 'middle'}
          options={options.map((o) => ({ value: o.value, label: q.type === 'scale5' ? `${o.value} · ${o.label}` : o.label }))}
        />
      );
    case 'multiple':
      return (
        <Checkbox.Group
          aria-labelledby={`q-${q.id}`}
          value={(value as number[] | undefined) ?? []}
          onChange={(v) => onChange(v as number[])}
          options={options.map((o) => ({ value: o.value, label: o.label }))}
        />
      );
    case 'matrix': {
      const m = (value as Record<string, number> | undefined) ?? {};
      return (
        <Space direction="vertical" size={2} style={{ width: '100%' }}>
          {(q.items ?? []).map((i) => (
            <div key={i.id} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
              <span style={{ minWidth: 220, flex: '1 1 220px' }} id={`q-${q.id}-${i.id}`}>
                {i.text}
              </span>
              <Radio.Group
                aria-labelledby={`q-${q.id}-${i.id}`}
                value={m[i.id]}
                onChange={(e) => onChange({ ...m, [i.id]: e.target.value as number })}
                options={options.map((o) => ({ value: o.value, label: o.label }))}
              />
            </div>
          ))}
        </Space>
      );
    }
    case 'number':
      return (
        <InputNumber
          aria-labelledby={`q-${q.id}`}
          value={value as number | undefined}
          min={q.min ?? undefined}
          max={q.max ?? undefined}
          onChange={(v) => onChange(v ?? undefined)}
          decimalSeparator=","
        />
      );
    default:
      return (
        <Input.TextArea
          aria-labelledby={`q-${q.id}`}
          rows={2}
          maxLength={4000}
          value={(value as string | undefined) ?? ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}
