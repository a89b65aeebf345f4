/**
 * What the directives module publishes through core's metrics registry (DOMAIN §5):
 * - `tasks.onTimeRate`: of the obligations (report periods) of tasks led by a unit that fell due in the
 *   range (up to today), the share accepted with a report sent by the due date;
 * - `tasks.byIndexComponent`: per component of an index (`of` = PAPI, PAR…), the tasks protecting it,
 *   how many are overdue or done, and the first few (overdue first).
 */
import { sql } from 'kysely';
import { percent, unitScope, whereInScope, type Actor, type AppServices, type MetricDefinition, type MetricPoint } from '@cchc/core';
import * as status from './task.status';
import { localDate } from './task.status';
import { loadTasks } from './task.service';

export const tasksOnTimeRate: MetricDefinition = {
  key: 'tasks.onTimeRate',
  label: 'Tỷ lệ nhiệm vụ hoàn thành đúng hạn',
  unit: 'percent',
  description:
    'Trong các kỳ báo cáo của nhiệm vụ do đơn vị chủ trì đã đến hạn trong khoảng thời gian: tỷ lệ được Sở Nội vụ chấp nhận với báo cáo gửi đúng hạn.',
  permission: 'directive.read',
  async compute(s, actor, q) {
    const asOf = q.to < s.today() ? q.to : s.today();
    let query = s.db
      .selectFrom('taskObligation as o')
      .innerJoin('task as t', 't.id', 'o.taskId')
      .innerJoin('directive as d', 'd.id', 't.directiveId')
      .innerJoin('unit as u', 'u.id', 't.leadUnitId')
      .leftJoin('taskReport as r', (j) => j.onRef('r.taskId', '=', 'o.taskId').onRef('r.periodKey', '=', 'o.periodKey'))
      .where('d.provinceCode', '=', s.provinceCode)
      .where('o.dueDate', '>=', q.from)
      .where('o.dueDate', '<=', asOf);
    query = whereInScope(query, 't.leadUnitId', (await unitScope(s.db, actor)).ids);
    if (q.unit && q.unit !== s.provinceCode)
      query = query.where((eb) =>
        eb.or([
          eb('u.code', '=', q.unit!),
          eb(
            'u.parentId',
            'in',
            eb.selectFrom('unit as pu').select('pu.id').where('pu.code', '=', q.unit!).where('pu.validTo', 'is', null),
          ),
        ]),
      );
    const counts = [
      sql<number>`count(*)::int`.as('due'),
      sql<number>`(count(*) filter (where r.state = 'accepted' and ${localDate('r.submitted_at')} <= o.due_date))::int`.as('onTime'),
      sql<number>`(count(*) filter (where r.state = 'accepted'))::int`.as('done'),
      sql<number>`(count(*) filter (where r.state is distinct from 'accepted' and o.due_date < ${asOf}::date))::int`.as('overdue'),
    ] as const;
    const point = (
      key: string,
      label: string | undefined,
      c: { due: number; onTime: number; done: number; overdue: number },
      link: string,
    ): MetricPoint => ({
      key,
      label,
      value: percent(c.onTime, c.due),
      numerator: c.onTime,
      denominator: c.due,
      parts: { done: c.done, overdue: c.overdue },
      link,
    });
    if (q.byUnit) {
      const rows = await query
        .select(['u.code', 'u.name', ...counts])
        .groupBy(['u.code', 'u.name'])
        .orderBy('u.code')
        .execute();
      return rows.map((r) => point(r.code, r.name, r, `/directives?tab=tasks&unit=${encodeURIComponent(r.code)}`));
    }
    const c = await query.select([...counts]).executeTakeFirstOrThrow();
    const key = q.unit ?? s.provinceCode;
    return [point(key, undefined, c, `/directives?tab=tasks&unit=${encodeURIComponent(key)}`)];
  },
};

export const tasksByIndexComponent: MetricDefinition = {
  key: 'tasks.byIndexComponent',
  label: 'Nhiệm vụ bảo vệ từng thành phần chỉ số',
  unit: 'count',
  description:
    'Số nhiệm vụ trong văn bản chỉ đạo liên kết với mỗi thành phần của chỉ số (of = PAPI, PAR, SIPAS, 766), số quá hạn, đã xong.',
  permission: 'directive.read',
  async compute(s, actor, q) {
    if (!q.of) return [];
    const byComponent = await linkedTasksByComponent(s, actor, q.of);
    return [...byComponent.entries()].map(([key, e]) => ({
      key,
      value: e.linked,
      parts: { overdue: e.overdue, done: e.done },
      link: `/directives?tab=tasks&index=${encodeURIComponent(q.of!)}&component=${encodeURIComponent(key)}`,
      items: e.items.map((t) => ({
        id: String(t.id),
        label: `${t.directiveNumber} – ${t.content.length > 100 ? `${t.content.slice(0, 100)}…` : t.content}`,
        status: t.status,
        statusLabel: t.statusLabel,
        unitName: t.leadUnitName,
        link: `/directives/tasks/${t.id}`,
      })),
    }));
  },
};

const LINKED_SHOWN = 10;

/**
 * Directive tasks that protect each component of an index (for the index analysis page): counts per
 * component in SQL, and only the few shown are loaded.
 */
export async function linkedTasksByComponent(s: AppServices, actor: Actor, indexCode: string) {
  const links = await s.db
    .selectFrom('taskIndexLink as l')
    .innerJoin('task as t', 't.id', 'l.taskId')
    .innerJoin('directive as d', 'd.id', 't.directiveId')
    .select(['l.componentCode', 'l.taskId'])
    .where('l.indexCode', '=', indexCode)
    .where('d.provinceCode', '=', s.provinceCode)
    .execute();
  const f = {
    scope: actor.scope,
    provinceCode: s.provinceCode,
    asOf: s.today(),
    taskIds: [...new Set(links.map((l) => Number(l.taskId)))],
  };
  const statuses = await status
    .scopedTasks(s.db, f)
    .select(['t.id', sql<string>`coalesce(ts.status, 'not_started')`.as('status'), sql<string | null>`ts.overdue_since`.as('overdueSince')])
    .execute();
  const byTask = new Map(statuses.map((r) => [Number(r.id), r]));
  // Per component: overdue first (longest overdue first), then by id; the first few are shown.
  const ranked = new Map<string, { id: number; status: string; overdueSince: string | null }[]>();
  for (const l of links) {
    const st = byTask.get(Number(l.taskId));
    if (!st) continue; // outside the caller's scope
    ranked.set(l.componentCode, [
      ...(ranked.get(l.componentCode) ?? []),
      { id: Number(st.id), status: st.status, overdueSince: st.overdueSince },
    ]);
  }
  const rows: { componentCode: string; id: number; status: string; rank: number }[] = [];
  for (const [componentCode, list] of ranked) {
    list.sort(
      (a, b) =>
        Number(b.status === 'overdue') - Number(a.status === 'overdue') ||
        (a.overdueSince ?? '9999').localeCompare(b.overdueSince ?? '9999') ||
        a.id - b.id,
    );
    list.forEach((x, i) => rows.push({ componentCode, id: x.id, status: x.status, rank: i + 1 }));
  }
  const shown = [...new Set(rows.filter((r) => Number(r.rank) <= LINKED_SHOWN).map((r) => Number(r.id)))];
  const tasks = await loadTasks(s, actor, { taskIds: shown });
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const out = new Map<
    string,
    {
      linked: number;
      overdue: number;
      done: number;
      items: {
        id: number;
        label: string;
        content: string;
        status: string;
        statusLabel: string;
        leadUnitName: string;
        directiveNumber: string;
        nextDueDate: string | null;
      }[];
    }
  >();
  for (const r of rows) {
    const e = out.get(r.componentCode) ?? { linked: 0, overdue: 0, done: 0, items: [] };
    e.linked++;
    if (r.status === 'overdue') e.overdue++;
    if (r.status === 'done_on_time' || r.status === 'done_late') e.done++;
    const t = Number(r.rank) <= LINKED_SHOWN ? byId.get(Number(r.id)) : undefined;
    if (t)
      e.items.push({
        id: t.id,
        label: t.label,
        content: t.content,
        status: t.status,
        statusLabel: t.statusLabel,
        leadUnitName: t.leadUnitName,
        directiveNumber: t.directiveNumber,
        nextDueDate: t.nextDueDate,
      });
    out.set(r.componentCode, e);
  }
  for (const e of out.values()) e.items.sort((a, b) => Number(b.status === 'overdue') - Number(a.status === 'overdue'));
  return out;
}
