import { Type } from '@sinclair/typebox';
import type { App } from '../http/types';
import { IsoDateString, replies } from '../http/schemas';
import { AppError } from '../errors';
import { can } from '../policy/policy';
import { addWorkingDays, countWorkingDays, isIsoDate, isWorkingDay } from './calendar.domain';
import { listCalendarDays } from './calendar.repository';
import { checkYear, replaceCalendarYear } from './calendar.service';

const CalendarDay = Type.Object(
  {
    date: IsoDateString,
    kind: Type.Union([Type.Literal('day_off'), Type.Literal('makeup_workday')]),
    name: Type.String(),
    source: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  },
  { $id: 'CalendarDay' },
);

function date(value: string, field: string): string {
  if (!isIsoDate(value))
    throw new AppError('INVALID_DATE', `Trường "${field}": "${value}" không phải ngày hợp lệ. Định dạng đúng: YYYY-MM-DD.`);
  return value;
}

export function registerCalendarRoutes(app: App): void {
  app.addSchema(CalendarDay);
  const s = app.services;
  const tags = ['Lịch làm việc'];

  app.get(
    '/api/calendar/add-working-days',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'addWorkingDays',
        tags,
        summary: 'Ngày làm việc thứ N sau một ngày (không tính chính ngày đó)',
        querystring: Type.Object({ from: Type.String(), days: Type.Integer({ minimum: 0, maximum: 3650 }) }),
        response: replies({ 200: Type.Object({ date: IsoDateString }) }),
      },
    },
    async (req) => ({ date: addWorkingDays(s.calendar(), date(req.query.from, 'from'), req.query.days) }),
  );

  app.get(
    '/api/calendar/count-working-days',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'countWorkingDays',
        tags,
        summary: 'Số ngày làm việc trong khoảng (from, to]',
        querystring: Type.Object({ from: Type.String(), to: Type.String() }),
        response: replies({ 200: Type.Object({ days: Type.Integer() }) }),
      },
    },
    async (req) => ({ days: countWorkingDays(s.calendar(), date(req.query.from, 'from'), date(req.query.to, 'to')) }),
  );

  app.get(
    '/api/calendar/is-working-day',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'isWorkingDay',
        tags,
        summary: 'Một ngày có phải ngày làm việc',
        querystring: Type.Object({ date: Type.String() }),
        response: replies({ 200: Type.Object({ date: IsoDateString, workingDay: Type.Boolean() }) }),
      },
    },
    async (req) => ({ date: req.query.date, workingDay: isWorkingDay(s.calendar(), date(req.query.date, 'date')) }),
  );

  app.get(
    '/api/calendar/years/:year',
    {
      config: { permission: 'calendar.read' },
      schema: {
        operationId: 'getCalendarYear',
        tags,
        summary: 'Ngày nghỉ và ngày làm bù của một năm',
        params: Type.Object({ year: Type.Integer() }),
        response: replies({
          200: Type.Object({ year: Type.Integer(), days: Type.Array(Type.Ref('CalendarDay')), canEdit: Type.Boolean() }),
        }),
      },
    },
    async (req) => {
      const actor = req.requireActor();
      checkYear(req.params.year);
      return {
        year: req.params.year,
        days: (await listCalendarDays(s.db, req.params.year)) as never,
        canEdit: can(actor, 'calendar.update'),
      };
    },
  );

  app.put(
    '/api/calendar/years/:year',
    {
      config: { permission: 'calendar.update' },
      schema: {
        operationId: 'replaceCalendarYear',
        tags,
        summary: 'Thay toàn bộ ngày nghỉ, ngày làm bù của một năm (quản trị)',
        params: Type.Object({ year: Type.Integer() }),
        body: Type.Object({
          days: Type.Array(
            Type.Object({
              date: Type.String(),
              kind: Type.Union([Type.Literal('day_off'), Type.Literal('makeup_workday')]),
              name: Type.String({ maxLength: 200 }),
              source: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
            }),
            { maxItems: 100 },
          ),
        }),
        response: replies({
          200: Type.Object({ year: Type.Integer(), days: Type.Array(Type.Ref('CalendarDay')), canEdit: Type.Boolean() }),
        }),
      },
    },
    async (req) => {
      const days = await replaceCalendarYear(s, req.auditContext(), req.requireActor(), req.params.year, req.body.days);
      return { year: req.params.year, days: days as never, canEdit: true };
    },
  );
}
