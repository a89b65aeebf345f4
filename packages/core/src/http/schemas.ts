import { Type, type TSchema } from '@sinclair/typebox';

export const ErrorReply = Type.Object(
  {
    code: Type.String({ description: 'Mã lỗi ổn định, dùng cho chương trình' }),
    message: Type.String({ description: 'Thông báo cho người dùng, tiếng Việt' }),
    details: Type.Optional(Type.Unknown()),
  },
  { $id: 'ErrorReply' },
);

export const IsoDateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const IsoDateTimeString = Type.String({ description: 'ISO 8601 với múi giờ +07:00' });

export const errorResponses = {
  400: Type.Ref('ErrorReply'),
  401: Type.Ref('ErrorReply'),
  403: Type.Ref('ErrorReply'),
  404: Type.Ref('ErrorReply'),
} as const;

export function replies<T extends Record<number, TSchema>>(ok: T) {
  return { ...errorResponses, ...ok };
}
